"""An NFC view of a text with an offset map back to the original.

Passes that compare text with data (glossary names) look at the NFC form, so a decomposed
"Pe\u0301kin" matches "Pékin"; their findings are mapped back, and the original bytes outside an
edit are never touched. Most texts are already NFC: then the view is the text itself.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

Span = tuple[int, int]

# Normalisation never crosses an ASCII character (a starter that composes with nothing before
# it), so each ASCII character plus the non-ASCII run after it is normalised on its own.
_CHUNK = re.compile(r"[\x00-\x7f][^\x00-\x7f]*|[^\x00-\x7f]+")


@dataclass
class NfcView:
    """``text`` is the NFC form; ``starts[i]``/``ends[i]`` bound the original characters that
    NFC character ``i`` came from (empty lists: the original is NFC already)."""

    original: str
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return not self.starts

    def to_original(self, start: int, end: int) -> Span:
        """The original span holding NFC span [start, end), widened to whole characters."""
        if self.identity:
            return start, end
        n = len(self.text)
        s = self.starts[start] if start < n else len(self.original)
        if end <= start:
            return s, s
        return s, self.ends[end - 1]

    def from_original(self, start: int, end: int) -> Span:
        """The NFC span covering original span [start, end)."""
        if self.identity:
            return start, end
        s = bisect.bisect_right(self.starts, start) - 1 if start < len(self.original) else None
        s = len(self.text) if s is None else max(s, 0)
        e = bisect.bisect_left(self.ends, end) + 1 if end > start else s
        return s, min(max(e, s), len(self.text))


def nfc_view(text: str) -> NfcView:
    """The NFC view of ``text`` (linear time)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return NfcView(text, text)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _CHUNK.finditer(text):
        a, b = m.span()
        chunk = m.group()
        norm = chunk if chunk.isascii() else unicodedata.normalize("NFC", chunk)
        parts.append(norm)
        if norm == chunk:
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        else:  # every character of the normalised chunk stands for the whole chunk
            starts.extend([a] * len(norm))
            ends.extend([b] * len(norm))
    return NfcView(text, "".join(parts), starts, ends)
