"""The literal prefilter: literals every match must contain, read from the regex itself."""

from __future__ import annotations

import re

import pytest

from retrans.rules.engine import load_rules
from retrans.rules.prefilter import required_literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\btelephone\s+interviews?\b", ("telephone",)),
        (r"(?:abc|abd)xyz", ("xyz",)),
        (r"\b(?:head|chief) of (?:Russian|French) diplomacy\b", (" diplomacy",)),
        (r"(?i)Poutine", ("poutine",)),
        (r"«\s*", ("«",)),
        (r"(?<=x)abc(?=y)", ("abc",)),
        (r"a{2,3}bcd", ("bcd",)),
        (r"colou?r", ("colo",)),  # the u is optional: "colo" is in every match
        (r"(?x) spaced  out ", ()),  # verbose mode: not followed, so no prefilter
        (r"\d+ per cent", (" per cent",)),
        (r"[Tt]he (?P<x>Westerners)", ("westerners",)),
        (r"the|of", ()),  # ubiquitous words select nothing
    ],
)
def test_required_literals(pattern: str, literals: tuple[str, ...]) -> None:
    assert required_literals(pattern, re.IGNORECASE) == literals


def test_every_match_in_the_examples_holds_a_literal() -> None:
    """Soundness on real rules: wherever a rule's regex matches one of its examples, one of
    its literals is in the lowercased match (otherwise the prefilter would skip a finding)."""
    checked = 0
    for rule in load_rules(use_cache=False).rules:
        if not rule.literals:
            continue
        for ex in rule.examples:
            for text in (ex.wrong, ex.ok):
                for m in rule.regex.finditer(text or ""):
                    assert any(lit in m.group().lower() for lit in rule.literals), (rule.id, text)
                    checked += 1
    assert checked > 500
