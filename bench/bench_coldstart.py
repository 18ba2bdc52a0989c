"""Benchmark: cold start of ``retrans check`` on one short draft vs ``python -c pass``.

Prints the median wall and CPU (user+sys of the child) over ``--runs`` runs of each, runs
alternating so both see the same machine load, and the ratios. Asserts nothing. Byte code is
kept (``PYTHONDONTWRITEBYTECODE`` unset, as users have it) and the caches are warmed by two
runs first: this is the start an editor or a pre-commit hook sees on every call.

Run: .venv/bin/python bench/bench_coldstart.py [--runs 20] [FILE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def one(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd``."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = 0  # reaped above
    return wall, ru.ru_utime + ru.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or [ROOT / "samples" / "fr_ceasefire_call.txt"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    py = [sys.executable, "-c", "pass"]
    for f in files:
        cmd = [str(BIN / "retrans"), "check", "--fail-on", "never", str(f)]
        for _ in range(2):
            one(cmd, env)  # .pyc and caches
        r: list[tuple[float, float]] = []
        p: list[tuple[float, float]] = []
        for _ in range(args.runs):
            r.append(one(cmd, env))
            p.append(one(py, env))
        rw, rc = (statistics.median(x[i] for x in r) for i in (0, 1))
        pw, pc = (statistics.median(x[i] for x in p) for i in (0, 1))
        lo = min(x[1] for x in r)
        print(
            f"retrans check {f.name}: median wall {rw * 1000:.0f} ms, CPU {rc * 1000:.0f} ms "
            f"(least CPU {lo * 1000:.0f} ms) | python -c pass: median wall {pw * 1000:.0f} ms, "
            f"CPU {pc * 1000:.0f} ms | ratio wall {rw / pw:.1f}x, CPU {rc / pc:.1f}x "
            f"({args.runs} runs each, alternating)"
        )


if __name__ == "__main__":
    main()
