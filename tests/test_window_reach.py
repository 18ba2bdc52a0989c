"""A pattern's reach (how far past a match's start matching may read) lets a failed search
around a trigger hit stop near the hit: the windowed search must give exactly the matches of
a whole-text ``finditer``, for every shipped rule and detector pattern."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from retrans.detect.lexicon import patterns
from retrans.rules.engine import load_rules
from retrans.rules.prefilter import required_chars
from retrans.rules.regex_reader import line_reach, max_reach
from retrans.rules.scan import TriggerScanner, rule_matches, scanner_for, window_matches


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        ("abc", 3),
        (r"\bfoo\b", 4),  # the \b after "foo" reads the next character
        ("a$", 3),  # $ reads a newline and the end after it
        ("(?=abc)a", 3),  # a lookahead reads what it holds
        ("a(?!bc)", 3),
        ("(?<=ab)c", 2),
        ("a{2,5}b", 6),
        ("(?:ab|c)?d", 3),
        (r"x\Z", 2),
        ("(?m)^ab$", 4),
        ("(?i:ab)c", 3),
        ("a*", None),
        ("a(?=b+)", None),
        (r"(a)\1", None),
        ("(?x) a", None),
    ],
)
def test_max_reach(pattern: str, reach: int | None) -> None:
    assert max_reach(pattern) == reach


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        (r"\b[A-Z][a-z]+-san\b", 1),
        (r"\d+,\d\b(?= ?%)", 2),
        ("a+$", 2),
        (r"(?m)^[ \t]*share", 1),
        ("a.+b", 1),  # "." is no newline without DOTALL
        (r"a\s+b", None),
        ("a[^x]+b", None),
        (r"a\n", None),
        ("(?s)a.+b", None),
        ("a(?=.*b)", None),  # a lookahead reading without bound
    ],
)
def test_line_reach(pattern: str, reach: int | None) -> None:
    assert line_reach(pattern) == reach


def _shipped() -> list[tuple[str, re.Pattern[str], tuple[str, ...], int | None, list[str]]]:
    """(name, regex, literals, width, example texts) of every rule and pattern with
    literals."""
    out = []
    for rule in load_rules().rules:
        if rule.pattern and rule.literals:
            texts = [t for ex in rule.examples for t in (ex.wrong, ex.right, ex.ok) if t]
            out.append((rule.id, rule.regex, rule.literals, rule.max_width, texts))
    for cp in patterns():
        if cp.triggers:
            out.append((cp.pattern.regex, cp.regex, cp.triggers, cp.max_width, [FILLER]))
    return out


FILLER = (
    "The talks resumed on Monday in Geneva. The minister said that the 3 March deal, "
    "signed since two weeks, was 3,5 percent better; the Russian side agreed. "
)


def test_every_match_is_found_within_its_reach() -> None:
    """A match at ``s`` is the same match in ``text[:s + reach]``, whatever follows it."""
    checked = 0
    for name, rx, _lits, _width, texts in _shipped():
        reach = max_reach(rx.pattern, rx.flags)
        line = line_reach(rx.pattern, rx.flags)
        for base in texts:
            for tail in ("", "\n", " x", ".\n\nNext", ", 5 %", "s", "\nmore"):
                text = base + tail
                for m in rx.finditer(text):
                    if reach is not None:
                        w = rx.search(text, m.start(), m.start() + reach)
                        assert w is not None and w.span() == m.span(), (name, text)
                        assert w.groups() == m.groups(), (name, text)
                        checked += 1
                    if line is not None:
                        assert "\n" not in m.group(), (name, text)
                        b = text.find("\n", m.start())
                        end = len(text) if b < 0 else b + line
                        w = rx.search(text, m.start(), end)
                        assert w is not None and w.span() == m.span(), (name, text)
                        assert w.groups() == m.groups(), (name, text)
                        checked += 1
    assert checked > 300


@pytest.mark.parametrize("seed", range(4))
def test_windowed_search_equals_finditer_on_every_shipped_pattern(seed: int) -> None:
    """Examples spread through a long text (so most hits are searched in windows), next to
    each other, at its very end, across line breaks: the same matches as ``finditer``."""
    rng = random.Random(seed)
    shipped = _shipped()
    scanner = TriggerScanner(lit for *_, lits, _w, _t in shipped for lit in lits)
    pieces = [t for *_, texts in shipped for t in texts]
    rng.shuffle(pieces)
    parts = []
    for piece in pieces[: len(pieces) // 2]:
        parts.append(piece)
        parts.append(rng.choice([" ", "\n", "\n\n", " " + FILLER * rng.randrange(4), ""]))
    text = "".join(parts) + rng.choice(pieces)
    hits = scanner.scan(text.lower())
    assert len(text.lower()) == len(text)
    lined = 0
    for name, rx, lits, width, _texts in shipped:
        reach = max_reach(rx.pattern, rx.flags)
        line = line_reach(rx.pattern, rx.flags) if width is None else None
        lined += line is not None
        found = window_matches(rx, lits, width, text, hits, reach, line)
        got = [(m.span(), m.groups()) for m in found]
        assert got == [(m.span(), m.groups()) for m in rx.finditer(text)], name
    assert lined > 20


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("a(b:)c", ":"),
        ("(?:x;)+", ";"),
        ("a(?::|;)b", ":;"),
        (r"[.,]\d+/", "/"),  # the fewest: "/" rather than one of ".,"
        ("a|b:", ""),  # in one branch only
        ("[:;]?", ""),  # optional
        ("x[^:]", ""),
        ("(?=:)a", ""),  # a lookahead's contents are not matched
        ("ab", ""),  # letters are literals' business
    ],
)
def test_required_chars(pattern: str, chars: str) -> None:
    assert required_chars(pattern) == chars


@pytest.mark.parametrize("seed", range(3))
def test_every_shipped_rule_matches_as_finditer(seed: int) -> None:
    """``rule_matches`` (literal hits, punctuation marks, windows by reach or by line)
    against ``finditer``, on the rules' examples run together with punctuation."""
    rng = random.Random(seed)
    rules = [r for r in load_rules().rules if r.pattern]
    pieces = [t for r in rules for ex in r.examples for t in (ex.wrong, ex.right, ex.ok) if t]
    rng.shuffle(pieces)
    seps = [" ", "\n", " : ", "? ", " ; ", "! ", "\n\n", " " + FILLER, ". ", "/"]
    text = "".join(p + rng.choice(seps) for p in pieces[: len(pieces) // 2])
    hits = scanner_for(load_rules()).scan(text.lower())
    assert any(r.trigger_chars and not r.literals for r in rules)
    for rule in rules:
        got = [(m.span(), m.groups()) for m in rule_matches(rule, text, hits)]
        assert got == [(m.span(), m.groups()) for m in rule.regex.finditer(text)], rule.id


REACH_PROBE = r"""
import json, re
from retrans.rules import scan
scan.remember_widths()
pats = [(r"\bseit \w+ Jahren\b", re.I), (r"[A-Z][a-z]+-san\b", 0), (r" +([:;!?])", 0), ("ab?c$", 0)]
out = [(scan.max_reach(p, f), scan.line_reach(p, f), scan.trigger_chars(p, f)) for p, f in pats]
print(json.dumps({"out": out, "new": scan._new_widths}))
"""


def test_reaches_and_marks_are_kept_from_run_to_run(tmp_path: Path) -> None:
    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", REACH_PROBE], env=env, capture_output=True, text=True
            ).stdout
        )
        for _ in range(2)
    ]
    expected = [[None, 1, ""], [None, 1, "-"], [None, 1, "!:;?"], [5, 2, ""]]
    assert [r["out"] for r in runs] == [expected, expected]
    assert [r["new"] for r in runs] == [True, False]  # the second run computed nothing
