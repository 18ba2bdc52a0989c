"""Collecting inputs: paths, folders and standard input, read as UTF-8 text."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from retrans.errors import InputError
from retrans.formats import TEXT_SUFFIXES, decode
from retrans.ignorefile import ignored


@dataclass
class Input:
    path: str  # as the user named it ("-" → "<stdin>")
    text: str
    rel: str  # path relative to the folder it was found in (for --out)


def collect(names: list[str]) -> list[Input]:
    """Every input, in order; folders are searched for .txt/.md/.jsonl files (sorted)."""
    if not names:
        raise InputError("no input: give a PATH or - for standard input")
    out: list[Input] = []
    for name in names:
        if name == "-":
            data = sys.stdin.buffer.read()
            out.append(Input("<stdin>", decode(data, "<stdin>"), "stdin.txt"))
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
                raise InputError("folder holds no text files (.txt, .md, .jsonl)", name)
            for f in files:
                if ignored(f):  # .retransignore
                    continue
                out.append(Input(str(f), read_text(f), str(f.relative_to(p))))
        elif p.exists():
            if p.is_file() and ignored(p):
                continue
            out.append(Input(name, read_text(p), p.name))
        else:
            raise InputError("no such file or folder", name)
    return out


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return decode(data, str(path))
