"""Lazily loaded word lists and compiled interference patterns (cached per process)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from retrans.detect.patterns import ALL, Pattern

try:  # Python >= 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Lexicon:
    en_zipf: dict[str, float]
    foreign: dict[str, tuple[str, ...]]  # word -> languages it is a frequent word of
    stop: dict[str, tuple[str, ...]]  # word -> languages it is a stop word of
    stop_langs: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads((DATA_DIR / "wordlists.json").read_text(encoding="utf-8"))
    return Lexicon(
        en_zipf=data["en"],
        foreign=_invert(data["foreign"]),
        stop=_invert(data["stop"]),
        stop_langs=tuple(sorted(data["stop"])),
    )


def _invert(lists: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang in sorted(lists):
        for w in lists[lang]:
            out[w] = (*out.get(w, ()), lang)
    return out


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    pattern: Pattern
    regex: re.Pattern[str]
    triggers: tuple[str, ...]  # lowercase substrings, one of which must be in the text


def _seq_triggers(seq: Any) -> tuple[str, ...] | None:
    """Best set of literal strings one of which every match of ``seq`` contains."""
    best: tuple[str, ...] | None = None

    def score(c: tuple[str, ...]) -> tuple[int, int]:
        return (min(len(s) for s in c), -len(c))

    def offer(c: tuple[str, ...] | None) -> None:
        nonlocal best
        if c and all(c) and (best is None or score(c) > score(best)):
            best = c

    run: list[str] = []
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        offer(("".join(run).lower(),) if run else None)
        run = []
        if name == "SUBPATTERN":
            offer(_seq_triggers(av[-1]))
        elif name == "BRANCH":
            offer(_branch_triggers(av[1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            offer(_seq_triggers(av[2]))
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
            offer(tuple(sorted({chr(v).lower() for _, v in av})))
    offer(("".join(run).lower(),) if run else None)
    return best


def _branch_triggers(alts: Any) -> tuple[str, ...] | None:
    out: list[str] = []
    for alt in alts:
        t = _seq_triggers(alt)
        if not t:
            return None
        out.extend(t)
    return tuple(sorted(set(out)))


def triggers_for(regex: str) -> tuple[str, ...]:
    parsed = _sre_parse.parse(regex)
    items = list(parsed)
    if len(items) == 1 and str(items[0][0]) == "BRANCH":
        t = _branch_triggers(items[0][1][1])
    else:
        t = _seq_triggers(items)
    return t or ()


@lru_cache(maxsize=1)
def patterns() -> tuple[CompiledPattern, ...]:
    out = []
    for p in ALL:
        rx = re.compile(p.regex, 0 if p.cs else re.IGNORECASE)
        out.append(CompiledPattern(p, rx, p.trig or triggers_for(p.regex)))
    return tuple(out)


class TriggerScanner:
    """Finds which patterns' literals occur in a text: one Aho-Corasick pass when
    pyahocorasick is available (a retrans dependency), else one substring test per literal."""

    def __init__(self, compiled: tuple[CompiledPattern, ...]) -> None:
        self.literals = sorted({t for cp in compiled for t in cp.triggers})
        self.automaton: Any = None
        try:
            import ahocorasick
        except ImportError:  # pragma: no cover - pyahocorasick is a dependency
            return
        a = ahocorasick.Automaton()
        for t in self.literals:
            a.add_word(t, t)
        a.make_automaton()
        self.automaton = a

    def present(self, low_text: str) -> set[str]:
        if self.automaton is not None:
            return {t for _end, t in self.automaton.iter(low_text)}
        return {t for t in self.literals if t in low_text}


@lru_cache(maxsize=1)
def trigger_scanner() -> TriggerScanner:
    return TriggerScanner(patterns())
