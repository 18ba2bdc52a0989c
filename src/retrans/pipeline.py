"""The pipeline: passes in order over a Document, one resolver, fix to a fixed point.

Passes are small functions registered by name (config can switch each off):
language id → clean-up → glossary → names → detect → rules.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from retrans.config import Config
from retrans.document import Document
from retrans.errors import ConfigError
from retrans.findings import Finding, Severity
from retrans.langid import identify
from retrans.resolve import apply, resolve
from retrans.rules.engine import RuleSet, inline_disabled, load_rules, run_rule

# Codes that come from code rather than packs.
BUILTIN_CODES = {
    "GL101": "a name in another language's form",
    "GL102": "a name not in the house style's form",
    "GL103": "one entity spelled two ways in one text",
    "GL104": "person-name variants not in any glossary",
    "GL105": "a source-language word MT left untranslated",
    "GL106": "a name in the wrong case",
    "MT101": "the text looks machine-translated",
}


@dataclass
class Context:
    config: Config
    rules: RuleSet
    sources: list[str]
    source_given: bool
    findings: list[Finding] = field(default_factory=list)
    detection: Any = None
    style: str | None = None
    indexes: dict[str, Any] = field(default_factory=dict)


PassFn = Callable[[Document, Context], list[Finding]]
PASSES: dict[str, PassFn] = {}


def register(name: str) -> Callable[[PassFn], PassFn]:
    def deco(fn: PassFn) -> PassFn:
        PASSES[name] = fn
        return fn

    return deco


@register("cleanup")
def _cleanup(doc: Document, ctx: Context) -> list[Finding]:
    return _run_packs(doc, ctx, cleanup=True)


@register("glossary")
def _glossary(doc: Document, ctx: Context) -> list[Finding]:
    from retrans.glossary.index import get_index
    from retrans.glossary.match import find

    index = ctx.indexes.get(doc.lang)
    if index is None:  # hashed and loaded once per pipeline and language
        index = ctx.indexes[doc.lang] = get_index(doc.lang, ctx.style, tuple(ctx.config.glossaries))
    found = find(doc, index)
    if found and ctx.config.protect_foreign_quotes:
        from retrans.quotes import foreign_quote_spans

        quotes = foreign_quote_spans(doc)
        found = [f for f in found if not any(s < f.end and f.start < e for s, e in quotes)]
    return found


@register("names")
def _names(doc: Document, ctx: Context) -> list[Finding]:
    from retrans.glossary.variants import name_variants

    return name_variants(doc, ctx.findings)


@register("detect")
def _detect(doc: Document, ctx: Context) -> list[Finding]:
    try:
        detect = importlib.import_module("retrans.detect").detect
    except (ImportError, AttributeError):  # pragma: no cover - the detector ships with retrans
        return []
    det = detect(doc.text, findings=ctx.findings)
    ctx.detection = det
    if not ctx.source_given and det.source_lang and det.probability >= 0.5:
        ctx.sources = [det.source_lang]
    if det.probability < 0.5:
        return []
    src = f" from {det.source_lang}" if det.source_lang else ""
    reasons = "; ".join(det.reasons[:3])
    msg = f"likely machine-translated{src} (p={det.probability:.2f})"
    if reasons:
        msg += f": {reasons}"
    return [
        Finding(
            0,
            0,
            "MT101",
            "detection",
            Severity.INFO,
            msg,
            None,
            "detector",
            float(det.probability),
            {"source_lang": det.source_lang},
        )
    ]


@register("rules")
def _rules(doc: Document, ctx: Context) -> list[Finding]:
    return _run_packs(doc, ctx, cleanup=False)


def _run_packs(doc: Document, ctx: Context, cleanup: bool) -> list[Finding]:
    cfg = ctx.config
    sel = ctx.rules.select(doc.lang, ctx.sources, cfg.disable, cfg.disable_packs, cfg.packs)
    out: list[Finding] = []
    low = doc.lowered
    for rule in sel:
        if (rule.pack == "cleanup") != cleanup:
            continue
        lits = rule.literals
        if lits and not any(lit in low for lit in lits):
            continue  # no literal every match needs: the regex cannot match
        near = rule.near_literals
        if near and not any(lit in low for lit in near):
            continue  # its required context cannot occur anywhere in the text
        out.extend(run_rule(rule, doc))
    return out


ORDER = ("cleanup", "glossary", "names", "detect", "rules")


class Pipeline:
    """Everything ``check`` and ``fix`` need, loaded once for many documents."""

    def __init__(
        self,
        config: Config | None = None,
        source: str | None = None,
        lang: str | None = None,
        style: str | None = None,
        passes: dict[str, bool] | None = None,
    ) -> None:
        self.config = config or Config()
        self.rules = load_rules(tuple(self.config.rule_packs))
        self.source = source or self.config.source
        self.lang = lang or self.config.lang
        self.style = style or self.config.house_style
        self.passes = dict(self.config.passes)
        self.passes.update(passes or {})
        self._indexes: dict[str, Any] = {}
        self._validate_codes()

    def _validate_codes(self) -> None:
        known = set(BUILTIN_CODES) | set(self.rules.by_code())
        cfg = self.config
        for code in sorted(cfg.disable | set(cfg.severity)):
            if code not in known:
                raise ConfigError(f"unknown rule code {code!r}", str(cfg.path or "config"))
        packs = {p.id for p in self.rules.packs}
        for pack in sorted(cfg.disable_packs | (cfg.packs or set())):
            if pack not in packs:
                raise ConfigError(f"unknown rule pack {pack!r}", str(cfg.path or "config"))

    def prepare(self, doc: Document) -> Document:
        if self.lang:
            doc.lang = self.lang
        else:
            doc.lang = identify(doc.text)[0]
        return doc

    def check(self, doc: Document, prepared: bool = False) -> tuple[list[Finding], Context]:
        if not prepared:
            self.prepare(doc)
        sources = [s.strip() for s in self.source.split(",")] if self.source else []
        ctx = Context(
            self.config, self.rules, sources, bool(sources), style=self.style, indexes=self._indexes
        )
        for name in ORDER:
            if not self.passes.get(name, True):
                continue
            ctx.findings.extend(PASSES[name](doc, ctx))
        off = self.config.disable | inline_disabled(doc.text)
        out = []
        seen: set[tuple[int, int, str | None]] = set()
        for f in ctx.findings:
            if f.code in off or (f.end > f.start and doc.is_protected(f.start, f.end)):
                continue
            key = (f.start, f.end, f.replacement)
            if f.replacement is not None and key in seen:
                continue  # two packs proposing the same edit: report it once
            seen.add(key)
            if f.code in self.config.severity:
                f.severity = self.config.severity[f.code]
            out.append(f)
        out.sort(key=Finding.sort_key)
        return out, ctx

    def fix(self, doc: Document, rounds: int = 4) -> tuple[str, list[Finding]]:
        """Fixed text and the edits applied in the first round; repeats until nothing changes
        so that fix(fix(x)) == fix(x)."""
        self.prepare(doc)
        text = doc.text
        first: list[Finding] | None = None
        sources = self.source
        for _ in range(rounds):
            cur = Document(
                text,
                doc.path,
                doc.fmt,
                doc.lang,
                _protected_for(text, doc),
                doc.line_offset,
                doc.record,
            )
            findings, ctx = self.check(cur, prepared=True)
            if not self.source and ctx.sources:
                self.source = ",".join(ctx.sources)  # keep the first round's guess
            edits = resolve(findings, cur, self.config.min_confidence)
            if first is None:
                first = edits
            if not edits:
                break
            new = apply(text, edits)
            if new == text:
                break
            text = new
        self.source = sources
        return text, first or []


def _protected_for(text: str, doc: Document) -> list[tuple[int, int]]:
    if text == doc.text:
        return doc.protected
    from retrans.formats import protected_spans

    return protected_spans(text, "markdown" if doc.fmt == "markdown" else "text")
