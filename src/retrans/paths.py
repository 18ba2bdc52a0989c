"""Where retrans finds its data and keeps its cache."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TypeVar

from retrans import __version__

_PKG = Path(__file__).resolve().parent
# The checkout (or site-packages) folder: cache keys and cached paths are relative to it, so a
# fresh checkout elsewhere reuses the caches an earlier one built.
_HOME = str(_PKG.parent.parent)
T = TypeVar("T")


def glossary_dir() -> Path:
    """The shipped glossaries: inside the wheel, or the repository's ``glossaries/``."""
    bundled = _PKG / "_data" / "glossaries"
    if bundled.is_dir():
        return bundled
    return _PKG.parent.parent / "glossaries"


def word_list(path: Path) -> frozenset[str]:
    """The entries of a one-per-line list (``glossaries/common/*.txt``, ``titles.txt``…): lines
    stripped, blank ones and ``#`` comments skipped; empty when the file is missing."""
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def packs_dir() -> Path:
    return _PKG / "packs"


def cache_dir() -> Path:
    base = os.environ.get("RETRANS_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "retrans"


def files_hash(files: Iterable[Path], *extra: str) -> str:
    """A content hash of data files (and extra strings), for cache keys."""
    try:  # the C module itself: hashlib would load OpenSSL first (≈ 7 ms of cold start)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    h = blake2b(digest_size=16)
    h.update(__version__.encode())
    for s in extra:
        h.update(_portable(s).encode() + b"\0")
    from retrans.stamps import file_digest

    for f in sorted(files):
        h.update(_portable(str(f)).encode() + b"\0")
        h.update(file_digest(f))  # unchanged files are not read again (retrans.stamps)
    return h.hexdigest()


def _portable(s: str) -> str:
    """``s`` with the checkout folder replaced by a marker when it starts with it."""
    return "\0HOME" + s[len(_HOME) :] if s.startswith(_HOME + os.sep) else s


def _dumps(value: object) -> bytes:
    """Pickle ``value``, storing strings under the checkout folder relative to it."""
    import io
    import pickle

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: object) -> str | None:
            if type(obj) is str and obj.startswith(_HOME + os.sep):
                return obj[len(_HOME) :]
            return None

    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()


def _load(fh: BinaryIO) -> object:
    try:  # the C unpickler itself: the pickle module is ≈ 1 % of a check of one draft
        from _pickle import Unpickler
    except ImportError:  # pragma: no cover
        from pickle import Unpickler
    unpickler = Unpickler(fh)
    unpickler.persistent_load = _HOME.__add__  # type: ignore[method-assign]  # relative paths
    return unpickler.load()


def disk_cached(
    kind: str, files: list[Path], build: Callable[[], T], *extra: str, use_cache: bool = True
) -> T:
    """``build()``, pickled in the cache folder under the content hash of ``files``.

    Loading a pickle is several times faster than parsing JSON or YAML and rebuilding
    indexes, which keeps the CLI's cold start low. ``retrans.cache`` loads only files this
    user's retrans wrote (owner, mode and a keyed hash checked); anything else is rebuilt.
    """
    from retrans import cache

    if not use_cache:
        return build()
    folder = cache_dir()
    name = f"{kind}-{files_hash(files, *extra, cache.MAGIC.decode())}.pickle"  # not pre-MAC names
    new = not os.path.exists(folder / name)
    value = cache.cached(folder, name, build)
    if new:  # a file was added: drop stale ones (listing the folder on every hit cost ≈ 5 %)
        with contextlib.suppress(OSError):
            _prune(kind)
    return value


def _prune(kind: str, keep: int = 4) -> None:
    """Keep the newest few caches of a kind (a few styles or configs), drop stale ones."""
    pattern = re.compile(rf"{re.escape(kind)}-[0-9a-f]{{32}}\.pickle")
    olds = sorted(
        (p for p in cache_dir().glob(f"{kind}-*.pickle") if pattern.fullmatch(p.name)),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for p in olds[keep:]:
        p.unlink(missing_ok=True)


def yaml_files(root: Path) -> list[Path]:
    """The YAML files of a file or folder; a missing one is an error, never silently empty."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        from retrans.errors import DataError

        raise DataError("no such glossary or rule-pack file or folder", str(root))
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def atomic_write(path: Path, data: bytes, mode: int | None = None, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so a reader never sees half a file.

    The file keeps its mode (or gets ``mode``); a new one gets 0666 less the umask, as
    ``open`` would give it (``mkstemp`` alone would make it 0600). ``durable``: the folder
    entry is on disk too when this returns (caches pass False: a lost cache is rebuilt).
    """
    from retrans.fileio import current_umask, synced_temp

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = synced_temp(path.parent, path.name, data, durable=durable)
    try:
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def sync_all() -> None:
    """One flush of every file written without ``durable`` (a batch of outputs)."""
    if hasattr(os, "sync"):
        os.sync()
