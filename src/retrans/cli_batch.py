"""``retrans batch``: clean whole archives (folders, JSONL dumps, tar/zip), resumable, on
local worker processes or a Dask cluster. ``register(app)`` adds the command; the batch
package loads only when the command runs."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from retrans.batch.runner import Spec


class ProgressMode(str, Enum):
    auto = "auto"
    rich = "rich"
    plain = "plain"
    none = "none"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# The command's arguments and options, as annotated types so that ``batch`` stays readable.
Inputs = Annotated[
    list[str], typer.Argument(help="Folders, JSONL/NDJSON files, .tar/.tar.gz/.zip archives.")
]
OutOpt = Annotated[Path, typer.Option("--out", help="Output folder (mirrors the inputs).")]
CheckOpt = Annotated[
    bool, typer.Option("--check/--fix", help="Write findings only / cleaned text (default).")
]
FieldOpt = Annotated[str, typer.Option("--field", help="JSONL field holding the text.")]
IdFieldOpt = Annotated[
    str | None, typer.Option("--id-field", help="JSONL field naming a record (ledger key).")
]
GlobOpt = Annotated[
    str | None, typer.Option("--glob", help="Only files matching this pattern (e.g. '*.md').")
]
ResumeOpt = Annotated[
    bool, typer.Option("--resume", help="Skip items the ledger has done (changed ones redo).")
]
InPlaceOpt = Annotated[
    bool, typer.Option("--in-place", help="Allow --out to be, or be inside, an input.")
]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", help="Worker processes (default: the cores).")
]
SchedulerOpt = Annotated[
    str | None, typer.Option("--scheduler", help="Run on a Dask cluster: tcp://HOST:PORT.")
]
MaxErrorsOpt = Annotated[
    int, typer.Option("--max-errors", help="Stop after this many failed items (0: never).")
]
ChunkOpt = Annotated[int, typer.Option("--chunk", help="Items per chunk sent to a worker.")]
MaxItemOpt = Annotated[
    float, typer.Option("--max-item-mb", help="Largest document, member or JSONL line.")
]
MaxMembersOpt = Annotated[
    int, typer.Option("--max-members", help="Most members read from one archive.")
]
MaxArchiveOpt = Annotated[
    float, typer.Option("--max-archive-gb", help="Most uncompressed bytes per archive.")
]
ProgressOpt = Annotated[ProgressMode, typer.Option("--progress", help="Progress display.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Config file to use.")]
SourceOpt = Annotated[
    str | None, typer.Option("--source", help="Source language (guessed if unset).")
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Text language.")]
StyleOpt = Annotated[str | None, typer.Option("--style", help="House style for names.")]


def _spec(
    inputs: list[str],
    out: Path,
    *,
    check: bool,
    field: str,
    id_field: str | None,
    glob: str | None,
    resume: bool,
    in_place: bool,
    jobs: int | None,
    scheduler: str | None,
    max_errors: int,
    chunk: int,
    max_item_mb: float,
    max_members: int,
    max_archive_gb: float,
    progress: ProgressMode,
    config: Path | None,
    source: str | None,
    lang: str | None,
    style: str | None,
) -> Spec:
    """The job the options describe (the batch package loads only here)."""
    from retrans.batch.adapter import EngineOptions, find_config_for
    from retrans.batch.runner import Spec
    from retrans.batch.sources import Limits

    cfg = str(config) if config else find_config_for(Path(inputs[0]) if inputs else Path("."))
    return Spec(
        inputs=inputs,
        out=out,
        fix=not check,
        field_name=field,
        id_field=id_field,
        glob=glob,
        resume=resume,
        in_place=in_place,
        jobs=max(1, jobs if jobs is not None else _cores()),
        scheduler=scheduler,
        max_errors=max(0, max_errors),
        chunk_items=max(1, chunk),
        limits=Limits(
            max_item_bytes=int(max_item_mb * (1 << 20)),
            max_members=max_members,
            max_archive_bytes=int(max_archive_gb * (1 << 30)),
        ),
        engine=EngineOptions(cfg, source, lang, style),
        progress=progress.value,
    )


def batch(
    inputs: Inputs,
    out: OutOpt,
    check: CheckOpt = False,
    field: FieldOpt = "text",
    id_field: IdFieldOpt = None,
    glob: GlobOpt = None,
    resume: ResumeOpt = False,
    in_place: InPlaceOpt = False,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    max_errors: MaxErrorsOpt = 0,
    chunk: ChunkOpt = 16,
    max_item_mb: MaxItemOpt = 64.0,
    max_members: MaxMembersOpt = 1_000_000,
    max_archive_gb: MaxArchiveOpt = 32.0,
    progress: ProgressOpt = ProgressMode.auto,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
    style: StyleOpt = None,
) -> None:
    """Clean or check whole archives (folders, JSONL, tar/zip), resumable, in parallel.

    A ledger in --out/.retrans-batch makes the job resumable (--resume); the job ends with a
    report (printed, and summary.md, report.html, items.jsonl there). Exit 1 when any item
    failed, 2 on bad usage."""
    from retrans.batch.runner import Driver

    spec = _spec(
        inputs,
        out,
        check=check,
        field=field,
        id_field=id_field,
        glob=glob,
        resume=resume,
        in_place=in_place,
        jobs=jobs,
        scheduler=scheduler,
        max_errors=max_errors,
        chunk=chunk,
        max_item_mb=max_item_mb,
        max_members=max_members,
        max_archive_gb=max_archive_gb,
        progress=progress,
        config=config,
        source=source,
        lang=lang,
        style=style,
    )
    stats = Driver(spec).run()
    if stats.failed_total or stats.stopped:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
