"""Benchmark: MB per CPU second of a check of ONE document of 10 KB, 100 KB, 1 MB, 10 MB,
with and without newlines, in total and per pass. A linear pipeline keeps the rate flat; the
issue's target is a 10 MB rate ≥ 0.8× the 100 KB rate. Prints figures; asserts nothing.

The document repeats generated MT-like articles (bench/corpus.py); "no newlines" joins them
with spaces. Each size runs once in this process after a warm-up (data caches loaded,
regexes compiled), timed with ``time.process_time``.

Run: .venv/bin/python bench/bench_size.py [--max-mb 10] [--passes]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def base_text() -> str:
    from corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp), 300_000)
        return "\n\n".join(f.read_text(encoding="utf-8") for f in files)


def make(base: str, size: int, newlines: bool) -> str:
    text = (base * (size // len(base) + 1))[:size]
    return text if newlines else " ".join(text.split())


def timed_check(pipe: object, text: str, per_pass: bool) -> tuple[float, dict[str, float]]:
    from retrans import pipeline
    from retrans.document import Document

    spent: dict[str, float] = {}
    originals = dict(pipeline.PASSES)
    if per_pass:
        for name, fn in originals.items():

            def wrapped(doc: object, ctx: object, fn: object = fn, name: str = name) -> object:
                t = time.process_time()
                try:
                    return fn(doc, ctx)  # type: ignore[operator]
                finally:
                    spent[name] = spent.get(name, 0.0) + time.process_time() - t

            pipeline.PASSES[name] = wrapped  # type: ignore[assignment]
    try:
        t0 = time.process_time()
        pipe.check(Document(text, "doc.txt"))  # type: ignore[attr-defined]
        return time.process_time() - t0, spent
    finally:
        pipeline.PASSES.update(originals)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-mb", type=float, default=10)
    ap.add_argument("--passes", action="store_true", help="also print seconds per pass")
    args = ap.parse_args()
    from retrans.selection import Resolver

    pipe = Resolver(None).pipeline_for("doc.txt")
    base = base_text()
    timed_check(pipe, make(base, 200_000, True), False)  # warm-up
    timed_check(pipe, make(base, 200_000, False), False)
    for newlines in (True, False):
        rates: dict[int, float] = {}
        for size in SIZES:
            if size > args.max_mb * 1e6:
                break
            secs, spent = timed_check(pipe, make(base, size, newlines), args.passes)
            rates[size] = size / 1e6 / secs
            line = f"{'newlines' if newlines else 'one line':>9} {size / 1e6:7.2f} MB: {secs:7.2f} cpu-s {rates[size]:6.2f} MB/s"
            if spent:
                line += "  (" + ", ".join(f"{k} {v:.2f}" for k, v in spent.items()) + ")"
            print(line, flush=True)
        top = max(rates)
        if 100_000 in rates and top > 100_000:
            print(
                f"{'':>9} rate at {top / 1e6:g} MB / rate at 0.1 MB: {rates[top] / rates[100_000]:.2f}"
            )


if __name__ == "__main__":
    main()
