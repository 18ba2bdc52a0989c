"""Shards cached in a mapped file (``retrans.blobs``): the same lookups as the plain dict,
and a damaged file is rebuilt, never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrans import blobs, langid


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))


def test_common_words_from_the_mapped_file_answer_as_the_plain_dict(tmp_path: Path) -> None:
    plain = {"maison": 2, "house": 1, "haus": 4, "été": 2, "": 0}
    src = tmp_path / "words.txt"
    src.write_text("data", encoding="utf-8")
    built = []

    def build() -> tuple[bytes, ...]:
        built.append(1)
        return langid.CommonWords.pack({k: v for k, v in plain.items() if k})

    first = langid.CommonWords(blobs.disk_cached_blobs("probe", [src], build))
    second = langid.CommonWords(blobs.disk_cached_blobs("probe", [src], build))
    assert len(built) == 1  # the second came from the file
    for common in (first, second):
        for word, mask in plain.items():
            assert common.get(word) == (mask if word else 0)
        assert "maison" in common and "chateau" not in common and "" not in common


def test_a_damaged_blobs_file_is_rebuilt(tmp_path: Path) -> None:
    src = tmp_path / "words.txt"
    src.write_text("data", encoding="utf-8")
    want = (b"alpha", b"", b"gamma")
    assert list(blobs.disk_cached_blobs("probe", [src], lambda: want)) == list(want)
    (path,) = (tmp_path / "cache").glob("probe-*.pickle")
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    other = (b"x", b"y", b"z")
    assert list(blobs.disk_cached_blobs("probe", [src], lambda: other)) == list(other)
    got = blobs.disk_cached_blobs("probe", [src], lambda: want)
    assert [bytes(b) for b in got] == list(other)  # rebuilt and written again
    assert blobs.unpack(b"short") is None


def test_offsets_are_read_in_place_and_checked() -> None:
    """The offsets table is a view of the file's bytes (no ints built per run); a body whose
    table does not add up to its length is not taken for one."""
    want = (b"alpha", b"", b"gamma" * 100, b"\x00")
    body = blobs.pack(want)
    got = blobs.unpack(memoryview(body))
    assert got is not None and type(got._offsets) is memoryview
    assert [bytes(b) for b in got] == list(want) and len(got) == 4
    assert [bytes(b) for b in got.part(1, 3)] == list(want[1:3])
    assert blobs.unpack(body[:-1]) is None and blobs.unpack(body + b"x") is None
    assert blobs.unpack(b"\xff" * 8 + body[8:]) is None  # a count past the end
