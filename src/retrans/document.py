"""The document model: text with character spans for paragraphs, sentences and protected zones."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

Span = tuple[int, int]

_PARA_SPLIT = re.compile(r"\n[ \t]*\n+")
# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and an opener.
_SENT_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "est",
        "fig",
        "m",
        "mme",
        "mlle",
    ]
)


@dataclass
class Document:
    """One text to check: the unit findings' offsets refer to.

    ``protected`` spans (code, URLs, front matter…) are never edited; ``line_offset`` and
    ``column_offset`` map the document back into its file (a JSONL record's line, say).
    """

    text: str
    path: str = "<stdin>"
    fmt: str = "text"
    lang: str = "en"
    protected: list[Span] = field(default_factory=list)
    line_offset: int = 0
    record: int | None = None
    style: str | None = None  # the house style the pipeline renders in (dates, times)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer(r"\r\n|\n|\r", self.text))
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset`` in the file.

        A JSONL record is one line of its file: its column is the offset in the field + 1.
        """
        if self.record is not None:
            return self.record, offset + 1
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1 + self.line_offset, offset - self._line_starts[idx] + 1

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans: list[Span] = []
        pos = 0
        for m in _PARA_SPLIT.finditer(self.text):
            if m.start() > pos:
                spans.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            spans.append((pos, len(self.text)))
        return [s for s in spans if self.text[s[0] : s[1]].strip()]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans (without surrounding whitespace), paragraph by paragraph."""
        out: list[Span] = []
        text = self.text
        for p0, p1 in self.paragraphs:
            start = p0
            for m in _SENT_END.finditer(text, p0, p1):
                word = re.search(r"(\S+)$", text[start : m.start()])
                if m.group().startswith(".") and word:
                    w = word.group(1).lower().lstrip('("“')
                    if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                        continue
                out.append(_strip(text, start, m.end()))
                start = m.end()
            if start < p1:
                out.append(_strip(text, start, p1))
        return [s for s in out if s[1] > s[0]]

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _ in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """True when [start, end) touches a protected span."""
        if not self.protected:
            return False
        # Spans are merged and sorted: only the last one starting before ``end`` can touch.
        i = bisect.bisect_left(self._protected_starts, end) - 1
        return i >= 0 and self.protected[i][1] > start

    def sentence_start(self, offset: int) -> bool:
        """True when only whitespace, quotes or a sentence end precede ``offset``."""
        i = offset - 1
        text = self.text
        while i >= 0 and text[i] in ' \t"“‘«(“[-—–*#':
            i -= 1
        return i < 0 or text[i] in "\n.!?…:"


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sort and merge overlapping spans."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
