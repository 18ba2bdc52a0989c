"""Naive-Bayes log-count-ratio scores over word uni-, bi- and trigrams.

A table maps an n-gram (normalised tokens joined by a space) to ``log P(g | MT) -
log P(g | human)`` estimated on document frequencies.  A text's score is the sum of the ratios
of its distinct n-grams divided by the square root of their number (order-independent and
exact: :func:`math.fsum`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def ngram_keys(sent_tokens: Iterable[list[str]]) -> dict[str, None]:
    """Distinct uni-, bi- and trigrams, within sentences, in first-seen order."""
    keys: dict[str, None] = {}
    for toks in sent_tokens:
        p1 = p2 = ""
        for t in toks:
            keys[t] = None
            if p1:
                bigram = p1 + " " + t
                keys[bigram] = None
                if p2:
                    keys[p2 + " " + bigram] = None
            p2, p1 = p1, t
    return keys


def score(table: Mapping[str, float], keys: Mapping[str, None]) -> float:
    if not keys:
        return 0.0
    vals = [table[k] for k in keys if k in table]
    return math.fsum(vals) / math.sqrt(len(keys) + 1)


def top_terms(
    table: Mapping[str, float], keys: Mapping[str, None], n: int = 5
) -> list[tuple[str, float]]:
    """The n-grams of ``keys`` pushing hardest towards MT (positive ratios), strongest first."""
    hits = [(k, table[k]) for k in keys if k in table and table[k] > 0]
    hits.sort(key=lambda kv: (-kv[1], kv[0]))
    return hits[:n]
