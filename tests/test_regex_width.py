"""The longest match of a pattern, read by the project's own regex reader: the rule scan
starts its search that far before a trigger hit, so an under-estimate would lose matches."""

from __future__ import annotations

import pytest

from retrans.detect.lexicon import patterns
from retrans.rules.engine import load_rules
from retrans.rules.regex_reader import max_width


@pytest.mark.parametrize(
    ("pattern", "width"),
    [
        ("abc", 3),
        ("a{2,5}b", 6),
        ("a{3}", 3),
        ("a{,3}", 3),
        ("(?:ab|c)?d", 3),
        (r"\bfoo\b", 3),
        ("(?<=a)b", 1),
        ("(?=ab)c", 1),
        ("^a$", 1),
        (r"[a-z]{0,4}\.", 5),
        ("(?i:abc)d", 4),
        (r"\x41\u00e9\N{EM DASH}", 3),
        ("a{x}", 4),  # a literal brace
        ("(?P<y>ab)c", 3),
        ("a*", None),
        ("a+?b", None),
        ("a{2,}", None),
        (r"(a)\1", None),  # backreferences: no bound read
        ("(?P<x>a)(?P=x)", None),
        ("(?x) a b", None),  # verbose mode is not followed
    ],
)
def test_max_width(pattern: str, width: int | None) -> None:
    assert max_width(pattern) == width


def test_widths_bound_every_shipped_pattern_example() -> None:
    """Every shipped rule's and detector pattern's width bounds what it matches in its own
    examples (rules carry examples; every example match must fit)."""
    checked = 0
    for rule in load_rules().rules:
        if not rule.pattern:
            continue
        w = max_width(rule.pattern, rule.flags)
        texts = [t for ex in rule.examples for t in (ex.wrong, ex.right, ex.ok) if t]
        for text in texts:
            for m in rule.regex.finditer(text):
                assert w is None or len(m.group()) <= w, (rule.id, m.group())
                checked += 1
    assert checked > 100
    assert all(cp.max_width is None or cp.max_width >= 1 for cp in patterns())
