"""The ``retrans`` command line (typer). Heavy modules load inside commands, not here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from retrans.cli_options import format_option
from retrans.emitters import FORMATS
from retrans.errors import RetransError

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


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class InFmt(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"
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
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", help="Seq2seq corrector folder (or 'default'): turns the model pass on."
    ),
]
NoModelOpt = Annotated[bool, typer.Option("--no-model", help="Turn the model pass off.")]
ModelAllOpt = Annotated[
    bool, typer.Option("--model-all", help="The model reads every sentence, not only flagged ones.")
]
# Listings (rules) print these; findings may use every emitter.
LIST_FORMATS = ("text", "json", "jsonl")
MAX_BYTES = 128 * 1024 * 1024  # generous, but /dev/zero is not read forever
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this (bytes).")
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"retrans {version('retrans')}")
        except PackageNotFoundError:  # pragma: no cover - run from a source tree
            from retrans import __version__

            typer.echo(f"retrans {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Clean up machine-translated news text: names, calques, typography.

    Exit codes: 0 nothing at or above --fail-on (fix: done; fix --diff: nothing to change),
    1 findings at or above --fail-on (fix --diff: something would change), 2 a usage, input,
    config or data error (one line on stderr naming the file and line).
    """


SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only these rule codes or prefixes (FR,GL1); like ruff."),
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option("--ignore", help="Rule codes or prefixes to switch off.")
]
ShowSettingsOpt = Annotated[
    bool,
    typer.Option(
        "--show-settings", help="Print the settings for the first input and their origin."
    ),
]


JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Check files in N processes (same output).")
]


@app.command()
def check(
    paths: Paths,
    format: Annotated[str, format_option(FORMATS)] = "text",
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
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    show_settings: ShowSettingsOpt = False,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    model_all: ModelAllOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """Report findings as PATH:LINE:COL: CODE message [→ replacement]."""
    from retrans import commands

    code = commands.check(
        paths=paths, format=format, fail_on=fail_on.value if fail_on else None,
        config=config, source=source, lang=lang, style=style, field=field,
        input_format=input_format.value, select=select, ignore=ignore,
        show_settings=show_settings, jobs=jobs, max_bytes=max_bytes,
        model=model, no_model=no_model, model_all=model_all,
    )  # fmt: skip
    if code:
        raise typer.Exit(code)


@app.command()
def fix(
    paths: Paths,
    out: Annotated[Path | None, typer.Option("--out", help="Write fixed files here.")] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite files (atomically).")
    ] = False,
    no_backup: Annotated[bool, typer.Option("--no-backup", help="No .orig copy.")] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print a unified diff instead; exit 1 if it is not empty."),
    ] = False,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
    style: StyleOpt = None,
    field: FieldOpt = "text",
    input_format: InFmtOpt = InFmt.auto,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Review each edit: accept, reject, edit (rewrites files)."
        ),
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool,
        typer.Option("--exit-non-zero-on-fix", help="Exit 1 when a file was changed (hooks)."),
    ] = False,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    model: ModelOpt = None,
    no_model: NoModelOpt = False,
    model_all: ModelAllOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """Print the fixed text (one input), write --out DIR, --in-place, or --diff."""
    from retrans import commands

    code = commands.fix(
        paths=paths, out=out, in_place=in_place, no_backup=no_backup, diff=diff,
        config=config, source=source, lang=lang, style=style, field=field,
        input_format=input_format.value, select=select, ignore=ignore,
        interactive=interactive, exit_non_zero_on_fix=exit_non_zero_on_fix, jobs=jobs,
        max_bytes=max_bytes, model=model, no_model=no_model, model_all=model_all,
    )  # fmt: skip
    if code:
        raise typer.Exit(code)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. FR001 or GL101.")]) -> None:
    """Print a rule's message, pack and examples."""
    from retrans.pipeline import BUILTIN_CODES
    from retrans.rules import types
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
    if rule.pattern and types.get(rule.type).uses_pattern:
        typer.echo(f"  pattern: {rule.pattern}")
    if rule.replacement is not None:
        rep = rule.replacement  # as written in the pack ('\1'), repr only for control chars
        shown = f"'{rep}'" if rep.isprintable() else repr(rep)
        typer.echo(f"  replacement: {shown}")
    typer.echo(f"  defined at {rule.file}:{rule.line}")
    for ex in rule.examples:
        if ex.wrong is not None:
            typer.echo(f"  ✗ {_one_line(ex.wrong)}")
            if ex.right is not None:
                typer.echo(f"  ✓ {_one_line(ex.right)}")
        if ex.ok is not None:
            typer.echo(f"  ok (no finding): {_one_line(ex.ok)}")


def _one_line(example: str) -> str:
    """An example on one line: a cleanup rule's line breaks shown as ``\\n``, as in its pack."""
    return example.rstrip("\n").replace("\r", "\\r").replace("\n", "\\n")


def _list_rules(pack: str | None, format: str) -> None:
    from retrans import render
    from retrans.rules.engine import load_rules

    rs = load_rules()
    rules = [r for r in rs.rules if pack is None or r.pack == pack]
    if pack is not None and not rules:
        raise RetransError(
            f"unknown rule pack {pack!r} (known: {', '.join(p.id for p in rs.packs)})"
        )
    if format == "text":
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
    if format == "json":
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
        _list_rules(None, "text")


@rules_app.command("list")
def rules_list(
    pack: Annotated[str | None, typer.Option("--pack", help="Only this pack (fr-en…).")] = None,
    format: Annotated[str, format_option(LIST_FORMATS)] = "text",
) -> None:
    """List rules with code, pack, severity, category and message."""
    _list_rules(pack, format)


from retrans import cli_glossary  # noqa: E402

cli_glossary.register(glossary_app)


# Command modules, each with ``register(app)``; adding a command group is one entry here.
COMMAND_MODULES = ("cli_detect", "cli_eval", "cli_hook", "cli_serve", "cli_batch", "cli_model")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"retrans.{name}").register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    User errors print one line on stderr and return 2, never a traceback. Tests call this
    in-process; the ``retrans`` script is ``sys.exit(main())``.
    """
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="retrans", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except RetransError as exc:
        sys.stdout.flush()
        sys.stderr.write(f"retrans: error: {exc}\n")
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `retrans check | head`
        return 0
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    return 0
