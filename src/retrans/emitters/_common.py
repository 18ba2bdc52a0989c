"""Helpers the CI formats share: positions, paths as URIs, rule metadata."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrans.document import Document
    from retrans.findings import Finding


def span(doc: Document, f: Finding) -> tuple[int, int, int, int]:
    """1-based (line, column, end line, end column) of a finding; columns in characters."""
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(f.end)
    return line, col, end_line, end_col


def uri(path: str) -> str:
    """A path as the URI reference SARIF wants: relative stays relative, with ``/``."""
    from urllib.parse import quote

    p = PurePath(path)
    if p.is_absolute():
        from pathlib import Path

        return Path(path).as_uri()
    return quote(p.as_posix())


def shown_message(doc: Document, f: Finding) -> str:
    """The one-line message, plus the replacement when there is one (like the text format)."""
    msg = f.message
    if f.replacement is not None and (
        f.replacement == "" or f.replacement != doc.text[f.start : f.end]
    ):
        shown = f.replacement.replace("\n", "\\n") if f.replacement else "(delete)"
        msg += f" → {shown}"
    return msg
