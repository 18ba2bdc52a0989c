"""Literal prefilter: a rule's regex only runs on texts that contain a literal every match
must contain. Derived from the regex itself, so rule authors write nothing extra."""

from __future__ import annotations

import importlib
from typing import Any

# The regex parser is private API; it is stable across 3.10–3.13 (sre_parse before 3.11).
try:
    C: Any = importlib.import_module("re._constants")
    P: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    C = importlib.import_module("sre_constants")
    P = importlib.import_module("sre_parse")

_MIN = 3


def _seq(items: Any) -> list[str] | None:
    """Alternatives (any one must occur) for a sequence of regex ops; None when unknown."""
    best: list[str] | None = None
    run: list[str] = []

    def flush() -> None:
        nonlocal best, run
        if run:
            lit = "".join(run)
            if best is None or _score([lit]) > _score(best):
                best = [lit]
        run = []

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        flush()
        sub: list[str] | None = None
        if op is C.SUBPATTERN:
            sub = _seq(av[-1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            sub = _seq(av[2])
        elif op is C.BRANCH:
            alts = [_seq(b) for b in av[1]]
            if alts and all(a for a in alts):
                sub = sorted({x for a in alts if a for x in a})
        elif op is C.IN and av and all(o is C.LITERAL for o, _ in av):
            sub = sorted({chr(v).lower() for _, v in av})  # a class of a few characters
        if sub and (best is None or _score(sub) > _score(best)):
            best = sub
    flush()
    return best


# Literals found in nearly every text select nothing: a rule keyed on them runs anyway.
_UBIQUITOUS = frozenset(
    [
        "the",
        "he",
        "she",
        "it",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "a",
        "an",
        "is",
        "was",
        "be",
        "as",
        "by",
        "for",
        "with",
        "that",
        "this",
        "me",
        "we",
        ".",
        ",",
        ";",
        ":",
        "'",
        '"',
        "-",
        "(",
        ")",
    ]
) | {"of the", "in the", "at the", "to the", "on the", "and the", "for the"}


def _common(lit: str) -> bool:
    return lit.strip() in _UBIQUITOUS or lit in _UBIQUITOUS


def _score(alts: list[str]) -> float:
    """Prefer few, long, uncommon alternatives: the weakest one bounds the set."""
    if any(_common(a) for a in alts):
        return -1.0
    return min(len(a) for a in alts) - 0.01 * len(alts)


def _selective(lit: str) -> bool:
    return len(lit) >= _MIN or any(not (c.isascii() and (c.isalnum() or c.isspace())) for c in lit)


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercased literals one of which every match contains; () when none is usable."""
    try:
        parsed = P.parse(pattern, flags)
    except Exception:
        return ()
    lits = _seq(list(parsed))
    if not lits or len(lits) > 64:
        return ()
    # Short letters and digits filter nothing; rare characters (« » „ ¿ % €) do.
    if not all(_selective(x) and not _common(x) for x in lits):
        return ()
    return tuple(lits)
