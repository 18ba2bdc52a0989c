"""File stamps (``retrans.stamps``): an unchanged file is not hashed again; a changed one is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from retrans import cache, paths, stamps


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(stamps, "_stamps", None)
    monkeypatch.setattr(stamps, "_RACY_NS", 0)  # stamp files however new they are
    return tmp_path


def test_a_cache_file_changed_after_its_check_is_checked_again(fresh: Path) -> None:
    folder = cache.private_dir(fresh / "cache")
    assert folder is not None
    key = cache.user_key(folder)
    assert key is not None
    path = folder / "x.pickle"
    cache.dump(path, key, {"a": 1})
    assert cache.load(path, key, dict) == (True, {"a": 1})
    assert stamps.recorded(str(path), os.stat(path)) is not None  # MAC checked, stamped
    assert cache.load(path, key, dict) == (True, {"a": 1})  # from the stamp
    time.sleep(0.05)  # past the clock tick of the stamp
    data = bytearray(path.read_bytes())
    data[-3] ^= 1  # same size, other bytes, in place
    path.write_bytes(bytes(data))
    assert cache.load(path, key, dict) == (False, None)


def test_content_keys_follow_content_not_stamps(fresh: Path) -> None:
    f = fresh / "data.yaml"
    f.write_text("one\n")
    first = paths.files_hash([f])
    assert paths.files_hash([f]) == first  # the second from the stamp
    time.sleep(0.05)
    f.write_text("two\n")
    assert paths.files_hash([f]) != first
    time.sleep(0.05)
    f.write_text("one\n")
    assert paths.files_hash([f]) == first
