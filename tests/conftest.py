from __future__ import annotations

import atexit
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests: random examples where a developer runs them (to find new cases), the same
# examples on every CI run (CI=true), so that CI's verdict depends on the commit alone.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_96dee5359aa26edc.txt"
SAMPLES = ROOT / "samples"

# One disk cache for the whole run, outside the user's home, removed at the end.
if "RETRANS_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="retrans-test-cache-")
    os.environ["RETRANS_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)


def run_cli(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI in-process (``retrans.cli.main(argv)``), as a user would see it: exit code,
    stdout, stderr."""
    from retrans.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin_stream = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    old = (sys.stdin, os.getcwd())
    sys.stdin = stdin_stream
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = old[0]
        os.chdir(old[1])
    return subprocess.CompletedProcess(["retrans", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI as a separate process (for what only a process shows: the entry point)."""
    return subprocess.run(
        [sys.executable, "-m", "retrans", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
    )


@pytest.fixture
def example_text() -> str:
    if not EXAMPLE.is_file():
        pytest.skip("../shared/examples is not present in this clone")
    return EXAMPLE.read_text(encoding="utf-8")
