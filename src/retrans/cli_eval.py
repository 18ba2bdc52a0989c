"""``retrans eval fix``: measure the edits of ``fix`` against human post-edits and references.

``register(app)`` adds the command to the ``eval`` group (created if the detector has not).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


class OutFmt(str, Enum):
    text = "text"
    json = "json"


def parse_sources(spec: str) -> dict[str, str | None]:
    """``guess`` | ``given`` | ``fr`` | ``wmt14=fr,mlqe=given,*=guess`` → data set → source."""
    from retrans.errors import InputError

    out: dict[str, str | None] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key, _, val = part.rpartition("=")
        key = key.strip() or "*"
        val = val.strip().lower()
        if not val or not (val.isalpha() or val == "*"):
            raise InputError(f"bad --source {part!r} (guess, given, a language, or SET=LANG)")
        out[key] = None if val == "guess" else val
    return out


def eval_fix_cmd(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Pair files: the dev data (wmt14*, wmt22*, mlqe*) or TSV/JSONL with mt, "
            "human[, doc_id]. Default: every dev file in ../shared/data."
        ),
    ] = None,
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="Source language: guess (the detector, as `retrans fix` does), given (the "
            "data set's own), a code, or per data set: wmt14=fr,mlqe=given.",
        ),
    ] = "guess",
    limit: Annotated[
        int | None, typer.Option("--limit", help="At most this many MT documents per file.")
    ] = None,
    systems: Annotated[
        int | None,
        typer.Option("--systems", help="At most this many MT systems per source document."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the sample.")] = 0,
    doc_size: Annotated[
        int, typer.Option("--doc-size", help="MLQE rows per pseudo-document.")
    ] = 10,
    style: Annotated[str | None, typer.Option("--style", help="House style.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Config file to use.")] = None,
    human: Annotated[
        bool, typer.Option("--human/--no-human", help="Also run fix on the human text.")
    ] = True,
    gated: Annotated[
        bool,
        typer.Option(
            "--gated/--ungated",
            help="Ungated: every rule edits, as if all had earned it (to measure them).",
        ),
    ] = True,
    examples: Annotated[
        int, typer.Option("--examples", help="Show this many non-agreeing edits per code.")
    ] = 0,
    format: Annotated[OutFmt, typer.Option("--format", help="Output format.")] = OutFmt.text,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the JSON report here.")
    ] = None,
) -> None:
    """Do fix's edits agree with the humans? Per rule code: applied, agree, disagree."""
    from retrans.config import load_config
    from retrans.errors import InputError
    from retrans.evaluate import data
    from retrans.evaluate.fix import FixEval, format_text

    files = list(paths or [])
    if not files:
        files = data.default_files(DEFAULT_DATA)
        if not files:
            raise InputError("no pair files given and no dev data", str(DEFAULT_DATA))
    cfg = load_config(config) if config is not None else None
    ev = FixEval(parse_sources(source), style, cfg, examples, human, gated)
    for f in files:
        pairs = data.sample(list(data.load(f, doc_size)), limit, seed, systems)
        ev.run(pairs)
    rep: dict[str, Any] = ev.report.to_dict()
    if out is not None:
        from retrans.paths import atomic_write

        atomic_write(out, (json.dumps(rep, indent=1, ensure_ascii=False) + "\n").encode())
    if format is OutFmt.json:
        sys.stdout.write(json.dumps(rep, indent=1, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(rep))


def register(app: typer.Typer) -> None:
    """Add ``eval fix`` to the ``eval`` group of the main app."""
    eval_app: typer.Typer | None = None
    for group in getattr(app, "registered_groups", []):
        if group.name == "eval" and group.typer_instance is not None:
            eval_app = group.typer_instance
            break
    if eval_app is None:
        eval_app = typer.Typer(no_args_is_help=True, help="Measure retrans on labelled data.")
        app.add_typer(eval_app, name="eval")
    eval_app.command("fix")(eval_fix_cmd)
