"""Person-name variants no glossary knows: same surname with first names a small edit apart,
or same first name with surnames a small edit apart. Reported, never fixed by guesswork."""

from __future__ import annotations

import re
from collections import Counter

from retrans.boundary import after_boundary
from retrans.document import Document
from retrans.findings import Finding, Severity
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
    return _distance(a.lower(), b.lower(), 2) <= (1 if min(len(a), len(b)) < 7 else 2)


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
    out: list[Finding] = []
    pairs = sorted(counts)
    for i, (f1, l1) in enumerate(pairs):
        for f2, l2 in pairs[i + 1 :]:
            if (l1 == l2 and _close(f1, f2)) or (f1 == f2 and _close(l1, l2)):
                # Report the rarer spelling (ties: the later one in sort order).
                minor = (f2, l2) if counts[(f1, l1)] >= counts[(f2, l2)] else (f1, l1)
                major = (f1, l1) if minor == (f2, l2) else (f2, l2)
                for s, e, fa, la in names:
                    if (fa, la) == minor:
                        out.append(
                            Finding(
                                s,
                                e,
                                "GL104",
                                "consistency",
                                Severity.INFO,
                                f"'{fa} {la}' and '{major[0]} {major[1]}' in one text: one person? "
                                "pick one spelling",
                                None,
                                "glossary",
                                0.5,
                            )
                        )
    return out


_COMMON_STARTS = frozenset(
    [
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
