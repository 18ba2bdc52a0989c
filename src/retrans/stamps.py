"""File stamps: what retrans has already hashed, so an unchanged file is not hashed again.

Every run hashed ≈ 4 MB of data files for the cache keys and ≈ 8 MB of cache files for
their MACs: ≈ 15 % of the CPU of a check of one short draft. A file whose stamp (device,
inode, size, modification and change times, all in nanoseconds) is the one recorded when it
was last hashed has the same content, as git trusts its index: the change time cannot be set
from user space, so replacing or editing a file changes its stamp. Two guards:

- a file changed less than ``_RACY_NS`` before it was stamped is not recorded (a later write
  within the same clock tick could leave the stamp unchanged: git's "racily clean" files);
- the stamps are kept in the MAC-verified private cache (``retrans.cache``), so they cannot
  be forged; a missing or unsound stamps file only means hashing again.

A fresh checkout elsewhere has other paths, so its files are hashed once: the content keys,
and so the caches, are the ones the previous checkout built.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

_RACY_NS = 2_000_000_000
_MAX = 4000  # paths of several checkouts and cache files; beyond that, start afresh

_stamps: dict[str, tuple[Any, ...]] | None = None
_dirty = False


def stamp(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _location() -> tuple[Path, bytes] | None:
    from retrans import cache
    from retrans.paths import cache_dir

    folder = cache.private_dir(cache_dir())
    key = cache.user_key(folder) if folder is not None else None
    return None if folder is None or key is None else (folder / "stamps.pickle", key)


def _table() -> dict[str, tuple[Any, ...]]:
    global _stamps
    if _stamps is None:
        _stamps = {}
        where = _location()
        if where is not None:
            from retrans import cache

            ok, value = cache.load(where[0], where[1], dict, stamped=False)
            if ok:
                _stamps = value
        import atexit

        atexit.register(save)
    return _stamps


def recorded(path: str, st: os.stat_result) -> Any:
    """What was recorded for ``path`` when it had this stamp (a digest, True), else None."""
    rec = _table().get(path)
    return rec[1] if rec is not None and rec[0] == stamp(st) else None


def record(path: str, st: os.stat_result, value: Any) -> None:
    """Remember ``value`` for ``path`` as it is now, unless it changed a moment ago."""
    global _dirty
    now = time.time_ns()
    if now - st.st_mtime_ns < _RACY_NS or now - st.st_ctime_ns < _RACY_NS:
        return
    table = _table()
    if len(table) >= _MAX:
        table.clear()
    table[path] = (stamp(st), value)
    _dirty = True


def file_digest(path: Path) -> bytes:
    """A 16-byte content hash of ``path``, from its stamp when unchanged since last time."""
    key = os.path.abspath(path)
    try:
        st = os.stat(key)
    except OSError:
        st = None
    if st is not None:
        hit = recorded(key, st)
        if isinstance(hit, bytes):
            return hit
    try:  # the C module itself: hashlib would load OpenSSL first (≈ 7 ms of cold start)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    digest = blake2b(Path(path).read_bytes(), digest_size=16).digest()
    if st is not None and stamp(os.stat(key)) == stamp(st):  # not changed while read
        record(key, st, digest)
    return digest


def save() -> None:
    """Write the stamps when this run recorded new ones (at exit)."""
    global _dirty
    if not _dirty or _stamps is None:
        return
    _dirty = False
    try:
        where = _location()
        if where is not None:
            from retrans import cache

            cache.dump(where[0], where[1], _stamps)
    except Exception:  # pragma: no cover - an unwritable cache is only slower
        return
