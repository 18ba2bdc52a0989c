"""Do part-of-speech-like rhythm tokens carry over better than ``W``/``C``?

The rhythm table (``retrans.detect.features``) turns every token into the function word
itself, ``W`` (other word), ``C`` (capitalised word mid-sentence), ``N`` or punctuation. Here
each other word becomes its lexicon class instead: the parts of speech ``lemminflect`` knows
for it (``N`` noun, ``V`` verb, ``A`` adjective, ``R`` adverb, ambiguity classes such as
``NV``), plus its inflection (``s``, ``d`` for -ed, ``g`` for -ing, ``x`` otherwise) when it
is not its own lemma; words the lexicon lacks stay ``W``. So "a decision important" is ``a N A``, not
``a W W``: adjective order, noun chains and verb forms become visible to the n-grams.

The corpus's rhythm n-grams are replaced (variant ``pos``) and the shipped procedure
(:func:`retrans.detect.train.fit`) runs unchanged under the protocols of
``retrans eval detect``; it prints held-out document AUC and false alarms per test set.

Needs numpy, lemminflect and ../shared/data; about a minute to tag, minutes per protocol.

    .venv/bin/python tools/detect_pos_probe.py --protocol lotso --protocol loso
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrans.detect import train
from retrans.detect.evaluate import by_dataset, by_era, run, summarize
from retrans.detect.features import scan
from retrans.detect.lexicon import lexicon
from retrans.detect.ngrams import ngram_keys
from retrans.paths import cache_dir

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
UPOS = {"NOUN": "N", "VERB": "V", "ADJ": "A", "ADV": "R"}
_TAGS: dict[str, str] = {}


def tag(word: str) -> str:
    """Lexicon class of a lower-case content word (``W`` when unknown)."""
    t = _TAGS.get(word)
    if t is None:
        from lemminflect import getAllLemmas

        lemmas = getAllLemmas(word)
        cls = "".join(sorted({UPOS[p] for p in lemmas if p in UPOS}))
        infl = ""
        if cls and all(word not in v for v in lemmas.values()):
            ends = (("ing", "g"), ("ed", "d"), ("s", "s"))
            infl = next((m for e, m in ends if word.endswith(e)), "x")
        t = _TAGS[word] = (cls + infl) if cls else "W"
    return t


def pos_rhythm(text: str) -> list[list[str]]:
    st = scan(text, lexicon())
    out = []
    for shapes, toks in zip(st.rhythm, st.sent_tokens, strict=True):
        row = []
        for k, (sh, tok) in enumerate(zip(shapes, toks, strict=True)):
            if sh == "W" or (sh == "C" and k == 0):
                row.append(tag(tok.lower()))
            else:
                row.append(sh)
        out.append(row)
    return out


def pos_ngrams(c: train.Corpus, cache: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    key = hashlib.sha256("\0".join(d.text for d in c.docs).encode()).hexdigest()[:16]
    path = cache / f"pos-{key}.npz"
    if path.exists():
        data = np.load(path, allow_pickle=True)
        return [str(v) for v in data["vocab"]], data["ids"], data["row"]
    vocab: dict[str, int] = {}
    ids: list[int] = []
    rows: list[int] = []
    for i, d in enumerate(c.docs):
        for k in ngram_keys(pos_rhythm(d.text)):
            ids.append(vocab.setdefault(k, len(vocab)))
            rows.append(i)
    out = (list(vocab), np.array(ids, dtype=np.int64), np.array(rows, dtype=np.int64))
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, vocab=np.array(out[0], dtype=object), ids=out[1], row=out[2])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/detect-s4/pos"))
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--protocol", action="append", choices=("lotso", "loso", "cv"))
    ap.add_argument("--variant", action="append", choices=("base", "pos"))
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no developer data at {args.data}", file=sys.stderr)
        return 2
    docs = train.load_corpus(args.data)
    base = train.featurize(docs, "doc", cache_dir() / "detector-features")
    vocab, ids, row = pos_ngrams(base, args.cache)
    pos = train.Corpus(base.docs, base.x, base.lang_ev, vocab, ids, row, base.unit)
    for protocol in args.protocol or ["lotso"]:
        for name in args.variant or ["base", "pos"]:
            c = pos if name == "pos" else base
            t = time.time()
            pr = run(c, protocol, train.Config())
            res = {**summarize(c, pr, by_dataset)["doc"], **summarize(c, pr, by_era)["doc"]}
            cells = "  ".join(
                f"{k} {v.get('auc', float('nan')):.3f}/{v.get('false_alarms', 0):.3f}"
                for k, v in res.items()
                if k != "all"
            )
            print(f"{protocol} {name:5s} AUC/false+  {cells}  ({time.time() - t:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
