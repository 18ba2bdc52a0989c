"""Appositive lists the MT scrambled: each nationality left beside its person's name.

French writes "les ministres des Affaires étrangères français, Jean-Yves Le Drian, allemande,
Annalena Baerbock, et britannique, Elizabeth Truss"; the MT keeps that order: "the French
Foreign Ministers, Jean-Yves Le Drian, German, Annalena Baerbock, and British, Elizabeth
Truss". English gathers the nationalities before the role and the names after it: "the
French, German and British foreign ministers, Jean-Yves Le Drian, Annalena Baerbock and
Elizabeth Truss".

A bare nationality between commas followed by a name ("…, German, Annalena Baerbock,") is
not English, and the parse below has one reading: the edit only reorders the words it
matched (the nationalities, the role, the names) and rejoins them with commas and *and*.
Nationalities come from the country data (``borders.json``), so no name list is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script
from retrans.rules.scripts.plausibility import _alt, countries

# A name: capitalised words on one line, with the particles of surnames between them
# ("Jean-Yves Le Drian", "Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_PARTICLE = r"(?:de|da|di|do|dos|das|del|della|der|den|van|von|du|la|le|al|bin|ibn|y)"
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper())
# A capitalised word ("Élisabeth", "O'Brien", "Jean-Yves"), an initial ("F.") or "Jr."/"Sr.".
_WORD = rf"(?:[{_UPPER}]\.|[JS]r\.|[{_UPPER}][\w'’-]*[\w'’])"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,5}}"
# The role: up to four words ending in a plural ("foreign ministers", "Defence Ministers",
# "leaders", "heads of state").
_STOP = r"(?!(?:the|a|an|and|or|of|to|with|by|said|told|met|has|have|had|was|were|is|are)\b)"
_ROLE = (
    rf"(?:{_STOP}[A-Za-z][\w-]*[ \t]+){{0,3}}?"
    r"(?:[A-Za-z][\w-]*[a-z]s|[Hh]eads[ \t]+of[ \t]+(?:[Ss]tate|[Gg]overnment))"
)


@cache
def _rx() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The whole list (the first nationality before the role, or after it: "the Foreign
    Ministers French, …"), and one (nationality, name) item of it."""
    dem = rf"(?:{_alt(countries().demonym_names)})"
    name = rf"(?!{dem}[,\s]){_NAME}"
    item = rf"{dem},[ \t]+{name}"
    rest = (
        rf",[ \t]+(?P<name>{name})(?P<mid>(?:,[ \t]+{item})*)"
        rf",?[ \t]+and[ \t]+(?P<last>{item})(?![\w'’-])"
    )
    before = re.compile(rf"(?<![\w-])(?P<first>{dem})[ \t]+(?P<role>{_ROLE}){rest}")
    after = re.compile(rf"(?<=\b[Tt]he )(?P<role>{_ROLE})[ \t]+(?P<first>{dem}){rest}")
    return (before, after), re.compile(rf"(?P<nat>{dem}),[ \t]+(?P<name>{name})")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _role(role: str) -> str:
    """The role as English writes it before names: lower case where the MT title-cased
    every word ("Foreign Ministers"); a role with a lower-case word is kept as written."""
    words = role.split()
    if all(w[:1].isupper() and w[1:].islower() for w in words if w.lower() != "of"):
        return " ".join(w.lower() for w in words)
    return role


_LONGEST = 40  # longer than any nationality's last word, with the space before it


@cache
def _last_words() -> frozenset[str]:
    """The last word of every nationality ("african" of "South African"), lower case."""
    return frozenset(d.split()[-1].lower() for d in countries().demonym_names)


def _candidate_lines(text: str) -> list[tuple[int, int]]:
    """Lines holding a nationality followed by a comma and a capital ("…, German, Annalena"):
    every list this rule reads holds one, and it is rare, so the list patterns (and their
    compilation) run on those lines only. A list never spans a line (its gaps are spaces
    or tabs), so this finds what a search of the whole text finds."""
    last = _last_words()
    lines: list[tuple[int, int]] = []
    pos = text.find(",")
    while pos != -1:
        nxt = pos + 1
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1
        if nxt > pos + 1 and nxt < len(text) and text[nxt].isupper():
            lo = max(0, pos - _LONGEST)  # a bounded look back: linear in the text
            start = max(text.rfind(" ", lo, pos), text.rfind("\t", lo, pos)) + 1
            seen = bool(lines) and lines[-1][0] <= pos < lines[-1][1]  # its line is listed
            if not seen and start > lo and text[start:pos].lower() in last:
                a = text.rfind("\n", 0, pos) + 1
                b = text.find("\n", pos)
                lines.append((a, len(text) if b == -1 else b))
        pos = text.find(",", pos + 1)
    return lines


@script("appositive_list")
def appositive_list(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    lines = _candidate_lines(text)
    if not lines:
        return
    dems = countries().by_demonym
    wholes, item = _rx()
    taken: list[tuple[int, int]] = []
    for a, b in lines:
        for whole in wholes:
            for m in whole.finditer(text, a, b):
                if any(x < m.end() and m.start() < y for x, y in taken):
                    continue
                pairs = [(m.group("first"), m.group("name"))]
                for part in ("mid", "last"):
                    pairs += [(i["nat"], i["name"]) for i in item.finditer(m.group(part))]
                nats = [p[0] for p in pairs]
                if len({dems.get(n.lower()) for n in nats}) != len(nats):
                    continue  # one country twice: not a list of counterparts
                names = _join([p[1] for p in pairs])
                taken.append(m.span())
                yield rule.finding(
                    m.start(), m.end(), f"{_join(nats)} {_role(m.group('role'))}, {names}"
                )
