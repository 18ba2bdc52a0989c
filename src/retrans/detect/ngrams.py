"""Naive-Bayes log-count-ratio scores over uni-, bi- and trigrams of tokens (the detector
uses them on function-word rhythm tokens).

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
