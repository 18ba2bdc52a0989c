"""The dates scripts skip a text only when it holds no date or clock time: every match of
DATE / TIME contains what their quick pre-searches look for."""

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
