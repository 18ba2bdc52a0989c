"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`` — values are
escaped as the runner expects (``%`` ``\\r`` ``\\n`` everywhere; ``:`` ``,`` in properties).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.emitters._common import shown_message, span

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


@register("github")
def emit(results: Iterable[Result], out: TextIO) -> None:
    for doc, findings in results:
        for f in findings:
            line, col, end_line, end_col = span(doc, f)
            props = {
                "file": doc.path,
                "line": str(line),
                "col": str(col),
                "endLine": str(end_line),
                "endColumn": str(end_col),
                "title": f"retrans {f.code}",
            }
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
            msg = f"{f.code} {shown_message(doc, f)}"
            out.write(f"::{_COMMAND[f.severity.label]} {head}::{escape_data(msg)}\n")
