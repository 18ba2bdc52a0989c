"""Reading JSON Lines data files, shared so every reader reports bad lines the same way."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from retrans.errors import InputError


def json_lines(lines: Iterable[str], path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each non-blank line; bad JSON is an error naming file and line."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n}: bad JSON: {exc.msg}", str(path)) from None
        yield n, rec
