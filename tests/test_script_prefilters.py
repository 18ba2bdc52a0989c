"""Shortcuts of the dates and numbers scripts give what the plain searches give: the dates
scripts skip only texts without a date or clock time (every match of DATE / TIME holds what
their pre-searches look for); number tokens are searched only where a number can start."""

from __future__ import annotations

import random

from retrans.rules.scripts.dates import _DATE_NEEDS, _TIME_NEEDS, DATE, TIME


def test_every_date_and_time_match_holds_what_the_pre_search_needs() -> None:
    rng = random.Random(8)
    parts = ["1", "15", "31", "9", "er", "re", "ère", ".", "º", " of", " de", " ", "the ", "The "]
    parts += ["March", "mars", "März", "mai", "décembre", ",", " 2019", "h", " h", ":30", ".45"]
    parts += [" Uhr", "Uhr", "x", "/", "23", "08", "\n", "-", " March", " mai", " 2020"]
    seen = {"date": 0, "time": 0}
    for _ in range(30000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(1, 9)))
        for name, rx, needs in (("date", DATE, _DATE_NEEDS), ("time", TIME, _TIME_NEEDS)):
            for m in rx.finditer(text):
                seen[name] += 1
                assert needs.search(m.group()) is not None, (name, text, m.group())
    assert seen["date"] > 100 and seen["time"] > 100


def test_number_tokens_equal_those_of_the_plain_search() -> None:
    import re

    from retrans.rules.scripts import numbers as nu

    def plain(text: str, start: int, end: int) -> list[nu.Token]:  # tokens() before the skip
        out = []
        for m in nu.NUMBER.finditer(text, start, end):
            num = m.group("num")
            if re.search(r"[ \u00a0\u202f\u2009]", num) and not nu._space_ok(text, m, num):
                continue
            if nu._NOT_A_QUANTITY.search(text, max(0, m.start() - 12), m.start()):
                continue
            groups = (m.group("scale"), m.group("pre"), m.group("cur"))
            out.append(nu.Token(m.start(), m.end(), num, *groups, nu.readings(num)))
        return out

    rng = random.Random(12)
    parts = ["1", "12", "1.500", "3,5", " 000", "€", "$ ", "£\u00a0", " ", "x", ".", ",", "-"]
    parts += [" million", " Mrd.", "/", ":", "\u202f", "a", "\n", "2019", "No. ", "in "]
    seen = 0
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 10)))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        want = plain(text, start, end)
        assert list(nu.tokens(text, start, end)) == want, text
        seen += bool(want)
    assert seen > 1000
