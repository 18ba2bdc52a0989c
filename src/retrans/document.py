"""The document model: one text that owns its offsets, lines, paragraphs, sentences, tokens,
protected zones and NFC view. Every pass reads these; none splits the text itself."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from retrans import segment
from retrans.segment import ABBREVIATIONS, Span

if TYPE_CHECKING:
    from retrans.marks import MarkStyle
    from retrans.nfc import NfcView

__all__ = ["ABBREVIATIONS", "Document", "Span", "blank_spans", "merge_spans"]


_BLANK = re.compile(r"[^\r\n]")  # every character but a line break


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
    def prose(self) -> str:
        """The text as read by the detector and the language identifier: in HTML and
        Markdown, the protected spans (tags, scripts and styles, code, link targets, addresses)
        blanked, line breaks kept, same length so offsets hold. A page's language menu
        (*Français*, *Português*) and its « previous links are no evidence of MT."""
        if self.fmt not in ("html", "markdown"):
            return self.text
        return blank_spans(self.text, self.protected)

    @cached_property
    def marks(self) -> MarkStyle:
        """The quote marks and apostrophes the text types (``marks.py``), read in ``prose``:
        a page's attribute quotes are no style of its prose."""
        from retrans.marks import mark_style

        return mark_style(self.prose)

    @cached_property
    def lines(self) -> list[Span]:
        """Line spans, without their line breaks."""
        starts = self._line_starts
        ends = [m.start() for m in re.finditer(r"\r\n|\n|\r", self.text)] + [len(self.text)]
        return list(zip(starts, ends, strict=True))

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Non-blank blocks between blank lines."""
        return segment.paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans (without surrounding whitespace), paragraph by paragraph."""
        return segment.split_shared(self.text)

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding ``offset`` (the whole text when it is between sentences)."""
        sents = self.sentences
        i = bisect.bisect_right(sents, (offset, len(self.text) + 1)) - 1
        if i >= 0 and sents[i][0] <= offset < sents[i][1]:
            return sents[i]
        return 0, len(self.text)

    @cached_property
    def tokens(self) -> list[Span]:
        """Word, number and punctuation spans, computed on first use."""
        return segment.tokens(self.text)

    @cached_property
    def nfc(self) -> NfcView:
        """The text in Unicode NFC with a map back to these offsets (itself when NFC already)."""
        from retrans.nfc import nfc_view

        return nfc_view(self.text)

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


def blank_spans(text: str, spans: list[Span]) -> str:
    """``text`` with every character of ``spans`` (sorted, apart) but line breaks made a space:
    same length, so offsets hold."""
    if not spans:
        return text
    parts, at = [], 0
    for s, e in spans:
        parts.append(text[at:s])
        parts.append(_BLANK.sub(" ", text[s:e]))
        at = e
    parts.append(text[at:])
    return "".join(parts)


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
