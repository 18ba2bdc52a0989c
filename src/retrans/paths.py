"""Where retrans finds its data and keeps its cache."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from retrans import __version__

_PKG = Path(__file__).resolve().parent
T = TypeVar("T")


def glossary_dir() -> Path:
    """The shipped glossaries: inside the wheel, or the repository's ``glossaries/``."""
    bundled = _PKG / "_data" / "glossaries"
    if bundled.is_dir():
        return bundled
    return _PKG.parent.parent / "glossaries"


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
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    for s in extra:
        h.update(s.encode())
    for f in sorted(files):
        h.update(str(f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


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
    value = cache.cached(folder, name, build)
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def yaml_files(root: Path) -> list[Path]:
    """The YAML files of a file or folder; a missing one is an error, never silently empty."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        from retrans.errors import DataError

        raise DataError("no such glossary or rule-pack file or folder", str(root))
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so a reader never sees half a file.

    The file keeps its mode (or gets ``mode``); a new one gets 0666 less the umask, as
    ``open`` would give it (``mkstemp`` alone would make it 0600).
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
