"""One exception type for every user-facing error: the CLI prints it on one line, exit 2."""

from __future__ import annotations


class RetransError(Exception):
    """A problem with the user's input, data files or config (never a bug in retrans)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class DataError(RetransError):
    """A malformed glossary, rule pack or style file."""


class ConfigError(RetransError):
    """A bad retrans.toml / [tool.retrans] setting."""


class InputError(RetransError):
    """An input that cannot be read as text."""
