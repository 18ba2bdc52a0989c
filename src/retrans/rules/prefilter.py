"""Literal prefilter: a rule's regex only runs on texts that contain a literal every match
must contain. Derived from the regex itself, so rule authors write nothing extra."""

from __future__ import annotations

import re

from retrans.rules.regex_reader import Node, Unsupported, parse

_MIN = 3


def _seq(items: list[Node]) -> list[str] | None:
    """Alternatives (any one must occur) for a sequence of regex nodes; None when unknown."""
    best: list[str] | None = None
    run: list[str] = []

    def flush() -> None:
        nonlocal best, run
        if run:
            lit = "".join(run)
            if best is None or _score([lit]) > _score(best):
                best = [lit]
        run = []

    for node in items:
        kind = node[0]
        if kind == "lit":
            run.append(node[1].lower())
            continue
        flush()
        sub: list[str] | None = None
        if kind == "sub":
            sub = _seq(node[1])
        elif kind == "rep" and node[1] >= 1:
            sub = _seq(node[2])
        elif kind == "branch":
            alts = [_seq(b) for b in node[1]]
            if alts and all(a for a in alts):
                sub = sorted({x for a in alts if a for x in a})
        elif kind == "set":
            sub = sorted({c.lower() for c in node[1]})  # a class of a few characters
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
    """Lowercased literals one of which every match contains; () when none is usable.

    ``flags`` is kept for callers; case is handled by lowercasing both sides.
    """
    try:
        nodes = parse(pattern)
    except Unsupported:
        return ()
    lits = _seq(nodes)
    if not lits or len(lits) > 64:
        return ()
    # Short letters and digits filter nothing; rare characters (« » „ ¿ % €) do.
    if not all(_selective(x) and not _common(x) for x in lits):
        return ()
    return tuple(lits)


def required_chars(pattern: str, flags: int = 0) -> str:
    """Punctuation marks one of which every match contains ("" when none is known): the
    fewest of those the pattern must match in turn (a literal, or a class of plain
    characters, at the top level or in a group or a repetition it must match), none a
    letter, digit, space or cased. For a rule without literals (its only required ones too
    common to select texts), its search can still start from them (``rules/scan.py``)."""
    try:
        nodes = parse(pattern)
    except Unsupported:
        return ""
    return _chars(nodes)


def _chars(nodes: list[Node]) -> str:
    best = ""
    for node in nodes:  # a sequence: each node matches in every match of it
        kind = node[0]
        if kind == "lit":
            chars = node[1]
        elif kind == "set":
            chars = "".join(node[1])
        elif kind == "sub":
            chars = _chars(node[1])
        elif kind == "rep" and node[1] >= 1:
            chars = _chars(node[2])
        else:
            continue
        if chars and all(map(_mark, chars)) and (not best or len(chars) < len(best)):
            best = chars
    return best


def _mark(c: str) -> bool:
    return not (c.isalnum() or c.isspace() or c.lower() != c or c.upper() != c or c == "_")


def context_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercased literals one of which the text holds wherever the pattern matches, read
    from its positive lookarounds: ``[Tt]he (?=Ukraine…)`` matches only "the " (too common
    to select texts) but needs "ukraine" after it. () when none is known.

    Only lookarounds every match passes count: at the top level of the pattern (no ``|``
    there), not quantified to be optional. What one of them must match is then somewhere in
    the text, and so is a literal of it (:func:`required_literals`)."""
    if flags & re.VERBOSE or "(?#" in pattern:
        return ()  # whitespace and comments mean something else there: not followed
    best: tuple[str, ...] = ()
    for inner in _top_lookarounds(pattern):
        lits = required_literals(inner)
        if lits and (not best or _score(list(lits)) > _score(list(best))):
            best = lits
    return best


def _top_lookarounds(pattern: str) -> list[str]:
    """The insides of the positive lookarounds (``(?=…)``, ``(?<=…)``) at the top level of
    ``pattern``, not followed by ``?``, ``*`` or ``{``; none when the top level has a ``|``
    or the groups do not balance."""
    out: list[str] = []
    opened: list[int] = []  # per open group: where a top-level lookaround's inside starts, -1
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":  # a class: skip to its end (a first "]" or "^]" is a member)
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        elif c == "(":
            head = next((h for h in ("(?=", "(?<=") if pattern.startswith(h, i)), "")
            opened.append(i + len(head) if head and not opened else -1)
            i += 1
        elif c == ")":
            if not opened:
                return []
            start = opened.pop()
            if start >= 0 and pattern[i + 1 : i + 2] not in ("?", "*", "{"):
                out.append(pattern[start:i])
            i += 1
        elif c == "|" and not opened:
            return []
        else:
            i += 1
    return out if not opened else []
