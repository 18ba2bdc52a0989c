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

PIPES: dict[str | None, Pipeline] = {}


def _fix(text: str, source: str | None) -> tuple[str, list[str]]:
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
        # "Euro" after "Mrd." is the amount's currency, not a new sentence ("2.7 billion. Euro")
        ("Berlin promised 2,7 Mrd. Euro for 2024.", "Berlin promised 2.7 billion euros for 2024."),
        (
            "Exports fell by 2,6 Mrd. Last year was worse.",
            "Exports fell by 2.6 billion. Last year was worse.",
        ),
        # the currency word after a foreign scale word goes with it ("12.5 billion de euros")
        ("The bank lent 12.500 millones de euros.", "The bank lent 12.5 billion euros."),
        ("Exports hit 3,5 milliards d'euros in May.", "Exports hit 3.5 billion euros in May."),
        ("Inflation was between 3,5 and 7 in May.", "Inflation was between 3.5 and 7 in May."),
        ("Rates were 3,5 and 4,2 in May.", "Rates were 3.5 and 4.2 in May."),
        ("Rates were 3,5 and 42,5 in May.", "Rates were 3.5 and 42.5 in May."),
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
        "About 17.000 tonnes were shipped.",  # no context: advice
        "Verstappen won by 2.256 seconds.",  # a measure: decimals are possible
        "Fuel costs 1.789 euros a litre.",  # money: so are they
        "An incidence of 1.250 cases per 100,000 people.",  # a rate, maybe an average
        "About 1,500 people joined the march.",  # English
        "In 2019 500 people signed the letter.",  # two numbers
        "Version 2.100 of the app came out.",
        "The 1.500 figure is wrong.",
        "Rooms 3,5 and 7 were closed.",  # a list whose comma lost its space, or a decimal
        "Chapters 2,4 or 6 will be read aloud.",
    ],
)
def test_ambiguous_numbers_are_never_edited(text: str) -> None:
    for src in ("de", "es", "fr"):
        out, codes = _fix(text, src)
        assert out == text, (src, codes)


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("About 17.000 people joined the march.", "About 17,000 people joined the march."),
        ("The town has 249.432 inhabitants.", "The town has 249,432 inhabitants."),
        ("Some 30.000 Ukrainian refugees came.", "Some 30,000 Ukrainian refugees came."),
        ("It cut 1.200 jobs and 1,500 contracts.", "It cut 1,200 jobs and 1,500 contracts."),
    ],
)
def test_dot_thousands_before_a_count_are_thousands_whatever_the_source(
    wrong: str, right: str
) -> None:
    """People, jobs or votes come in no fractions: NU106 edits with any source, or none."""
    for src in ("de", "es", "fr", None):
        out, codes = _fix(wrong, src)
        assert out == right and "NU106" in codes, (src, codes)


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


# locale → (thousands separators, scale words: word → power, after the amount, traits)
PAIR_LOCALES = {
    "fr": ([" ", "\u00a0", "\u202f", ""], {"millions": 6, "milliards": 9, "million": 6},
           ["€", "$", "euros", "d'euros", "%"], "M. Dupont and Mme Martin"),
    "de": ([".", "", " "], {"Mio.": 6, "Mrd.": 9, "Millionen": 6, "Milliarden": 9},
           ["€", "Euro", "Prozent", "%"], "the Bundestag in Berlin"),
    "es": ([".", "", " "], {"millones": 6, "mil millones": 9, "million": 6},
           ["€", "$", "euros", "de euros", "de dólares", "%"], "the Moncloa in Madrid"),
    "it": ([".", "", " "], {"milioni": 6, "miliardi": 9, "million": 6},
           ["€", "euro", "di euro", "%"], "the Quirinale in Rome"),
    "ru": ([" ", "\u00a0", ""], {"mln": 6, "bln": 9, "million": 6},
           ["roubles", "%"], "the Kremlin (3 billion roubles)"),
}  # fmt: skip


@st.composite
def number_in(draw: st.DrawFn, loc: str) -> tuple[str, Decimal]:
    seps, scales, after, _ = PAIR_LOCALES[loc]
    whole = draw(
        st.one_of(st.integers(0, 999), st.integers(1_000, 99_999), st.integers(100_000, 99_999_999))
    )
    frac = draw(st.sampled_from(["", "", "5", "25", "05", "50"]))
    text = _group(whole, draw(st.sampled_from(seps))) + ("," + frac if frac else "")
    value = Decimal(f"{whole}.{frac or '0'}")
    if draw(st.booleans()):
        word = draw(st.sampled_from(sorted(scales)))
        text += " " + word
        value *= Decimal(10) ** scales[word]
    if draw(st.booleans()):
        unit = draw(st.sampled_from(after))
        text += (draw(st.sampled_from([" ", "\u00a0", ""])) if len(unit) == 1 else " ") + unit
    return text, value


@st.composite
def two_numbers(draw: st.DrawFn) -> tuple[str, list[tuple[str, Decimal]]]:
    loc = draw(st.sampled_from(sorted(PAIR_LOCALES)))
    return loc, [draw(number_in(loc)), draw(number_in(loc))]


def _digits(s: str) -> str:
    """A number's digits and separators, without its unit words or the space before them."""
    return re.sub(r"[^\d.,\s\u00a0\u202f]|(?<!\d)\s|\s(?!\d)", "", s)


@settings(max_examples=150, deadline=None)
@given(two_numbers())
def test_two_numbers_in_a_sentence_keep_their_values(
    case: tuple[str, list[tuple[str, Decimal]]],
) -> None:
    """Each round reads a sentence's convention from its numbers, so an edit in one round
    once made the next round misread the other number: '28785 mln … 25 621 746 bln' became
    '28.785 trillion', '2 245 Euro' became '2 €245'. Every edit keeps each number's value."""
    loc, ((n1, v1), (n2, v2)) = case
    text = (
        f"Officials of {PAIR_LOCALES[loc][3]} said that {n1} were counted and that {n2} were paid."
    )
    out, codes = _fix(text, loc)
    got = re.fullmatch(r".* said that (.*) were counted and that (.*) were paid\.", out)
    assert got, (text, out)
    for orig, new, value in ((n1, got[1], v1), (n2, got[2], v2)):
        if _digits(new) == _digits(orig):
            continue  # only a unit or a space moved
        assert parse_english(new)[:1] == [value], (text, out, codes)


@pytest.mark.parametrize(
    ("source", "wrong", "right"),
    [
        ("ru", "He said that 28785 mln were counted and 25 621 746 bln were paid.",
         "He said that 28.785 billion were counted and 25,621.746 trillion were paid."),
        ("de", "The flat costs 2 245 Euro a month.", "The flat costs 2 245 Euro a month."),
        ("it", "The region spent 54 669 516 euro.", "The region spent 54 669 516 euro."),
    ],
)  # fmt: skip
def test_numbers_edited_in_earlier_rounds_are_not_misread(
    source: str, wrong: str, right: str
) -> None:
    assert _fix(wrong, source)[0] == right


@pytest.mark.parametrize(
    ("source", "wrong", "right"),
    [
        ("de", "The court set a fine of 12.000 Euro.", "The court set a fine of €12,000."),
        ("es", "The court set a fine of 1.500 euros.", "The court set a fine of 1,500 euros."),
        ("de", "The court set a fine of 1,500 euros.", "The court set a fine of 1,500 euros."),
        ("de", "The court set a fine of 12.345 Euro.", "The court set a fine of 12.345 Euro."),
    ],
)
def test_a_currency_word_after_dot_grouped_thousands_is_the_source_habit(
    source: str, wrong: str, right: str
) -> None:
    """No English money is written '12.000' (12) or '1.500' (1.5); '12.345' stays ambiguous."""
    assert _fix(wrong, source)[0] == right


@pytest.mark.parametrize(
    ("source", "text", "want"),
    [
        ("es", "The vote was held the 3 de marzo de 2024, officials said.", "held March 3, 2024,"),
        ("es", "It opens the 15 de mayo in Seville.", "opens May 15 in"),
        ("fr", "The summit opens the 10 January in Paris.", "opens January 10 in"),
    ],
)
def test_a_whole_date_edit_wins_over_the_month_inside_it(source: str, text: str, want: str) -> None:
    """Where a month rule and the whole-date rule overlap, no article is left behind
    ("the March 3, 2024")."""
    out, _codes = _fix(text, source)
    assert want in out, out
    assert "the March" not in out and "the May" not in out
