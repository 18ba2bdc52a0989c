"""Benchmark: `retrans check --jobs 2` vs `--jobs 1` on a folder (default: the WMT14 fr-en MT
articles from ../shared/data, repeated ``--copies`` times). Prints figures; asserts nothing.

Two figures, because a shared machine hides parallel speed-ups:
- wall seconds of the CLI pinned to two cores (``taskset -c 0,1``), runs alternating;
- the CPU critical path, measured in-process: the parent's CPU seconds up to the pool
  (start, first input) plus the larger of its CPU seconds after (its share of the inputs,
  the output) and the busiest worker's. On two free cores the wall time approaches it,
  so ``jobs1 / critical path`` estimates the speed-up there; the total CPU shows what the
  pool costs.

Run: .venv/bin/python bench/bench_jobs.py [--copies 4 | --systems 4] [--folder DIR]

``--copies`` repeats the 176 articles of one system: a worker then refills the caches of
content (words, names) that ``--jobs 1`` fills once for all copies. ``--systems`` takes the
same articles from that many MT systems instead: distinct texts, as in a real archive.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

BIN = Path(sys.executable).parent


_WORKER: dict[int, float] = {}
_FORK: list[float] = []


def _task(a: Any) -> Any:
    return _ORIG_TASK(a), os.getpid(), time.process_time()


def _measure(folder: Path, jobs: int) -> None:
    """Print 'critical-path total' CPU seconds of one check (run in a fresh process)."""
    global _ORIG_TASK
    from retrans import commands

    _ORIG_TASK = commands._check_task
    orig_map = commands._map

    def cmap(*a: Any, **k: Any) -> Any:
        for r in orig_map(*a, **k):
            if not _FORK:  # the first input is done here; the pool starts next
                _FORK.append(time.process_time())
            if len(r) == 3 and isinstance(r[1], int):
                _WORKER[r[1]] = r[2]
                yield r[0]
            else:
                yield r

    commands._check_task, commands._map = _task, cmap  # type: ignore[assignment]
    t0 = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        commands.check([str(folder)], fail_on="never", jobs=jobs)
    parent = time.process_time() - t0
    # before the pool, this process alone; then it and the workers run side by side
    pre = _FORK[0] - t0 if _FORK else parent
    critical = pre + max([parent - pre, *_WORKER.values()])
    print(critical, parent + sum(_WORKER.values()), parent)


_ORIG_TASK: Any = None


def critical_path(folder: Path, jobs: int) -> tuple[float, float, float]:
    """(critical-path, total, parent) CPU seconds of a check in a fresh process."""
    cmd = [sys.executable, __file__, "--measure", str(jobs), "--folder", str(folder)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def wall(folder: Path, jobs: int) -> float:
    cmd = ["taskset", "-c", "0,1", str(BIN / "retrans"), "check", "--fail-on", "never"]
    t = time.perf_counter()
    subprocess.run([*cmd, "--jobs", str(jobs), str(folder)], stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def _system_folder(wmt: Path, folder: Path, systems: int) -> None:
    """One file per WMT14 document and MT system, for the first ``systems`` systems: an
    archive of distinct articles (copies of one article share the caches a worker fills)."""
    import json

    docs: dict[str, list[dict[str, Any]]] = {}
    with wmt.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            docs.setdefault(rec["doc_id"], []).append(rec)
    names = sorted({name for recs in docs.values() for r in recs for name in r["mt"]})
    for k, name in enumerate(names[:systems]):
        for i, recs in enumerate(docs.values()):
            recs.sort(key=lambda r: r["seg_idx"])
            text = "\n".join(r["mt"].get(name) or "" for r in recs) + "\n"
            (folder / f"{k}-{i:04d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument(
        "--systems",
        type=int,
        default=0,
        help="instead of copies: the documents of this many WMT14 MT systems (distinct texts)",
    )
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        _measure(args.folder, args.measure)
        return
    tmp = Path(tempfile.mkdtemp(prefix="retrans-jobs-"))
    try:
        if args.folder:
            folder = args.folder
        else:
            from bench_check import WMT, wmt_folders

            folder = tmp / "many"
            folder.mkdir()
            if WMT.is_file() and args.systems:
                _system_folder(WMT, folder, args.systems)
            else:
                if WMT.is_file():
                    src = wmt_folders(tmp, 176)["MT"]
                else:
                    from corpus import write_corpus

                    write_corpus(tmp / "gen", 400_000)
                    src = tmp / "gen"
                for k in range(args.copies):
                    for f in sorted(src.glob("*.txt")):
                        shutil.copy(f, folder / f"{k}-{f.name}")
        n = len(list(folder.rglob("*.txt")))
        outs = [
            subprocess.run(
                [str(BIN / "retrans"), "check", "--fail-on", "never", "--jobs", j, str(folder)],
                capture_output=True,
            ).stdout
            for j in ("1", "2")
        ]
        print(f"{n} files; output of --jobs 2 identical to --jobs 1: {outs[0] == outs[1]}")
        c1, _, _ = critical_path(folder, 1)
        c2, t2, p2 = critical_path(folder, 2)
        print(
            f"CPU: jobs 1 {c1:.2f} s; jobs 2 critical path {c2:.2f} s (parent {p2:.2f} s: "
            f"start, first input, its share, output; total {t2:.2f} s) "
            f"→ estimated speed-up on 2 free cores {c1 / c2:.2f}x"
        )
        w = {1: [], 2: []}  # type: dict[int, list[float]]
        for _ in range(2):
            for j in (1, 2):
                w[j].append(wall(folder, j))
        print(
            f"wall, taskset -c 0,1 (shared machine): jobs 1 {min(w[1]):.2f} s, "
            f"jobs 2 {min(w[2]):.2f} s → {min(w[1]) / min(w[2]):.2f}x"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
