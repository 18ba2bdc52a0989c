"""The disk cache, which must never become a way to run someone else's code.

Cache files are pickles (fast to load: the CLI's cold start matters), and unpickling runs
code. So a cache file is loaded only when all of these hold:

- the cache folder is a directory owned by the current user and private (0700; a folder of
  ours that is too open is tightened, one owned by someone else is not used at all);
- the file is a regular file (no symlink), owned by the current user, writable by no one else;
- its keyed hash (BLAKE2b, a MAC) matches, with a random per-user key kept 0600 in that folder;
- the loaded value has the type the builder is declared to return.

Anything else is treated as a miss and rebuilt; nothing is ever trusted across users.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
MAGIC = b"RTC1"
_MAC_LEN = 32
_KEY_NAME = "key"
_warned: set[str] = set()


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _warn(folder: Path, why: str) -> None:
    """One line per process: the user should know the cache is off, but it is no error."""
    key = str(folder)
    if key not in _warned:
        _warned.add(key)
        sys.stderr.write(f"retrans: warning: {folder}: not using the cache folder ({why})\n")


def _mkdirs_private(path: Path) -> None:
    """Create missing folders 0700, whatever the umask (``Path.mkdir`` would honour it)."""
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(d, 0o700)
            os.chmod(d, 0o700)


def private_dir(path: Path) -> Path | None:
    """The cache folder, created 0700 if needed; ``None`` when it is not safe to use."""
    if _uid() < 0:  # no owners to check (Windows): keep the per-user default only
        return path
    try:
        _mkdirs_private(path)
        st = os.stat(path)
    except OSError as exc:
        _warn(path, f"cannot create it: {exc.strerror or exc}")
        return None
    if not stat.S_ISDIR(st.st_mode):
        _warn(path, "not a folder")
        return None
    if st.st_uid != _uid():
        _warn(path, f"owned by uid {st.st_uid}, not by you")
        return None
    if st.st_mode & 0o077:
        try:  # ours but open to others (an old umask): close it; the files are vetted one by one
            os.chmod(path, 0o700)
        except OSError:
            _warn(path, "open to other users and cannot be made private")
            return None
    return path


def _vet(fd: int, max_mode: int = 0o022) -> os.stat_result | None:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_uid != _uid() or st.st_mode & max_mode:
        return None
    return st


def _read_vetted(path: Path, max_mode: int = 0o022) -> bytes | None:
    """The file's bytes when it is a regular file of ours that no one else can write."""
    return _read_vetted_stat(path, max_mode)[0]


def _read_vetted_stat(
    path: Path, max_mode: int = 0o022
) -> tuple[bytes | None, os.stat_result | None]:
    """``_read_vetted``, and the file's status when it did not change while it was read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None, None
    try:
        st = os.fstat(fd)
        if _uid() >= 0 and _vet(fd, max_mode) is None:
            return None, None
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read()
        after = os.fstat(fd)
        return data, (st if after.st_ctime_ns == st.st_ctime_ns else None)
    except OSError:
        return None, None
    finally:
        os.close(fd)


def user_key(folder: Path) -> bytes | None:
    """The per-user MAC key (32 random bytes, 0600); made on first use, remade if tampered."""
    path = folder / _KEY_NAME
    for _ in range(3):
        data = _read_vetted(path, 0o077)
        if data is not None and len(data) == _MAC_LEN:
            return data
        if path.exists() or path.is_symlink():
            with contextlib.suppress(OSError):
                path.unlink()  # someone else's, a link, or the wrong size: ours to replace
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue  # another retrans made it at the same moment: read theirs
        except OSError:
            return None
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, os.urandom(_MAC_LEN))
            os.fsync(fd)
        finally:
            os.close(fd)
    return None


def _mac(key: bytes, name: str, body: bytes | memoryview) -> bytes:
    try:  # the C module itself: hashlib and hmac would load OpenSSL (≈ 7 ms of cold start)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    h = blake2b(key=key, digest_size=_MAC_LEN)
    h.update(name.encode())
    h.update(b"\0")
    h.update(body)
    return h.digest()


def _compare_digest(a: bytes, b: bytes) -> bool:
    try:  # what hmac.compare_digest is, without importing hmac (and OpenSSL)
        import _operator

        return bool(_operator._compare_digest(a, b))
    except (ImportError, AttributeError):  # pragma: no cover
        import hmac

        return hmac.compare_digest(a, b)


def expected_type(build: Callable[[], Any]) -> type | None:
    """The class ``build`` is declared to return (``dict`` for ``dict[str, str]``), if known."""
    try:
        hint = typing.get_type_hints(build).get("return")
    except Exception:
        return None
    if isinstance(hint, type):
        return hint
    origin = typing.get_origin(hint)
    return origin if isinstance(origin, type) else None


def load(path: Path, key: bytes, want: type | None, stamped: bool = True) -> tuple[bool, Any]:
    """(True, value) for a sound cache file, (False, None) for anything else.

    ``stamped``: a file whose MAC was verified before and whose stamp (inode, size, times)
    has not changed since is not hashed again (``retrans.stamps``: ≈ 8 MB a start)."""
    data, st = _read_vetted_stat(path)
    if data is None or not data.startswith(MAGIC) or len(data) < len(MAGIC) + _MAC_LEN:
        return False, None
    mac = data[len(MAGIC) : len(MAGIC) + _MAC_LEN]
    start = len(MAGIC) + _MAC_LEN
    if not (stamped and st is not None and _verified_before(path, st, mac)):
        if not _compare_digest(mac, _mac(key, path.name, memoryview(data)[start:])):
            return False, None
        if stamped and st is not None:
            from retrans import stamps

            stamps.record(str(path), st, mac)
    import gc
    import io

    from retrans.paths import _load

    # Loading builds many containers the collector would scan again and again (≈ 3× slower
    # for the detector's word lists); nothing loaded here holds cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        fh = io.BytesIO(data)  # shares ``data``: megabytes not copied again
        fh.seek(start)
        value = _load(fh)  # only bytes this user's retrans wrote (MAC checked)
    except Exception:
        return False, None
    finally:
        if enabled:
            gc.enable()
    if want is not None and not isinstance(value, want):
        return False, None
    return True, value


def load_mapped(path: Path, key: bytes) -> memoryview | None:
    """The body of a sound cache file written by :func:`dump_raw`, mapped, not read: a store
    of thousands of entries of which a run uses a few hundred (``runstore``) is paged in only
    where it is used (reading and unpickling 3 MB of them was ≈ 5 % of a check of a draft).
    Checked as :func:`load` checks (owner, mode, MAC or an unchanged stamp); our files are
    replaced by rename, never rewritten in place, so the mapped bytes do not change."""
    import mmap

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = _vet(fd) if _uid() >= 0 else os.fstat(fd)
        if st is None or st.st_size < len(MAGIC) + _MAC_LEN:
            return None
        view = memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    start = len(MAGIC) + _MAC_LEN
    if view[: len(MAGIC)] != MAGIC:
        return None
    mac = bytes(view[len(MAGIC) : start])
    if not _verified_before(path, st, mac):
        if not _compare_digest(mac, _mac(key, path.name, view[start:])):
            return None
        from retrans import stamps

        stamps.record(str(path), st, mac)
    return view[start:]


def dump_raw(path: Path, key: bytes, body: bytes) -> None:
    """Write ``body`` (bytes of our own format, not a pickle) as a cache file."""
    from retrans.paths import atomic_write

    atomic_write(path, MAGIC + _mac(key, path.name, body) + body, mode=0o600, durable=False)


def _verified_before(path: Path, st: os.stat_result, mac: bytes) -> bool:
    """This file's MAC was verified when it had this very stamp: the same bytes."""
    from retrans import stamps

    return bool(stamps.recorded(str(path), st) == mac)


def dump(path: Path, key: bytes, value: Any) -> None:
    from retrans.paths import _dumps, atomic_write

    body = _dumps(value)  # paths under the checkout stored relative: checkouts share caches
    atomic_write(path, MAGIC + _mac(key, path.name, body) + body, mode=0o600, durable=False)


def cached(folder: Path, name: str, build: Callable[[], T]) -> T:
    """``build()``, or its value from ``folder/name`` when that file passes every check."""
    safe = private_dir(folder)
    key = user_key(safe) if safe is not None else None
    if safe is None or key is None:
        return build()
    path = safe / name
    ok, value = load(path, key, expected_type(build))
    if ok:
        return typing.cast(T, value)
    value = build()
    with contextlib.suppress(OSError):
        dump(path, key, value)
    return typing.cast(T, value)
