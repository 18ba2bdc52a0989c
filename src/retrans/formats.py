"""Input formats: plain text, Markdown and JSONL, and the spans each protects from edits."""

from __future__ import annotations

import itertools
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
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Every pattern here runs on whole untrusted files: each must be linear in the text's length
# (no nested or overlapping quantifiers, every start anchored so a failed try is not repeated
# at each following character). Unclosed constructs are found with str.find, not lazy ``.*?``.

# Always protected, in every format: URLs, e-mail addresses, @handles and #hashtags.
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'»”)\]]+[^\s<>\"'»”)\].,;:!?]")
# The look-behind makes one try per run of address characters (a 200 KB word with an @ is
# scanned once, not once per character).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_TAG = re.compile(r"(?<![\w&])[@#][A-Za-z_]\w*")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_INDENTED = re.compile(r"(?:^(?:    |\t)[^\n]*\n?)+", re.M)
_BACKTICKS = re.compile(r"`+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_HTML_TAG_ML = re.compile(r"</?[A-Za-z][^<>]*>|<[!?][^<>]*>")  # HTML files: tags span lines
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")
# Elements whose content is code or verbatim text: never edited, in Markdown or HTML.
RAW_ELEMENTS = ("pre", "code", "kbd", "samp", "var", "tt", "script", "style", "textarea", "math")
_RAW_OPEN = re.compile(r"<(" + "|".join(RAW_ELEMENTS) + r")\b[^<>]*>", re.I)


def link_spans(text: str) -> list[Span]:
    """Web and e-mail addresses in ``text``, in order and apart."""
    spans: list[Span] = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL.finditer(text))
    return merge_spans(spans)


def protected_spans(text: str, fmt: str) -> list[Span]:
    """Spans no edit may touch. Independent of line endings: CR LF and CR count as LF."""
    spans: list[Span] = link_spans(text)
    if "@" in text or "#" in text:
        spans.extend(m.span() for m in _TAG.finditer(text))
    if fmt == "markdown":
        _markdown_spans(_lf(text), spans)
    elif fmt == "html":
        _html_spans(text, spans)
    return merge_spans(spans)


def _lf(text: str) -> str:
    """Same length, LF line ends only (CR LF → space LF, CR → LF): offsets stay valid."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _markdown_spans(t: str, spans: list[Span]) -> None:
    fm = _FRONT_MATTER.match(t)
    if fm:
        spans.append(fm.span())
    spans.extend(m.span() for m in _FENCE.finditer(t))
    if "`" in t:
        spans.extend(code_spans(t))
    if "<" in t:
        spans.extend(html_comments(t))
        spans.extend(raw_elements(t))
        spans.extend(m.span() for m in _HTML_TAG.finditer(t))
        spans.extend(m.span() for m in _AUTOLINK.finditer(t))
    if "](" in t:
        spans.extend(m.span() for m in _LINK_TARGET.finditer(t))
    if "]:" in t:
        spans.extend(m.span() for m in _REF_DEF.finditer(t))
    # Indented code only after a blank line (a continuation line of a list is not code).
    for m in _INDENTED.finditer(t):
        start = m.start()
        prev = t.rfind("\n", 0, max(start - 1, 0)) + 1
        after_blank = start == 0 or not t[prev : start - 1].strip(" \t")
        if after_blank and not re.match(r"\s*(?:[-*+]|\d+[.)])\s", m.group()):
            spans.append(m.span())


def _html_spans(text: str, spans: list[Span]) -> None:
    if "<" in text:
        spans.extend(html_comments(text))
        spans.extend(raw_elements(text))
        spans.extend(m.span() for m in _HTML_TAG_ML.finditer(text))
    if "&" in text:
        spans.extend(m.span() for m in _ENTITY.finditer(text))


def code_spans(t: str) -> list[Span]:
    """Markdown code spans: a backtick run closes at the next run of the same length (linear)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(t)]
    by_len: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(runs):
        by_len.setdefault(e - s, []).append(i)
    nxt: dict[int, int] = {}
    for idxs in by_len.values():
        for a, b in itertools.pairwise(idxs):
            nxt[a] = b
    out: list[Span] = []
    cursor = 0
    for i, (s, _e) in enumerate(runs):
        if s < cursor or i not in nxt:
            continue
        close = runs[nxt[i]][1]
        out.append((s, close))
        cursor = close
    return out


def html_comments(t: str) -> list[Span]:
    out: list[Span] = []
    pos = t.find("<!--")
    while pos >= 0:
        end = t.find("-->", pos + 4)
        if end < 0:
            out.append((pos, len(t)))  # an unclosed comment hides the rest
            break
        out.append((pos, end + 3))
        pos = t.find("<!--", end + 3)
    return out


def raw_elements(t: str) -> list[Span]:
    """<pre>, <code>, <kbd>, <script>, <style>… up to their closing tag (or the end)."""
    out: list[Span] = []
    low: str | None = None
    pos = 0
    while True:
        m = _RAW_OPEN.search(t, pos)
        if m is None:
            return out
        if low is None:
            low = t.lower()
        name = m.group(1).lower()
        close = low.find(f"</{name}", m.end())
        if close < 0:
            out.append((m.start(), len(t)))
            return out
        gt = t.find(">", close)
        end = len(t) if gt < 0 else gt + 1
        out.append((m.start(), end))
        pos = end


def detect_format(path: str, override: str | None = None) -> str:
    if override:
        return override
    return TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> str:
    """Bytes → text, refusing binary files and invalid UTF-8 with a line number."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # before the NUL test: UTF-16 is text
        kind = "UTF-32" if data[:4] == b"\xff\xfe\x00\x00" else "UTF-16"
        raise InputError(
            f"{kind} text (byte-order mark): retrans reads UTF-8; save it as UTF-8", path
        )
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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _lines(text: str) -> list[str]:
    """JSONL lines end at LF only (``splitlines`` would also split at U+2028 inside strings)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def parse_jsonl(text: str, path: str, field: str) -> list[JsonlRecord]:
    import json

    out: list[JsonlRecord] = []
    has_field = False
    first_keys: list[str] | None = None
    for i, raw in enumerate(_lines(text)):
        body = raw.strip(" \t\r\n")
        if not body:
            out.append(JsonlRecord(i + 1, raw, None, None))
            continue
        try:
            obj = json.loads(body)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path, i + 1) from None
        except RecursionError:
            raise InputError("invalid JSON: nested too deeply", path, i + 1) from None
        if not isinstance(obj, dict):
            raise InputError("JSONL record is not an object", path, i + 1)
        if first_keys is None:
            first_keys = [str(k) for k in obj]
        has_field = has_field or field in obj
        value = obj.get(field)
        if value is None:
            out.append(JsonlRecord(i + 1, raw, obj, None))
            continue
        if not isinstance(value, str):
            raise InputError(f"field {field!r} is not a string", path, i + 1)
        bad = _LONE_SURROGATE.search(value)
        if bad:
            raise InputError(
                f"field {field!r} holds a lone surrogate escape \\u{ord(bad.group()):04x} "
                "(not text; fix the producer)",
                path,
                i + 1,
            )
        doc = Document(
            text=value,
            path=path,
            fmt="jsonl",
            protected=protected_spans(value, "text"),
            line_offset=i,
            record=i + 1,
        )
        out.append(JsonlRecord(i + 1, raw, obj, doc))
    if first_keys is not None and not has_field:
        keys = ", ".join(first_keys[:12]) or "none"
        raise InputError(f"no record has the field {field!r} (first record's fields: {keys})", path)
    return out


def dump_jsonl(records: list[JsonlRecord], field: str, fixed: dict[int, str]) -> str:
    """Records back to text; a changed record differs only inside its field's string literal.

    Every other byte of the line (other fields, number formats such as ``1e400``, duplicate
    keys, spacing, escapes) is kept exactly: the one literal is replaced in the raw line.
    """
    parts: list[str] = []
    for rec in records:
        new = fixed.get(rec.line)
        if rec.obj is None or rec.doc is None or new is None or new == rec.doc.text:
            parts.append(rec.raw)
            continue
        parts.append(replace_field(rec.raw, field, new))
    return "".join(parts)


_WS = re.compile(r"[ \t\n\r]*")


def field_span(raw: str, field: str) -> tuple[int, int] | None:
    """Where the (last, as ``json.loads`` reads it) value of ``field`` sits in a valid line."""
    import json
    from json.decoder import scanstring  # type: ignore[attr-defined]

    dec = json.JSONDecoder()
    i = _WS.match(raw, 0).end()  # type: ignore[union-attr]
    if raw[i] != "{":
        return None
    i = _WS.match(raw, i + 1).end()  # type: ignore[union-attr]
    span = None
    while raw[i] != "}":
        key, i = scanstring(raw, i + 1)
        i = _WS.match(raw, i).end()  # type: ignore[union-attr]
        i = _WS.match(raw, i + 1).end()  # type: ignore[union-attr]  # past ':'
        _, end = dec.raw_decode(raw, i)
        if key == field:
            span = (i, end)
        i = _WS.match(raw, end).end()  # type: ignore[union-attr]
        if raw[i] == ",":
            i = _WS.match(raw, i + 1).end()  # type: ignore[union-attr]
    return span


def replace_field(raw: str, field: str, new: str) -> str:
    import json

    span = field_span(raw, field)
    if span is None:  # pragma: no cover - parse_jsonl found the field in this very line
        raise InputError(f"cannot locate field {field!r} in the record")
    s, e = span
    literal = json.dumps(new, ensure_ascii=raw[s:e].isascii())  # keep the line's escaping style
    return raw[:s] + literal + raw[e:]
