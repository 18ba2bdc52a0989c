"""Tuples of byte strings (marshalled shards) cached on disk in a file that is mapped, not
read: a run pages in only the shards it looks at.

``langid.CommonWords`` keeps 100,000 words in 1,024 shards (2 MB), the detector's word lists
(``detect.lexicon``) 12,288 shards (1.3 MB); a check of a draft looks up a few hundred words.
Reading such a file and unpickling every shard cost ≈ 2 ms each; mapping it costs the few
pages used. The file is checked as every cache file is
(``cache.load_mapped``: owner, mode, MAC or an unchanged stamp). The offsets of the blobs are
a table of 8-byte numbers in the file, read in place (a cast view), not unmarshalled into
13,000 ints on every run.
"""

from __future__ import annotations

import contextlib
import sys
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_FORMAT = f"blobs-2-{sys.byteorder}"  # offsets in the machine's byte order


class Blobs(Sequence[Any]):
    """The byte strings of a mapped file, each a view sliced on access."""

    __slots__ = ("_base", "_offsets", "_view")

    def __init__(self, view: Any, offsets: Sequence[int], base: int) -> None:
        self._view, self._offsets, self._base = view, offsets, base

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        o = self._offsets
        if i < 0:
            i += len(self)
        return self._view[self._base + o[i] : self._base + o[i + 1]]

    def part(self, start: int, stop: int) -> Blobs:
        """Blobs ``start`` to ``stop`` (a view: nothing sliced until read)."""
        return Blobs(self._view, self._offsets[start : stop + 1], self._base)


def pack(blobs: Sequence[bytes]) -> bytes:
    """The file body: the number of blobs (8 bytes), their offsets (n + 1 numbers of 8 bytes,
    in the machine's byte order), the blobs."""
    offsets = array("Q", [0])
    for b in blobs:
        offsets.append(offsets[-1] + len(b))
    return b"".join([len(blobs).to_bytes(8, "little"), offsets.tobytes(), *blobs])


def unpack(body: Any) -> Blobs | None:
    """The blobs of a body ``pack`` wrote, or None (not one)."""
    if len(body) < 16:
        return None
    n = int.from_bytes(body[:8], "little")
    base = 8 + 8 * (n + 1)
    if base > len(body):
        return None
    try:
        offsets = memoryview(body)[8:base].cast("B").cast("Q")  # our MAC-checked cache
    except (TypeError, ValueError):  # pragma: no cover - not ours
        return None
    if offsets[0] != 0 or base + offsets[n] != len(body):
        return None
    return Blobs(body, offsets, base)


def disk_cached_blobs(
    kind: str, files: list[Path], build: Callable[[], tuple[bytes, ...]], *extra: str
) -> Blobs:
    """``build()``, kept in the cache folder under the content hash of ``files``."""
    from retrans import cache
    from retrans.paths import _prune, cache_dir, files_hash

    folder = cache.private_dir(cache_dir())
    key = cache.user_key(folder) if folder is not None else None
    if folder is None or key is None:
        return _in_memory(build())
    path = folder / f"{kind}-{files_hash(files, *extra, _FORMAT, cache.MAGIC.decode())}.pickle"
    body = cache.load_mapped(path, key)
    got = unpack(body) if body is not None else None
    if got is not None:
        return got
    new = pack(build())
    with contextlib.suppress(OSError):
        cache.dump_raw(path, key, new)
        _prune(kind)
    return _in_memory(new)


def _in_memory(body: bytes | tuple[bytes, ...]) -> Blobs:
    got = unpack(memoryview(pack(body) if isinstance(body, tuple) else body))
    assert got is not None
    return got
