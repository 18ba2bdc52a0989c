"""``retrans batch``: clean whole archives (folders, JSONL dumps, tar/zip), resumable, on
local worker processes or a Dask cluster. ``register(app)`` adds the command; the batch
package loads only when the command runs."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


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


def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Folders, JSONL/NDJSON files, .tar/.tar.gz/.zip archives.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder (mirrors the inputs).")],
    check: Annotated[
        bool, typer.Option("--check/--fix", help="Write findings only / cleaned text (default).")
    ] = False,
    field: Annotated[str, typer.Option("--field", help="JSONL field holding the text.")] = "text",
    id_field: Annotated[
        str | None, typer.Option("--id-field", help="JSONL field naming a record (ledger key).")
    ] = None,
    glob: Annotated[
        str | None, typer.Option("--glob", help="Only files matching this pattern (e.g. '*.md').")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip items the ledger has done (changed ones redo).")
    ] = False,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Allow --out to be, or be inside, an input.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: the cores).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on a Dask cluster: tcp://HOST:PORT."),
    ] = None,
    max_errors: Annotated[
        int, typer.Option("--max-errors", help="Stop after this many failed items (0: never).")
    ] = 0,
    chunk: Annotated[int, typer.Option("--chunk", help="Items per chunk sent to a worker.")] = 16,
    max_item_mb: Annotated[
        float, typer.Option("--max-item-mb", help="Largest document, member or JSONL line.")
    ] = 64.0,
    max_members: Annotated[
        int, typer.Option("--max-members", help="Most members read from one archive.")
    ] = 1_000_000,
    max_archive_gb: Annotated[
        float, typer.Option("--max-archive-gb", help="Most uncompressed bytes per archive.")
    ] = 32.0,
    progress: Annotated[
        ProgressMode, typer.Option("--progress", help="Progress display.")
    ] = ProgressMode.auto,
    config: Annotated[Path | None, typer.Option("--config", help="Config file to use.")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source language (guessed if unset).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Text language.")] = None,
    style: Annotated[str | None, typer.Option("--style", help="House style for names.")] = None,
) -> None:
    """Clean or check whole archives (folders, JSONL, tar/zip), resumable, in parallel.

    A ledger in --out/.retrans-batch makes the job resumable (--resume); the job ends with a
    report (printed, and summary.md, report.html, items.jsonl there). Exit 1 when any item
    failed, 2 on bad usage."""
    from retrans.batch.adapter import EngineOptions, find_config_for
    from retrans.batch.runner import Driver, Spec
    from retrans.batch.sources import Limits

    cfg = str(config) if config else find_config_for(Path(inputs[0]) if inputs else Path("."))
    spec = Spec(
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
    stats = Driver(spec).run()
    if stats.failed_total or stats.stopped:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
