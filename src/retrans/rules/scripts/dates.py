"""Dates and clock times half-translated from the source, rendered in the house style.

MT leaves the source's shape behind: *1er March*, *1. March*, *15 de marzo*, *on 15 of
March*, *14h30*, *14.30 Uhr*. Only those foreign shapes are touched (a plain *15 March* is
good British English and stays). The result follows the house style: AP and US styles write
*March 1* and *2:30 p.m.*; British styles *1 March* and *14:30*; with no style, dates go month
first (as the rest of retrans does) and times stay on the 24-hour clock (*14:30*).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Month names MT leaves untranslated: French, German, Spanish, Italian.
FOREIGN_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "janvier Januar enero gennaio",
            "février fevrier Februar febrero febbraio",
            "mars März Maerz marzo",
            "avril abril aprile",
            "mai mayo maggio",
            "juin Juni junio giugno",
            "juillet Juli julio luglio",
            "août aout agosto",
            "septembre septiembre settembre",
            "octobre Oktober octubre ottobre",
            "novembre noviembre",
            "décembre decembre Dezember diciembre dicembre",
        ]
    )
    for m in names.split()
}
_MONTH_RX = "|".join(sorted([*MONTHS_EN, *FOREIGN_MONTHS], key=len, reverse=True))
DATE = re.compile(
    r"(?<![\w.])(?P<the>[Tt]he )?"
    # a range: "the 10 and 11 luglio", "10-12 juillet" (one month for both days)
    r"(?:(?P<day0>[1-9]|[12]\d|3[01])(?P<rlink> and | to |-|\u2013| e | et | y | und | bis ))?"
    r"(?P<day>[1-9]|[12]\d|3[01])"
    r"(?P<mark>er|re|ère|\.|º)?(?P<link> of| de)? (?P<month>" + _MONTH_RX + r")"
    r"(?:(?P<ylink> de| of|,)? (?P<year>(?:1[89]|20)\d\d))?(?![\w])"
)
TIME = re.compile(
    r"(?<![\w.:,])(?P<h>[01]?\d|2[0-3])"
    r"(?:(?P<sep> ?h ?)(?P<m>[0-5]\d)?(?![\w/])|(?:[.:](?P<m2>[0-5]\d))? Uhr\b)"
)
# What every match of DATE / TIME contains: a day and its month, an hour and its "h" or
# "Uhr". Searching for it first skips most texts cheaply (the leading lookbehinds keep the
# regex engine from skipping ahead to digits: ≈ 4× slower over a text without a match).
_DATE_NEEDS = re.compile(r"\d(?:er|re|ère|\.|º)?(?: of| de)? (?:" + _MONTH_RX + r")")
_TIME_NEEDS = re.compile(r"\d(?: ?h|[.:][0-5]\d Uhr| Uhr)")
_TIME_CONTEXT = re.compile(
    r"(?i)\b(?:at|from|until|till|before|after|around|about|by|since|between|and|to|towards?)\s$"
)
_DATE_CONTEXT = re.compile(r"(?i)\b(?:on|from|until|till|since|before|after|between|and|to)\s$")
US_STYLES = {"ap", "nyt", "us", "american"}
UK_STYLES = {"british", "uk", "bbc", "guardian", "economist", "reuters"}


def _style(rule: Rule, doc: Document) -> str:
    """us | uk | default, from the house style the pipeline runs with."""
    name = (doc.style or rule.options.get("style") or "").lower()
    if name in US_STYLES:
        return "us"
    if name in UK_STYLES:
        return "uk"
    return "default"


# The word between the two days of a range, in English.
RANGE_LINKS = {" and ": " and ", " e ": " and ", " et ": " and ", " y ": " and ", " und ": " and "}
RANGE_LINKS |= {" to ": " to ", " bis ": " to ", "-": "\u2013", "\u2013": "\u2013"}


def render_date(
    day: int, month: int, year: str | None, style: str, first: tuple[int, str] | None = None
) -> str:
    """``first``: the range's first day and the English word between (``(10, " and ")``)."""
    name = MONTHS_EN[month]
    days = f"{first[0]}{first[1]}{day}" if first else str(day)
    if style == "uk":
        return f"{days} {name}" + (f" {year}" if year else "")
    return f"{name} {days}" + (f", {year}" if year else "")


def render_time(h: int, m: int, style: str) -> str:
    if style == "us":
        if (h, m) == (12, 0):
            return "noon"
        if (h, m) == (0, 0):
            return "midnight"
        suffix = "a.m." if h < 12 else "p.m."
        h12 = h % 12 or 12
        return f"{h12} {suffix}" if m == 0 else f"{h12}:{m:02d} {suffix}"
    return f"{h}:{m:02d}"


@script("dates")
def dates(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    if _DATE_NEEDS.search(text) is None:
        return
    style = _style(rule, doc)
    for m in DATE.finditer(text):
        month_word = m.group("month")
        foreign_month = month_word in FOREIGN_MONTHS
        if not (
            m.group("mark")
            or m.group("link")
            or foreign_month
            or m.group("ylink") in (" de", " of")
        ):
            continue  # "15 March" is English
        if (
            m.group("mark") == "."
            and not (foreign_month or m.group("link"))
            and not _DATE_CONTEXT.search(text, max(0, m.start() - 12), m.start())
        ):
            continue  # "rose by 1. March was…": a sentence end, not a German ordinal
        month = FOREIGN_MONTHS[month_word] if foreign_month else MONTHS_EN.index(month_word)
        first = None
        if m.group("day0"):
            if int(m.group("day0")) >= int(m.group("day")):
                continue  # "3 and 2 March": not a range, leave it to the editor
            first = (int(m.group("day0")), RANGE_LINKS[m.group("rlink")])
        new = render_date(int(m.group("day")), month, m.group("year"), style, first)
        # "the 1er March" renders "le 1er mars": English drops the article in both styles.
        yield rule.finding(m.start(), m.end(), new)


@script("clock_times")
def clock_times(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    if _TIME_NEEDS.search(text) is None:
        return
    style = _style(rule, doc)
    for m in TIME.finditer(text):
        minutes = m.group("m") or m.group("m2")
        sep = m.group("sep")
        if (
            sep is not None
            and minutes is None
            and not _TIME_CONTEXT.search(text, max(0, m.start() - 12), m.start())
        ):
            continue  # "8h" alone may be a duration ("a 24 h strike")
        h, mins = int(m.group("h")), int(minutes or 0)
        new, end = render_time(h, mins, style), m.end()
        if new.endswith(".") and text[end : end + 1] == ".":
            end += 1  # "at 2:30 p.m." ends the sentence: one full stop
        yield rule.finding(m.start(), end, new)
