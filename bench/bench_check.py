"""Benchmark: `retrans check` vs proselint on the same ≥ 2 MB corpus, and the cold start of
`retrans check` on one short draft. Prints figures; asserts nothing.

Run: .venv/bin/python bench/bench_check.py [--mb 2.2] [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0, r.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.2)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="retrans-bench-"))
    try:
        files = write_corpus(tmp / "corpus", int(args.mb * 1_000_000))
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"corpus: {len(files)} documents, {size:.2f} MB (generated, seed 7)")
        retrans = [str(BIN / "retrans"), "check", "--fail-on", "never", str(tmp / "corpus")]
        timed([*retrans[:2], str(files[0])])  # warm the data cache once
        t_r, _ = timed(retrans)
        print(
            f"retrans check : {t_r:7.2f} s  {size / t_r:6.2f} MB/s  {len(files) / t_r:7.1f} docs/s"
        )
        prose = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
        if prose:
            t_p, _ = timed([prose, "check", str(tmp / "corpus")])
            print(
                f"proselint     : {t_p:7.2f} s  {size / t_p:6.2f} MB/s  {len(files) / t_p:7.1f} docs/s"
            )
            print(f"ratio (retrans speed / proselint speed): {t_p / t_r:.1f}x")
        else:
            print("proselint not installed: pip install proselint to compare")
        # Cold start on two short drafts: a clean one, and one dense with MT faults (every
        # rule that fires compiles its regex once per process).
        for name in ("clean_en.txt", "fr_ceasefire_call.txt"):
            short = ROOT / "samples" / name
            cmd = [str(BIN / "retrans"), "check", str(short)]
            starts = [timed(cmd)[0] for _ in range(args.runs)]
            print(
                f"cold start (retrans check samples/{name}, median of {args.runs}): "
                f"{statistics.median(starts):.3f} s  (min {min(starts):.3f}, max {max(starts):.3f})"
            )
        py = [timed([sys.executable, "-c", "pass"])[0] for _ in range(args.runs)]
        print(f"  for scale: bare python start, median {statistics.median(py):.3f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
