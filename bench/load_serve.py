"""Load test of `retrans serve`: N requests from C concurrent keep-alive clients, mixed sizes
and endpoints, some malformed. Prints p50/p99 latency per kind, status counts, and the
server's RSS before and after (memory should stay flat); the peer figure is `retrans check`
run as a fresh process per draft, what a CMS hook pays without the server. Asserts nothing,
but exits 1 on any 5xx or connection error.

Run: .venv/bin/python bench/load_serve.py [--requests 2000] [--clients 8] [--workers 1]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_doc
from retrans.server.local import LocalServer

ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 256_000


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its children (the workers), in KiB."""
    total = 0
    pids = [pid]
    kids = Path(f"/proc/{pid}/task/{pid}/children")
    if kids.exists():
        pids += [int(x) for x in kids.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def make_requests(n: int, seed: int) -> list[tuple[str, str, bytes, int]]:
    """(kind, path, body, expected status) — deterministic."""
    rng = random.Random(seed)
    docs = {
        "small": [make_doc(rng, 200) for _ in range(20)],
        "medium": [make_doc(rng, 2_000) for _ in range(20)],
        "large": [make_doc(rng, 30_000) for _ in range(5)],
    }
    malformed = [
        ("bad-json", b'{"text": "Poutine said', 400),
        ("bad-json", b"\xff\xfe not utf-8", 400),
        ("no-text", b'{"txt": "x"}', 422),
        ("unknown-option", b'{"text": "x", "options": {"colour": "red"}}', 422),
        ("file-option", b'{"text": "x", "options": {"glossaries": ["/etc"]}}', 422),
        ("bad-source", b'{"text": "x", "options": {"source": "xx"}}', 422),
        ("oversize", json.dumps({"text": "a" * (MAX_BYTES + 10)}).encode(), 413),
    ]
    out = []
    for _ in range(n):
        r = rng.random()
        path = rng.choice(["/v1/check", "/v1/check", "/v1/fix", "/v1/detect"])
        if r < 0.10:
            kind, body, want = rng.choice(malformed)
            out.append((kind, path, body, want))
            continue
        size = "small" if r < 0.55 else "medium" if r < 0.93 else "large"
        body = json.dumps({"text": rng.choice(docs[size])}).encode()
        out.append((size, path, body, 200))
    return out


def client(
    url: str,
    jobs: list[tuple[str, str, bytes, int]],
    results: list[tuple[str, int, float, bool]],
    lock: threading.Lock,
) -> None:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    for kind, path, body, want in jobs:
        t0 = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers={"content-type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            if resp.getheader("connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
        except (OSError, http.client.HTTPException):
            status = -1
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=120)
        dt = time.perf_counter() - t0
        with lock:
            results.append((kind, status, dt, status == want))
    conn.close()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] * 1000


def cli_peer(runs: int) -> float:
    """Median seconds of `retrans check` as a fresh process on one medium draft."""
    doc = make_doc(random.Random(1), 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "draft.txt"
        f.write_text(doc, encoding="utf-8")
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "retrans", "check", "--fail-on", "never", str(f)],
                stdout=subprocess.DEVNULL,
                check=True,
                cwd=ROOT,
            )
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--peer-runs", type=int, default=5)
    args = ap.parse_args()

    reqs = make_requests(args.requests, args.seed)
    with LocalServer(max_bytes=MAX_BYTES, workers=args.workers) as srv:
        # One pass of warm-up so "before" is the steady state after loading, not start-up.
        warm: list[tuple[str, int, float, bool]] = []
        client(srv.url, reqs[:40], warm, threading.Lock())
        before = rss_kib(srv.pid)
        results: list[tuple[str, int, float, bool]] = []
        lock = threading.Lock()
        chunks = [reqs[i :: args.clients] for i in range(args.clients)]
        threads = [
            threading.Thread(target=client, args=(srv.url, c, results, lock)) for c in chunks
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        after = rss_kib(srv.pid)
        # A second identical round: memory must not keep growing.
        client(srv.url, reqs[: args.requests // 4], [], threading.Lock())
        after2 = rss_kib(srv.pid)
        health = http.client.HTTPConnection(*srv.url.removeprefix("http://").split(":"))
        health.request("GET", "/health")
        alive = health.getresponse().status == 200

    lat = [dt for _, _, dt, _ in results]
    statuses = Counter(s for _, s, _, _ in results)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, _, dt, _ in results:
        by_kind[kind].append(dt)
    unexpected = sum(1 for *_, ok in results if not ok)
    five = sum(n for s, n in statuses.items() if s >= 500 or s < 0)

    print(
        f"retrans serve load test: {len(results)} requests, {args.clients} clients, "
        f"{args.workers} worker(s), {wall:.1f} s wall, {len(results) / wall:.0f} req/s"
    )
    print(
        f"latency all: p50 {pct(lat, 50):.1f} ms  p99 {pct(lat, 99):.1f} ms  "
        f"max {max(lat) * 1000:.1f} ms"
    )
    for kind in sorted(by_kind):
        xs = by_kind[kind]
        print(f"  {kind:<15} n={len(xs):<5} p50 {pct(xs, 50):7.1f} ms  p99 {pct(xs, 99):7.1f} ms")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(f"5xx or connection errors: {five}; responses other than expected: {unexpected}")
    print(
        f"server RSS: before {before / 1024:.1f} MiB, after {after / 1024:.1f} MiB, "
        f"after another {args.requests // 4} requests {after2 / 1024:.1f} MiB"
    )
    print(f"server still healthy: {alive}")
    if args.peer_runs:
        peer = cli_peer(args.peer_runs)
        print(
            f"peer: `retrans check` as a fresh process per 2 KB draft: {peer * 1000:.0f} ms "
            f"(median of {args.peer_runs}) vs p50 {pct(by_kind['medium'], 50):.1f} ms served"
        )
    return 1 if five or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
