"""Does fluency under a language model of *human* English carry over between test sets?

For each test set of the developer data held out in turn, a word bigram LM (absolute
discounting with Kneser-Ney continuation counts) is trained on the human documents of the
*other* sets only, and an MT LM on as many of their MT documents; this prints the held-out
AUC (MT vs human documents) of per-token surprisal features:

    uni      mean unigram surprisal (bits)        bi       mean bigram surprisal
    tail     share of bigrams above 14 bits       odd      share of unseen bigrams of two
                                                           frequent words (count >= 100)
    gain     uni - bi (what context explains)     llr      mean log P_human - log P_MT

AUC < 0.5 means MT scores lower.  Findings (docs/DETECTOR.md, "Tried and not kept").
Needs numpy and ../shared/data; takes about a minute per held-out set.

    .venv/bin/python tools/detect_lm_probe.py
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np

from retrans.detect.learn import auc
from retrans.detect.train import load_corpus

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+|[^\sA-Za-z\d]")
SENT = re.compile(r"(?<=[.!?])\s+")
D = 0.75  # absolute discount
NAMES = ("uni", "bi", "tail", "odd", "gain", "llr")


def tokens(text: str) -> list[list[str]]:
    out = []
    for s in SENT.split(text):
        w = [m.group().lower() for m in WORD.finditer(s)]
        if w:
            out.append(["<s>", *w, "</s>"])
    return out


class BigramLM:
    def __init__(self, docs: list[list[list[str]]]) -> None:
        self.uni: Counter[str] = Counter()
        self.bi: Counter[tuple[str, str]] = Counter()
        for doc in docs:
            for s in doc:
                self.uni.update(s)
                self.bi.update(pairwise(s))
        self.cont = Counter(b for _, b in self.bi)
        self.foll = Counter(a for a, _ in self.bi)
        self.ncont, self.n = sum(self.cont.values()), sum(self.uni.values())

    def surprisal(self, a: str, b: str) -> tuple[float, float]:
        """(bigram, unigram) surprisal of ``b`` after ``a`` in bits."""
        pc = (self.cont.get(b, 0) + 0.5) / (self.ncont + 25000)
        ca = self.uni.get(a, 0)
        p = (max(self.bi.get((a, b), 0) - D, 0) / ca + D * self.foll[a] / ca * pc) if ca else pc
        return -math.log2(p), -math.log2((self.uni.get(b, 0) + 0.5) / (self.n + 25000))


def features(doc: list[list[str]], hum: BigramLM, mt: BigramLM) -> list[float]:
    h, u, m, odd, pairs = [], [], [], 0, 0
    for s in doc:
        for a, b in pairwise(s):
            hb, hu = hum.surprisal(a, b)
            h.append(hb)
            u.append(hu)
            m.append(mt.surprisal(a, b)[0])
            if hum.uni.get(a, 0) >= 100 and hum.uni.get(b, 0) >= 100:
                pairs += 1
                odd += (a, b) not in hum.bi
    if not h:
        return [0.0] * len(NAMES)
    ha, ua, ma = np.array(h), np.array(u), np.array(m)
    return [
        float(ua.mean()),
        float(ha.mean()),
        float(np.mean(ha > 14)),
        odd / max(pairs, 1),
        float((ua - ha).mean()),
        float((ha - ma).mean()),
    ]


def main() -> int:
    if not DATA.is_dir():
        print(f"no developer data at {DATA}", file=sys.stderr)
        return 2
    docs = load_corpus(DATA)
    toks = [tokens(d.text) for d in docs]
    sets = np.array([d.dataset for d in docs])
    y = np.array([d.label for d in docs])
    rng = np.random.default_rng(0)
    print("held out      " + " ".join(f"{n:>6}" for n in NAMES))
    for held in sorted(set(sets.tolist())):
        hum_rows = np.flatnonzero((sets != held) & (y == 0))
        mt_rows = rng.choice(np.flatnonzero((sets != held) & (y == 1)), len(hum_rows), False)
        hum = BigramLM([toks[i] for i in hum_rows])
        mt = BigramLM([toks[i] for i in mt_rows])
        test = np.flatnonzero(sets == held)
        f = np.array([features(toks[i], hum, mt) for i in test])
        aucs = [auc(f[:, j], y[test]) for j in range(len(NAMES))]
        print(f"{held:13s} " + " ".join(f"{a:6.3f}" for a in aucs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
