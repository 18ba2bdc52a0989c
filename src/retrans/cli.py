"""The ``retrans`` command line (typer). Heavy modules load inside commands, not here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from retrans.errors import InputError, RetransError

if TYPE_CHECKING:
    from retrans.config import Config
    from retrans.document import Document
    from retrans.inputs import Input
    from retrans.pipeline import Pipeline

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Clean up machine-translated news text: names, calques, typography.",
)
rules_app = typer.Typer(no_args_is_help=False, help="List the rules of the rule packs.")
glossary_app = typer.Typer(no_args_is_help=True, help="Browse, validate and import glossaries.")
app.add_typer(rules_app, name="rules")
app.add_typer(glossary_app, name="glossary")


class Fmt(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class InFmt(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    jsonl = "jsonl"


Paths = Annotated[list[str], typer.Argument(help="Files or folders; - reads standard input.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Config file to use.")]
SourceOpt = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Source language of the translation (fr, de, es, it, ru); guessed if unset.",
    ),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Text language (default: detect).")]
StyleOpt = Annotated[str | None, typer.Option("--style", help="House style for names.")]
FieldOpt = Annotated[str, typer.Option("--field", help="JSONL field holding the text.")]
InFmtOpt = Annotated[
    InFmt, typer.Option("--input-format", help="Input format (default: by suffix).")
]


def _pipeline(
    paths: list[str],
    config: Path | None,
    source: str | None,
    lang: str | None,
    style: str | None,
) -> tuple[Pipeline, Config]:
    from retrans.config import find_config, load_config
    from retrans.pipeline import Pipeline

    cfg_path = config
    if cfg_path is None:
        first = next((p for p in paths if p != "-"), ".")
        cfg_path = find_config(Path(first) if Path(first).exists() else Path("."))
    cfg = load_config(cfg_path)
    return Pipeline(cfg, source=source, lang=lang, style=style), cfg


def _docs(inp: Input, fmt: InFmt, field: str) -> list[Document]:
    from retrans.formats import detect_format, documents

    f = detect_format(inp.path, None if fmt is InFmt.auto else fmt.value)
    return list(documents(inp.text, inp.path, f, field))


@app.command()
def check(
    paths: Paths,
    format: Annotated[Fmt, typer.Option("--format", help="Output format.")] = Fmt.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
    ] = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
    style: StyleOpt = None,
    field: FieldOpt = "text",
    input_format: InFmtOpt = InFmt.auto,
) -> None:
    """Report findings as PATH:LINE:COL: CODE message [→ replacement]."""
    from retrans import inputs, render
    from retrans.findings import Severity

    pipe, cfg = _pipeline(paths, config, source, lang, style)
    threshold_name = (fail_on.value if fail_on else None) or cfg.fail_on or "warning"
    threshold = None if threshold_name == "never" else Severity.parse(threshold_name)
    worst = 0
    rows = []
    out = sys.stdout
    for inp in inputs.collect(paths):
        docs = _docs(inp, input_format, field)
        for doc in docs:
            findings, _ = pipe.check(doc)
            for f in findings:
                worst = max(worst, int(f.severity))
                if format is Fmt.text:
                    out.write(render.text_line(doc, f) + "\n")
                elif format is Fmt.jsonl:
                    out.write(render.to_jsonl([render.finding_dict(doc, f)]))
                else:
                    rows.append(render.finding_dict(doc, f))
    if format is Fmt.json:
        out.write(render.to_json(rows))
    out.flush()
    if threshold is not None and worst >= int(threshold):
        raise typer.Exit(1)


@app.command()
def fix(
    paths: Paths,
    out: Annotated[Path | None, typer.Option("--out", help="Write fixed files here.")] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite files (atomically).")
    ] = False,
    no_backup: Annotated[bool, typer.Option("--no-backup", help="No .orig copy.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff instead.")] = False,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
    style: StyleOpt = None,
    field: FieldOpt = "text",
    input_format: InFmtOpt = InFmt.auto,
) -> None:
    """Print the fixed text (one input), write --out DIR, --in-place, or --diff."""
    from retrans import formats, inputs, render
    from retrans.paths import atomic_write

    pipe, _ = _pipeline(paths, config, source, lang, style)
    items = inputs.collect(paths)
    if len(items) > 1 and not (out or in_place or diff):
        raise InputError("several inputs: use --out DIR, --in-place or --diff")
    if in_place and any(i.path == "<stdin>" for i in items):
        raise InputError("--in-place needs files, not standard input")
    for inp in items:
        fmt = formats.detect_format(
            inp.path, None if input_format is InFmt.auto else input_format.value
        )
        if fmt == "jsonl":
            records = formats.parse_jsonl(inp.text, inp.path, field)
            fixed = {r.line: pipe.fix(r.doc)[0] for r in records if r.doc is not None}
            new = formats.dump_jsonl(records, field, fixed)
        else:
            doc = next(formats.documents(inp.text, inp.path, fmt, field))
            new = pipe.fix(doc)[0]
        if diff:
            sys.stdout.write(render.unified_diff(inp.path, inp.text, new))
        elif out is not None:
            atomic_write(out / inp.rel, new.encode("utf-8"))
        elif in_place:
            if new != inp.text:
                p = Path(inp.path)
                if not no_backup:
                    atomic_write(p.with_name(p.name + ".orig"), inp.text.encode("utf-8"))
                atomic_write(p, new.encode("utf-8"))
        else:
            sys.stdout.write(new)
    sys.stdout.flush()


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. FR001 or GL101.")]) -> None:
    """Print a rule's message, pack and examples."""
    from retrans.pipeline import BUILTIN_CODES
    from retrans.rules.engine import load_rules

    code = code.upper()
    if code in BUILTIN_CODES:
        typer.echo(f"{code}: {BUILTIN_CODES[code]} (built in)")
        return
    rule = load_rules().by_code().get(code)
    if rule is None:
        raise RetransError(f"unknown rule code {code!r} (see 'retrans rules')")
    typer.echo(f"{rule.id} [{rule.pack}, {rule.type}, {rule.category}, {rule.severity.label}]")
    typer.echo(f"  {rule.message}")
    if rule.advice:
        typer.echo(f"  advice: {rule.advice}")
    if rule.pattern and rule.type != "script":
        typer.echo(f"  pattern: {rule.pattern}")
    if rule.replacement is not None:
        typer.echo(f"  replacement: {rule.replacement!r}")
    typer.echo(f"  defined at {rule.file}:{rule.line}")
    for ex in rule.examples:
        if ex.wrong is not None:
            typer.echo(f"  ✗ {ex.wrong}")
            if ex.right is not None:
                typer.echo(f"  ✓ {ex.right}")
        if ex.ok is not None:
            typer.echo(f"  ok (no finding): {ex.ok}")


def _list_rules(pack: str | None, format: Fmt) -> None:
    from retrans import render
    from retrans.rules.engine import load_rules

    rs = load_rules()
    rules = [r for r in rs.rules if pack is None or r.pack == pack]
    if pack is not None and not rules:
        raise RetransError(
            f"unknown rule pack {pack!r} (known: {', '.join(p.id for p in rs.packs)})"
        )
    if format is Fmt.text:
        for r in rules:
            typer.echo(f"{r.id}  {r.pack:<8} {r.severity.label:<7} {r.category:<14} {r.message}")
        return
    rows = [
        {
            "code": r.id,
            "pack": r.pack,
            "source": r.source,
            "target": r.target,
            "type": r.type,
            "category": r.category,
            "severity": r.severity.label,
            "message": r.message,
            "examples": len(r.examples),
        }
        for r in rules
    ]
    counts: dict[str, int] = {}
    for r in rules:
        counts[r.pack] = counts.get(r.pack, 0) + 1
    if format is Fmt.json:
        import json

        sys.stdout.write(
            json.dumps({"counts": counts, "rules": rows}, ensure_ascii=False, indent=2) + "\n"
        )
    else:
        sys.stdout.write(render.to_jsonl(rows))


@rules_app.callback(invoke_without_command=True)
def rules_main(ctx: typer.Context) -> None:
    """List every rule (same as 'retrans rules list')."""
    if ctx.invoked_subcommand is None:
        _list_rules(None, Fmt.text)


@rules_app.command("list")
def rules_list(
    pack: Annotated[str | None, typer.Option("--pack", help="Only this pack (fr-en…).")] = None,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.text,
) -> None:
    """List rules with code, pack, severity, category and message."""
    _list_rules(pack, format)


from retrans import cli_glossary  # noqa: E402

cli_glossary.register(glossary_app)


def _register_detect() -> None:
    """The detector's commands (detect, train-detector, eval detect)."""
    import importlib

    try:
        mod = importlib.import_module("retrans.cli_detect")
    except ImportError:  # pragma: no cover - the detector is part of the package
        return
    mod.register(app)


_register_detect()


def _register_eval() -> None:
    """``eval fix``: fix's edits measured against human versions."""
    from retrans import cli_eval

    cli_eval.register(app)


_register_eval()


def main() -> None:
    """Entry point: user errors print one line on stderr and exit 2, never a traceback."""
    try:
        app()
    except RetransError as exc:
        sys.stderr.write(f"retrans: error: {exc}\n")
        sys.exit(2)
    except BrokenPipeError:  # pragma: no cover - e.g. `retrans check | head`
        sys.exit(0)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
