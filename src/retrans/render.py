"""Renderers: findings as text lines, JSON or JSONL; fixes as unified diffs."""

from __future__ import annotations

from typing import Any

from retrans.document import Document
from retrans.findings import Finding


def finding_dict(doc: Document, f: Finding) -> dict[str, Any]:
    """The stable JSON fields of a finding (docs/FORMATS.md, README)."""
    line, col = doc.line_col(f.start)
    d: dict[str, Any] = {
        "path": doc.path,
        "line": line,
        "column": col,
        "start": f.start,
        "end": f.end,
        "code": f.code,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "original": doc.text[f.start : f.end],
        "replacement": f.replacement,
        "source": f.source,
        "confidence": round(f.confidence, 3),
    }
    if doc.record is not None:
        d["record"] = doc.record
    return d


def text_line(doc: Document, f: Finding) -> str:
    line, col = doc.line_col(f.start)
    out = f"{doc.path}:{line}:{col}: {f.code} {f.message}"
    if f.replacement is not None:
        shown = f.replacement.replace("\n", "\\n") if f.replacement else "(delete)"
        if f.replacement == "" or f.replacement != doc.text[f.start : f.end]:
            out += f" → {shown}"
    return out


def to_json(rows: list[dict[str, Any]]) -> str:
    import json  # here, not at the top: a check in text format never imports json

    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def unified_diff(path: str, before: str, after: str) -> str:
    if before == after:
        return ""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for ln in lines:
        out.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
    return "".join(out)
