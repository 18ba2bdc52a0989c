"""EP104: a scrambled appositive list is put in English order, and only reordered."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from retrans.document import Document
from retrans.rules.engine import load_rules
from retrans.rules.scripts.lists import appositive_list

PEOPLE = [
    "Jean-Yves Le Drian",
    "Élisabeth Borne",
    "Robert F. Kennedy Jr.",
    "Ursula von der Leyen",
    "Luiz Inácio Lula da Silva",
    "Yaşar Güler",
    "Olaf Scholz",
    "Mark Carney",
]
NATS = ["French", "German", "British", "Canadian", "Turkish", "Brazilian", "Greek", "Polish"]
ROLES = ["foreign ministers", "Foreign Ministers", "leaders", "heads of state", "counterparts"]


def _rule():  # type: ignore[no-untyped-def]
    return next(r for r in load_rules().rules if r.id == "EP104")


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


def _words(s: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"[\w'’.-]+", s) if w.lower() != "and")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, len(PEOPLE) - 1), min_size=2, max_size=4, unique=True),
    st.permutations(range(len(NATS))),
    st.sampled_from(ROLES),
    st.booleans(),
    st.sampled_from(["", ", in Brussels", " before the vote", ", Antony Blinken said"]),
    st.booleans(),
)
def test_scrambled_lists_are_reordered_only(
    who: list[int], nat_order: list[int], role: str, oxford: bool, tail: str, role_first: bool
) -> None:
    names = [PEOPLE[i] for i in who]
    nats = [NATS[nat_order[k]] for k in range(len(names))]
    items = [f"{n}, {p}" for n, p in zip(nats[1:], names[1:], strict=True)]
    head = f"{role} {nats[0]}" if role_first else f"{nats[0]} {role}"  # "the Ministers French"
    wrong_list = f"{head}, {names[0]}, " + ", ".join(items[:-1])
    wrong_list = wrong_list.rstrip(", ") + ("," if oxford else "")
    wrong_list += f" and {items[-1]}"
    text = f"They spoke with the {wrong_list}{tail}."
    found = list(appositive_list(Document(text), _rule()))
    assert len(found) == 1
    f = found[0]
    assert text[f.start : f.end] + tail + "." == text[len("They spoke with the ") :]
    want_role = role.lower() if role[0].isupper() else role
    assert f.replacement == f"{_join(nats)} {want_role}, {_join(names)}"
    assert _words(f.replacement) == _words(text[f.start : f.end])  # nothing added or lost


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, len(PEOPLE) - 1), min_size=2, max_size=4, unique=True),
    st.sampled_from(ROLES),
)
def test_english_lists_are_left_alone(who: list[int], role: str) -> None:
    names = [PEOPLE[i] for i in who]
    nats = NATS[: len(names)]
    texts = [
        f"They met the {_join(nats)} {role}, {_join(names)}, in Paris.",
        f"The book is out in {_join(nats)}, and {names[0]} reviewed it.",
        f"Among the {role}, {names[0]}, a {nats[0]}, and {names[1]} spoke.",
    ]
    for text in texts:
        assert not list(appositive_list(Document(text), _rule())), text


def test_one_country_twice_is_not_a_list_of_counterparts() -> None:
    text = "The Russian presidents, Vladimir Putin, and Russian, Dmitry Medvedev, met."
    assert not list(appositive_list(Document(text), _rule()))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "They met the French Foreign Ministers, Olaf Scholz, German, Mark Carney,",
                " and British, Élisabeth Borne",
                "the leaders Greek, Yaşar Güler, and Turkish, Ursula von der Leyen.",
                ", Polish, ",
                "\n",
                "\t",
                " ",
                ", ",
                "French",
                "Canadian, Mark Carney",
                "South African, Jean-Yves Le Drian",
                "and ",
            ]
        ),
        max_size=14,
    )
)
def test_searching_candidate_lines_finds_what_the_whole_text_holds(parts: list[str]) -> None:
    """The rule searches only lines with a nationality before a comma; searching the whole
    text instead finds the same lists (the plain statement of the rule)."""
    from unittest import mock

    from retrans.rules.scripts import lists

    text = "".join(parts)
    got = [(f.start, f.end, f.replacement) for f in appositive_list(Document(text), _rule())]
    with mock.patch.object(lists, "_candidate_lines", lambda t: [(0, len(t))]):
        want = [(f.start, f.end, f.replacement) for f in appositive_list(Document(text), _rule())]
    assert got == want


def test_candidate_search_is_linear_in_the_text() -> None:
    """No look back to the start of the text per comma (a tab search did that: quadratic).
    A tenfold text may take at most ~20× as long (quadratic would be ~100×)."""
    import time

    from retrans.rules.scripts.lists import _candidate_lines

    unit = "Officials met on Monday, Paris said, and talks, Berlin added, went on. "

    def cost(n: int) -> float:
        text = unit * n
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            _candidate_lines(text)
            best = min(best, time.perf_counter() - t)
        return best

    small, big = cost(2_000), cost(20_000)
    assert big < 20 * small + 0.05, (small, big)
