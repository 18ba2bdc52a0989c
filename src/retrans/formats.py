"""Input formats: plain text, Markdown and JSONL, and the spans each protects from edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from retrans.document import Document, Span, merge_spans
from retrans.errors import InputError

TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Always protected, in every format: URLs, e-mail addresses, @handles and #hashtags.
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'»”)\]]+[^\s<>\"'»”)\].,;:!?]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_TAG = re.compile(r"(?<![\w&])[@#][A-Za-z_]\w*")
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_INDENTED = re.compile(r"(?:^(?:    |\t)[^\n]*\n?)+", re.M)
_INLINE_CODE = re.compile(r"(`+)[^`].*?\1", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")


def protected_spans(text: str, fmt: str) -> list[Span]:
    spans: list[Span] = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL.finditer(text))
    if "@" in text or "#" in text:
        spans.extend(m.span() for m in _TAG.finditer(text))
    if fmt == "markdown":
        fm = _FRONT_MATTER.match(text)
        if fm:
            spans.append(fm.span())
        fences = [m.span() for m in _FENCE.finditer(text)]
        spans.extend(fences)
        for rx in (_HTML_COMMENT, _INLINE_CODE, _HTML_TAG, _LINK_TARGET, _REF_DEF, _AUTOLINK):
            spans.extend(m.span() for m in rx.finditer(text))
        # Indented code only after a blank line (a continuation line of a list is not code).
        for m in _INDENTED.finditer(text):
            before = text[: m.start()]
            after_blank = m.start() == 0 or before.endswith(("\n\n", "\n\r\n"))
            if after_blank and not re.match(r"\s*(?:[-*+]|\d+[.)])\s", m.group()):
                spans.append(m.span())
    return merge_spans(spans)


def detect_format(path: str, override: str | None = None) -> str:
    if override:
        return override
    return TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> str:
    """Bytes → text, refusing binary files and invalid UTF-8 with a line number."""
    if b"\x00" in data[:65536]:
        raise InputError("binary file (NUL bytes), not text", path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"invalid UTF-8 at byte {exc.start}", path, line) from None


@dataclass
class JsonlRecord:
    """One line of a JSONL file: the parsed object, or the raw line when it holds no field."""

    line: int
    raw: str
    obj: dict[str, object] | None
    doc: Document | None


def documents(text: str, path: str, fmt: str, field: str = "text") -> Iterator[Document]:
    """The documents of one input: one for text/Markdown, one per record for JSONL."""
    if fmt != "jsonl":
        yield Document(text=text, path=path, fmt=fmt, protected=protected_spans(text, fmt))
        return
    for rec in parse_jsonl(text, path, field):
        if rec.doc is not None:
            yield rec.doc


def parse_jsonl(text: str, path: str, field: str) -> list[JsonlRecord]:
    import json

    out: list[JsonlRecord] = []
    for i, raw in enumerate(text.splitlines(keepends=True)):
        body = raw.strip()
        if not body:
            out.append(JsonlRecord(i + 1, raw, None, None))
            continue
        try:
            obj = json.loads(body)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path, i + 1) from None
        if not isinstance(obj, dict):
            raise InputError("JSONL record is not an object", path, i + 1)
        value = obj.get(field)
        if value is None:
            out.append(JsonlRecord(i + 1, raw, obj, None))
            continue
        if not isinstance(value, str):
            raise InputError(f"field {field!r} is not a string", path, i + 1)
        doc = Document(
            text=value,
            path=path,
            fmt="jsonl",
            protected=protected_spans(value, "text"),
            line_offset=i,
            record=i + 1,
        )
        out.append(JsonlRecord(i + 1, raw, obj, doc))
    return out


def dump_jsonl(records: list[JsonlRecord], field: str, fixed: dict[int, str]) -> str:
    """Re-serialise records; a record whose field did not change keeps its exact bytes."""
    import json

    parts: list[str] = []
    for rec in records:
        new = fixed.get(rec.line)
        if rec.obj is None or rec.doc is None or new is None or new == rec.doc.text:
            parts.append(rec.raw)
            continue
        obj = dict(rec.obj)
        obj[field] = new
        ending = rec.raw[len(rec.raw.rstrip("\r\n")) :]
        parts.append(json.dumps(obj, ensure_ascii=False) + ending)
    return "".join(parts)
