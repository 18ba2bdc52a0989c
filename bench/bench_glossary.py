"""Benchmark: the glossary pass alone (MB/s on one core) against a peer — one big regex
alternation of the same forms, the obvious way to write it — and the cold start of
``retrans check`` with and without the on-disk index cache. Prints figures only.

Run: .venv/bin/python bench/bench_glossary.py [--mb 2.2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from retrans.formats import documents
from retrans.glossary.index import get_index
from retrans.glossary.match import find

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="retrans-bench-"))
    try:
        files = write_corpus(tmp / "corpus", int(args.mb * 1_000_000))
        docs = [next(documents(f.read_text(encoding="utf-8"), str(f), "text")) for f in files]
        for d in docs:
            d.lang = "en"
        size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        idx = get_index("en")
        t0 = time.perf_counter()
        hits = sum(len(find(d, idx)) for d in docs)
        t_g = time.perf_counter() - t0
        print(f"corpus: {len(docs)} documents, {size:.2f} MB; {len(idx.targets)} forms indexed")
        print(f"glossary pass (Aho-Corasick): {size / t_g:6.2f} MB/s  ({hits} findings)")
        forms = sorted((t.form for t in idx.targets), key=len, reverse=True)
        t0 = time.perf_counter()
        peer = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.I)
        t_compile = time.perf_counter() - t0
        t0 = time.perf_counter()
        peer_hits = sum(1 for d in docs for _ in peer.finditer(d.text))
        t_p = time.perf_counter() - t0
        print(
            f"peer (one regex alternation): {size / t_p:6.2f} MB/s  ({peer_hits} raw matches, "
            f"+{t_compile:.1f} s to compile)"
        )
        print(f"ratio (glossary pass speed / peer speed): {t_p / t_g:.1f}x")
        short = str(ROOT / "samples" / "clean_en.txt")
        exe = str(Path(sys.executable).parent / "retrans")
        env = dict(os.environ, RETRANS_CACHE_DIR=str(tmp / "cache"))

        def run() -> float:
            t = time.perf_counter()
            subprocess.run([exe, "check", short], env=env, stdout=subprocess.DEVNULL, check=False)
            return time.perf_counter() - t

        first = run()  # builds the caches
        warm = statistics.median(run() for _ in range(10))
        print(
            f"retrans check cold start: first run (builds caches) {first:.3f} s; "
            f"with caches, median of 10: {warm:.3f} s"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
