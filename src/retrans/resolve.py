"""The one resolver: findings → non-overlapping edits, applied in one sweep."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from retrans.document import Document
from retrans.findings import SOURCE_PRIORITY, Finding
from retrans.rules.safety import form_refeeds

# Code prefixes that win over every source (clean-up deletes whole lines: edits inside them
# would be lost anyway).
FIRST_CODES = ("CL",)

# When two edits overlap, the one that sorts first on these keys wins (deterministic to the end).
TIE_BREAKS: tuple[tuple[str, Callable[[Finding], Any]], ...] = (
    ("earlier pass", lambda f: _tier(f)),
    ("surer", lambda f: -f.confidence),
    ("longer", lambda f: -(f.end - f.start)),
    ("leftmost", lambda f: f.start),
    ("code", lambda f: f.code),
)


def _tier(f: Finding) -> int:
    if f.code.startswith(FIRST_CODES):
        return 0
    return SOURCE_PRIORITY.get(f.source, len(SOURCE_PRIORITY)) + 1


def _priority(f: Finding) -> tuple[Any, ...]:
    return tuple(key(f) for _, key in TIE_BREAKS)


def resolve(findings: list[Finding], doc: Document, min_confidence: float = 0.5) -> list[Finding]:
    """Pick the edits to apply: fixable, confident, outside protected spans, no overlaps, and
    none a literal matcher would find again in its own replacement (rules check their regex)."""
    cands = [
        f
        for f in findings
        if f.replacement is not None
        and "round" not in f.meta  # a later round's edit (rounds.py): made in its own round
        and f.confidence >= min_confidence
        and not doc.is_protected(f.start, f.end)
        and (f.source == "rule" or not form_refeeds(doc.text, f.start, f.end, f.replacement))
    ]
    cands.sort(key=_priority)
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Finding] = []
    for f in cands:
        i = bisect.bisect_left(starts, f.start)
        # Neighbours: the edit before must end by our start, the one after start at our end.
        if i > 0 and ends[i - 1] > f.start:
            continue
        if i > 0 and ends[i - 1] == f.start == starts[i - 1]:
            continue  # two insertions at one point
        if i < len(starts) and (starts[i] < f.end or (starts[i] == f.start)):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        chosen.append(f)
    chosen.sort(key=lambda f: (f.start, f.end))
    return chosen


def apply(text: str, edits: list[Finding]) -> str:
    """Apply sorted, non-overlapping edits; bytes outside them are copied as they are."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement or "")
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)
