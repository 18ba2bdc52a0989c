"""One pass for all rules: an Aho–Corasick scan finds every rule's trigger literals at once,
and a rule's regex then runs only from its trigger hits, so the work per rule grows with its
hits, not with the document.

A rule's trigger literals (``Rule.literals``, derived from its regex) are such that every
match contains one of them (compared lowercased). So the leftmost match at or after a
position ``p`` — what ``finditer`` finds next — contains a hit at or after ``p``, and starts
no earlier than ``t - w`` where ``t`` is the first such hit and ``w`` the regex's longest
match. ``search(text, max(p, t - w))`` therefore finds exactly the match ``finditer`` finds,
and when no hit is left, neither is a match. The full string stays visible to the regex, so
lookbehinds, ``\\b`` and ``^`` behave as in a whole-text search. Findings are the same as a
plain ``finditer``; when a premise fails (lowercasing changes the text's length, an empty
match) the rule falls back to ``finditer``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cache
from heapq import merge
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retrans.rules.model import Rule

Hits = dict[str, list[int]]  # literal -> start offsets of its occurrences in the lowered text

_UNBOUNDED = 1 << 16


class TriggerScanner:
    """Every rule literal of a rule set in one automaton."""

    def __init__(self, literals: Iterable[str]) -> None:
        import ahocorasick

        self.automaton: Any = ahocorasick.Automaton()
        for lit in sorted(set(literals)):
            self.automaton.add_word(lit, (len(lit) - 1, lit))
        if len(self.automaton):
            self.automaton.make_automaton()

    def scan(self, low: str) -> Hits:
        """Where each literal occurs in ``low`` (every occurrence, overlapping ones too)."""
        hits: Hits = {}
        if not len(self.automaton):
            return hits
        for end, (back, lit) in self.automaton.iter(low):
            found = hits.get(lit)
            if found is None:
                hits[lit] = [end - back]
            else:
                found.append(end - back)
        return hits


def scanner_for(ruleset: Any) -> TriggerScanner:
    """The scanner for every rule of ``ruleset``, built once per rule set object."""
    found: TriggerScanner | None = ruleset.__dict__.get("_trigger_scanner")
    if found is None:
        lits = (lit for r in ruleset.rules for lit in (*r.literals, *r.near_literals))
        found = ruleset.__dict__["_trigger_scanner"] = TriggerScanner(lits)
    return found


_LIVE: dict[int, tuple[Any, dict[str, list[int]], dict[str, list[int]]]] = {}


def live_rules(ruleset: Any, hits: Hits) -> tuple[set[int], set[int]]:
    """The rules of ``ruleset`` (by ``id``) one of whose literals is in ``hits``, and those one
    of whose near-context literals is: testing every rule's literals against ``hits`` gives
    the same, but a text holds a few dozen literals and a rule set has hundreds of rules.
    The cleanup and rules passes ask about the same scan: the last answer is kept."""
    last = _LAST_LIVE[0]
    if last is not None and last[0] is ruleset and last[1] is hits:
        return last[2]
    entry = _LIVE.get(id(ruleset))
    if entry is None or entry[0] is not ruleset:
        lits: dict[str, list[int]] = {}
        near: dict[str, list[int]] = {}
        for r in ruleset.rules:
            for lit in r.literals:
                lits.setdefault(lit, []).append(id(r))
            for lit in r.near_literals:
                near.setdefault(lit, []).append(id(r))
        if len(_LIVE) >= 8:  # a few rule sets per process (tests make more)
            _LIVE.clear()
        entry = _LIVE[id(ruleset)] = (ruleset, lits, near)  # keeps the rules alive: ids hold
    _, lits, near = entry
    live: set[int] = set()
    live_near: set[int] = set()
    for lit in hits:
        found = lits.get(lit)
        if found is not None:
            live.update(found)
        found = near.get(lit)
        if found is not None:
            live_near.update(found)
    _LAST_LIVE[0] = (ruleset, hits, (live, live_near))  # holds both: identities stay valid
    return live, live_near


_LAST_LIVE: list[tuple[Any, Hits, tuple[set[int], set[int]]] | None] = [None]


_PLANS: dict[tuple[int, bool], tuple[Any, ...]] = {}


def rules_to_run(
    selected: tuple[Rule, ...], cleanup: bool, live: set[int], live_near: set[int]
) -> list[Rule]:
    """The rules of ``selected`` in the cleanup pack (or not) that can match, in order: a
    rule with literals runs when one is in ``live``, one with near-context literals when one
    is in ``live_near`` (:func:`live_rules`). The same rules as testing each selected rule,
    found from the few live ones (a text holds a few dozen literals, a selection has
    hundreds of rules, and a check selects twice per document)."""
    plan = _PLANS.get((id(selected), cleanup))
    if plan is None or plan[0] is not selected:
        rules = [r for r in selected if (r.pack == "cleanup") == cleanup]
        always: list[int] = []
        by_lit: dict[int, int] = {}
        by_near: dict[int, int] = {}
        lit_and_near: set[int] = set()
        for i, r in enumerate(rules):
            if r.literals:
                by_lit[id(r)] = i
                if r.near_literals:
                    lit_and_near.add(id(r))
            elif r.near_literals:
                by_near[id(r)] = i
            else:
                always.append(i)
        if len(_PLANS) >= 16:  # a few selections per process (tests make more)
            _PLANS.clear()
        plan = _PLANS[(id(selected), cleanup)] = (
            selected,  # keeps the rules alive: ids hold
            rules,
            always,
            by_lit,
            by_near,
            lit_and_near,
        )
    _, rules, always, by_lit, by_near, lit_and_near = plan
    run = list(always)
    for rid in live:
        at = by_lit.get(rid)
        if at is not None and (rid not in lit_and_near or rid in live_near):
            run.append(at)
    for rid in live_near:
        at = by_near.get(rid)
        if at is not None:
            run.append(at)
    run.sort()
    return [rules[i] for i in run]


def _stored(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, kept run to run in the widths store under ``key``."""
    if _widths is not None:
        hit = _widths.get(key)
        if hit is not None:
            return hit[0]
    out = compute()
    if _widths is not None:
        global _new_widths
        _widths.put(key, (out,))
        _new_widths = True
    return out


def _bounded(n: int | None) -> int | None:
    return n if n is None or n < _UNBOUNDED else None


def _reader() -> Any:
    from retrans.rules import regex_reader

    return regex_reader


@cache
def max_width(pattern: str, flags: int) -> int | None:
    """The longest match of ``pattern`` in characters; None when unbounded (read by the
    prefilter's own regex reader, not CPython's private parser)."""
    # a RegexFlag does not marshal: int(flags); the reader is imported only on a miss
    return _stored((pattern, int(flags)), lambda: _bounded(_reader().max_width(pattern, flags)))


@cache
def max_reach(pattern: str, flags: int) -> int | None:
    """How far past a match's start matching there may read (``regex_reader.max_reach``);
    None when unbounded. Kept run to run beside the widths."""
    return _stored(
        (pattern, int(flags), "reach"), lambda: _bounded(_reader().max_reach(pattern, flags))
    )


@cache
def trigger_chars(pattern: str, flags: int) -> str:
    """Punctuation marks one of which every match holds, for a pattern without literals
    (``prefilter.required_chars``). Kept run to run beside the widths."""

    def compute() -> str:
        from retrans.rules.prefilter import required_chars

        return required_chars(pattern, flags)

    return str(_stored((pattern, int(flags), "chars"), compute))


@cache
def line_reach(pattern: str, flags: int) -> int | None:
    """For a pattern whose matches never hold a newline, how far past its line matching may
    read (``regex_reader.line_reach``); None otherwise. Kept run to run beside the widths."""
    return _stored((pattern, int(flags), "line"), lambda: _reader().line_reach(pattern, flags))


# The widths of the detector's patterns are read on every run (≈ 8 ms for all of them): the
# CLI keeps them from run to run (``remember_widths``), with the reaches and the trigger
# marks, keyed by the code that reads them (regex_reader.py, prefilter.py, this file).
_widths: Any = None
_new_widths = False


def remember_widths() -> None:
    """Keep computed widths in the run-to-run store (called by the CLI entry only)."""
    global _widths
    if _widths is not None:
        return
    try:
        from pathlib import Path

        from retrans import runstore
        from retrans.paths import files_hash

        here = Path(__file__)
        code = [here.with_name("regex_reader.py"), here.with_name("prefilter.py"), here]
        store = runstore.Store("widths", (files_hash(code),), 4000)
        if not store.open():
            return
    except Exception:  # pragma: no cover - an unusable cache: computed as always
        return
    import atexit

    _widths = store
    atexit.register(_save_widths)


def _save_widths() -> None:
    global _new_widths
    if _new_widths and _widths is not None:
        _new_widths = False
        _widths.save()


def rule_matches(rule: Rule, text: str, hits: Hits | None) -> list[re.Match[str]]:
    """The matches ``rule.regex.finditer(text)`` would give, searched from trigger hits only.

    ``hits`` is the scan of ``text.lower()`` (None: no scan, plain ``finditer``).
    """
    if not rule.literals:
        chars = rule.trigger_chars
        if chars:  # no literal, but a punctuation mark every match holds (rules/prefilter.py)
            width = rule.max_width
            reach, line = (rule.max_reach, None) if width is not None else (None, rule.line_reach)
            if reach is not None or line is not None:
                return _windowed(rule.regex, _char_starts(text, chars), width, text, reach, line)
        return list(rule.regex.finditer(text))
    if hits is None:
        return list(rule.regex.finditer(text))
    width = rule.max_width
    if width is None:
        return window_matches(rule.regex, rule.literals, None, text, hits, line=rule.line_reach)
    return window_matches(rule.regex, rule.literals, width, text, hits, rule.max_reach)


# A window search per hit costs a call and this many characters more than its window.
_PER_SEARCH = 24


def window_matches(
    rx: re.Pattern[str],
    lits: tuple[str, ...],
    width: int | None,
    text: str,
    hits: Hits | None,
    reach: int | None = None,
    line: int | None = None,
) -> list[re.Match[str]]:
    """The matches ``rx.finditer(text)`` would give, searched from the hits of ``lits``
    (literals one of which every match contains; ``width``: the longest match, or None;
    ``reach``: how far matching at a start may read, ``regex_reader.max_reach``).

    With a width and a reach, a hit ``t`` whose earlier hits gave no match is searched in
    ``text[:t + reach]`` from ``t - width``: a match starting at or before ``t`` is found
    there exactly as in the whole text (nothing the engine reads lies past the end), and
    when none does, the next match starts after ``t`` and so holds a later hit. A search
    that fails thus stops near its hit instead of reading on to the end of the text; where
    the hits left are dense, one search of the rest is cheaper and used instead.

    Without a width, ``line`` (``regex_reader.line_reach``: no match holds a newline) does
    the same by lines: a match holding a hit lies in the hit's line, so the line ``[a, b)``
    is searched in ``text[:b + line]``, and when no match starts in it, the next one starts
    on a later line."""
    if hits is None or not lits:
        return list(rx.finditer(text))
    runs = [hits[lit] for lit in lits if lit in hits]
    if not runs:
        return []
    starts = runs[0] if len(runs) == 1 else list(merge(*runs))
    return _windowed(rx, starts, width, text, reach, line)


def _char_starts(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` occurs in ``text``, in order."""
    out: list[int] = []
    find = text.find
    for c in chars:
        i = find(c)
        while i >= 0:
            out.append(i)
            i = find(c, i + 1)
    if len(chars) > 1:
        out.sort()
    return out


def _windowed(
    rx: re.Pattern[str],
    starts: list[int],
    width: int | None,
    text: str,
    reach: int | None,
    line: int | None,
) -> list[re.Match[str]]:
    """:func:`window_matches` from ``starts``, the sorted places of what every match holds."""
    out: list[re.Match[str]] = []
    p = i = 0
    n = len(starts)
    size = len(text)
    span = None if width is None or reach is None else width + reach + _PER_SEARCH
    # the line of the last hit looked at: its start and its break (``size`` when none follows),
    # found once per line (a long line holding many hits is not scanned again per hit)
    lo = hi = -1
    while True:
        i = bisect_left(starts, p, i)
        if i >= n:
            return out
        t = starts[i]
        q = p if width is None else max(p, t - width)
        if span is not None and (n - i) * span < size - q:
            assert reach is not None
            m = rx.search(text, q, t + reach)
            if m is None or m.start() > t:
                p = t + 1  # no match starts at or before t
                continue
        elif line is not None and width is None:
            if t > hi:  # t's line: where it starts and breaks, found once per line
                lo = text.rfind("\n", 0, t) + 1
                hi = text.find("\n", t)
                if hi < 0:
                    hi = size
            if hi + line < size:
                m = rx.search(text, max(p, lo), hi + line)
                if m is None or m.start() > hi:
                    p = hi + 1  # no match starts on t's line
                    continue
            else:  # the last line: the rest of the text
                m = rx.search(text, q)
                if m is None:
                    return out
        else:
            m = rx.search(text, q)
            if m is None:
                return out
        if m.end() == m.start():  # a match without a literal: the premise fails
            return list(rx.finditer(text))
        out.append(m)
        p = m.end()


def expand(m: re.Match[str], template: str) -> str:
    """``m.expand(template)``. A template without a backslash has no group reference and is
    itself; CPython parses the template again on every ``expand`` call."""
    return template if "\\" not in template else m.expand(template)
