"""Edits that cannot feed themselves, and user patterns that cannot hang retrans.

*Self-feeding*: an edit whose replacement the same rule (or the same glossary form) would
match again at the same place grows the text on every run (*Ho Chi Minh City City City…*,
``Kiev → Kyiv (Kiev)``). ``refeeds`` and ``form_refeeds`` tell such an edit; the engine
keeps it as advice and the resolver never applies it, so ``fix`` is idempotent by
construction rather than by luck of the data.

*User packs* (``rule_packs`` in the config) are checked when loaded: a pack id or rule id
reusing a built-in one, a replacement its own pattern matches again, and patterns that
backtrack catastrophically. Python's ``re`` cannot be interrupted, so each user pattern is
first screened for nested unbounded quantifiers, then run on adversarial strings in a child
process under a time budget; a pattern that does not finish in time is rejected, naming its
file and line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from retrans.errors import DataError

if TYPE_CHECKING:
    from retrans.rules.model import Pack, Rule

_CTX = 120  # characters of context around an edit when re-matching it


def _same_place(ms: int, me: int, ns: int, ne: int) -> bool:
    """A match at the edit's place: starting there, inside the new text, or covering it."""
    return ms == ns or (ns <= ms and me <= ne) or (ms <= ns and me >= ne)


def refeeds(rule: Rule, text: str, start: int, end: int, repl: str) -> bool:
    """Would ``rule`` change its own replacement again (same place) on the next run?"""
    if not repl or rule.pattern is None or rule.type != "substitution":
        return False  # deletions cannot grow the text; the fix loop bounds the rest
    from retrans.rules.engine import cased
    from retrans.rules.scan import expand
    from retrans.rules.types._regex import context_ok as _context_ok

    lo, hi = max(0, start - _CTX), min(len(text), end + _CTX)
    new = text[lo:start] + repl + text[end:hi]
    ns, ne = start - lo, start - lo + len(repl)
    for m in rule.regex.finditer(new):
        ms, me = m.span()
        if ms > ne:
            break
        if ms == me or not _same_place(ms, me, ns, ne):
            continue
        again = cased(rule.case, m.group(), expand(m, rule.replacement or ""))
        if again != m.group() and _context_ok(rule, new, ms, me):
            return True
    return False


def form_refeeds(text: str, start: int, end: int, repl: str | None) -> bool:
    """A literal edit (a glossary form) whose replacement contains the form again, as a word,
    at the same place: a naive matcher finds it again and the name grows on every run."""
    if not repl or end <= start:
        return False
    form = text[start:end].casefold()
    if not form.strip() or len(repl) <= len(form):
        return False  # a replacement no longer than the form cannot hold it and more
    lo, hi = max(0, start - len(form)), min(len(text), end + len(form))
    new = (text[lo:start] + repl + text[end:hi]).casefold()
    if len(new) != len(text[lo:start]) + len(repl) + len(text[end:hi]):
        return False  # casefold changed lengths (ß…): offsets no longer line up; be lenient
    ns, ne = start - lo, start - lo + len(repl)
    i = new.find(form)
    while i >= 0:
        j = i + len(form)
        bounded = (i == 0 or not new[i - 1].isalnum()) and (j == len(new) or not new[j].isalnum())
        if bounded and _same_place(i, j, ns, ne):
            return True
        i = new.find(form, i + 1)
    return False


# --- user packs --------------------------------------------------------------------------

# Screening: an unbounded repeat whose body is only repeats, one of them unbounded:
# (a+)+, (a*)*, (?:\w+\s?)+. A body with a fixed part, like (\w+,)*, is left to the timed run.
_BOUNDED = 20  # a repeat up to this many is bounded enough


def nested_quantifier(pattern: str, flags: int = 0) -> bool:
    """True for the classic exponential shape: an unbounded repeat of unbounded repeats."""
    try:
        parsed = _sre_parse(pattern, flags)
    except Exception:
        return False
    return _walk(list(parsed))  # type: ignore[call-overload]


def _sre_parse(pattern: str, flags: int) -> object:
    try:
        import re._parser as parser  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse as parser
    return parser.parse(pattern, flags)


def _repeat_ops() -> tuple[object, ...]:
    try:
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        import sre_constants as c
    return (c.MAX_REPEAT, c.MIN_REPEAT)


def _unwrap(items: list[Any]) -> list[Any]:
    from re import _constants as c  # type: ignore[attr-defined]

    while len(items) == 1 and items[0][0] == c.SUBPATTERN:
        items = list(items[0][1][-1])
    return items


def _unbounded(hi: int) -> bool:
    return hi > _BOUNDED


def _walk(items: list[Any]) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    reps = _repeat_ops()
    for op, av in items:
        if op in reps:
            _lo, hi, sub = av
            body = _unwrap(list(sub))
            only_repeats = bool(body) and all(b[0] in reps for b in body)
            if _unbounded(hi) and only_repeats and any(_unbounded(b[1][1]) for b in body):
                return True
            if _walk(list(sub)):
                return True
        elif op == c.SUBPATTERN:
            if _walk(list(av[-1])):
                return True
        elif op == c.BRANCH:
            if any(_walk(list(b)) for b in av[1]):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT) and _walk(list(av[1])):
            return True
    return False


def check_user_packs(builtin: Iterable[Pack], user: Iterable[Pack], budget_s: float = 5.0) -> None:
    """Refuse a user pack that reuses a built-in id, feeds itself or can hang on some input."""
    built = list(builtin)
    ids = {p.id: p.file for p in built}
    users = list(user)
    for pack in users:
        if pack.id in ids:
            raise DataError(
                f"pack id {pack.id!r} is a built-in pack's ({ids[pack.id]}); choose another",
                pack.file,
                1,
            )
        ids[pack.id] = pack.file
        for rule in pack.rules:
            _check_rule(rule)
    patterns = [
        (r, rx, flags)
        for p in users
        for r in p.rules
        for rx, flags in _patterns(r)
        if rx is not None
    ]
    if patterns:
        _time_budget(patterns, budget_s)


def _patterns(rule: Rule) -> list[tuple[str | None, int]]:
    out: list[tuple[str | None, int]] = [(rule.pattern, rule.flags)]
    out += [(rule.near, re.IGNORECASE), (rule.not_near, re.IGNORECASE)]
    return out


def _check_rule(rule: Rule) -> None:
    for rx, flags in _patterns(rule):
        if rx is not None and nested_quantifier(rx, flags):
            raise DataError(
                f"{rule.id}: pattern {rx!r} nests unbounded repeats (catastrophic "
                "backtracking): rewrite it without a repeat inside a repeat",
                rule.file,
                rule.line,
            )
    if rule.type != "substitution" or rule.pattern is None:
        return
    samples = [e.wrong for e in rule.examples if e.wrong] + [rule.replacement or ""]
    for sample in samples:
        for m in rule.regex.finditer(sample):
            if m.start() == m.end():
                continue
            repl = m.expand(rule.replacement or "")
            if repl != m.group() and refeeds(rule, sample, m.start(), m.end(), repl):
                raise DataError(
                    f"{rule.id}: the replacement {repl!r} is matched again by the rule's own "
                    "pattern (the text would grow on every run)",
                    rule.file,
                    rule.line,
                )


def adversarial(pattern: str, size: int = 20_000) -> list[str]:
    """Strings built from the pattern's own characters that end in a mismatch."""
    chars = sorted({ch for ch in pattern if ch.isalnum() or ch in " ,.'-"})[:12] or ["a"]
    out = [ch * size + "!" for ch in chars]
    out += [(" ".join(chars) + " ") * (size // (2 * len(chars) + 1)) + "!"]
    out += ["a" * size + "\n", "a " * (size // 2) + "!", "1," * (size // 2)]
    return out


_CHILD = r"""
import re, sys, json
from retrans.rules.safety import adversarial
jobs = json.loads(sys.stdin.read())
for i, (rx, flags) in enumerate(jobs):
    print(i, flush=True)
    r = re.compile(rx, flags)
    for s in adversarial(rx):
        r.search(s)
print("done", flush=True)
"""


def _time_budget(patterns: list[tuple[Rule, str, int]], budget_s: float) -> None:
    """Run every pattern on adversarial strings in a child; the one running at timeout hangs."""
    import json
    import subprocess  # only when new patterns are vetted: not on a cold start

    jobs = json.dumps([(rx, flags) for _, rx, flags in patterns])
    try:
        subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=jobs,
            capture_output=True,
            text=True,
            timeout=budget_s,
        )
        return  # finished in time (a crash of the child is no verdict on the patterns)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        lines = out.split()
    idx = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    rule, rx, _ = patterns[idx]
    raise DataError(
        f"{rule.id}: pattern {rx!r} takes over {budget_s:g} s on a {20_000}-character "
        "string (catastrophic backtracking): rewrite it",
        rule.file,
        rule.line,
    )
