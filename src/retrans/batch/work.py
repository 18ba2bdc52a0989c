"""Worker side: run the engine on a chunk of items. The engine is built once per process
(a pool worker or a Dask worker) and kept for every later chunk."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from retrans.batch import adapter
from retrans.batch.items import FILE, Item, JobOptions, Result
from retrans.batch.jsonl import JsonlError, parse_record, replace_field

_ENGINES: dict[adapter.EngineOptions, adapter.Engine] = {}
# A Dask worker may run chunks in several threads; one pipeline is not meant to be shared
# (it keeps per-document state), and the GIL would serialise the work anyway.
_LOCK = threading.Lock()
BOM = "\ufeff"


def engine_for(opts: adapter.EngineOptions) -> adapter.Engine:
    eng = _ENGINES.get(opts)
    if eng is None:
        eng = _ENGINES[opts] = adapter.Engine(opts)
    return eng


def process_chunk(opts: JobOptions, items: list[Item]) -> list[Result]:
    """Results in the order of ``items``; a failing item becomes an error result."""
    with _LOCK:
        eng = engine_for(opts.engine)
        return [process_item(eng, opts, it) for it in items]


def process_item(eng: adapter.Engine, opts: JobOptions, item: Item) -> Result:
    t0 = time.perf_counter()
    res = Result(item.key, True)
    try:
        if item.kind == FILE and item.fmt != "jsonl":
            _file(eng, opts, item, res)
        elif item.kind == FILE:
            _jsonl_file(eng, opts, item, res)
        else:
            _record(eng, opts, item, res)
    except (JsonlError, adapter.input_error()) as exc:
        _fail(res, str(exc))
    except RecursionError:
        _fail(res, "internal error: recursion too deep")
    except Exception as exc:  # a bug on one item must not stop an archive
        _fail(res, f"internal error: {type(exc).__name__}: {exc}")
    res.ms = (time.perf_counter() - t0) * 1000
    return res


def _fail(res: Result, reason: str) -> None:
    res.ok = False
    res.error = reason
    res.output = None


def _add(res: Result, out: adapter.Outcome) -> None:
    for k, v in out.categories.items():
        res.categories[k] = res.categories.get(k, 0) + v
    for k, v in out.rules.items():
        res.rules[k] = res.rules.get(k, 0) + v
    res.findings += sum(out.categories.values())
    res.edits += out.edits
    if out.mt is not None:
        res.mt = out.mt if res.mt is None else max(res.mt, out.mt)
        if res.source_lang is None or out.mt >= (res.mt or 0):
            res.source_lang = out.source_lang


def _findings_lines(rows: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> str:
    return "".join(json.dumps({**(extra or {}), **r}, ensure_ascii=False) + "\n" for r in rows)


def _file(eng: adapter.Engine, opts: JobOptions, item: Item, res: Result) -> None:
    text = adapter.decode(item.data, item.label)
    out = eng.run(text, item.label, item.fmt, opts.fix)
    _add(res, out)
    if opts.fix:
        assert out.text is not None
        bom = BOM if item.data.startswith(b"\xef\xbb\xbf") else ""
        res.output = (bom + out.text).encode("utf-8")
    else:
        res.output = _findings_lines(out.findings).encode("utf-8")


def _edit_line(
    eng: adapter.Engine, opts: JobOptions, raw: str, label: str, line: int, res: Result
) -> tuple[str | None, str]:
    """(new line or None when unchanged, findings lines) for one JSONL line."""
    bom = BOM if raw.startswith(BOM) else ""
    body = raw[len(bom) :]
    if not body.strip():
        return None, ""
    try:
        obj = parse_record(body)
    except JsonlError as exc:
        raise JsonlError(f"{label}:{line}: {exc}") from None
    value = obj.get(opts.field)
    if value is None:
        return None, ""
    if not isinstance(value, str):
        raise JsonlError(f"{label}:{line}: field {opts.field!r} is not a string")
    out = eng.run(value, label, "text", opts.fix, record=line)
    _add(res, out)
    if not opts.fix:
        extra = {"id": obj.get(opts.id_field)} if opts.id_field else None
        return None, _findings_lines(out.findings, extra)
    if out.text is None or out.text == value:
        return None, ""
    return bom + replace_field(body, opts.field, out.text), ""


def _record(eng: adapter.Engine, opts: JobOptions, item: Item, res: Result) -> None:
    where = f"{item.label}:{item.seq}"
    raw = adapter.decode(item.data, where)
    new, found = _edit_line(eng, opts, raw, item.label, item.seq, res)
    out = new if opts.fix else found
    res.output = out.encode("utf-8") if out else None


def _jsonl_file(eng: adapter.Engine, opts: JobOptions, item: Item, res: Result) -> None:
    text = adapter.decode(item.data, item.label)
    lines = [ln + "\n" for ln in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    parts: list[str] = []
    for i, line in enumerate(lines):
        new, found = _edit_line(eng, opts, line, item.label, i + 1, res)
        parts.append((new if new is not None else line) if opts.fix else found)
    res.output = "".join(parts).encode("utf-8")
