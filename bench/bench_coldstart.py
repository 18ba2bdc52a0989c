"""Benchmark: cold start of ``retrans check`` on one short draft vs ``python -c pass``.

Prints the median wall and CPU (user+sys of the child) over ``--runs`` runs of each, runs
alternating so both see the same machine load, and the ratios. Asserts nothing. Byte code is
kept (``PYTHONDONTWRITEBYTECODE`` unset, as users have it) and the caches are warmed by two
runs first: this is the start an editor or a pre-commit hook sees on every call.

``--against DIR`` also runs another version's ``retrans`` (``DIR/src`` first on the path),
alternating with this one, so a change is compared with its baseline in the same run:
``git archive <commit> src glossaries | tar -x -C DIR`` makes one.

Run: .venv/bin/python bench/bench_coldstart.py [--runs 20] [--against DIR] [FILE ...]
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
    ap.add_argument("--against", type=Path, help="another version's checkout (DIR/src)")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or [ROOT / "samples" / "fr_ceasefire_call.txt"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {"": env}
    if args.against:
        envs["baseline "] = {**env, "PYTHONPATH": str(args.against.resolve() / "src")}
    py = [sys.executable, "-c", "pass"]
    for f in files:
        cmd = [str(BIN / "retrans"), "check", "--fail-on", "never", str(f)]
        for e in envs.values():
            for _ in range(2):
                one(cmd, e)  # .pyc and caches
        r: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
        p: list[tuple[float, float]] = []
        for _ in range(args.runs):
            for name, e in envs.items():
                r[name].append(one(cmd, e))
            p.append(one(py, env))
        pw, pc = (statistics.median(x[i] for x in p) for i in (0, 1))
        for name, runs in r.items():
            rw, rc = (statistics.median(x[i] for x in runs) for i in (0, 1))
            lo = min(x[1] for x in runs)
            print(
                f"{name}retrans check {f.name}: median wall {rw * 1000:.0f} ms, "
                f"CPU {rc * 1000:.0f} ms (least CPU {lo * 1000:.0f} ms) | python -c pass: "
                f"median wall {pw * 1000:.0f} ms, CPU {pc * 1000:.0f} ms | ratio wall "
                f"{rw / pw:.1f}x, CPU {rc / pc:.1f}x ({args.runs} runs each, alternating)"
            )


if __name__ == "__main__":
    main()
