"""A dict kept from one CLI run to the next in the private, MAC-verified cache.

``rxcache`` (regex opcodes) and ``codecache`` (generated methods' code) share this: one file
per kind and interpreter build, merged with what other runs wrote, trimmed to what this run
used when it grows too big, written only after a miss.

The file holds thousands of entries (every checkout and test run adds patterns) while a
check of one draft uses a couple of hundred: unpickling them all was ≈ 4 % of its CPU. So
the stored value is an index (a 64-bit digest of each key → where its record lies) and one
blob of records; an entry is unpacked when it is asked for, and its record carries its key,
so a digest that collides is a miss, never a wrong entry. The index is an open-addressing
table of 8-byte numbers read in place in the mapped file (one or two probes a lookup), not a
dict of thousands of entries unmarshalled on every run.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from collections.abc import Iterator
from typing import Any

try:  # the C module itself: hashlib would load OpenSSL
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b as _blake2b

_FORMAT = f"indexed-3-{sys.byteorder}"  # part of the file name: older formats are never read


def location(kind: str, *key: str) -> tuple[Any, bytes] | None:
    """The file for ``kind`` (keyed by the exact interpreter build) and the user's MAC key."""
    from retrans import cache
    from retrans.paths import cache_dir, files_hash

    folder = cache.private_dir(cache_dir())
    mac = cache.user_key(folder) if folder is not None else None
    if folder is None or mac is None:
        return None
    tag = sys.implementation.cache_tag or ""
    return folder / f"{kind}-{files_hash([], sys.version, tag, *key)}.pickle", mac


def _digest(key: Any, _dumps: Any = marshal.dumps, _from: Any = int.from_bytes) -> int:
    """A digest of ``key`` (tuples of str, bytes and int) that is the same in every process
    (``hash`` of a str is salted per process; marshal's version 2 writes no references).
    A few hundred a run: the hash and the helpers are bound once (≈ 2× faster a call)."""
    return _from(_blake2b(_dumps(key, 2), digest_size=8).digest(), "little")


class _Index:
    """The stored index, read in place: a table of (digest, place) slots (two 8-byte numbers
    each) at least twice as many as the entries, a digest at slot ``digest & mask`` or the
    next free one after it; digest 0 marks a free slot (a key whose digest is 0 is never
    stored: it is compiled again). Read only: a discarded entry is only remembered."""

    __slots__ = ("_gone", "_mask", "_slots")

    def __init__(self, slots: Any) -> None:
        self._slots = slots  # digest, place, digest, place, …
        self._mask = len(slots) // 2 - 1
        self._gone: set[int] = set()

    def get(self, d: int, default: int | None = None) -> int | None:
        slots, mask = self._slots, self._mask
        if mask < 0 or not d or d in self._gone:
            return default
        i = d & mask
        while True:
            got = slots[2 * i]
            if got == d:
                return int(slots[2 * i + 1])
            if not got:
                return default
            i = (i + 1) & mask

    def __contains__(self, d: object) -> bool:
        return type(d) is int and self.get(d) is not None

    def __getitem__(self, d: int) -> int:
        at = self.get(d)
        if at is None:
            raise KeyError(d)
        return at

    def pop(self, d: int, default: int | None = None) -> int | None:
        at = self.get(d, default)
        self._gone.add(d)
        return at

    def items(self) -> Iterator[tuple[int, int]]:
        slots, gone = self._slots, self._gone
        for i in range(0, len(slots), 2):
            d = slots[i]
            if d and d not in gone:
                yield d, slots[i + 1]

    def keys(self) -> set[int]:
        return {d for d, _ in self.items()}


def _table(index: dict[int, int]) -> bytes:
    """The bytes of an :class:`_Index` table of ``index``."""
    size = 2
    while size < 2 * len(index):
        size *= 2
    slots = array("Q", bytes(16 * size))
    mask = size - 1
    for d, at in index.items():
        if not d:
            continue  # 0 marks a free slot
        i = d & mask
        while slots[2 * i]:
            i = (i + 1) & mask
        slots[2 * i], slots[2 * i + 1] = d, at
    return slots.tobytes()


def _read_raw(where: tuple[Any, bytes]) -> tuple[Any, Any]:
    """The stored index (an :class:`_Index`) and blob (a mapped view, read where used), or
    empty ones (missing, foreign or tampered file). The file: the table's length in bytes (8
    bytes), the table, the records."""
    from retrans import cache

    body = cache.load_mapped(where[0], where[1])
    if body is not None and len(body) >= 8:
        n = int.from_bytes(body[:8], "little")
        if n and n % 32 == 0 and 8 + n <= len(body):
            try:
                slots = memoryview(body)[8 : 8 + n].cast("B").cast("Q")  # our MAC-checked cache
            except (TypeError, ValueError):  # pragma: no cover - not ours
                slots = None
            if slots is not None and len(slots) & (len(slots) - 1) == 0:
                return _Index(slots), body[8 + n :]
    return {}, b""


class Store:
    """Entries of one kind: read one by one from the stored file, new ones kept for ``save``."""

    def __init__(self, kind: str, key: tuple[str, ...], limit: int) -> None:
        self.kind, self.key, self.limit = kind, (*key, _FORMAT), limit
        self._index: Any = {}  # an _Index once read
        self._blob: Any = b""  # bytes or a mapped view
        self._new: dict[int, bytes] = {}  # digest -> record, compiled this run
        self._used: set[int] = set()
        self.where: tuple[Any, bytes] | None = None

    def open(self) -> bool:
        """Read the stored entries' index; False when there is no usable cache folder."""
        self.where = location(self.kind, *self.key)
        if self.where is None:
            return False
        self._index, self._blob = _read_raw(self.where)
        return True

    def get(self, key: Any) -> Any:
        """The value stored for ``key``, or None."""
        try:
            d = _digest(key)
        except Exception:  # pragma: no cover - not a key we could have stored
            return None
        record = self._new.get(d)
        if record is None:
            at = self._index.get(d)
            if at is None:
                return None
            start = at >> 32
            record = self._blob[start : start + (at & 0xFFFFFFFF)]
        try:
            stored_key, value = marshal.loads(record)  # our MAC-checked cache
        except Exception:  # pragma: no cover - not ours: a miss
            return None
        if stored_key != key:  # a digest collision: a miss
            return None
        self._used.add(d)
        return value

    def put(self, key: Any, value: Any) -> None:
        """Keep ``value`` for ``key`` (str, bytes, int and tuples of them; marshallable)."""
        try:
            d = _digest(key)
            self._new[d] = marshal.dumps((key, value))
        except Exception:  # pragma: no cover - not storable: compiled again next time
            return
        self._used.add(d)

    def discard(self, key: Any) -> None:
        """Forget ``key`` (a stale entry): it will not be written back."""
        try:
            d = _digest(key)
        except Exception:  # pragma: no cover
            return
        self._new.pop(d, None)
        self._index.pop(d, None)
        self._used.discard(d)

    def save(self) -> None:
        """Merge this run's used and new entries into the stored file; never fails (only
        slower): the entries other runs added meanwhile are kept, unless the file grew past
        the limit, when only this run's entries are kept."""
        try:
            from retrans import cache
            from retrans.paths import _prune

            if self.where is None:
                return
            index, blob = _read_raw(self.where)  # what other runs wrote meanwhile
            records: dict[int, bytes] = {}
            for d in self._used:
                if d in self._new:
                    records[d] = self._new[d]
                elif d in self._index:
                    at = self._index[d]
                    records[d] = self._blob[at >> 32 : (at >> 32) + (at & 0xFFFFFFFF)]
            if len(index.keys() | records.keys()) <= self.limit:
                for d, at in index.items():
                    if d not in records:
                        records[d] = blob[at >> 32 : (at >> 32) + (at & 0xFFFFFFFF)]
            out_index: dict[int, int] = {}
            parts: list[bytes] = []
            offset = 0
            for d, record in records.items():
                out_index[d] = offset << 32 | len(record)
                parts.append(record)
                offset += len(record)
            head = _table(out_index)
            body = b"".join([len(head).to_bytes(8, "little"), head, *parts])
            cache.dump_raw(self.where[0], self.where[1], body)
            _prune(self.kind)
        except Exception:  # pragma: no cover - a cache that cannot be written is only slower
            return
