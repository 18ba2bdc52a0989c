"""``jsonl``: one JSON object per finding and line, written as each document is checked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.render import finding_dict, to_jsonl


@register("jsonl")
def emit(results: Iterable[Result], out: TextIO) -> None:
    for doc, findings in results:
        out.write(to_jsonl([finding_dict(doc, f) for f in findings]))
