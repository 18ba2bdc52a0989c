"""Options shared by every command, so each is spelled and checked one way.

``format_option(choices)`` is the one ``--format`` option type: every command that prints
results takes it, with the formats that command can print.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer


def format_option(choices: Sequence[str], help: str = "Output format") -> Any:
    """``--format NAME``: one of ``choices`` (checked, listed in --help, completed)."""
    names = tuple(choices)

    def check(value: str) -> str:
        if value not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}")
        return value

    return typer.Option(
        "--format",
        callback=check,
        help=f"{help}: {', '.join(names)}.",
        autocompletion=lambda: list(names),
    )
