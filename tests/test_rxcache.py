"""Compiled patterns kept across CLI runs (``retrans.rxcache``): same patterns, fewer compiles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES

# Run in a fresh interpreter: install() changes this process's `re` for good.
PROBE = r"""
import json, re, sys
from retrans import rxcache
rxcache.install()
out = []
for pat, flags, text in [
    (r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)", 0, "On 14 July and 3 May"),
    (r"poutine|putin", re.IGNORECASE, "POUTINE met Putin"),
    (r"(?m)^\s*(?:skip to content)$", 0, "x\n  skip to content\ny"),
    (r"(?<![\w-])(?:United States|Russia)(?![\w-])", 0, "Russia-US, United States."),
]:
    rx = re.compile(pat, flags)
    out.append([rx.pattern, rx.flags, dict(rx.groupindex), rx.groups, rx.findall(text),
                [m.span() for m in rx.finditer(text)]])
rb = re.compile(rb"\xc3\xa9+")
out.append([rb.pattern.decode("latin-1"), rb.flags, rb.findall(b"caf\xc3\xa9")[0].hex()])
try:
    re.compile("(unclosed")
except re.error as exc:
    out.append(str(exc))
print(json.dumps({"out": out, "new": rxcache._new}))
"""


def _probe(cache: Path) -> dict:
    env = {**os.environ, "RETRANS_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def test_cached_patterns_behave_as_compiled_ones(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _probe(cache)
    assert first["new"] > 0
    assert [p.name.split("-")[0] for p in cache.glob("regex-*.pickle")] == ["regex"]
    second = _probe(cache)
    assert second["new"] == 0  # every pattern came from the cache
    assert second["out"] == first["out"]
    assert first["out"][-1] == "missing ), unterminated subpattern at position 0"
    assert first["out"][0][4] == [["14", "July"], ["3", "May"]]


def test_a_tampered_cache_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _probe(cache)
    (path,) = cache.glob("regex-*.pickle")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _probe(cache)
    assert again["new"] == first["new"]  # all compiled afresh, same results
    assert again["out"] == first["out"]


def test_cli_check_is_the_same_with_a_warm_pattern_cache(tmp_path: Path) -> None:
    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "retrans", "check", "--format", "json", str(SAMPLES)]
    runs = [subprocess.run(cmd, env=env, capture_output=True, text=True) for _ in range(2)]
    assert runs[0].stdout and runs[0].stdout == runs[1].stdout
    assert runs[0].returncode == runs[1].returncode
    assert list((tmp_path / "cache").glob("regex-*.pickle"))
