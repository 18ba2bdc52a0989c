"""The ``retrans`` entry point: ``check`` and ``fix`` without importing typer.

Importing typer (and building its click command tree) costs ≈ 80 ms of CPU, more than half
of a check of one short draft. Editors and hooks run ``check``/``fix`` on one file at a time,
so those two commands get a strict parser of their plain forms here and run the same code
as the typer commands (``retrans.commands``). Anything this parser does not fully
understand (``--help``, an unknown or malformed option, a bad choice, another command) goes
to the typer app unchanged, so help texts and usage errors are typer's, byte for byte.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is imported by main(), once the collector is set (see there)
if TYPE_CHECKING:
    from typing import Any

_COMMON_VALUES = {
    "--format": "format",
    "--config": "config",
    "--source": "source",
    "--lang": "lang",
    "--style": "style",
    "--field": "field",
    "--input-format": "input_format",
    "--jobs": "jobs",
    "-j": "jobs",
}
_MULTI = {"--select": "select", "--ignore": "ignore"}
_CHECK_VALUES = {**_COMMON_VALUES, "--fail-on": "fail_on"}
_CHECK_FLAGS = {"--show-settings": "show_settings"}
_FIX_VALUES = {**_COMMON_VALUES, "--out": "out"}
_FIX_FLAGS = {
    "--in-place": "in_place",
    "--no-backup": "no_backup",
    "--diff": "diff",
    "--exit-non-zero-on-fix": "exit_non_zero_on_fix",
}
_COMMANDS = {"check": (_CHECK_VALUES, _CHECK_FLAGS), "fix": (_FIX_VALUES, _FIX_FLAGS)}


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """``(command, keyword arguments)`` for a plain ``check``/``fix`` call, else None."""
    if not argv or argv[0] not in _COMMANDS or "_RETRANS_COMPLETE" in os.environ:
        return None
    command = argv[0]
    values, flags = _COMMANDS[command]
    kw: dict[str, Any] = {"paths": []}
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            kw["paths"].append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in flags and not eq:
            kw[flags[name]] = True
            continue
        if name not in values and name not in _MULTI:
            return None  # --help, --, -i, unknown options: typer decides
        if name == "-j" and eq:
            return None
        if not eq:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        if name in _MULTI:
            kw.setdefault(_MULTI[name], []).append(value)
        else:
            kw[values[name]] = value
    return (command, kw) if kw["paths"] and _valid(kw) else None


def _valid(kw: dict[str, Any]) -> bool:
    """Check and convert values as the typer options do; False sends the call to typer."""
    from retrans.commands import FAIL_ON, INPUT_FORMATS
    from retrans.emitters import FORMATS

    if kw.get("format", "text") not in FORMATS:
        return False
    if kw.get("fail_on", "never") not in FAIL_ON:
        return False
    if kw.get("input_format", "auto") not in INPUT_FORMATS:
        return False
    if "jobs" in kw:
        if not kw["jobs"].isdigit() or int(kw["jobs"]) < 1:
            return False
        kw["jobs"] = int(kw["jobs"])
    from pathlib import Path

    for key in ("config", "out"):
        if key in kw:
            if not kw[key]:
                return False
            kw[key] = Path(kw[key])
    return True


def quiet_collector() -> tuple[int, ...]:
    """Collect the young generation every 100,000 allocations, not 700; the old thresholds.

    Importing and loading the data allocates much and frees little (≈ 4 % of a check of one
    draft), and so does checking a long text: with the default thresholds the collector's
    full passes over a growing heap make a 10 MB document ≈ 20 % slower per MB than a 100 KB
    one (``bench/bench_scaling.py``, which runs with this setting as the CLI does). Memory
    grows by at most that many objects. Set from the start: most of the start is importing
    (this module imports nothing big, not even typing, so the setting precedes the imports).
    """
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, *thresholds[1:])
    return thresholds


def main(argv: list[str] | None = None) -> int:
    """Run ``retrans`` on ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    import gc

    thresholds = quiet_collector()
    from retrans import codecache, rxcache

    # pathlib imports urllib.parse (which imports ipaddress) for one function of as_uri, and
    # ntpath for Windows paths (≈ 1.5 % of a check of one draft): imported when first used
    codecache.import_deferring("pathlib", "urllib.parse:quote_from_bytes", "ntpath")
    rxcache.install()  # before the modules that compile patterns on import
    codecache.install()  # before the modules that define dataclasses
    from retrans.rules import scan

    scan.remember_widths()
    parsed = parse(args)
    if parsed is None:
        gc.set_threshold(*thresholds)  # the typer app as always
        from retrans.cli import main as typer_main

        return typer_main(args)
    from retrans import commands
    from retrans.errors import RetransError

    global _fast
    _fast = True
    command, kw = parsed
    try:
        return int(getattr(commands, command)(**kw))
    except RetransError as exc:
        sys.stdout.flush()
        sys.stderr.write(f"retrans: error: {exc}\n")
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `retrans check | head`, as click does
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130


_fast = False  # main() ran check/fix itself (not the typer app)


def run() -> None:
    """The console script."""
    code = main()
    if _fast and sys.getprofile() is None and sys.gettrace() is None:  # profilers write at exit
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    """Exit without the interpreter's teardown, which frees every loaded object one by one
    (≈ 8 % of a check of one draft). Output is flushed and exit handlers run first; check and
    fix leave no file open (outputs are written atomically and closed) and no thread running."""
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # pragma: no cover - a closed pipe: exit the usual way, as before
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)
