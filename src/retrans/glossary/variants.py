"""Person-name variants no glossary knows: same surname with first names a small edit apart,
or same first name with surnames a small edit apart. Reported, never fixed by guesswork."""

from __future__ import annotations

import re
from collections import Counter

from retrans.boundary import after_boundary
from retrans.document import Document
from retrans.findings import Finding, Severity
from retrans.glossary.index import deaccent
from retrans.spans import SpanIndex

# After ``(?<![\w-])`` (searched by ``boundary.after_boundary``).
_NAME = re.compile(
    r"([A-Z][a-zà-öø-ÿ]{2,}(?:-[A-Z][a-zà-öø-ÿ]+)?) "
    r"([A-Z][a-zà-öø-ÿ]{2,}(?:-[A-Z][a-zà-öø-ÿ]+)?)(?![\w-])"
)


def _distance(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance, stopping early past ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def _close(a: str, b: str) -> bool:
    if a == b or a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    if deaccent(a) == deaccent(b):
        return False  # François / Francois: one spelling, as GL103 reads the glossary's names
    return _distance(a.lower(), b.lower(), 2) <= (1 if min(len(a), len(b)) < 7 else 2)


# A place and its people: *Sri Lanka* / *Sri Lankan*, *New Caledonia* / *New Caledonians*,
# *New Zealand* / *New Zealander*; a noun and its plural: *New Yorker* / *New Yorkers*,
# *District Attorney* / *District Attorneys*; a noun and its adjective: *Liberal Democrat* /
# *Liberal Democratic*. Two words, not two spellings. (Not -i: *Navalny* / *Navalnyi* are two
# spellings of one name.)
_DEMONYM_ENDINGS = ("n", "ns", "an", "ans", "er", "ers", "s", "es", "ic")


def _demonym(a: str, b: str) -> bool:
    """One stem with two of these endings (or none): *Democrat*, *Democrats*, *Democratic*."""
    return not _stems(a).isdisjoint(_stems(b))


def _stems(word: str) -> set[str]:
    return {word} | {word[: -len(e)] for e in _DEMONYM_ENDINGS if word.endswith(e)}


def _variant_pairs(pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Indices ``i < j`` into ``pairs`` (sorted, distinct) of two spellings of one name: same
    surname and first names close, or same first name and surnames close. Only names in one
    bucket are compared (same other word, same initial): linear in the text, not quadratic in
    its distinct names."""
    buckets: dict[tuple[int, str, str], list[int]] = {}
    for i, (first, last) in enumerate(pairs):
        buckets.setdefault((0, last, first[0]), []).append(i)
        buckets.setdefault((1, first, last[0]), []).append(i)
    found: set[tuple[int, int]] = set()
    for (side, _, _), idx in buckets.items():
        for n, i in enumerate(idx):
            for j in idx[n + 1 :]:
                a, b = pairs[i][side], pairs[j][side]
                if _close(a, b) and not (side == 1 and _demonym(a, b)):
                    found.add((i, j))
    return sorted(found)


def name_variants(doc: Document, prior: list[Finding]) -> list[Finding]:
    handled = SpanIndex((f.start, f.end) for f in prior if f.code.startswith("GL"))
    names: list[tuple[int, int, str, str]] = []
    for m in after_boundary(_NAME, doc.text):
        if doc.sentence_start(m.start()) and m.group(1).lower() in _COMMON_STARTS:
            continue
        if handled.overlaps(m.start(), m.end()):
            continue
        names.append((m.start(), m.end(), m.group(1), m.group(2)))
    if len(names) < 2:
        return []
    counts = Counter((first, last) for _, _, first, last in names)
    at: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for s, e, fa, la in names:
        at.setdefault((fa, la), []).append((s, e))
    out: list[Finding] = []
    pairs = sorted(counts)
    for i, j in _variant_pairs(pairs):
        # Report the rarer spelling (ties: the later one in sort order).
        minor, major = (
            (pairs[j], pairs[i]) if counts[pairs[i]] >= counts[pairs[j]] else (pairs[i], pairs[j])
        )
        for s, e in at[minor]:
            out.append(
                Finding(
                    s,
                    e,
                    "GL104",
                    "consistency",
                    Severity.INFO,
                    f"'{minor[0]} {minor[1]}' and '{major[0]} {major[1]}' in one text: one "
                    "person? pick one spelling",
                    None,
                    "glossary",
                    0.5,
                )
            )
    return out


_COMMON_STARTS = frozenset(
    [
        "was",
        "is",
        "are",
        "were",
        "has",
        "had",
        "did",
        "does",
        "will",
        "would",
        "can",
        "could",
        "should",
        "if",
        "why",
        "how",
        "what",
        "where",
        "and",
        "but",
        "then",
        "every",
        "our",
        "your",
        "his",
        "her",
        "their",
        "the",
        "this",
        "that",
        "these",
        "those",
        "when",
        "while",
        "after",
        "before",
        "with",
        "from",
        "during",
        "under",
        "over",
        "into",
        "about",
    ]
)
