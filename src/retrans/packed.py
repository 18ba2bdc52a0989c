"""A read-only str-keyed dict kept as marshalled shards, each unpacked on its first lookup.

Unpickling a dict of 40,000 words costs more than checking a short draft; the draft asks
about a hundred words, so only the shards those words fall in are ever built. Lookups give
exactly what the plain dict gave (marshal keeps floats, strings and tuples bit for bit).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

V = TypeVar("V")

SHARDS = 4096
_MISS = object()
# Once this share of the shards is unpacked (a long text or a folder of them), the rest are
# unpacked too: the run reads most of the table anyway, and a complete flat dict answers
# every lookup, misses included, in one dict operation (no shard function in Python).
COMPLETE_SHARE = 8  # 1/8 of the shards


def shard(key: str, n: int = SHARDS) -> int:
    """The shard of a key: the same in every process (``hash`` is salted per process)."""
    if not key:
        return 0
    return (sum(map(ord, key)) * 37 + ord(key[0]) * 1009 + ord(key[-1]) * 7919 + len(key)) % n


class PackedDict(Generic[V]):
    """``get`` and ``in`` of a dict, loaded shard by shard (see the module docstring).

    An unpacked shard's entries join one flat dict, and a key found absent is remembered:
    a text asks about the same words again and again, and a repeated lookup is then one
    dict lookup, not the shard function in Python (≈ 10 % of a check of many articles).
    After :data:`COMPLETE_SHARE` of the shards, all are unpacked (:attr:`complete`)."""

    __slots__ = ("_absent", "_blobs", "_flat", "_left", "_shards", "_whole", "complete")

    def __init__(self, blobs: Sequence[Any], whole: Any = None) -> None:
        # blobs: bytes, or views of a mapped file; whole (optional): the whole dict
        # marshalled, unpacked at once when all is needed (one call, not one per shard)
        self._blobs = blobs
        self._whole = whole
        self._shards: list[dict[str, V] | None] = [None] * len(blobs)
        self._flat: dict[str, V] = {}
        self._absent: set[str] = set()
        self._left = len(blobs) // COMPLETE_SHARE  # shards to unpack before all are
        # the flat dict of every entry once all shards are unpacked, else None
        self.complete: dict[str, V] | None = None

    @classmethod
    def pack(cls, items: Mapping[str, V], n: int = SHARDS, whole: bool = False) -> PackedDict[V]:
        shards: list[dict[str, V]] = [{} for _ in range(n)]
        for k, v in items.items():
            shards[shard(k, n)][k] = v
        blobs = tuple(marshal.dumps(d) for d in shards)
        return cls(blobs, marshal.dumps(dict(items)) if whole else None)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # pickled packed, whatever was unpacked (views of a mapped file as bytes); without
        # a whole blob, as before it was added (caches other versions read stay readable).
        # From protocol 5 the shards are one buffer and their offsets, which a pickler may
        # keep out of band (``retrans.mapped``: loaded as a view of a mapped file).
        whole = () if self._whole is None else (bytes(self._whole),)
        if isinstance(protocol, int) and protocol >= 5:
            import pickle
            from array import array

            ends = array("Q", [0])
            for b in self._blobs:
                ends.append(ends[-1] + len(b))
            joined = pickle.PickleBuffer(b"".join(self._blobs))
            return _from_joined, (type(self), joined, ends.tobytes(), *whole)
        return type(self), (tuple(map(bytes, self._blobs)), *whole)

    def _dict(self, key: str) -> dict[str, V]:
        i = shard(key, len(self._blobs))
        d = self._shards[i]
        if d is None:
            d = self._shards[i] = marshal.loads(self._blobs[i])  # our MAC-checked cache
            self._flat.update(d)
            self._left -= 1
            if self._left <= 0:
                self._unpack_all()
        return d

    def _unpack_all(self) -> None:
        flat, shards, loads = self._flat, self._shards, marshal.loads
        if self._whole is not None:
            flat.update(loads(self._whole))  # the same dict object: callers may hold it
        else:
            for i, d in enumerate(shards):
                if d is None:
                    d = shards[i] = loads(self._blobs[i])
                    flat.update(d)
        self._absent = set()
        self.complete = flat

    def _known(self, key: str) -> bool:
        """Is ``key`` in the dict? (Its shard unpacked into ``_flat`` first.)"""
        if key in self._flat:
            return True
        if key in self._absent or self.complete is not None:
            return False
        if key in self._dict(key):
            return True
        if (
            self.complete is None and len(self._absent) < 1_000_000
        ):  # a bound for texts of endless distinct words
            self._absent.add(key)
        return False

    def get(self, key: str, default: V | None = None) -> V | None:
        flat = self._flat
        if key in flat:
            return flat[key]
        return flat[key] if self._known(key) else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._flat or self._known(key))

    def values_of(self, keys: Iterable[str]) -> list[V]:
        """The values of those ``keys`` that are in the dict, in order: one loop, not two
        method calls per key (the detector looks up thousands of n-grams per document)."""
        flat, absent, miss = self._flat, self._absent, _MISS
        out: list[V] = []
        for k in keys:
            v = flat.get(k, miss)
            if v is miss:
                if k in absent or not self._known(k):
                    continue
                v = flat[k]
            out.append(v)  # type: ignore[arg-type]
        return out

    def __getitem__(self, key: str) -> V:
        if self._known(key):
            return self._flat[key]
        raise KeyError(key)


def _from_joined(cls: type, joined: Any, ends: bytes, *whole: Any) -> Any:
    """A :class:`PackedDict` whose shards are slices of one buffer (bytes, or a view of a
    mapped file) at the offsets ``ends`` (8-byte numbers)."""
    from retrans.blobs import Blobs

    offsets = memoryview(ends).cast("B").cast("Q")
    return cls(Blobs(memoryview(joined).cast("B"), offsets, 0), *whole)


class PackedMapping(Mapping[str, V]):
    """A read-only ``Mapping`` over a :class:`PackedDict`: lookups unpack one shard; iterating
    (rare: training, tests) unpacks the keys in the dict's own order, then every shard."""

    __slots__ = ("_len", "_order", "_packed")

    def __init__(self, packed: PackedDict[V], order: bytes, length: int) -> None:
        self._packed = packed
        self._order = order
        self._len = length

    @classmethod
    def pack(cls, items: Mapping[str, V], whole: bool = False) -> PackedMapping[V]:
        packed = PackedDict.pack(items, whole=whole)
        return cls(packed, marshal.dumps(tuple(items)), len(items))

    def __reduce__(self) -> tuple[type, tuple[PackedDict[V], bytes, int]]:
        # the order as bytes: a view of a mapped file (``detect.model``) does not pickle
        return type(self), (self._packed, bytes(self._order), self._len)

    def __getitem__(self, key: str) -> V:
        if type(key) is not str:
            raise KeyError(key)
        return self._packed[key]

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def values_of(self, keys: Iterable[str]) -> list[V]:
        """``[self[k] for k in keys if k in self]``, faster (``PackedDict.values_of``)."""
        return self._packed.values_of(k for k in keys if type(k) is str)

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        return self._packed.get(key, default) if type(key) is str else default

    def __iter__(self) -> Iterator[str]:
        return iter(marshal.loads(self._order))

    def __len__(self) -> int:
        return self._len

    @property
    def complete(self) -> dict[str, V] | None:
        """Every entry as one dict once all shards are unpacked (``PackedDict.complete``)."""
        return self._packed.complete
