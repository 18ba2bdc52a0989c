"""``text``: one line per finding, ``PATH:LINE:COL: CODE message [→ replacement]``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.render import text_line


@register("text")
def emit(results: Iterable[Result], out: TextIO) -> None:
    for doc, findings in results:
        for f in findings:
            out.write(text_line(doc, f) + "\n")
