"""Entity plausibility: land borders and capitals checked against country data.

"Russian troops on the border with the United States. Ukraine will also be…" — Russia and
the US share no land border, and the next sentence opens with Russia's neighbour: the MT
swapped the two countries. Data: ``borders.json`` (built by ``tools/build_borders.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from retrans.boundary import after_boundary
from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

_DATA = Path(__file__).with_name("borders.json")


@dataclass(frozen=True)
class Countries:
    """Country names, demonyms and neighbours, by ISO code."""

    neighbours: dict[str, frozenset[str]]
    by_name: dict[str, str]  # lowercased name → ISO code
    by_demonym: dict[str, str]
    by_capital: dict[str, str]
    name_of: dict[str, str]  # ISO → preferred English name (with "the" where used)
    demonym_of: dict[str, str]  # ISO → first demonym, as written
    capital_names: tuple[str, ...]
    demonym_names: tuple[str, ...]
    name_rx: re.Pattern[str]
    who_rx: re.Pattern[str]  # names and demonyms


def _alt(words: Iterable[str]) -> str:
    # longest first; ties in a fixed order, so the pattern is the same in every run (cached)
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def countries() -> Countries:
    """The tables of ``borders.json``, cached on disk (parsing it and building the tables
    cost ≈ 3 % of a check of a draft that names a president or a minister)."""
    from retrans.paths import disk_cached

    return disk_cached("countries", [_DATA], _build_countries)


def _build_countries() -> Countries:
    import json  # only when the cache is built

    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    by_name: dict[str, str] = {}
    by_dem: dict[str, str] = {}
    by_cap: dict[str, str] = {}
    name_of: dict[str, str] = {}
    for iso, c in raw.items():
        for n in c["names"]:
            by_name.setdefault(n.lower(), iso)
        for d in c["demonyms"]:
            by_dem.setdefault(d.lower(), iso)
        for cap in c["capitals"]:
            by_cap.setdefault(cap.lower(), iso)
        the = [n for n in c["names"] if n.startswith("the ")]
        name_of[iso] = the[0] if the and the[0][4:] == c["names"][0] else c["names"][0]
    names = _alt(n for c in raw.values() for n in c["names"])
    dems = _alt(d for c in raw.values() for d in c["demonyms"])
    return Countries(
        {iso: frozenset(c["neighbours"]) for iso, c in raw.items()},
        by_name,
        by_dem,
        by_cap,
        name_of,
        {iso: c["demonyms"][0] for iso, c in raw.items() if c["demonyms"]},
        tuple(cap for c in raw.values() for cap in c["capitals"]),
        tuple(d for c in raw.values() for d in c["demonyms"]),
        re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"),
        re.compile(rf"(?<![\w-])(?:{names}|{dems})(?![\w-])"),
    )


def _iso(c: Countries, text: str) -> str | None:
    t = text.lower()
    return c.by_name.get(t) or c.by_demonym.get(t)


_BORDER = re.compile(
    r"\b(?:on|at|along|near|to|towards?|across)\s+(?:the|its|their)\s+"
    r"borders?\s+with\s+",
    re.I,
)


@script("border_plausibility")
def border_plausibility(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    if "border" not in doc.lowered:
        return
    c = countries()
    for m in _BORDER.finditer(text):
        x = c.name_rx.match(text, m.end())
        if x is None:
            continue
        x_iso = _iso(c, x.group())
        s0, _ = doc.sentence_at(m.start())
        owner = None
        for w in c.who_rx.finditer(text, s0, m.start()):
            iso = _iso(c, w.group())
            if iso and iso != x_iso:
                owner = iso  # the nearest country named before "border" in the sentence
        if owner is None or x_iso is None or x_iso in c.neighbours.get(owner, frozenset()):
            continue
        if not c.neighbours.get(owner):
            continue  # an island state: no land border to check against
        owner_name, x_name = c.name_of[owner], c.name_of[x_iso]
        # The MT swap: the next sentence opens with one of the owner's neighbours.
        y = c.name_rx.match(text, _next_sentence_start(text, x.end()))
        y_iso = _iso(c, y.group()) if y else None
        if y is not None and y_iso in c.neighbours[owner] and _ends_sentence(text, x.end()):
            between = text[x.end() : y.start()]
            repl = y.group() + between + x.group()[:1].upper() + x.group()[1:]
            yield rule.finding(
                x.start(),
                y.end(),
                repl,
                f"{owner_name} and {x_name} share no land border; "
                f"the MT swapped {x_name} and {y.group()}",
            )
            continue
        near = _neighbour_nearby(c, doc, owner, x.start())
        msg = f"{owner_name} and {x_name} share no land border"
        if near is not None:
            conf = float(rule.options.get("guess_confidence", 0.45))
            yield rule.finding(x.start(), x.end(), near, f"{msg}; did you mean {near}?", conf)
        else:
            conf = float(rule.options.get("advice_confidence", 0.6))
            yield rule.finding(x.start(), x.end(), None, msg, conf)


def _ends_sentence(text: str, pos: int) -> bool:
    return re.match(r"\s*[.;]", text[pos : pos + 4]) is not None


def _next_sentence_start(text: str, pos: int) -> int:
    m = re.compile(r"\s*[.;]\s+[\"“]?").match(text, pos)
    return m.end() if m else len(text)


def _neighbour_nearby(c: Countries, doc: Document, owner: str, pos: int) -> str | None:
    lo, hi = max(0, pos - 400), min(len(doc.text), pos + 400)
    for w in c.name_rx.finditer(doc.text, lo, hi):
        iso = _iso(c, w.group())
        if iso in c.neighbours[owner]:
            return w.group()
    return None


@script("capital_plausibility")
def capital_plausibility(doc: Document, rule: Rule) -> Iterable[Finding]:
    """ "Kyiv, the Russian capital": the city is another country's capital."""
    text = doc.text
    if "capital" not in doc.lowered:
        return
    c = countries()
    for m in after_boundary(_capital_rx(), text):
        city_iso = c.by_capital.get(m.group("city").lower())
        adj_iso = c.by_demonym.get(m.group("adj").lower())
        if city_iso is None or adj_iso is None or city_iso == adj_iso:
            continue
        repl = c.demonym_of.get(city_iso)
        yield rule.finding(
            m.start("adj"),
            m.end("adj"),
            repl,
            f"{m.group('city')} is the capital of {c.name_of[city_iso]}, "
            f"not of {c.name_of[adj_iso]}",
        )


@cache
def _capital_rx() -> re.Pattern[str]:
    r"""After ``(?<![\w-])`` (see :func:`after_boundary`)."""
    c = countries()
    caps = _alt(c.capital_names)
    dems = _alt(c.demonym_names)
    return re.compile(rf"(?P<city>{caps}),\s+the\s+(?P<adj>{dems})\s+capital\b")


_TITLES = (
    r"(?:[Pp]resident|[Pp]rime [Mm]inister|[Pp]remier|[Cc]hancellor|[Ff]oreign [Mm]inister|"
    r"[Dd]efen[cs]e [Mm]inister|[Ii]nterior [Mm]inister|[Ff]inance [Mm]inister|[Mm]inister|"
    r"[Ll]eader|[Hh]ead of [Ss]tate|[Hh]ead of [Gg]overnment|[Kk]ing|[Qq]ueen)"
)
# Capitalised words on one line; a full stop ends the name (it is the sentence's).
_NAME = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3}"


@cache
def _title_rx() -> re.Pattern[str]:
    r"""After ``(?<![\w-])`` (see :func:`after_boundary`)."""
    dems = _alt(countries().demonym_names)
    return re.compile(rf"(?P<adj>{dems})\s+(?P<title>{_TITLES})\s*,?\s+(?P<name>{_NAME})")


@cache
def person_countries(extra: tuple[Path, ...] = ()) -> dict[str, str]:
    """English full names and surnames of glossary people → their country (ISO code): the
    shipped people glossaries plus the configured ones (``extra``).

    Cached on disk keyed by those files, so no YAML is parsed on a warm start.
    """
    from retrans import paths
    from retrans.glossary.model import entity_files

    root = paths.glossary_dir() / "people"
    files = sorted(root.glob("*.yaml")) if root.is_dir() else []
    files += [f for p in extra if p.exists() for f in entity_files(p)]

    def build() -> dict[str, str]:
        from retrans.glossary.model import load_entities

        out: dict[str, str] = {}
        ambiguous: set[str] = set()
        for ent in load_entities(files):
            if not ent.country:
                continue
            for form in ent.names.get("en", []) + ent.short.get("en", []):
                key = form.lower()
                if out.get(key, ent.country) != ent.country:
                    ambiguous.add(key)
                out[key] = ent.country
        return {k: v for k, v in out.items() if k not in ambiguous}

    return paths.disk_cached("person-countries", files, build)


@script("title_plausibility", context=True)
def title_plausibility(doc: Document, rule: Rule, ctx: Any = None) -> Iterable[Finding]:
    """ "the French president Vladimir Putin": the person leads another country."""
    text = doc.text
    low = doc.lowered
    if not any(
        t in low
        for t in (
            "president",
            "minister",
            "premier",
            "chancellor",
            "leader",
            "head of",
            "king",
            "queen",
        )
    ):
        return
    c = countries()
    people = person_countries(tuple(ctx.config.glossaries) if ctx is not None else ())
    for m in after_boundary(_title_rx(), text):
        adj_iso = c.by_demonym.get(m.group("adj").lower())
        words = m.group("name").split()
        person_iso = None
        for n in range(len(words), 0, -1):  # the longest known name at the start
            person_iso = people.get(" ".join(words[:n]).lower().rstrip(".,"))
            if person_iso:
                name = " ".join(words[:n]).rstrip(".,")
                break
        if not person_iso or not adj_iso or person_iso == adj_iso:
            continue
        right = c.demonym_of.get(person_iso)
        where = c.name_of.get(person_iso, person_iso)
        yield rule.finding(
            m.start("adj"),
            m.end("adj"),
            right,
            f"{name} is a figure of {where}, not of {c.name_of.get(adj_iso, adj_iso)}",
        )
