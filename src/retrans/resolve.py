"""The one resolver: findings → non-overlapping edits, applied in one sweep."""

from __future__ import annotations

from collections import Counter
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
        # a literal form found again in its own replacement grows on every run; rules check
        # their regex instead, and the model is no literal matcher (its edit is a word
        # alignment: *Presidents* → *French and Brazilian presidents* in a list put right)
        and (
            f.source in ("rule", "model")
            or not form_refeeds(doc.text, f.start, f.end, f.replacement)
        )
    ]
    cands.sort(key=_priority)
    # A model rewrite is made whole or not at all: its edits are one word alignment, and a
    # part of it (an edit lost to an overlap or a protected span) reads as nonsense (*the
    # Ukrainian, Presidents, Andriy Yermak* from a list put right).
    whole = Counter(k for f in findings if f.replacement is not None and (k := _rewrite_of(f)))
    chosen = _choose(cands, len(doc.text) + 1)
    while whole:
        got = Counter(k for f in chosen if (k := _rewrite_of(f)))
        broken = {k for k, c in got.items() if c < whole[k]}
        if not broken:
            break
        cands = [f for f in cands if _rewrite_of(f) not in broken]
        chosen = _choose(cands, len(doc.text) + 1)
    chosen.sort(key=lambda f: (f.start, f.end))
    return chosen


def _rewrite_of(f: Finding) -> tuple[int, str] | None:
    """The model rewrite an edit belongs to (its sentence's offset and the rewrite)."""
    if f.source != "model" or "at" not in f.meta:
        return None
    return (f.meta["at"], f.meta["rewrite"])


def _choose(cands: list[Finding], n: int) -> list[Finding]:
    # Marks by position, not a sorted list of the edits chosen so far (inserting into one is
    # quadratic in the edits of a long text): ``starts[p]`` some chosen edit starts at p;
    # ``inside[p]`` p lies strictly inside one. A candidate is taken when no chosen edit starts
    # in it (nor at its point, for an insertion) and its start is inside none.
    starts, inside = bytearray(n), bytearray(n)
    chosen: list[Finding] = []
    for f in cands:
        s, e = f.start, f.end
        if inside[s] or starts.find(1, s, max(e, s + 1)) >= 0:
            continue
        starts[s] = 1
        if e > s + 1:
            inside[s + 1 : e] = b"\x01" * (e - s - 1)
        chosen.append(f)
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
