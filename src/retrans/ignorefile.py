"""``.retransignore``: paths retrans never reads, in gitignore syntax (via ``pathspec``).

Every ``.retransignore`` from a file's folder up to the repository root (the first folder
holding ``.git``) applies, the deeper one last, so a deeper ``!keep.md`` re-includes a path —
as git does. It applies to files named on the command line too, so a pre-commit hook (which
names each staged file) and ``retrans check .`` agree.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from retrans.errors import ConfigError

NAME = ".retransignore"


@cache
def _spec(path: Path) -> Any:
    try:
        import pathspec
    except ImportError:  # pragma: no cover - the gates extra is missing
        raise ConfigError(
            "reading .retransignore needs the pathspec package: pip install 'retrans[gates]'",
            str(path),
        ) from None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", str(path)) from None
    return pathspec.GitIgnoreSpec.from_lines(lines)


@cache
def _ignore_files(folder: Path) -> tuple[Path, ...]:
    """The ``.retransignore`` files that govern ``folder``, outermost first."""
    own = folder / NAME
    mine = (own,) if own.is_file() else ()
    if (folder / ".git").exists() or folder.parent == folder:
        return mine
    return _ignore_files(folder.parent) + mine


def ignored(path: str | Path) -> bool:
    """True when a ``.retransignore`` above ``path`` excludes it."""
    p = Path(path).absolute()
    decision: bool | None = None
    for f in _ignore_files(p.parent):
        rel = p.relative_to(f.parent).as_posix()
        res = _spec(f).check_file(rel)
        if res.include is not None:
            decision = res.include
    return bool(decision)


def clear_cache() -> None:
    """Forget cached ignore files (for long-running callers and tests)."""
    _spec.cache_clear()
    _ignore_files.cache_clear()
