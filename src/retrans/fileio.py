"""Writing the user's files: nothing lost, nothing silently changed besides the edits.

- ``--in-place`` edits a symlink's target (the link stays a link), keeps the file's mode,
  owner and hard links, and refuses FIFOs, devices and other special files;
- the backup never overwrites an older backup with other content: ``x.orig`` is kept and
  the next one is ``x.orig.1``, ``x.orig.2``…; a backup identical to one there is not repeated;
- ``--out`` refuses two inputs that would land on one output file, and an output that is an
  input itself;
- every ``OSError`` becomes one line naming the file (exit 2), never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from retrans.errors import InputError

BOM = b"\xef\xbb\xbf"
MAX_BACKUPS = 1000


class _Input(Protocol):
    path: str
    rel: str


def encode(text: str, path: str, bom: bool = False) -> bytes:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"cannot encode as UTF-8: {exc.reason}", path) from None
    return BOM + data if bom else data


def _err(exc: OSError, path: Path | str, what: str = "cannot write") -> InputError:
    return InputError(f"{what}: {exc.strerror or exc}", str(path))


def _regular(path: Path, shown: str) -> os.stat_result:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _err(exc, shown, "cannot read") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (FIFO, device or folder): not rewriting it", shown)
    return st


def check_outputs(items: Iterable[_Input], out: Path) -> None:
    """Refuse, before writing anything, two inputs with one output and outputs that are inputs."""
    seen: dict[str, str] = {}
    for inp in items:
        target = out / inp.rel
        key = os.path.normcase(os.path.normpath(str(target)))
        if key in seen:
            raise InputError(
                f"{seen[key]} and {inp.path} would both be written to {target}; "
                "give them separate runs or folders",
                str(out),
            )
        seen[key] = inp.path
        if inp.path != "<stdin>" and target.exists():
            with contextlib.suppress(OSError):
                if os.path.samefile(target, inp.path):
                    raise InputError(
                        f"output {target} is the input itself (use --in-place)", inp.path
                    )


def write_out(target: Path, data: bytes, durable: bool = True) -> None:
    """An output under ``--out``: a new or regular file, replaced atomically.

    ``durable=False`` (many outputs) skips the per-file fsync: the caller syncs once at the end.
    """
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise InputError("output exists and is not a regular file: not replacing it", str(target))
    try:
        _atomic(target, data, None, durable)
    except OSError as exc:
        raise _err(exc, target) from None


def rewrite(path: str, original: bytes, new: bytes, backup: bool = True) -> Path | None:
    """``--in-place``: back up ``original`` (unless told not to) and write ``new``.

    Returns the backup's path (``None`` when no new backup was needed).
    """
    real = Path(os.path.realpath(path))  # a symlink: edit its target, keep the link
    st = _regular(real, path)
    saved = None
    if backup:
        try:
            saved = write_backup(real, original, st)
        except OSError as exc:
            raise _err(exc, f"{real}.orig", "cannot write the backup") from None
    try:
        if st.st_nlink > 1 or not _can_own(st):
            _overwrite(real, new)  # hard links and foreign owners survive only in place
        else:
            _atomic(real, new, st)
    except OSError as exc:
        raise _err(exc, path) from None
    return saved


def backup_name(real: Path, original: bytes) -> tuple[Path, bool]:
    """(path, exists): the first of x.orig, x.orig.1… that is free or already holds ``original``."""
    for i in range(MAX_BACKUPS):
        cand = real.with_name(real.name + (".orig" if i == 0 else f".orig.{i}"))
        if not cand.exists() and not cand.is_symlink():
            return cand, False
        with contextlib.suppress(OSError):
            same_size = cand.is_file() and cand.stat().st_size == len(original)
            if same_size and cand.read_bytes() == original:
                return cand, True
    raise InputError(f"{MAX_BACKUPS} backups already: clean up the .orig files", str(real))


def write_backup(real: Path, original: bytes, st: os.stat_result) -> Path | None:
    for _ in range(5):
        cand, exists = backup_name(real, original)
        if exists:
            return None
        tmp = _temp_with(real.parent, real.name, original, st)
        try:
            os.link(tmp, cand)  # fails if someone made ``cand`` meanwhile: never overwrite
            return cand
        except FileExistsError:
            continue
        finally:
            os.unlink(tmp)
    raise InputError("cannot find a free backup name", str(real))


def _can_own(st: os.stat_result) -> bool:
    """Can a new file get this owner? (Only root can give a file away.)"""
    if not hasattr(os, "geteuid"):
        return True
    return os.geteuid() == 0 or (st.st_uid == os.geteuid())


def synced_temp(
    folder: Path,
    name: str,
    data: bytes,
    on_fd: Callable[[int], None] | None = None,
    durable: bool = True,
) -> str:
    """A new temporary file beside ``name`` in ``folder`` holding ``data``, flushed to disk.

    ``on_fd`` runs on its open descriptor (mode, owner) before it closes; on any failure the
    temporary file is removed, so a caller only has to rename it into place.
    """
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            if on_fd is not None:
                on_fd(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _temp_with(
    folder: Path, name: str, data: bytes, st: os.stat_result | None, durable: bool = True
) -> str:
    def keep_mode(fd: int) -> None:
        if st is not None:
            os.fchmod(fd, st.st_mode & 0o7777)
            if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != _ids(fd):
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, st.st_uid, st.st_gid)
        else:
            os.fchmod(fd, 0o666 & ~current_umask())

    return synced_temp(folder, name, data, keep_mode, durable)


def _ids(fd: int) -> tuple[int, int]:
    s = os.fstat(fd)
    return s.st_uid, s.st_gid


def current_umask() -> int:
    """The process's umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic(path: Path, data: bytes, st: os.stat_result | None, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename: readers see old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_with(path.parent, path.name, data, st, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        from retrans.paths import _fsync_dir

        _fsync_dir(path.parent)  # the rename itself reaches the disk


def _overwrite(path: Path, data: bytes) -> None:
    """Rewrite the file itself (same inode): keeps hard links and owner; the backup is the net."""
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())
