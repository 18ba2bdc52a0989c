"""Findings: what a pass says about a span of the text, and maybe how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (error, warning, info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# Sources, in the order the resolver prefers them when two edits overlap.
SOURCE_PRIORITY = {"cleanup": 0, "glossary": 1, "rule": 2, "detector": 3, "model": 4}


@dataclass
class Finding:
    """A span of the document (character offsets), a stable code and maybe a replacement.

    ``replacement`` is ``None`` for advice-only findings; ``""`` deletes the span. Build it by
    keyword (``Finding(start=…, end=…, code=…, …)``): positional calls are kept working only
    for code not yet moved over.
    """

    start: int
    end: int
    code: str
    category: str
    severity: Severity
    message: str
    replacement: str | None = None
    source: str = "rule"
    confidence: float = 0.8
    meta: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)
