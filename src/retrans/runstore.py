"""A dict kept from one CLI run to the next in the private, MAC-verified cache.

``rxcache`` (regex opcodes) and ``codecache`` (generated methods' code) share this: one file
per kind and interpreter build, merged with what other runs wrote, trimmed to what this run
used when it grows too big, written only after a miss.
"""

from __future__ import annotations

import sys
from typing import Any


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


def read(where: tuple[Any, bytes]) -> dict[Any, Any]:
    """The stored dict, or an empty one (missing, foreign or tampered file)."""
    from retrans import cache

    ok, value = cache.load(where[0], where[1], dict)
    return value if ok else {}


def save(
    kind: str, key: tuple[str, ...], entries: dict[Any, Any], used: set[Any], limit: int
) -> None:
    """Merge this run's ``used`` entries into the stored dict; never fails (only slower)."""
    try:
        from retrans import cache
        from retrans.paths import _prune

        where = location(kind, *key)
        if where is None:
            return
        merged = read(where)  # what other runs added meanwhile
        merged.update((k, entries[k]) for k in used if k in entries)
        if len(merged) > limit:
            merged = {k: v for k, v in merged.items() if k in used}
        cache.dump(where[0], where[1], merged)
        _prune(kind)
    except Exception:  # pragma: no cover - a cache that cannot be written is only slower
        return
