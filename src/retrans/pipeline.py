"""The pipeline: passes in order over a Document, one resolver, fix to a fixed point.

Passes are small functions registered by name (config can switch each off); ``ORDER`` below is
the one place their order is declared. Language id runs first (``prepare``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from retrans.config import Config
from retrans.document import Document
from retrans.errors import ConfigError, DataError
from retrans.findings import Finding, Severity
from retrans.langid import identify
from retrans.marks import has_marks, restyle
from retrans.rules.engine import RuleSet, load_rules, run_rule
from retrans.suppress import Suppressions

# Codes that come from code rather than packs.
BUILTIN_CODES = {
    "GL101": "a name in another language's form",
    "GL102": "a name not in the house style's form",
    "GL103": "one entity spelled two ways in one text",
    "GL104": "person-name variants not in any glossary",
    "GL105": "a source-language word MT left untranslated",
    "GL106": "a name in the wrong case",
    "MT101": "the text looks machine-translated",
    "MD001": "a seq2seq model's rewrite of a flagged sentence, gated",
}


@dataclass
class Context:
    """What the passes of one check share: settings, rules, sources, findings."""

    config: Config
    rules: RuleSet
    sources: list[str]
    source_given: bool
    findings: list[Finding] = field(default_factory=list)
    detection: Any = None
    style: str | None = None
    indexes: dict[str, Any] = field(default_factory=dict)
    user_source: bool = False  # the source language came from the user, not the detector
    trigger_hits: Any = None  # rule literal -> offsets in this document (rules/scan.py)
    detected_on: list[Finding] | None = None  # the findings the detect pass scored with
    gate_detection: Any = None  # the first guess, which gated the packs (MT101 may be re-scored)
    by_pass: dict[str, list[Finding]] = field(default_factory=dict)  # for fix's later rounds


PassFn = Callable[[Document, Context], list[Finding]]
PASSES: dict[str, PassFn] = {}
# The passes in the order they run: each sees the findings of those before it.
ORDER = ("cleanup", "glossary", "names", "detect", "rules", "model")


def register(name: str) -> Callable[[PassFn], PassFn]:
    """Register a pass; its place in ``ORDER`` says when it runs."""
    if name not in ORDER:
        raise ValueError(f"pass {name!r} is not in pipeline.ORDER")

    def deco(fn: PassFn) -> PassFn:
        PASSES[name] = fn
        return fn

    return deco


@register("cleanup")
def _cleanup(doc: Document, ctx: Context) -> list[Finding]:
    return _run_packs(doc, ctx, cleanup=True)


@register("glossary")
def _glossary(doc: Document, ctx: Context) -> list[Finding]:
    from retrans.glossary.match import find

    index = ctx.indexes.get(doc.lang)
    if index is None:  # hashed and loaded once per pipeline and language
        index = ctx.indexes[doc.lang] = _index(doc.lang, ctx)
    view = doc.nfc  # names are compared in NFC: a decomposed "Pékin" is still Pékin
    target = doc if view.identity else _nfc_document(doc)
    found = find(target, index, ctx.sources)
    if found and ctx.config.protect_foreign_quotes:
        from retrans.quotes import foreign_quote_spans

        quotes = foreign_quote_spans(target, [(f.start, f.end) for f in found])
        found = [f for f in found if not any(s < f.end and f.start < e for s, e in quotes)]
    if view.identity:
        return found
    return [
        replace(f, start=s, end=e) for f in found for s, e in [view.to_original(f.start, f.end)]
    ]


def _index(lang: str, ctx: Context) -> Any:
    """The glossary index; an unknown house style from the config names the config's line."""
    from retrans.glossary.index import get_index

    cfg = ctx.config
    try:
        return get_index(lang, ctx.style, tuple(cfg.glossaries))
    except DataError as exc:
        if exc.path is None and ctx.style and ctx.style == cfg.house_style and cfg.path:
            key = "house_style" if "house_style" in cfg.lines else "style"
            raise cfg.error(f"{key}: {exc}", key) from None
        raise


def _nfc_document(doc: Document) -> Document:
    """The document's NFC view as a Document (protected spans mapped onto it)."""
    view = doc.nfc
    protected = [view.from_original(s, e) for s, e in doc.protected]
    return Document(
        view.text,
        doc.path,
        doc.fmt,
        doc.lang,
        protected,
        doc.line_offset,
        doc.record,
    )


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
    det = detect(doc.prose, findings=ctx.findings)
    ctx.detection, ctx.detected_on = det, list(ctx.findings)
    if not ctx.source_given and det.is_mt:
        from retrans.rules.precision import guessed_sources

        # Source packs only for a confident guess or the pack's own fingerprint in the text;
        # otherwise the language-neutral ones.
        ctx.sources = guessed_sources(det, doc, ctx.rules)
    return [_mt101(det)] if det.is_mt else []


def _mt101(det: Any) -> Finding:
    src = f" from {det.source_lang}" if det.source_lang else ""
    reasons = "; ".join(det.reasons[:3])
    msg = f"likely machine-translated{src} (p={det.probability:.2f})"
    if reasons:
        msg += f": {reasons}"
    return Finding(
        start=0,
        end=0,
        code="MT101",
        category="detection",
        severity=Severity.INFO,
        message=msg,
        source="detector",
        confidence=float(det.probability),
        meta={"source_lang": det.source_lang},
    )


@register("rules")
def _rules(doc: Document, ctx: Context) -> list[Finding]:
    return _run_packs(doc, ctx, cleanup=False)


@register("model")
def _model(doc: Document, ctx: Context) -> list[Finding]:
    """Off unless a model is configured (``model`` setting, ``--model``)."""
    cfg = ctx.config
    if not cfg.model:
        return []
    from retrans.corrector.cues import CueAsk, settings_of
    from retrans.corrector.passes import model_pass

    cue_from = CueAsk(tuple(ctx.sources), settings_of(cfg))  # what the rules pass may propose
    return model_pass(
        doc,
        ctx.findings,
        ctx.detection,
        cfg.model,
        cfg.model_all,
        cfg.min_confidence,
        cue_from=cue_from,
    )


def _run_packs(doc: Document, ctx: Context, cleanup: bool) -> list[Finding]:
    cfg = ctx.config
    free: frozenset[str] = frozenset()
    if not ctx.user_source:
        from retrans.rules.precision import unsourced

        free = unsourced(ctx.rules)  # phrases measured precise on any text, source or not
    sel = ctx.rules.selected(
        doc.lang, ctx.sources, cfg.disable, cfg.disable_packs, cfg.packs, unsourced=free
    )
    out: list[Finding] = []
    low = doc.lowered
    if ctx.trigger_hits is None and len(low) == len(doc.text):
        from retrans.rules.scan import scanner_for

        # one pass finds every rule's literals; the cleanup and rules passes share it
        ctx.trigger_hits = scanner_for(ctx.rules).scan(low)
    hits = ctx.trigger_hits
    if hits is not None:
        from retrans.rules.scan import live_rules, rules_to_run

        # the literal tests below, from the literals found (rules/scan.py)
        for rule in rules_to_run(sel, cleanup, *live_rules(ctx.rules, hits)):
            out.extend(run_rule(rule, doc, ctx))
        return out
    for rule in sel:
        if (rule.pack == "cleanup") != cleanup:
            continue
        lits = rule.literals
        if lits and not any(lit in low for lit in lits):
            continue  # no literal every match needs: the regex cannot match
        near = rule.near_literals
        if near and not any(lit in low for lit in near):
            continue  # its required context cannot occur anywhere in the text
        out.extend(run_rule(rule, doc, ctx))
    return out


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
        self._source_option = source is not None  # errors name --source, not the config
        self.lang = lang or self.config.lang
        self.style = style or self.config.house_style
        self.passes = dict(self.config.passes)
        self.passes.update(passes or {})
        self._indexes: dict[str, Any] = {}
        self._validate()

    def _validate(self) -> None:
        """Names in the config must name something: rule codes, packs, passes, languages."""
        cfg = self.config
        known: set[str] = set()  # every code, made only when the config names some
        if cfg.disable or cfg.severity:
            known = set(BUILTIN_CODES) | {r.id for p in self.rules.packs for r in p.rules}
        for key, codes in (("disable", cfg.disable), ("severity", set(cfg.severity))):
            for code in sorted(codes - known):
                raise cfg.error(f"{key}: unknown rule code {code!r}", key)
        packs = {p.id for p in self.rules.packs}
        for key, names in (("disable_packs", cfg.disable_packs), ("packs", cfg.packs or set())):
            for pack in sorted(names - packs):
                raise cfg.error(f"{key}: unknown rule pack {pack!r}", key)
        for name in sorted(set(cfg.passes) - set(ORDER)):
            raise cfg.error(f"passes: unknown pass {name!r} (known: {', '.join(ORDER)})", "passes")
        sources = sorted({p.source for p in self.rules.packs} - {"*"})
        for lang in (self.source or "").split(","):
            if lang.strip() and lang.strip() not in sources:
                msg = f"source: unknown source language {lang.strip()!r} (known: {', '.join(sources)})"
                if not self._source_option:
                    raise cfg.error(msg, "source")
                raise ConfigError(f"--{msg}")

    def prepare(self, doc: Document) -> Document:
        if self.lang:
            doc.lang = self.lang
        else:
            doc.lang = identify(doc.prose)[0]
        return doc

    def check(self, doc: Document, prepared: bool = False) -> tuple[list[Finding], Context]:
        """Every finding of every enabled pass, filtered and sorted (``ctx`` has the detection),
        and the edits ``fix`` would make in later rounds (``rounds.py``: ``meta["round"]``)."""
        from retrans.rounds import plan

        if not prepared:
            self.prepare(doc)
        p = plan(self, doc)
        return p.findings, p.ctx

    def _check(
        self, doc: Document, source: str | None, guessed: bool = False
    ) -> tuple[list[Finding], Context]:
        doc.style = doc.style or self.style
        sources = [s.strip() for s in source.split(",")] if source else []
        ctx = Context(
            self.config, self.rules, sources, bool(sources), style=self.style, indexes=self._indexes
        )
        ctx.user_source = bool(sources) and not guessed
        for name in ORDER:
            if self.passes.get(name, True):
                found = ctx.by_pass[name] = PASSES[name](doc, ctx)
                ctx.findings.extend(found)
        out = gate_and_filter(self, doc, ctx, bool(sources) and not guessed)
        if ctx.detected_on is not None:  # MT101 on the final evidence, as `detect` (issue 13)
            out = self._recheck(doc, ctx, out)
        return out, ctx

    def _recheck(self, doc: Document, ctx: Context, out: list[Finding]) -> list[Finding]:
        from retrans.detect.recheck import recheck

        det = recheck(doc.prose, ctx.detection, ctx.detected_on, out)
        if det is ctx.detection:
            return out
        ctx.gate_detection, ctx.detection = ctx.detection, det  # the packs' gate used the first
        rest = [f for f in out if f.code != "MT101"]
        mt = self._filter(doc, [_mt101(det)]) if det.is_mt else []
        return sorted(rest + mt, key=Finding.sort_key)

    def _filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Drop disabled codes, findings in protected spans and repeated edits; apply severity
        overrides; sort."""
        off = self.config.disable
        sup = Suppressions(doc) if "retrans" in doc.text else None  # inline directives
        out = []
        seen: set[tuple[int, int, str | None]] = set()
        for f in findings:
            if f.code in off or (f.end > f.start and doc.is_protected(f.start, f.end)):
                continue
            if sup is not None and sup.hides(f):
                continue
            key = (f.start, f.end, f.replacement)
            if f.replacement is not None and key in seen:
                continue  # two packs proposing the same edit: report it once
            seen.add(key)
            if f.code in self.config.severity:
                f.severity = self.config.severity[f.code]
            out.append(f)
        out.sort(key=Finding.sort_key)
        return out

    def fix(self, doc: Document, rounds: int = 4) -> tuple[str, list[Finding]]:
        """Fixed text and the edits applied in the first round; repeats until nothing changes
        so that fix(fix(x)) == fix(x) (``rounds.py``: later rounds re-check only what changed)."""
        from retrans.rounds import plan

        self.prepare(doc)
        p = plan(self, doc, rounds)
        return p.text, p.first


def gate_and_filter(
    pipe: Pipeline, doc: Document, ctx: Context, user_source: bool
) -> list[Finding]:
    """Measured precision gates edits (issue 12); then the config's and the text's filters.
    First, the marks each edit inserts take the text's own style (``marks.py``), so that
    advice shows the same suggestion."""
    ctx.findings = [_restyled(doc, f) for f in ctx.findings]
    if pipe.passes.get("precision", True):
        from retrans.rules.precision import gate

        ctx.user_source = user_source
        ctx.findings = gate(ctx.findings, pipe.rules, ctx.detection, ctx.user_source)
    return pipe._filter(doc, ctx.findings)


def _restyled(doc: Document, f: Finding) -> Finding:
    if not f.replacement or not has_marks(f.replacement) or doc.marks.neutral:
        return f
    styled = restyle(f.replacement, doc.text[f.start : f.end], doc.marks)
    return f if styled == f.replacement else replace(f, replacement=styled)
