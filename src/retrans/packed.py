"""A read-only str-keyed dict kept as marshalled shards, each unpacked on its first lookup.

Unpickling a dict of 40,000 words costs more than checking a short draft; the draft asks
about a hundred words, so only the shards those words fall in are ever built. Lookups give
exactly what the plain dict gave (marshal keeps floats, strings and tuples bit for bit).
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from typing import Generic, TypeVar

V = TypeVar("V")

SHARDS = 1024


def shard(key: str, n: int = SHARDS) -> int:
    """The shard of a key: the same in every process (``hash`` is salted per process)."""
    if not key:
        return 0
    return (sum(map(ord, key)) * 37 + ord(key[0]) * 1009 + ord(key[-1]) * 7919 + len(key)) % n


class PackedDict(Generic[V]):
    """``get`` and ``in`` of a dict, loaded shard by shard (see the module docstring)."""

    __slots__ = ("_blobs", "_shards")

    def __init__(self, blobs: tuple[bytes, ...]) -> None:
        self._blobs = blobs
        self._shards: list[dict[str, V] | None] = [None] * len(blobs)

    @classmethod
    def pack(cls, items: Mapping[str, V], n: int = SHARDS) -> PackedDict[V]:
        shards: list[dict[str, V]] = [{} for _ in range(n)]
        for k, v in items.items():
            shards[shard(k, n)][k] = v
        return cls(tuple(marshal.dumps(d) for d in shards))

    def __reduce__(self) -> tuple[type, tuple[tuple[bytes, ...]]]:
        return type(self), (self._blobs,)  # pickled packed, whatever was unpacked

    def _dict(self, key: str) -> dict[str, V]:
        i = shard(key, len(self._blobs))
        d = self._shards[i]
        if d is None:
            d = self._shards[i] = marshal.loads(self._blobs[i])  # our MAC-checked cache
        return d

    def get(self, key: str, default: V | None = None) -> V | None:
        return self._dict(key).get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._dict(key)

    def __getitem__(self, key: str) -> V:
        return self._dict(key)[key]
