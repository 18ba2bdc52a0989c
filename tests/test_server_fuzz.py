"""Schemathesis against /openapi.json of a real server: no 5xx, and every response matches the
schema's status codes, content type and body. Bounded by --max-time; marked slow."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from retrans.server.local import LocalServer

ST = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
    "schemathesis"
)
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,negative_data_rejection"
)


@pytest.mark.slow
@pytest.mark.skipif(ST is None, reason="schemathesis is not installed")
def test_fuzzing_the_api_finds_no_server_error(tmp_path: Path) -> None:
    assert ST is not None
    with LocalServer(max_bytes=100_000) as srv:
        r = subprocess.run(
            [
                ST,
                "run",
                srv.url + "/openapi.json",
                "--checks",
                CHECKS,
                "--max-examples",
                "25",
                "--max-time",
                "90",
                "--seed",
                "19",
                "--generation-database",
                "none",
                "--workers",
                "2",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=400,
        )
        health = subprocess.run(
            [sys.executable, "-c", f"import urllib.request as u; u.urlopen('{srv.url}/health')"],
            timeout=30,
        )
    tail = r.stdout[-6000:] + r.stderr[-2000:]
    assert "Tested: 4" in r.stdout, tail
    assert r.returncode == 0, tail
    assert health.returncode == 0
