"""Catastrophic backtracking: every rule on 100 KB adversarial lines stays under 50 ms.

The lines are built to make a backtracking regex explode: long runs of one character, of
short words, of digits and commas, of an unclosed quote, and each rule's own literal cut
short and repeated (a near-miss at every position, never a match).
"""

from __future__ import annotations

import time

import pytest

from retrans.document import Document
from retrans.rules.engine import load_rules, run_rule
from retrans.rules.model import Rule

pytestmark = pytest.mark.slow

RULES = [r for r in load_rules(use_cache=False).rules if r.type != "script"]
SIZE = 100_000
LIMIT_S = 0.050


def adversarial_lines(rule: Rule) -> list[str]:
    lines = ["a" * SIZE, "a " * (SIZE // 2), "1," * (SIZE // 2), "«" + "x " * (SIZE // 2 - 1)]
    for lit in rule.literals[:2]:
        near_miss = lit[:-1] + " "
        lines.append((near_miss * (SIZE // len(near_miss) + 1))[:SIZE])
    return lines


def _time(rule: Rule, doc: Document) -> float:
    t0 = time.perf_counter()
    run_rule(rule, doc)
    return time.perf_counter() - t0


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_linear_on_adversarial_input(rule: Rule) -> None:
    for line in adversarial_lines(rule):
        doc = Document(line, lang="en")
        took = _time(rule, doc)
        if took > LIMIT_S:  # retries: a busy machine is not a slow regex
            took = min(took, _time(rule, doc), _time(rule, doc))
        assert took <= LIMIT_S, f"{rule.id} took {took * 1000:.0f} ms on {line[:24]!r}…"
