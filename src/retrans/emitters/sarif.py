"""SARIF 2.1.0: one run, the rules that fired with their metadata, results with fixes.

GitHub code scanning and most CI dashboards read it. Columns count Unicode code points
(``columnKind``), the unit retrans reports everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from retrans import __version__
from retrans.emitters import Result, register
from retrans.emitters._common import shown_message, span, uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_meta(code: str) -> dict[str, Any]:
    from retrans.pipeline import BUILTIN_CODES
    from retrans.rules.engine import load_rules

    rule = load_rules().by_code().get(code)
    if rule is None:
        text = BUILTIN_CODES.get(code, code)
        return {
            "id": code,
            "name": code,
            "shortDescription": {"text": text},
            "fullDescription": {"text": text},
            "properties": {"tags": ["built-in"]},
        }
    full = f"{rule.message} ({rule.advice})" if rule.advice else rule.message
    examples = [
        f"✗ {ex.wrong} → ✓ {ex.right}" if ex.right is not None else f"✗ {ex.wrong}"
        for ex in rule.examples
        if ex.wrong is not None
    ]
    meta: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
        "properties": {"tags": sorted({rule.category, rule.pack}), "pack": rule.pack},
    }
    if examples:
        meta["help"] = {"text": "\n".join(examples)}
    return meta


@register("sarif")
def emit(results: Iterable[Result], out: TextIO) -> None:
    rule_index: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    artifacts: dict[str, int] = {}
    for doc, findings in results:
        loc_uri = uri(doc.path)
        if loc_uri not in artifacts:
            artifacts[loc_uri] = len(artifacts)
        for f in findings:
            if f.code not in rule_index:
                rule_index[f.code] = len(rules)
                rules.append(_rule_meta(f.code))
            line, col, end_line, end_col = span(doc, f)
            region: dict[str, Any] = {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col,
            }
            if doc.record is None:  # offsets are the file's own (not a JSONL field's)
                region["charOffset"] = f.start
                region["charLength"] = f.end - f.start
            artifact = {"uri": loc_uri, "index": artifacts[loc_uri]}
            res: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": rule_index[f.code],
                "level": _LEVEL[f.severity.label],
                "message": {"text": shown_message(doc, f)},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact, "region": region}}
                ],
                "properties": {
                    "category": f.category,
                    "source": f.source,
                    "confidence": round(f.confidence, 3),
                },
            }
            if doc.record is not None:
                res["properties"]["record"] = doc.record
            if f.replacement is not None and doc.record is None:
                # (a JSONL field's offsets are not the file's: no fix a tool could apply)
                res["fixes"] = [
                    {
                        "description": {"text": f"{f.code}: {shown_message(doc, f)}"},
                        "artifactChanges": [
                            {
                                "artifactLocation": artifact,
                                "replacements": [
                                    {
                                        "deletedRegion": dict(region),
                                        "insertedContent": {"text": f.replacement},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            sarif_results.append(res)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "retrans",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [
                    {"location": {"uri": u}} for u, _ in sorted(artifacts.items(), key=_second)
                ],
                "results": sarif_results,
            }
        ],
    }
    out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def _second(item: tuple[str, int]) -> int:
    return item[1]
