"""Overlap queries on many spans in O(log n): "does [a, b) touch any of these?" asked once
per match must not scan every span (that made long texts quadratic)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanIndex:
    """Half-open spans, merged and sorted; ``overlaps`` answers like ``any(s < b and a < e)``."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(spans):
            if ends and s < ends[-1]:
                ends[-1] = max(ends[-1], e)  # overlapping spans merge: same answers
            else:
                starts.append(s)  # ends stay non-decreasing: the last start < b decides
                ends.append(e)
        self._starts, self._ends = starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, a: int, b: int) -> bool:
        """True when some span (s, e) has s < b and a < e."""
        i = bisect.bisect_left(self._starts, b) - 1  # the last span starting before b
        return i >= 0 and self._ends[i] > a
