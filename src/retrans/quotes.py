"""Quotations in another language than the text's: left as quoted (a glossary guard)."""

from __future__ import annotations

import re

from retrans.document import Document, Span
from retrans.langid import identify

_QUOTE = re.compile(
    r"«([^«»\n]{12,600})»|“([^“”\n]{12,600})”|\"([^\"\n]{12,600})\"|"
    r"„([^„“\n]{12,600})“"
)


def foreign_quote_spans(doc: Document) -> list[Span]:
    """Spans of quotations (≥ 3 words) whose language is not the document's."""
    out: list[Span] = []
    for m in _QUOTE.finditer(doc.text):
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.split()) < 3:
            continue
        lang, conf = identify(inner, default=doc.lang, sample=600)
        if lang != doc.lang and conf > 0:
            out.append(m.span())
    return out
