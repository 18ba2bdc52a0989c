"""Batch jobs end to end with real processes: a SIGKILL mid-way then --resume, a real Dask
LocalCluster, and the HTML report rendered by headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from batch_helpers import make_inputs, run, tree
from conftest import ROOT

pytestmark = pytest.mark.slow


def _ledger_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT COUNT(*) FROM items").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _batch(*args: str) -> list[str]:
    return [sys.executable, "-m", "retrans", "batch", *args, "--progress", "none"]


def test_sigkill_mid_way_then_resume_gives_every_item_once_and_identical_outputs(
    tmp_path: Path,
) -> None:
    src = make_inputs(tmp_path, files=120, records=80, members=40)
    total = 120 + 80 + 40
    ref = tmp_path / "ref"
    assert run([src], ref).processed == total

    out = tmp_path / "out"
    db = out / ".retrans-batch" / "ledger.sqlite"
    proc = subprocess.Popen(
        _batch(str(src), "--out", str(out), "--jobs", "2", "--chunk", "4"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )
    deadline = time.monotonic() + 240
    while _ledger_count(db) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _ledger_count(db)
    assert proc.returncode == -signal.SIGKILL
    assert 40 <= done_before < total, "the kill must land mid-way"

    r = subprocess.run(
        _batch(str(src), "--out", str(out), "--jobs", "2", "--resume"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{total - done_before} processed, {done_before} skipped" in r.stdout
    items = [
        json.loads(x) for x in (out / ".retrans-batch" / "items.jsonl").read_text().splitlines()
    ]
    keys = [i["key"] for i in items]
    assert len(keys) == len(set(keys)) == total
    assert all(i["status"] == "done" for i in items)
    got = {k: v for k, v in tree(out).items() if not k.rsplit("/", 1)[-1].startswith(".")}
    assert got == tree(ref)  # byte for byte, the JSONL dump included


def test_dask_local_cluster_and_local_pool_give_identical_outputs(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    src = make_inputs(tmp_path, files=12, records=12, members=6)
    local = tmp_path / "local"
    run([src], local, jobs=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask_out = tmp_path / "dask"
        stats = run([src], dask_out, scheduler=cluster.scheduler_address)
        assert stats.executor == "dask" and stats.failed_total == 0
        with distributed.Client(cluster) as client:
            assert len(client.nthreads()) == 2
    assert tree(dask_out) == tree(local)
    assert len(tree(local)) == 12 + 1 + 6
    a = (local / ".retrans-batch" / "items.jsonl").read_text().splitlines()
    b = (dask_out / ".retrans-batch" / "items.jsonl").read_text().splitlines()

    def strip(rows: list[str]) -> list[dict[str, object]]:
        return [{k: v for k, v in json.loads(r).items() if k not in ("ms", "run")} for r in rows]

    assert strip(a) == strip(b)


CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_report_renders_its_charts_in_headless_chromium(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=6, records=6, members=3)
    run([src], tmp_path / "out")
    page = tmp_path / "out" / ".retrans-batch" / "report.html"
    shot = tmp_path / "report.png"
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1200,900",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file() and shot.stat().st_size > 5000
    if os.environ.get("RETRANS_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["RETRANS_KEEP_SCREENSHOT"])
    # The chart's bars are drawn: the screenshot holds the histogram's blue (#3b6fb6) and
    # the top rules' orange (#c0622f), which only the SVG bars use.
    colours = _png_colours(shot.read_bytes())
    assert (0x3B, 0x6F, 0xB6) in colours
    assert (0xC0, 0x62, 0x2F) in colours


def _png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The RGB colours of an 8-bit RGB/RGBA PNG (stdlib only: zlib and filters)."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    channels = 3
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", body[:4])[0]
            depth, ctype = body[8], body[9]
            assert depth == 8 and ctype in (2, 6)
            channels = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    i = 0
    while i < len(raw):
        ftype, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        for x in range(0, stride, channels):
            colours.add((line[x], line[x + 1], line[x + 2]))
        prev = line
    return colours
