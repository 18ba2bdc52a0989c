"""Number edits keep the value: a property test over each source locale's formats."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrans.document import Document
from retrans.pipeline import Pipeline
from retrans.rules.scripts.numbers import parse_english, readings

PIPES: dict[str, Pipeline] = {}


def _fix(text: str, source: str) -> tuple[str, list[str]]:
    pipe = PIPES.setdefault(source, Pipeline(source=source, lang="en"))
    out, edits = pipe.fix(Document(text))
    return out, [e.code for e in edits]


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


# locale → (thousands separators, decimal mark, scale words: word → power, currency after?)
LOCALES = {
    "fr": (["\u00a0", "\u202f"], ",", {"millions": 6, "milliards": 9}, [" €", "\u00a0€", " M€"]),
    "de": (
        ["."],
        ",",
        {"Mio.": 6, "Mrd.": 9, "Millionen": 6, "Milliarden": 9},
        [" €", "€", " Euro"],
    ),
    "es": (["."], ",", {"millones": 6, "mil millones": 9}, [" €", " $"]),
    "it": (["."], ",", {"milioni": 6, "miliardi": 9}, [" €", " euro"]),
    "ru": (["\u00a0"], ",", {}, []),
}


@st.composite
def source_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    loc = draw(st.sampled_from(sorted(LOCALES)))
    seps, dec, scales, curs = LOCALES[loc]
    whole = draw(st.integers(min_value=0, max_value=9_999_999))
    frac = draw(st.sampled_from(["", "5", "25", "75", "05"]))
    text = _group(whole, draw(st.sampled_from(seps))) + (dec + frac if frac else "")
    value = Decimal(f"{whole}.{frac or '0'}")
    suffix = ""
    kind = draw(st.sampled_from(["plain", "scale", "currency"]))
    if kind == "scale" and scales:
        word = draw(st.sampled_from(sorted(scales)))
        suffix = " " + word
        value *= Decimal(10) ** scales[word]
    elif kind == "currency" and curs:
        cur = draw(st.sampled_from(curs))
        suffix = cur
        if "M" in cur:
            value *= Decimal(10) ** 6
    return loc, text + suffix, value


@settings(max_examples=300, deadline=None)
@given(source_numbers())
def test_every_number_edit_keeps_the_value(case: tuple[str, str, Decimal]) -> None:
    loc, number, value = case
    text = f"Officials said the figure was {number} last year."
    out, codes = _fix(text, loc)
    if out == text:
        # Left alone: only when the number has an English reading too (advice, not an edit).
        core = number.split(" ")[0].rstrip("€$")
        assert len(readings(core.replace("\u00a0", " ").strip())) != 1 or "," not in core, (
            text,
            codes,
        )
        return
    found = parse_english(out)
    assert found and found[0] == value, (text, out, codes)


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("The bank lent 1.500 millones to the region.", "The bank lent 1.5 billion to the region."),
        ("Spending hit 1.500 millions in 2021.", "Spending hit 1.5 billion in 2021."),
        ("Sales of 12.595,75 euros beat 199.61 a year ago.", None),
        ("The grant is 3,5 millions a year.", "The grant is 3.5 million a year."),
        ("The fine was 45\u00a0000 € for the firm.", "The fine was €45,000 for the firm."),
        ("The club paid 80 M€ for him.", "The club paid €80 million for him."),
        ("Exports fell by 2,6 Mrd. last year.", "Exports fell by 2.6 billion last year."),
    ],
)
def test_numbers_my_sentences(wrong: str, right: str | None) -> None:
    out, _ = _fix(wrong, "es" if "millones" in wrong else "de" if "Mrd" in wrong else "fr")
    if right is None:  # one convention per sentence: the comma-decimal number is converted
        assert "12,595.75" in out and "199.61" in out
    else:
        assert out == right


@pytest.mark.parametrize(
    "text",
    [
        "About 17.000 people joined the march.",  # no context: advice
        "About 1,500 people joined the march.",  # English
        "In 2019 500 people signed the letter.",  # two numbers
        "Version 2.100 of the app came out.",
        "The 1.500 figure is wrong.",
    ],
)
def test_ambiguous_numbers_are_never_edited(text: str) -> None:
    for src in ("de", "es", "fr"):
        out, codes = _fix(text, src)
        assert out == text, (src, codes)


@st.composite
def plain_space_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """A French or Russian number grouped with plain spaces (SI style too), maybe with a
    decimal comma, in a sentence with the source's traits (so the pack's rules run)."""
    loc = draw(st.sampled_from(["fr", "ru"]))
    whole = draw(st.integers(min_value=1_000, max_value=999_999_999))
    frac = draw(st.sampled_from(["", "5", "57", "03"]))
    number = _group(whole, " ") + ("," + frac if frac else "")
    value = Decimal(f"{whole}.{frac or '0'}")
    return loc, number, value


@settings(max_examples=200, deadline=None)
@given(plain_space_numbers())
def test_a_plain_space_number_is_rewritten_whole_or_left_alone(
    case: tuple[str, str, Decimal],
) -> None:
    """'14 201,57' once became '14,201,57': the thousands rule took the grouping and left
    the decimal comma, a number no reader can trust. Every edit keeps the value."""
    loc, number, value = case
    trait = "M. Dupont" if loc == "fr" else "The ministry (3 billion roubles)"
    text = f"{trait} said the index closed at {number} points."
    out, codes = _fix(text, loc)
    if number in out:
        return  # left alone (plain spaces are SI style too): advice at most
    got = out[out.index("closed at ") + len("closed at ") : out.index(" points")]
    assert parse_english(got) == [value] and re.fullmatch(r"[\d,]+(?:\.\d+)?", got), (
        text,
        out,
        codes,
    )
