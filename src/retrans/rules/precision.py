"""Which rule findings may edit the text: measured precision and document evidence, as data.

A rule edits only when it has earned it:

* its measured precision (``packs/precision.json``, written by ``tools/rule_precision.py``
  from ``retrans eval fix``) is at least :data:`MIN_PRECISION`, or it is unmeasured and marked
  ``safe: true`` (safe by construction: a foreign word left untranslated, a format with one
  reading);
* when it asks for ``evidence: P``, the source language was given, or the detector says the
  document is machine-translated from the rule's source language with probability ≥ P.

Otherwise its finding is kept as advice: no replacement, the suggestion in the message.
This is the one place that decides it (``Pipeline.check`` calls :func:`gate`).

A source pack's rule also runs when no source was named (:func:`unsourced`) if it was measured
precise *anywhere*: every source pack run on every text of the dev data, MT from any language
and the human side (the table's ``anywhere`` figures). Such a phrase is its own fingerprint:
the detector need not name the source for it to be safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from retrans import paths
from retrans.findings import Finding

MIN_PRECISION = 0.9
TABLE_NAME = "precision.json"
# A source pack runs on the detector's guess only when it is this sure of the source language
# (above the ~0.35 it gives French on any MT with no interference evidence at all)
# (Russian and Ukrainian MT guessed as French must not get the French rules).
MIN_SOURCE_PROB = 0.4
# An unsourced rule needs this many decided edits, measured anywhere, at MIN_PRECISION or better.
MIN_ANYWHERE_DECIDED = 5


@dataclass(frozen=True)
class Measured:
    """A rule's measured record: edits the human versions kept, and not."""

    agree: int
    disagree: int  # MT edits the human did not keep, plus edits on human text

    @property
    def decided(self) -> int:
        return self.agree + self.disagree

    @property
    def precision(self) -> float:
        return self.agree / self.decided if self.decided else 0.0


def table_path() -> Path:
    return paths.packs_dir() / TABLE_NAME


@cache
def table(path: Path | None = None) -> dict[str, Measured]:
    """Rule code → measurement (codes never decided on the dev data are absent)."""
    return _measured(path, lambda m: m)


@cache
def anywhere(path: Path | None = None) -> dict[str, Measured]:
    """Rule code → measurement with every source pack on every text (no source named)."""
    return _measured(path, lambda m: m.get("anywhere") or {})


def _measured(
    path: Path | None, pick: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Measured]:
    """The decided measurements of the generated table, each code's counts taken by ``pick``."""
    p = path or table_path()
    try:
        st = p.stat()
    except FileNotFoundError:
        return {}
    data = _read(p, st.st_mtime_ns, st.st_size)
    if data is None:
        return {}
    out: dict[str, Measured] = {}
    for code, m in (data.get("codes") or {}).items():
        counts = pick(m)
        meas = Measured(int(counts.get("agree", 0)), int(counts.get("disagree", 0)))
        if meas.decided:
            out[code] = meas
    return out


@cache
def _read(p: Path, mtime_ns: int, size: int) -> Any:
    """The table file as it is now (its stamp is part of the key), parsed once for both
    views; None when there is none. Parsed JSON kept on disk (``disk_cached``, by content):
    a check neither parses the table nor imports ``json``."""
    from retrans.paths import disk_cached

    def parse() -> dict[str, Any]:  # the table is an object (``_measured`` reads its keys)
        import json

        return json.loads(p.read_text(encoding="utf-8"))

    try:
        return disk_cached("precision", [p], parse)
    except FileNotFoundError:
        return None


def unsourced(ruleset: Any, measured: dict[str, Measured] | None = None) -> frozenset[str]:
    """Codes of source-pack rules that run with no source named: their own fingerprint.

    Plain phrase rules (no ``evidence``) measured precise both on MT from their language and
    anywhere, with at least :data:`MIN_ANYWHERE_DECIDED` decided edits anywhere.
    """
    key = (id(ruleset), measured is None)
    hit = _UNSOURCED.get(key)
    if hit is not None and hit[0] is ruleset:
        return hit[1]
    where = anywhere() if measured is None else measured
    codes = frozenset(
        r.id
        for r in ruleset.rules
        if r.source != "*"
        and r.evidence is None
        and (m := where.get(r.id)) is not None
        and m.decided >= MIN_ANYWHERE_DECIDED
        and m.precision >= MIN_PRECISION
        and trusted(r)[0]
    )
    _UNSOURCED[key] = (ruleset, codes)
    return codes


_UNSOURCED: dict[tuple[int, bool], tuple[Any, frozenset[str]]] = {}


def trusted(rule: Any, measured: dict[str, Measured] | None = None) -> tuple[bool, str]:
    """May ``rule`` edit on its own? And why (for the advice message)."""
    m = (table() if measured is None else measured).get(rule.id)
    if m is not None:
        if m.precision >= MIN_PRECISION:
            return True, ""
        return False, f"measured precision {m.precision:.0%} of {m.decided}"
    if getattr(rule, "safe", False):
        return True, ""
    m = anywhere().get(rule.id) if measured is None else None
    if m is not None and m.decided >= MIN_ANYWHERE_DECIDED and m.precision >= MIN_PRECISION:
        return True, ""  # no data from its source language, but precise on every text
    return False, "not yet measured"


def has_evidence(rule: Any, detection: Any, user_source: bool) -> bool:
    """The document evidence a rule with ``evidence: P`` needs before it edits."""
    need = getattr(rule, "evidence", None)
    if need is None or user_source or rule.source == "*":
        return True
    if detection is None or detection.probability < 0.5:
        return False
    return bool(detection.source_lang == rule.source and detection.source_prob >= need)


def advice(f: Finding, why: str) -> Finding:
    """The same finding with no automatic edit: the replacement becomes a suggestion."""
    if f.replacement is None:
        return f
    # the words only: a replacement's edge space (*counts with * → *has *) would read as a
    # space before the question mark
    sugg = f.replacement.strip() or ("(delete)" if not f.replacement else repr(f.replacement))
    meta = {**f.meta, "suggestion": f.replacement, "advice": why}
    return replace(f, replacement=None, message=f"{f.message} (suggestion: {sugg}?)", meta=meta)


def confident_source(detection: Any, doc: Any = None, ruleset: Any = None) -> bool:
    """Is the source language sure enough to run that language's pack?

    Either the detector is sure, or (given ``doc`` and ``ruleset``) a measured-precise phrase
    rule of that language's pack fires: the text carries that source's fingerprints. For the
    language the detector names, a phrase safe by construction counts too (languages with no
    MT in the dev data have no measured phrase; safe ones have one reading).
    """
    if not detection.source_lang:
        return False
    if detection.source_prob >= MIN_SOURCE_PROB:
        return True
    return (
        doc is not None
        and ruleset is not None
        and _fingerprint(doc, ruleset, detection.source_lang, safe=True)
    )


def guessed_sources(detection: Any, doc: Any, ruleset: Any) -> list[str]:
    """The source pack(s) to run on the detector's word (no ``--source``).

    A named source runs when ``confident_source`` says so. When the detector calls the text MT
    but the source "unknown", the two likeliest candidates are tried: a pack runs only when
    one of its own measured-precise phrases occurs (that language's fingerprint in the text).
    """
    if detection.source_lang:
        return [detection.source_lang] if confident_source(detection, doc, ruleset) else []
    probs = getattr(detection, "source_probs", None) or {}
    ranked = sorted(
        (lang for lang in probs if lang != "unknown"), key=lambda lang: (-probs[lang], lang)
    )
    for lang in ranked[:2]:
        if _fingerprint(doc, ruleset, lang):
            return [lang]
    return []


def _fingerprint(doc: Any, ruleset: Any, lang: str, safe: bool = False) -> bool:
    from retrans.rules.engine import run_rule

    measured = table()
    low = doc.lowered
    for rule in ruleset.rules:
        if rule.source != lang or rule.type != "substitution":
            continue
        m = measured.get(rule.id)
        if rule.evidence is not None or (
            m.precision < MIN_PRECISION if m is not None else not (safe and rule.safe)
        ):
            continue  # phrases measured on MT from that language (or safe by construction)
        if rule.literals and not any(lit in low for lit in rule.literals):
            continue
        if rule.near_literals and not any(lit in low for lit in rule.near_literals):
            continue
        if run_rule(rule, doc):
            return True
    return False


_BY_CODE: dict[int, tuple[Any, dict[str, Any]]] = {}


def _by_code(ruleset: Any) -> dict[str, Any]:
    hit = _BY_CODE.get(id(ruleset))
    if hit is None or hit[0] is not ruleset:
        hit = _BY_CODE[id(ruleset)] = (ruleset, ruleset.by_code())
    return hit[1]


def gate(findings: list[Finding], ruleset: Any, detection: Any, user_source: bool) -> list[Finding]:
    """Rule findings that have not earned an automatic edit become advice."""
    rules = _by_code(ruleset)
    out: list[Finding] = []
    for f in findings:
        rule = rules.get(f.code) if f.source == "rule" else None
        if rule is not None and f.replacement is not None:
            ok, why = trusted(rule)
            if ok and not has_evidence(rule, detection, user_source):
                ok, why = False, f"needs stronger evidence of MT from {rule.source}"
            if not ok:
                f = advice(f, why)
        out.append(f)
    return out
