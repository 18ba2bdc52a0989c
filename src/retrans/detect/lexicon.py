"""Lazily loaded word lists and compiled interference patterns (cached per process)."""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from retrans.blobs import disk_cached_blobs
from retrans.detect import patterns as patterns_module
from retrans.detect.patterns import ALL, Pattern
from retrans.packed import SHARDS, PackedDict
from retrans.paths import disk_cached

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Unpacked shard by shard on lookup (``PackedDict``): a short draft reads little."""

    en_zipf: PackedDict[float]
    foreign: PackedDict[tuple[str, ...]]  # word -> languages it is a frequent word of
    stop: PackedDict[tuple[str, ...]]  # word -> languages it is a stop word of
    stop_langs: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = DATA_DIR / "wordlists.json"

    def build() -> tuple[bytes, ...]:
        import json  # only when the cache is built

        data = json.loads(path.read_text(encoding="utf-8"))
        tables = (data["en"], _invert(data["foreign"]), _invert(data["stop"]))
        shards = [b for t in tables for b in PackedDict.pack(t)._blobs]
        stop_langs = marshal.dumps(tuple(sorted(data["stop"])))
        return (*shards, stop_langs, marshal.dumps(tables[0]), marshal.dumps(tables[1]))

    # the three tables' shards in one mapped file (retrans.blobs): a run reads the few used;
    # then the whole English and foreign tables, for runs that read most of them
    key = f"shards-{SHARDS}-whole"
    blobs = disk_cached_blobs("detector-lexicon-mapped", [path], build, key)
    n = SHARDS
    return Lexicon(
        en_zipf=PackedDict(blobs.part(0, n), blobs[3 * n + 1]),
        foreign=PackedDict(blobs.part(n, 2 * n), blobs[3 * n + 2]),
        stop=PackedDict(blobs.part(2 * n, 3 * n)),
        stop_langs=marshal.loads(blobs[3 * n]),
    )


def _invert(lists: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang in sorted(lists):
        for w in lists[lang]:
            out[w] = (*out.get(w, ()), lang)
    return out


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern and the literals one of which its matches contain; compiled on first use."""

    pattern: Pattern
    triggers: tuple[str, ...]  # lowercase substrings, one of which must be in the text

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern.regex, 0 if self.pattern.cs else re.IGNORECASE)

    @cached_property
    def max_width(self) -> int | None:
        """The longest match (None: unbounded): its search starts that far before a hit."""
        from retrans.rules.scan import max_width

        return max_width(self.pattern.regex, 0 if self.pattern.cs else re.IGNORECASE)

    @cached_property
    def max_reach(self) -> int | None:
        """How far past a match's start matching may read (None: unbounded)."""
        from retrans.rules.scan import max_reach

        return max_reach(self.pattern.regex, 0 if self.pattern.cs else re.IGNORECASE)

    @cached_property
    def line_reach(self) -> int | None:
        """How far past its line matching may read (None: a match may hold a newline)."""
        from retrans.rules.scan import line_reach

        return line_reach(self.pattern.regex, 0 if self.pattern.cs else re.IGNORECASE)


@lru_cache(maxsize=1)
def _triggers() -> tuple[list[tuple[str, ...]], Any]:
    """Each pattern's trigger literals, and the automaton of them all (``TriggerScanner``),
    cached together: deriving the literals parses the regexes, and building the automaton
    costs ≈ 3× unpickling it."""

    def triggers() -> tuple[list[tuple[str, ...]], Any]:
        from retrans.rules.prefilter import required_literals  # only when the cache is built

        found = [tuple(p.trig) if p.trig else required_literals(p.regex) for p in ALL]
        return found, _automaton(sorted({t for ts in found for t in ts}))

    file = [Path(patterns_module.__file__ or "")]
    return disk_cached("detector-triggers-scanner", file, triggers)


@lru_cache(maxsize=1)
def patterns() -> tuple[CompiledPattern, ...]:
    cached = _triggers()[0]
    return tuple(CompiledPattern(p, t) for p, t in zip(ALL, cached, strict=True))


def _automaton(literals: list[str]) -> Any:
    """The Aho-Corasick automaton of ``literals`` (each its own value); None without
    pyahocorasick."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - pyahocorasick is a dependency
        return None
    a = ahocorasick.Automaton()
    for t in literals:
        a.add_word(t, t)
    a.make_automaton()
    return a


class TriggerScanner:
    """Finds which patterns' literals occur in a text: one Aho-Corasick pass when
    pyahocorasick is available (a retrans dependency), else one substring test per literal."""

    def __init__(self, compiled: tuple[CompiledPattern, ...], automaton: Any = False) -> None:
        self.literals = sorted({t for cp in compiled for t in cp.triggers})
        # ``automaton``: the one of these very literals, built before (``_triggers``)
        self.automaton: Any = _automaton(self.literals) if automaton is False else automaton

    def present(self, low_text: str) -> set[str]:
        if self.automaton is not None:
            return {t for _end, t in self.automaton.iter(low_text)}
        return {t for t in self.literals if t in low_text}

    def hits(self, low_text: str) -> dict[str, list[int]] | None:
        """Where each literal occurs (start offsets, overlapping ones too); None without
        the automaton."""
        if self.automaton is None:
            return None
        out: dict[str, list[int]] = {}
        for end, t in self.automaton.iter(low_text):
            found = out.get(t)
            if found is None:
                out[t] = [end - len(t) + 1]
            else:
                found.append(end - len(t) + 1)
        return out


@lru_cache(maxsize=1)
def trigger_scanner() -> TriggerScanner:
    return TriggerScanner(patterns(), _triggers()[1])  # the cached automaton of patterns()
