"""Benchmark the MT detector: documents and megabytes per second, one process, one core.

    .venv/bin/python bench/bench_detect.py [--docs 400] [--size 2048] [--sentences]

Documents are generated deterministically (about ``--size`` bytes each) from a small
vocabulary of English news sentences with a sprinkle of interference evidence, so the numbers
are comparable across runs and machines.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SUBJECTS = [
    "The minister",
    "A spokesperson for the council",
    "The company",
    "Local residents",
    "The head of American diplomacy",
    "Officials in Geneva",
    "The Westerners",
    "Her lawyer",
    "The central bank",
    "Police",
]
VERBS = [
    "said on Tuesday that",
    "announced that",
    "confirmed that",
    "warned that",
    "denied reports that",
    "told reporters that",
    "insisted that",
]
CLAUSES = [
    "the talks would resume next week",
    "prices had risen by 3,5 % since January",
    "the plan was still under review",
    "nobody had been injured in the fire",
    "the telephone interview had been cordial",
    "the budget would be cut by a third",
    "Poutine would attend the summit",
    "the vote had been postponed until spring",
    "the new rules would take effect in March",
    "the bridge would reopen on Friday",
]


def make_docs(n: int, size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        parts: list[str] = []
        length = 0
        while length < size:
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."
            if rng.random() < 0.15:
                s = f"“{s[:-1]},” {rng.choice(['she', 'he'])} added."
            parts.append(s)
            length += len(s) + 1
        text = ""
        for i, s in enumerate(parts):
            text += s + ("\n\n" if i % 4 == 3 else " ")
        docs.append(text[:size].rsplit(" ", 1)[0] + ".")
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--size", type=int, default=2048)
    ap.add_argument("--sentences", action="store_true", help="also score every sentence")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    from retrans.detect import detect, load_model

    model = load_model()
    detect("Warm-up text.", model=model)
    load_s = time.perf_counter() - t0
    docs = make_docs(args.docs, args.size)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    t1, c1 = time.perf_counter(), time.process_time()
    for d in docs:
        detect(d, model=model, sentences=args.sentences)
    dt, cpu = time.perf_counter() - t1, time.process_time() - c1
    # peer in the same run: the core's own per-document work (sentence split + language id),
    # which every pass pays anyway; the ratio is comparable across machines
    from retrans.document import Document
    from retrans.langid import identify

    t2 = time.perf_counter()
    for d in docs:
        assert Document(d).sentences
        identify(d)
    peer = time.perf_counter() - t2
    print(f"model load + first call: {load_s * 1000:.0f} ms")
    print(f"numpy imported by scoring: {'numpy' in sys.modules}")
    print(
        f"{len(docs)} documents, {nbytes / len(docs):.0f} bytes each, "
        f"{'with' if args.sentences else 'without'} sentence scores"
    )
    print(
        f"{len(docs) / dt:.0f} docs/s  {nbytes / dt / 1e6:.2f} MB/s  "
        f"({dt / len(docs) * 1000:.2f} ms/doc, single process, wall clock)"
    )
    # CPU time: what one core does when it is not shared (the wall clock above includes
    # waiting for a core on a busy machine)
    print(f"{len(docs) / cpu:.0f} docs/s per CPU-second ({cpu / len(docs) * 1000:.2f} ms CPU/doc)")
    print(
        f"peer (Document.sentences + langid.identify): {len(docs) / peer:.0f} docs/s; "
        f"detect costs {dt / peer:.1f}x the peer"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
