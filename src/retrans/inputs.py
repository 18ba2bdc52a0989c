"""Collecting inputs: paths, folders and standard input, read as UTF-8 text, size-bounded."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from retrans.errors import InputError
from retrans.formats import TEXT_SUFFIXES, decode
from retrans.ignorefile import ignored

# Generous (a year of a newsroom's archive in one file), but /dev/zero is not read forever.
DEFAULT_MAX_BYTES = 128 * 1024 * 1024


@dataclass
class Input:
    """One text to check: where it came from and what it holds."""

    path: str  # as the user named it ("-" → "<stdin>")
    text: str
    rel: str  # path relative to the folder it was found in (for --out)
    bom: bool = False  # the file started with a UTF-8 BOM (written back with it)

    @property
    def raw(self) -> bytes:
        """The input's bytes exactly as read (decoding was strict, so this round-trips)."""
        data = self.text.encode("utf-8", "surrogatepass")
        return b"\xef\xbb\xbf" + data if self.bom else data


def collect(
    names: list[str], max_bytes: int = DEFAULT_MAX_BYTES, regular_only: bool = False
) -> list[Input]:
    """Every input, in order; folders are searched for text files (sorted).

    ``regular_only`` (for ``--in-place``) refuses FIFOs and devices before opening them:
    opening a FIFO would block, and they cannot be rewritten anyway."""
    if not names:
        raise InputError("no input: give a PATH or - for standard input")
    out: list[Input] = []
    for name in names:
        if name == "-":
            data = _read_bounded(sys.stdin.buffer, "<stdin>", max_bytes)
            out.append(Input("<stdin>", decode(data, "<stdin>"), "stdin.txt", _bom(data)))
            continue
        p = Path(name)
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not files:
                raise InputError("folder holds no text files (.txt, .md, .html, .jsonl)", name)
            for f in files:
                if ignored(f):  # .retransignore
                    continue
                out.append(read_input(f, str(f), str(f.relative_to(p)), max_bytes))
        elif p.exists():
            if p.is_file() and ignored(p):
                continue
            if regular_only and not p.is_file():
                raise InputError("not a regular file (FIFO or device): cannot rewrite it", name)
            out.append(read_input(p, name, p.name, max_bytes))
        else:
            raise InputError("no such file or folder", name)
    return out


def read_input(path: Path, shown: str, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    data = read_bytes(path, max_bytes, shown)
    return Input(shown, decode(data, shown), rel, _bom(data))


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    return decode(read_bytes(path, max_bytes, str(path)), str(path))


def read_bytes(path: Path, max_bytes: int, shown: str | None = None) -> bytes:
    """A file's bytes, never more than ``max_bytes`` (a device or FIFO is read, but bounded)."""
    shown = shown or str(path)
    try:
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise _too_big(shown, max_bytes)
        with open(path, "rb") as fh:
            return _read_bounded(fh, shown, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None


def _read_bounded(fh: BinaryIO, shown: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(shown, max_bytes)
    return data


def _too_big(shown: str, max_bytes: int) -> InputError:
    return InputError(f"larger than --max-bytes ({max_bytes} bytes); raise it to read this", shown)


def _bom(data: bytes) -> bool:
    return data.startswith(b"\xef\xbb\xbf")


def check_languages(source: str | None, lang: str | None) -> None:
    """``--source xx`` / ``--lang xx``: one clear error instead of silently doing nothing."""
    from retrans.errors import ConfigError
    from retrans.langid import LANGUAGES

    known = ", ".join(LANGUAGES)
    for opt, value in (("--source", source), ("--lang", lang)):
        if value is None:
            continue
        codes = [c.strip() for c in value.split(",")] if opt == "--source" else [value.strip()]
        for code in codes:
            if code not in LANGUAGES:
                raise ConfigError(f"{opt}: unknown language {code!r} (known: {known})")
