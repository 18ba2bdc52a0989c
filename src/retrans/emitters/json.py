"""``json``: one JSON array of every finding (fields: ``render.finding_dict``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.render import finding_dict, to_json


@register("json")
def emit(results: Iterable[Result], out: TextIO) -> None:
    out.write(to_json([finding_dict(doc, f) for doc, findings in results for f in findings]))
