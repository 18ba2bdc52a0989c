"""JSONL records edited in place: only the bytes of one string value change.

``json.dumps`` of a re-parsed record would reorder nothing but could change number formats,
escapes, spacing and key duplicates; archives are compared byte for byte, so the record's
raw line is scanned and only the target value's literal is replaced.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C: fast on long strings

_WS = re.compile(r"[ \t\r\n]*")
_BRACKET = re.compile(r'["{}\[\]]')  # what changes the nesting depth
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class JsonlError(ValueError):
    """A line that is not a JSON object, or whose field cannot be edited."""


def parse_record(line: str) -> dict[str, object]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise JsonlError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise JsonlError("JSONL record is not an object")
    return obj


def _string_end(s: str, i: int) -> int:
    try:
        return int(scanstring(s, i + 1, True)[1])
    except ValueError:
        raise JsonlError("invalid string") from None


def _skip_value(s: str, i: int) -> int:
    """Index just after the JSON value starting at ``s[i]``."""
    c = s[i]
    if c == '"':
        return _string_end(s, i)
    if c in "{[":
        depth = 0
        while True:
            m = _BRACKET.search(s, i)
            if m is None:
                break
            i = m.start()
            c = s[i]
            if c == '"':
                i = _string_end(s, i)
                continue
            if c in "{[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise JsonlError("unbalanced brackets")
    m = _SCALAR.match(s, i)
    if not m:
        raise JsonlError(f"unexpected character {c!r}")
    return m.end()


def field_span(line: str, field: str) -> tuple[int, int]:
    """Span of the literal of top-level ``field`` in ``line`` (the last one when a key is
    repeated, as ``json.loads`` keeps the last)."""
    i = _WS.match(line, 0).end()  # type: ignore[union-attr]
    if i >= len(line) or line[i] != "{":
        raise JsonlError("JSONL record is not an object")
    i += 1
    found: tuple[int, int] | None = None
    while True:
        i = _WS.match(line, i).end()  # type: ignore[union-attr]
        if i < len(line) and line[i] == "}":
            break
        if i >= len(line) or line[i] != '"':
            raise JsonlError("expected a key")
        try:
            key, kend = scanstring(line, i + 1, True)
        except ValueError:
            raise JsonlError("invalid key") from None
        i = _WS.match(line, kend).end()  # type: ignore[union-attr]
        if i >= len(line) or line[i] != ":":
            raise JsonlError("expected ':'")
        i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
        end = _skip_value(line, i)
        if key == field:
            found = (i, end)
        i = _WS.match(line, end).end()  # type: ignore[union-attr]
        if i < len(line) and line[i] == ",":
            i += 1
            continue
        if i < len(line) and line[i] == "}":
            break
        raise JsonlError("expected ',' or '}'")
    if found is None:
        raise JsonlError(f"no field {field!r}")
    return found


def _literal(value: str, like: str) -> str:
    """``value`` as a JSON string literal in the escape style of the literal ``like``:
    ASCII-only when the original escaped its non-ASCII characters."""
    ascii_style = like.isascii() and any(ord(c) > 127 for c in json.loads(like))
    return json.dumps(value, ensure_ascii=ascii_style)


def field_edit(line: str, field: str, value: str) -> tuple[int, int, str]:
    """(start, end, new literal): the one edit that sets ``field`` to ``value`` in ``line``,
    checked by parsing the result."""
    start, end = field_span(line, field)
    old = line[start:end]
    if not old.startswith('"'):
        raise JsonlError(f"field {field!r} is not a string")
    lit = _literal(value, old)
    check = json.loads(line[:start] + lit + line[end:])
    if check.get(field) != value:  # pragma: no cover - a scanner bug, never silently wrong
        raise JsonlError("in-place edit did not round-trip")
    return start, end, lit


def replace_field(line: str, field: str, value: str) -> str:
    """``line`` with the string value of ``field`` replaced, every other byte kept."""
    start, end, lit = field_edit(line, field, value)
    return line[:start] + lit + line[end:]


def pack_edit(line: str, start: int, end: int, literal: str) -> bytes:
    """A record's edit as stored in the ledger: byte offsets in the raw line, then the new
    bytes (a small blob even when the record carries a large payload)."""
    bstart = len(line[:start].encode("utf-8"))
    bend = bstart + len(line[start:end].encode("utf-8"))
    return b"%d %d\n" % (bstart, bend) + literal.encode("utf-8")


def apply_edit(raw: bytes, blob: bytes) -> bytes:
    head, _, lit = blob.partition(b"\n")
    start, end = (int(x) for x in head.split())
    return raw[:start] + lit + raw[end:]
