"""Every example of every rule, run the way users run retrans: the shipped pipeline.

A ``wrong``→``right`` example of a rule that may edit (measured precision ≥ 90 % or safe by
construction, confidence at or above the shipped ``min_confidence``) must come out of
``Pipeline.fix`` exactly as ``right``; the example of a rule that only advises must give its
finding and no edit; an ``ok`` example must give no finding of the rule at all.
"""

from __future__ import annotations

import pytest

from retrans.config import Config
from retrans.document import Document
from retrans.findings import Finding
from retrans.pipeline import Pipeline
from retrans.rules.engine import load_rules, run_rule
from retrans.rules.model import Rule
from retrans.rules.precision import has_evidence, trusted

RULES = load_rules(use_cache=False).rules
SHIPPED = Config().min_confidence
CASES = [
    pytest.param(rule, i, id=f"{rule.pack}:{rule.id}:{i}")
    for rule in RULES
    for i in range(len(rule.examples))
]
_PIPES: dict[str | None, Pipeline] = {}


def _pipe(rule: Rule) -> Pipeline:
    src = None if rule.source == "*" else rule.source
    if src not in _PIPES:
        _PIPES[src] = Pipeline(source=src, lang="en")
    return _PIPES[src]


def edits_as_shipped(rule: Rule) -> bool:
    """Does ``retrans fix`` (source given) apply this rule's edits?"""
    if rule.type == "existence" or rule.confidence < SHIPPED:
        return False
    return trusted(rule)[0] and has_evidence(rule, None, True)


def _mine(findings: list[Finding], rule: Rule) -> list[Finding]:
    return [f for f in findings if f.code == rule.id]


def _reported_by_twin(rule: Rule, text: str, found: list[Finding]) -> bool:
    """Two rules proposing one edit are reported once: the other one's finding counts."""
    own = run_rule(rule, Document(text))
    spans = {(f.start, f.end, f.replacement) for f in found}
    return bool(own) and all((f.start, f.end, f.replacement) in spans for f in own)


def problems(rule: Rule, i: int, pipe: Pipeline | None = None) -> list[str]:
    """What is wrong with example ``i`` of ``rule`` when run as shipped (empty: nothing)."""
    ex = rule.examples[i]
    pipe = pipe or _pipe(rule)
    out: list[str] = []
    if ex.ok is not None:
        found, _ = pipe.check(Document(ex.ok))
        if _mine(found, rule):
            out.append(f"{rule.id} fired on its ok example: {ex.ok!r}")
    if ex.wrong is None:
        return out
    low = ex.wrong.lower()
    for lits in (rule.literals, rule.near_literals):  # the prefilter lets it through
        if lits and not any(lit in low for lit in lits):
            out.append(f"prefilter literals {lits} not in the wrong example")
    found, _ = pipe.check(Document(ex.wrong))
    if not _mine(found, rule) and not _reported_by_twin(rule, ex.wrong, found):
        out.append(f"{rule.id} did not fire on its wrong example {ex.wrong!r}")
    fixed, edits = pipe.fix(Document(ex.wrong))
    if edits_as_shipped(rule) and ex.right is not None:
        if fixed != ex.right:
            out.append(f"retrans fix gives {fixed!r}, the example promises {ex.right!r}")
    elif _mine(edits, rule):  # advice: the finding, no edit of this rule
        out.append(f"{rule.id} is advice but fix applied it")
    return out


@pytest.mark.parametrize(("rule", "i"), CASES)
def test_rule_example(rule: Rule, i: int) -> None:
    assert not problems(rule, i)


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert any(e.wrong is not None for e in rule.examples), rule.id
        assert any(e.ok is not None for e in rule.examples), rule.id


def test_a_broken_example_is_caught() -> None:
    """The example test can fail: a promise fix does not keep, an ok that fires."""
    from dataclasses import replace

    from retrans.rules.model import Example

    rule = next(r for r in RULES if r.id == "NU104")
    bad = replace(
        rule,
        examples=[
            Example(wrong="It lent 1.500 millones.", right="It lent 1.500 million."),
            Example(ok="It lent 1.500 millones."),
        ],
    )
    assert problems(bad, 0) and problems(bad, 1)
    assert not problems(rule, 0)
