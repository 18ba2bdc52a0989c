"""The run-to-run store of ``rxcache``/``codecache`` (``retrans.runstore``): entries read one
by one, merged with other runs', trimmed past the limit, and never a wrong entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrans import runstore


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))


def _store(limit: int = 100) -> runstore.Store:
    store = runstore.Store("probe", ("k",), limit)
    assert store.open()
    return store


def test_entries_come_back_from_a_later_run_and_other_runs_are_kept() -> None:
    first = _store()
    first.put(("a+", 2), (1, [17, 4], 0))
    first.put((b"x", 0), {"n": 1})
    first.save()
    second = _store()
    assert second.get(("a+", 2)) == (1, [17, 4], 0)
    assert second.get(("a+", 0)) is None and second.get((b"a+", 2)) is None
    second.put(("b", 0), "new")
    second.save()
    third = _store()
    assert third.get((b"x", 0)) == {"n": 1}  # not used by the second run, still kept
    assert third.get(("b", 0)) == "new"


def test_past_the_limit_only_the_last_runs_entries_are_kept() -> None:
    first = _store(limit=2)
    for i in range(2):
        first.put((f"p{i}", 0), i)
    first.save()
    second = _store(limit=2)
    assert second.get(("p1", 0)) == 1
    second.put(("q", 0), 9)
    second.save()
    third = _store(limit=2)
    assert third.get(("p0", 0)) is None
    assert (third.get(("p1", 0)), third.get(("q", 0))) == (1, 9)


def test_a_digest_collision_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runstore, "_digest", lambda key: 7)
    first = _store()
    first.put(("one", 0), 1)
    first.save()
    second = _store()
    assert second.get(("one", 0)) == 1
    assert second.get(("two", 0)) is None


WIDTH_PROBE = r"""
import json, re
from retrans.rules import scan
scan.remember_widths()
pats = [(r"\bseit \w+ Jahren\b", re.IGNORECASE), (r"ab?c", 0), (r"(?:ab|c){2,3}", 0)]
out = [scan.max_width(p, f) for p, f in pats]
print(json.dumps({"out": out, "new": scan._new_widths}))
"""


def test_regex_widths_are_kept_from_run_to_run(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}

    def probe() -> dict:
        proc = subprocess.run(
            [sys.executable, "-c", WIDTH_PROBE], env=env, capture_output=True, text=True
        )
        return dict(json.loads(proc.stdout))

    first = probe()
    assert first == {"out": [None, 3, 6], "new": True}
    assert len(list((tmp_path / "cache").glob("widths-*.pickle"))) == 1
    assert probe() == {"out": [None, 3, 6], "new": False}  # every width from the store


def test_a_tampered_or_truncated_store_file_is_a_miss() -> None:
    first = _store()
    first.put(("a+", 2), (1, [17, 4], 0))
    first.save()
    assert first.where is not None
    path = first.where[0]
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # one record byte changed: the MAC no longer matches
    path.write_bytes(bytes(data))
    assert _store().get(("a+", 2)) is None
    path.write_bytes(bytes(data[:20]))  # shorter than its header
    assert _store().get(("a+", 2)) is None


def test_the_index_is_a_table_read_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of entries whose digests share their low bits (long probe runs) all come back
    from the table read in place; a digest of 0 (the free-slot mark) is only not kept."""
    digests = {("k", i): (i + 1) << 40 | 3 for i in range(300)} | {("zero", 0): 0}
    monkeypatch.setattr(runstore, "_digest", lambda key: digests[key])
    first = _store(limit=1000)
    for key in digests:
        first.put(key, key[1] * 2)
    assert first.get(("zero", 0)) == 0  # this run has it
    first.save()
    second = _store(limit=1000)
    assert isinstance(second._index, runstore._Index)
    assert all(second.get(("k", i)) == 2 * i for i in range(300))
    assert second.get(("zero", 0)) is None  # compiled again next time
    assert len(second._index.keys()) == 300
    second.discard(("k", 7))
    assert second.get(("k", 7)) is None and second.get(("k", 8)) == 16
