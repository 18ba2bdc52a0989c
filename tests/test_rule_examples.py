"""Every example of every rule, LanguageTool style: wrong → right, and ok must not fire."""

from __future__ import annotations

import pytest

from retrans.document import Document
from retrans.formats import protected_spans
from retrans.resolve import apply, resolve
from retrans.rules.engine import load_rules, run_rule
from retrans.rules.model import Rule

RULES = load_rules(use_cache=False).rules
CASES = [
    pytest.param(rule, i, id=f"{rule.pack}:{rule.id}:{i}")
    for rule in RULES
    for i in range(len(rule.examples))
]


def _doc(text: str, rule: Rule) -> Document:
    lang = "en" if rule.target == "*" else rule.target
    return Document(text=text, lang=lang, protected=protected_spans(text, "text"))


@pytest.mark.parametrize(("rule", "i"), CASES)
def test_rule_example(rule: Rule, i: int) -> None:
    ex = rule.examples[i]
    if ex.ok is not None:
        found = run_rule(rule, _doc(ex.ok, rule))
        assert not found, (
            f"{rule.id} fired on its ok example: {[ex.ok[f.start : f.end] for f in found]}"
        )
    if ex.wrong is not None:
        doc = _doc(ex.wrong, rule)
        low = ex.wrong.lower()
        for lits in (rule.literals, rule.near_literals):  # the prefilter lets it through
            assert not lits or any(lit in low for lit in lits), lits
        found = run_rule(rule, doc)
        assert found, f"{rule.id} did not fire on its wrong example"
        if ex.right is not None:
            fixed = apply(doc.text, resolve(found, doc, min_confidence=0.0))
            assert fixed == ex.right


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert any(e.wrong is not None for e in rule.examples), rule.id
        assert any(e.ok is not None for e in rule.examples), rule.id
