"""Worker side: run the engine on a chunk of items. The engine is built once per process
(a pool worker or a Dask worker) and kept for every later chunk."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from retrans.batch import adapter
from retrans.batch.items import FILE, Item, JobOptions, Result
from retrans.batch.jsonl import JsonlError, field_edit, pack_edit, parse_record

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
        results = [process_item(eng, opts, it) for it in items]
    who, rss = worker_id(), peak_rss_mb()
    for r in results:
        r.worker, r.rss_mb = who, rss
    return results


def worker_id() -> str:
    import os
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB; macOS bytes)."""
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
    except ImportError:  # pragma: no cover - Windows
        return 0.0


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
) -> tuple[tuple[int, int, str] | None, str]:
    """(the edit (start, end, literal) in ``raw`` or None when unchanged, findings lines)
    for one JSONL line."""
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
    start, end, lit = field_edit(body, opts.field, out.text)
    return (start + len(bom), end + len(bom), lit), ""


def _record(eng: adapter.Engine, opts: JobOptions, item: Item, res: Result) -> None:
    where = f"{item.label}:{item.seq}"
    raw = adapter.decode(item.data, where)
    edit, found = _edit_line(eng, opts, raw, item.label, item.seq, res)
    if opts.fix:
        res.output = pack_edit(raw, *edit) if edit else None
    else:
        res.output = found.encode("utf-8") if found else None


def _jsonl_file(eng: adapter.Engine, opts: JobOptions, item: Item, res: Result) -> None:
    text = adapter.decode(item.data, item.label)
    lines = [ln + "\n" for ln in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    parts: list[str] = []
    for i, line in enumerate(lines):
        edit, found = _edit_line(eng, opts, line, item.label, i + 1, res)
        if not opts.fix:
            parts.append(found)
        elif edit is None:
            parts.append(line)
        else:
            parts.append(line[: edit[0]] + edit[2] + line[edit[1] :])
    res.output = "".join(parts).encode("utf-8")
