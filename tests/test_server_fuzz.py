"""Schemathesis against /openapi.json of a real server: no 5xx, and every response matches the
schema's status codes, content type and body; with a token, no operation ignores auth.
Bounded by --max-time; marked slow."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
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


def _fuzz(url: str, cwd: Path, checks: str, examples: int, seconds: int, *extra: str) -> None:
    assert ST is not None
    r = subprocess.run(
        [
            ST,
            "run",
            url + "/openapi.json",
            "--checks",
            checks,
            "--max-examples",
            str(examples),
            "--max-time",
            str(seconds),
            "--seed",
            "19",
            "--generation-database",
            "none",
            "--workers",
            "2",
            "--no-color",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=seconds + 300,
    )
    tail = r.stdout[-6000:] + r.stderr[-2000:]
    assert "Tested: 4" in r.stdout, tail
    assert r.returncode == 0, tail
    with urllib.request.urlopen(url + "/health", timeout=30) as h:  # still serving
        assert h.status == 200


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ST is None, reason="schemathesis is not installed"),
]


def test_fuzzing_the_api_finds_no_server_error(tmp_path: Path) -> None:
    with LocalServer(max_bytes=100_000) as srv:
        _fuzz(srv.url, tmp_path, CHECKS, 25, 90)


def test_fuzzing_with_a_token(tmp_path: Path) -> None:
    tok = tmp_path / "token"
    tok.write_text("fuzz-token\n", encoding="utf-8")
    with LocalServer(token_file=tok) as srv:
        checks = "not_a_server_error,status_code_conformance,ignored_auth"
        _fuzz(srv.url, tmp_path, checks, 10, 40, "-H", "Authorization: Bearer fuzz-token")
