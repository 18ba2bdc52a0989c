"""Benchmark: `check` of a folder in one process, pass after pass: the per-document cost
without start-up and loading (the first pass warms the caches). Prints CPU seconds per pass;
asserts nothing.

For a figure that does not move with the machine's load, count instructions: run it under
callgrind with one pass and with two, and take the difference (``PYTHONHASHSEED=0``, the
tree byte-compiled first):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/bench_steady.py DIR --passes 1

Run: .venv/bin/python bench/bench_steady.py DIR [--passes 3]
"""

from __future__ import annotations

import argparse
import time

from retrans import inputs
from retrans.commands import _check_one, _resolver


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    res = _resolver(None, None, None, None, None, None, None, False, False)
    items = inputs.collect([args.folder], 1 << 27)
    times = []
    for _ in range(args.passes):
        t = time.process_time()
        for inp in items:
            _check_one(res, inp, "never", "auto", "text")
        times.append(time.process_time() - t)
    print(f"{len(items)} files; CPU s per pass: " + " ".join(f"{x:.3f}" for x in times))


if __name__ == "__main__":
    main()
