"""The one place the batch package calls the core engine (config, pipeline, formats, render).

A core refactor adjusts this module only; the rest of ``retrans.batch`` sees ``Engine.run``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EngineOptions:
    """What a worker needs to build its pipeline (picklable: it travels to Dask workers)."""

    config: str | None = None  # a config file path; None: defaults
    source: str | None = None
    lang: str | None = None
    style: str | None = None


@dataclass
class Outcome:
    """One document's result: the fixed text (fix mode) and what was found."""

    text: str | None
    findings: list[dict[str, Any]]
    categories: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    edits: int = 0
    mt: float | None = None
    source_lang: str | None = None


def find_config_for(start: Path) -> str | None:
    from retrans.config import find_config

    found = find_config(start if start.exists() else Path("."))
    return str(found) if found else None


def config_bytes(path: str | None) -> bytes:
    return Path(path).read_bytes() if path else b""


def version() -> str:
    from retrans import __version__

    return __version__


def text_formats() -> dict[str, str]:
    """Suffix → input format, as the rest of retrans reads files."""
    from retrans.formats import TEXT_SUFFIXES

    return dict(TEXT_SUFFIXES)


def decode(data: bytes, label: str) -> str:
    """Bytes → text; raises ``InputError`` for binary data or invalid UTF-8."""
    from retrans.formats import decode as _decode

    return _decode(data, label)


def input_error() -> type[Exception]:
    from retrans.errors import RetransError

    return RetransError


class Engine:
    """A pipeline loaded once (per worker process) and run on many documents."""

    def __init__(self, opts: EngineOptions) -> None:
        from retrans.config import load_config
        from retrans.pipeline import Pipeline

        cfg = load_config(Path(opts.config) if opts.config else None)
        self.pipe = Pipeline(cfg, source=opts.source, lang=opts.lang, style=opts.style)

    def run(self, text: str, path: str, fmt: str, fix: bool, record: int | None = None) -> Outcome:
        from retrans.formats import documents
        from retrans.render import finding_dict

        doc = self._doc(documents, text, path, fmt, record)
        if fix:
            checked, new, edits = self._fix(doc, documents, text, path, fmt, record)
        else:
            checked = self.pipe.check(doc)
            new, edits = None, []
        findings, ctx = checked
        det = getattr(ctx, "detection", None)
        out = Outcome(
            text=new,
            findings=[] if fix else [finding_dict(doc, f) for f in findings],
            categories=Counter(f.category for f in findings),
            rules=Counter(f.code for f in findings),
            edits=len(edits),
            mt=float(det.probability) if det is not None else None,
            source_lang=(det.source_lang or None) if det is not None else None,
        )
        return out

    @staticmethod
    def _doc(documents: Any, text: str, path: str, fmt: str, record: int | None) -> Any:
        doc = next(documents(text, path, fmt))
        if record is not None:
            doc.record = record  # findings then point at the JSONL line
        return doc

    def _fix(
        self, doc: Any, documents: Any, text: str, path: str, fmt: str, record: int | None
    ) -> tuple[Any, str, list[Any]]:
        """Fix ``doc``, keeping the first round's check (findings and detection) so a fixed
        document costs no extra check. If the core stops calling ``check`` from ``fix``, fall
        back to one separate check."""
        pipe = self.pipe
        first: list[Any] = []
        orig = pipe.check

        def spy(d: Any, prepared: bool = False) -> Any:
            res = orig(d, prepared)
            if not first:
                first.append(res)
            return res

        pipe.check = spy  # type: ignore[method-assign,assignment]
        try:
            new, edits = pipe.fix(doc)
        finally:
            del pipe.check  # back to the class method
        checked = first[0] if first else orig(self._doc(documents, text, path, fmt, record))
        return checked, new, edits
