"""Finding the config: from the input's folder upward, but only through folders the user
owns, and never past the repository root (git's ``safe.directory`` idea).

A ``retrans.toml`` decides what ``fix --in-place`` writes into a user's files, so one planted
by someone else in a shared folder (``/tmp``, a world-writable share) must not be read.
Discovery therefore stops, without reading anything there, at a folder that

- is owned by another user, or is writable by everyone (a shared temporary folder);

and a config file found is used only when it is owned by the user and not world-writable.
It also stops after the first folder holding ``.git`` (the repository root).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from retrans.errors import ConfigError

CONFIG_NAMES = ("retrans.toml", "pyproject.toml")


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def trusted_folder(folder: Path) -> bool:
    """Owned by the user and not writable by everyone."""
    if _uid() < 0:
        return True
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return st.st_uid == _uid() and not st.st_mode & stat.S_IWOTH


def trusted_file(path: Path) -> bool:
    if _uid() < 0:
        return path.is_file()
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_uid == _uid() and not st.st_mode & stat.S_IWOTH


def _has_retrans_table(pp: Path) -> bool:
    """Whether ``pp`` has a ``[tool.retrans]`` table; remembered by the file's stamp
    (``retrans.stamps``), so an unchanged ``pyproject.toml`` is not parsed on every run."""
    from retrans import stamps

    key = os.path.abspath(pp) + "\0[tool.retrans]"
    try:
        st = os.stat(pp)
    except OSError:
        return False
    known = stamps.recorded(key, st)
    if type(known) is bool:
        return known
    found = _parse_for_table(pp)
    try:
        if stamps.stamp(os.stat(pp)) == stamps.stamp(st):  # not changed while read
            stamps.record(key, st, found)
    except OSError:
        pass
    return found


def _parse_for_table(pp: Path) -> bool:
    try:
        text = pp.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "retrans" not in text:  # no [tool.retrans] in any TOML spelling: skip the parser
        return False
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "retrans" in tool


def find_config(start: Path) -> Path | None:
    """``retrans.toml`` or a ``pyproject.toml`` with ``[tool.retrans]``, nearest first."""
    d = start.resolve()
    if not d.is_dir():
        d = d.parent
    for folder in (d, *d.parents):
        if not trusted_folder(folder):
            return None
        cand = folder / "retrans.toml"
        if cand.is_file() and trusted_file(cand):
            return cand
        pp = folder / "pyproject.toml"
        if pp.is_file() and trusted_file(pp) and _has_retrans_table(pp):
            return pp
        if (folder / ".git").exists():
            return None  # the repository root: a config above it belongs to something else
    return None


def check_paths(cfg: object) -> None:
    """Every glossary and rule-pack path the config names must exist (not silently skipped)."""
    cfg_path = getattr(cfg, "path", None)
    for key in ("glossaries", "rule_packs"):
        for p in getattr(cfg, key, None) or []:
            if Path(p).exists():
                continue
            where = str(cfg_path) if cfg_path else "config"
            raise ConfigError(
                f"{key}: {str(p)!r} does not exist", where, _line_of(cfg_path, Path(p).name)
            )


def _line_of(path: Path | None, needle: str) -> int | None:
    """The first line of the config file that mentions ``needle`` (TOML keeps no positions)."""
    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, line in enumerate(lines, 1) if needle in line), None)
