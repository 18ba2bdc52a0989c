"""Benchmark: fix's later rounds re-checking only what changed vs checking the whole text again.

Same documents, same pipeline, one process: ``fix`` as shipped (``rounds.py``: windows around the
changed text, the glossary/names passes on the whole text, the detector only when the source was
guessed) against the same rounds each re-checking the whole text (``FULL_SHARE = 0``). CPU seconds
(``time.process_time``), so a loaded machine changes both alike; outputs must be identical.

Documents: the MT side of WMT14 fr-en documents from ../shared/data (paragraphs joined with blank
lines), else the generated corpus (bench/corpus.py). Prints figures; asserts nothing but equality.

Run: .venv/bin/python bench/bench_rounds.py [--docs 200] [--runs 3] [--join 1]
(``--docs 40 --join 10``: 40 documents of 10 articles each, where later rounds matter most)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

WMT = ROOT.parent / "shared" / "data" / "wmt14_fr_en_docs.jsonl"


def documents(n: int, join: int) -> tuple[str, list[str]]:
    label, docs = _articles(n * join)
    if join > 1:  # archive pages: several articles per document
        docs = ["\n\n".join(docs[i : i + join]) for i in range(0, len(docs), join)]
        label += f", {join} articles per document"
    return label, docs


def _articles(n: int) -> tuple[str, list[str]]:
    if WMT.is_file():
        segs: dict[str, list[dict]] = {}
        with WMT.open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec["doc_id"] in segs or len(segs) < n:
                    segs.setdefault(rec["doc_id"], []).append(rec)
        docs = []
        for recs in segs.values():
            recs.sort(key=lambda r: r.get("seg_idx", r.get("seg_id", 0)))
            docs.append("\n\n".join(r["mt"].get("onlineB.0") or "" for r in recs) + "\n")
        return "WMT14 fr-en onlineB MT", docs
    from corpus import make_doc

    rng = random.Random(7)
    return "generated corpus", [make_doc(rng, 4096) for _ in range(n)]


def timed(pipes: dict, docs: list[str], share: float, runs: int) -> tuple[dict, dict]:
    """CPU seconds of ``fix`` over ``docs`` per pipeline (best of ``runs``), and the outputs."""
    from retrans import rounds
    from retrans.document import Document

    rounds.FULL_SHARE = share
    secs: dict[str, float] = {}
    outs: dict[str, list[str]] = {}
    for name, pipe in pipes.items():
        best = float("inf")
        for _ in range(runs):
            t0 = time.process_time()
            outs[name] = [pipe.fix(Document(d, lang="en"))[0] for d in docs]
            best = min(best, time.process_time() - t0)
        secs[name] = best
    return secs, outs


def first_round(pipe, docs: list[str], runs: int) -> float:
    """CPU seconds of the first round alone (what every fix pays)."""
    from retrans.document import Document

    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        for d in docs:
            pipe._check(pipe.prepare(Document(d, lang="en")), pipe.source)
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--join", type=int, default=1, help="articles per document")
    args = ap.parse_args()
    from retrans import rounds
    from retrans.document import Document
    from retrans.pipeline import Pipeline

    label, docs = documents(args.docs, args.join)
    pipes = {"source guessed": Pipeline(lang="en"), "--source fr": Pipeline(lang="en", source="fr")}
    for pipe in pipes.values():  # warm: indexes and rules loaded once
        pipe.fix(Document(docs[0], lang="en"))
    shipped = rounds.FULL_SHARE
    changed = {
        name: [d for d in docs if pipe.fix(Document(d, lang="en"))[0] != d]
        for name, pipe in pipes.items()
    }
    mb = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{label}: {len(docs)} documents, {mb:.2f} MB; CPU seconds of fix, best of {args.runs}")
    print(
        f"{'pipeline':<16} {'docs fixed':>10} {'round 1':>8} {'later: whole text':>18} "
        f"{'later: changed only':>20} {'gain':>6} {'fix gain':>8}"
    )
    for name, pipe in pipes.items():
        sub = {name: pipe}
        full, out_full = timed(sub, changed[name], 0.0, args.runs)
        inc, out_inc = timed(sub, changed[name], shipped, args.runs)
        one = first_round(pipe, changed[name], args.runs)
        # the first round measured apart: on a few short documents noise can exceed the rest
        later_full, later_inc = max(full[name] - one, 0.0), max(inc[name] - one, 0.01)
        same = out_full == out_inc
        print(
            f"{name:<16} {len(changed[name]):>10} {one:>7.2f}s {later_full:>17.2f}s "
            f"{later_inc:>19.2f}s {later_full / max(later_inc, 1e-9):>5.1f}x "
            f"{full[name] / max(inc[name], 1e-9):>7.2f}x" + ("" if same else "  OUTPUTS DIFFER")
        )
    rounds.FULL_SHARE = shipped


if __name__ == "__main__":
    main()
