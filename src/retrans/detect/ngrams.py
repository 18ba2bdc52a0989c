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
from itertools import pairwise


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


def score_tokens(table: Mapping[str, float], sent_tokens: Iterable[list[str]]) -> float:
    """``score(table, ngram_keys(sent_tokens))`` with the n-grams built a sentence at a time
    (same distinct n-grams, and ``fsum`` does not depend on their order)."""
    keys: set[str] = set()
    join = " ".join  # called from C by ``map``: no Python step per n-gram
    for toks in sent_tokens:
        keys.update(toks)
        if len(toks) > 1:
            keys.update(map(join, pairwise(toks)))
            keys.update(map(join, zip(toks, toks[1:], toks[2:], strict=False)))
    if not keys:
        return 0.0
    # ``fsum`` is exact in any order: the keys of a plain dict (or of a packed table once
    # complete) intersected in C; not ``keys & table.keys()`` on a Mapping's KeysView, which
    # goes through the ABC's generic ``__rand__`` (≈ 3 % of a check of one draft)
    flat = table if type(table) is dict else getattr(table, "complete", None)
    if flat is not None:
        return math.fsum(map(flat.__getitem__, flat.keys() & keys)) / math.sqrt(len(keys) + 1)
    values_of = getattr(table, "values_of", None)  # a PackedMapping: one loop
    vals = values_of(keys) if values_of is not None else [table[k] for k in keys if k in table]
    return math.fsum(vals) / math.sqrt(len(keys) + 1)
