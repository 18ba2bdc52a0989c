"""Inputs enumerated lazily: folders (recursive), JSONL streams (one item per line), and
tar/zip archives read member by member with size and count limits.

Nothing here holds more than one item's bytes; a 10 GB dump or a million-file folder starts
producing items at once. Output paths are checked so that no member can escape ``--out``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrans.batch import adapter
from retrans.batch.items import FILE, RECORD, Item

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Limits:
    max_item_bytes: int = 64 << 20  # one document, member or JSONL line
    max_members: int = 1_000_000  # per archive
    max_archive_bytes: int = 32 << 30  # uncompressed, per archive


@dataclass
class Source:
    path: Path
    kind: str  # folder, jsonl, text, archive
    prefix: str  # output folder of this input, relative to --out ("" = --out itself)

    @property
    def id(self) -> str:
        return str(self.path.resolve())


@dataclass
class Stream:
    """A JSONL file whose records are items; its output is assembled when they are done."""

    key: str
    path: Path
    out: str  # output path relative to --out


@dataclass
class Enumerator:
    sources: list[Source]
    fingerprint: bytes
    out_dir: Path
    glob: str | None = None
    id_field: str | None = None
    limits: Limits = field(default_factory=Limits)
    streams: list[Stream] = field(default_factory=list)
    on_stream: Callable[[Stream], None] | None = None

    def __post_init__(self) -> None:
        self.formats = adapter.text_formats()

    def hash(self, data: bytes) -> str:
        return hashlib.blake2b(self.fingerprint + data, digest_size=16).hexdigest()

    def __iter__(self) -> Iterator[Item]:
        for src in self.sources:
            if src.kind == "folder":
                yield from self._folder(src)
            elif src.kind == "archive":
                yield from self._archive(src)
            elif src.kind == "jsonl":
                yield from self._jsonl(src.id, src.path, src.prefix, src.path.name)
            else:
                yield self._file(src.id, src.path, _join(src.prefix, src.path.name), src.path.name)

    # -- folders and plain files ---------------------------------------------------------

    def _wanted(self, rel: str) -> bool:
        if self.glob:
            return fnmatch.fnmatch(rel, self.glob) or fnmatch.fnmatch(
                posixpath.basename(rel), self.glob
            )
        return _suffix(rel) in self.formats

    def _folder(self, src: Source) -> Iterator[Item]:
        out_real = os.path.realpath(self.out_dir)
        for rel in _walk(src.path, out_real):
            path = src.path / rel
            if rel.lower().endswith(ARCHIVE_SUFFIXES):  # opened whatever --glob says
                stem = posixpath.join(posixpath.dirname(rel), archive_stem(posixpath.basename(rel)))
                sub = Source(path, "archive", _join(src.prefix, stem))
                yield from self._archive(sub)
                continue
            if not self._wanted(rel):
                continue
            if _suffix(rel) in JSONL_SUFFIXES:
                yield from self._jsonl(f"{src.id}::{rel}", path, src.prefix, rel)
            else:
                yield self._file(f"{src.id}::{rel}", path, _join(src.prefix, rel), str(path))

    def _file(self, key: str, path: Path, out: str, label: str) -> Item:
        fmt = self.formats.get(_suffix(path.name), "text")
        item = Item(key, key, FILE, fmt, label, out=out)
        try:
            size = path.stat().st_size
            if size > self.limits.max_item_bytes:
                item.error = f"{label}: {size} bytes, over the item limit"
            else:
                item.data = path.read_bytes()
        except OSError as exc:
            item.error = f"{label}: cannot read: {exc.strerror or exc}"
        item.hash = self.hash(item.data)
        return item

    # -- JSONL streams -------------------------------------------------------------------

    def _jsonl(self, key: str, path: Path, prefix: str, rel: str) -> Iterator[Item]:
        stream = Stream(key, path, _join(prefix, rel))
        self.streams.append(stream)
        if self.on_stream:
            self.on_stream(stream)
        label = str(path)
        try:
            fh = path.open("rb")
        except OSError as exc:
            it = Item(f"{key}#open", key, RECORD, "jsonl", label, seq=0)
            it.error = f"{label}: cannot read: {exc.strerror or exc}"
            yield it
            return
        with fh:
            for n, raw in enumerate(read_lines(fh, self.limits.max_item_bytes), 1):
                if raw is None:
                    it = Item(f"{key}#L{n}", key, RECORD, "jsonl", label, seq=n)
                    it.error = f"{label}:{n}: line over the item limit"
                    yield it
                    continue
                if not raw.strip():
                    continue
                ident = self._ident(raw)
                rkey = f"{key}#id={ident}" if ident is not None else f"{key}#L{n}"
                yield Item(rkey, key, RECORD, "jsonl", label, raw, self.hash(raw), n)

    def _ident(self, raw: bytes) -> str | None:
        if not self.id_field:
            return None
        try:
            value = json.loads(raw).get(self.id_field)
        except (ValueError, AttributeError):
            return None
        if value is None or isinstance(value, (dict, list)):
            return None
        return str(value)

    # -- archives --------------------------------------------------------------------------

    def _archive(self, src: Source) -> Iterator[Item]:
        if src.path.name.lower().endswith(".zip"):
            yield from self._zip(src)
        else:
            yield from self._tar(src)

    def _member(self, src: Source, name: str, size: int, n: int, total: int) -> Item | None:
        """The item for member ``name`` (data still to read), None when not wanted."""
        key = f"{src.id}::{name}"
        label = f"{src.path}:{name}"
        rel = safe_relpath(name)
        if rel is None:
            item = Item(key, key, FILE, "text", label)
            item.error = f"{label}: unsafe member path (absolute or '..'), not written"
            return item
        if not self._wanted(rel):
            return None
        fmt = self.formats.get(_suffix(rel), "text")
        item = Item(key, key, FILE, fmt, label, out=_join(src.prefix, rel))
        if n > self.limits.max_members:
            item.error = f"{src.path}: more than {self.limits.max_members} members"
        elif size > self.limits.max_item_bytes:
            item.error = f"{label}: {size} bytes, over the item limit"
        elif total > self.limits.max_archive_bytes:
            item.error = f"{src.path}: over {self.limits.max_archive_bytes} bytes uncompressed"
        return item

    def _tar(self, src: Source) -> Iterator[Item]:
        n = total = 0
        try:
            with tarfile.open(src.path, mode="r|*") as tf:
                for m in tf:
                    if m.isdir():
                        continue
                    n += 1
                    item = self._member(src, m.name, m.size, n, total + m.size)
                    if item is None:
                        continue
                    if item.error is None and not m.isfile():
                        item.error = f"{item.label}: not a regular file (link or device)"
                    if item.error is None:
                        fh = tf.extractfile(m)
                        item.data = fh.read() if fh else b""
                        total += len(item.data)
                    item.hash = self.hash(item.data)
                    yield item
                    if n > self.limits.max_members or total > self.limits.max_archive_bytes:
                        return
        except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
            yield self._broken(src, n, exc)

    def _zip(self, src: Source) -> Iterator[Item]:
        n = total = 0
        try:
            zf = zipfile.ZipFile(src.path)
        except (zipfile.BadZipFile, OSError) as exc:
            yield self._broken(src, n, exc)
            return
        with zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                n += 1
                item = self._member(src, info.filename, info.file_size, n, total + info.file_size)
                if item is None:
                    continue
                if item.error is None:
                    try:
                        with zf.open(info) as fh:
                            item.data = fh.read(self.limits.max_item_bytes + 1)
                        if len(item.data) > self.limits.max_item_bytes:
                            item.error = f"{item.label}: over the item limit"
                            item.data = b""
                        total += len(item.data)
                    except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError) as exc:
                        item.error = f"{item.label}: corrupt member: {exc}"
                        item.data = b""
                item.hash = self.hash(item.data)
                yield item
                if n > self.limits.max_members or total > self.limits.max_archive_bytes:
                    return

    def _broken(self, src: Source, n: int, exc: BaseException) -> Item:
        key = f"{src.id}::#corrupt"
        item = Item(key, key, FILE, "text", str(src.path))
        item.error = f"{src.path}: corrupt archive after {n} members: {exc}"
        item.hash = self.hash(b"")
        return item


def read_lines(fh: object, limit: int) -> Iterator[bytes | None]:
    """The raw lines of a binary file (terminator kept); None for a line over ``limit``,
    which is skipped without holding it in memory."""
    readline = fh.readline  # type: ignore[attr-defined]
    while True:
        raw = readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = readline(1 << 20)
            yield None
            continue
        yield raw


def safe_relpath(name: str) -> str | None:
    """A member name as a relative POSIX path under the output folder, or None when it is
    absolute, has a drive, or climbs out with '..'."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _walk(root: Path, skip_real: str) -> Iterator[str]:
    """Relative paths of the files under ``root``, sorted per folder, hidden names and the
    output folder skipped, symlinked folders not followed."""
    stack = [""]
    while stack:
        rel = stack.pop()
        folder = root / rel if rel else root
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            r = f"{rel}/{e.name}" if rel else e.name
            if e.is_dir(follow_symlinks=False):
                if os.path.realpath(e.path) != skip_real:
                    subdirs.append(r)
            elif e.is_file():
                yield r
        stack.extend(reversed(subdirs))


def _suffix(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def _join(prefix: str, rel: str) -> str:
    return f"{prefix}/{rel}" if prefix else rel


def archive_stem(name: str) -> str:
    low = name.lower()
    for suf in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if low.endswith(suf):
            return name[: -len(suf)]
    return name


def plan(inputs: list[str]) -> list[Source]:
    """Sources for the INPUT arguments; raises ``InputError`` for a missing input."""
    from retrans.errors import InputError

    if not inputs:
        raise InputError("no input: give folders, JSONL files or archives")
    out: list[Source] = []
    used: set[str] = set()
    for name in inputs:
        p = Path(name)
        if not p.exists():
            raise InputError("no such file or folder", name)
        low = p.name.lower()
        if p.is_dir():
            kind, stem = "folder", p.resolve().name
        elif low.endswith(ARCHIVE_SUFFIXES):
            kind, stem = "archive", archive_stem(p.name)
        elif low.endswith(JSONL_SUFFIXES):
            kind, stem = "jsonl", ""
        else:
            kind, stem = "text", ""
        prefix = ""
        if len(inputs) > 1 and stem:
            prefix = stem
            i = 2
            while prefix in used:
                prefix, i = f"{stem}-{i}", i + 1
            used.add(prefix)
        out.append(Source(p, kind, prefix))
    return out


def inside(child: Path, parent: Path) -> bool:
    c, p = os.path.realpath(child), os.path.realpath(parent)
    return c == p or c.startswith(p.rstrip(os.sep) + os.sep)
