"""Benchmark: `retrans batch` on a generated tar.gz archive of news drafts at --jobs 1 and 2
(docs/s, speed-up, peak memory per worker), proselint on the same files in the same run for
scale; and, with --memory-gb, peak memory on a large generated JSONL dump. Prints figures;
asserts nothing.

Run: .venv/bin/python bench/bench_batch.py [--docs 5000] [--jobs 1,2]
     .venv/bin/python bench/bench_batch.py --memory-gb 1 [--payload-kb 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_doc

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MEM = re.compile(r"memory: driver peak (\d+) MB; (\d+) worker\(s\), largest peak (\d+) MB")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB (psutil)."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for q in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += q.memory_info().rss
    return total / (1 << 20)


def run_batch(args: list[str]) -> tuple[float, str, float, float]:
    """(wall seconds, stdout, peak RSS of the whole process tree in MB sampled every 0.2 s,
    CPU seconds used by the tree: the driver and the workers it waited for)."""
    import resource

    cmd = [str(BIN / "retrans"), "batch", *args, "--progress", "none"]
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out = proc.communicate()[0].decode()
    wall = time.perf_counter() - t0
    th.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    return wall, out, peak[0], cpu


def mem_line(out: str) -> str:
    m = MEM.search(out)
    if not m:
        return "memory: (not reported)"
    return f"driver peak {m[1]} MB, {m[2]} worker(s), largest worker peak {m[3]} MB"


def make_archive(tmp: Path, docs: int, size: int) -> tuple[Path, Path, float]:
    rng = random.Random(7)
    folder = tmp / "corpus"
    folder.mkdir()
    total = 0
    for i in range(docs):
        text = make_doc(rng, size)
        (folder / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    archive = tmp / "archive.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        tf.add(folder, arcname="corpus")
    return archive, folder, total / 1e6


def outputs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".retrans-batch" not in p.parts
    }


def throughput(args: argparse.Namespace, tmp: Path) -> None:
    archive, folder, mb = make_archive(tmp, args.docs, args.size)
    print(
        f"archive: {args.docs} documents, {mb:.1f} MB text, tar.gz {archive.stat().st_size / 1e6:.1f}"
        f" MB (generated, seed 7); cores visible: {os.cpu_count()}"
    )
    subprocess.run(  # warm the data cache once so no run pays for building it
        [str(BIN / "retrans"), "check", str(ROOT / "samples" / "clean_en.txt")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    walls: dict[int, float] = {}
    cpus: dict[int, float] = {}
    outs: dict[int, dict[str, bytes]] = {}
    for j in args.jobs:
        out = tmp / f"out-j{j}"
        wall, text, peak, cpu = run_batch([str(archive), "--out", str(out), "--jobs", str(j)])
        walls[j], cpus[j] = wall, cpu
        outs[j] = outputs(out)
        print(
            f"retrans batch --jobs {j}: {wall:7.1f} s  {args.docs / wall:6.1f} docs/s  "
            f"{mb / wall:5.2f} MB/s  {mem_line(text)}; whole tree sampled peak {peak:.0f} MB; "
            f"CPU {cpu:.0f} s = {cpu / wall:.2f} cores busy on average, "
            f"{args.docs / cpu:.1f} docs per CPU-second"
        )
    if 1 in walls and 2 in walls:
        print(
            f"speed-up --jobs 2 vs --jobs 1: {walls[1] / walls[2]:.2f}x wall-clock; the work "
            f"per document is {cpus[2] / cpus[1]:.2f}x that of --jobs 1 (CPU-seconds), so on "
            f"2 free cores the speed-up would be about {2 * cpus[1] / cpus[2]:.2f}x. "
            f"(Cores shared with other jobs: load average {os.getloadavg()[0]:.1f}.)"
        )
    if len(outs) > 1:
        same = all(o == next(iter(outs.values())) for o in outs.values())
        print(f"outputs identical across --jobs: {same} ({len(next(iter(outs.values())))} files)")
    prose = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if prose and not args.no_proselint:
        t0 = time.perf_counter()
        subprocess.run(
            [prose, "check", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        t = time.perf_counter() - t0
        print(f"proselint check (same files, one process): {t:7.1f} s  {args.docs / t:6.1f} docs/s")
    elif not prose:
        print("proselint not installed: pip install proselint to compare")


def memory(args: argparse.Namespace, tmp: Path) -> None:
    """A JSONL dump of --memory-gb: each record an article ("text") plus a raw-page payload
    ("html") as scraped archives carry, so a 1 GB dump holds a few thousand articles."""
    rng = random.Random(11)
    dump = tmp / "dump.jsonl"
    target = int(args.memory_gb * 1e9)
    pad = "<div class='ad'>" + "x" * 80 + "</div>\n"
    written = n = 0
    with dump.open("w", encoding="utf-8") as fh:
        while written < target:
            html = pad * (args.payload_kb * 1024 // len(pad))
            rec = {"id": n, "url": f"https://example.org/a/{n}", "html": html}
            rec["text"] = make_doc(rng, args.size)
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode())
            n += 1
    print(
        f"JSONL dump: {written / 1e9:.2f} GB, {n} records (text ~{args.size} B, html ~{args.payload_kb} KB)"
    )
    for j in args.jobs:
        out = tmp / f"mem-j{j}"
        wall, text, peak, _ = run_batch([str(dump), "--out", str(out), "--jobs", str(j)])
        size = (out / "dump.jsonl").stat().st_size if (out / "dump.jsonl").exists() else 0
        print(
            f"retrans batch --jobs {j} on {written / 1e9:.2f} GB: {wall:.1f} s "
            f"({n / wall:.1f} records/s, {written / 1e6 / wall:.1f} MB/s); {mem_line(text)}; "
            f"whole process tree sampled peak {peak:.0f} MB; output {size / 1e9:.2f} GB"
        )
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--size", type=int, default=2048, help="characters per document")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to time")
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument("--memory-gb", type=float, default=0.0, help="run the memory benchmark")
    ap.add_argument("--payload-kb", type=int, default=200)
    args = ap.parse_args()
    args.jobs = [int(x) for x in args.jobs.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="retrans-bench-batch-"))
    try:
        if args.memory_gb:
            memory(args, tmp)
        else:
            throughput(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
