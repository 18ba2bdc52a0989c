"""Quotations in another language than the text's: left as quoted (a glossary guard)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from retrans.document import Document, Span
from retrans.langid import identify

_QUOTE = re.compile(
    r"«([^«»\n]{12,600})»|“([^“”\n]{12,600})”|\"([^\"\n]{12,600})\"|"
    r"„([^„“\n]{12,600})“"
)


def foreign_quote_spans(doc: Document, near: Iterable[Span] | None = None) -> list[Span]:
    """Spans of quotations (≥ 3 words) whose language is not the document's; with ``near``,
    only those that overlap one of these spans: the language of the others is not asked
    (identifying it may load the language model, ≈ 12 % of a check of one draft)."""
    overlaps = _overlap_test(near) if near is not None else None
    out: list[Span] = []
    for m in _QUOTE.finditer(doc.text):
        if overlaps is not None and not overlaps(*m.span()):
            continue
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.split()) < 3:
            continue
        lang, conf = identify(inner, default=doc.lang, sample=600)
        if lang != doc.lang and conf > 0:
            out.append(m.span())
    return out


def _overlap_test(spans: Iterable[Span]) -> Callable[[int, int], bool]:
    """``test(start, end)``: does [start, end) overlap one of ``spans``? (log time each)"""
    import bisect

    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach: list[int] = []  # the furthest end among the spans up to each one
    for _, e in ordered:
        reach.append(max(e, reach[-1]) if reach else e)

    def test(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)  # spans [0, i) start before `end`
        return i > 0 and reach[i - 1] > start

    return test
