"""Numbers written the source language's way, rewritten the English way without changing value.

One module reads every number with its separators, scale word and currency, works out which
readings it has (English: ``1,500.25``; continental: ``1.500,25`` or ``1 500,25``) and edits
only when the value is certain:

* a number with no English reading (``3,5``, ``12.595,75``, ``10\u00a0000``) is rewritten;
* a number with two readings (``1.500``, ``1,500``) is read the way the rest of its sentence
  is written (one convention per sentence) or, with a foreign scale word (*millones*,
  *Mrd.*), the continental way, and dot-grouped digits before a count of people or things
  (*17.000 people*) as thousands; otherwise it gets advice, never an edit;
* scale words become English ones (*millones* → *million*, *Mrd.* → *billion*,
  *1.500 millones* → *1.5 billion*), currency symbols move in front (*5 €* → *€5*).

:func:`parse_english` reads the result back: the property test checks that every edit keeps
the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

SPACES = " \u00a0\u202f\u2009"
# Scale words: English and the forms MT leaves behind → power of ten.
SCALES: dict[str, int] = {
    "thousand": 3,
    "million": 6,
    "millions": 6,
    "billion": 9,
    "billions": 9,
    "trillion": 12,
    "trillions": 12,
    "milliard": 9,
    "milliards": 9,
    "millones": 6,
    "millón": 6,
    "mil millones": 9,
    "milioni": 6,
    "miliardi": 9,
    "miliardo": 9,
    "milliarden": 9,
    "milliarde": 9,
    "millionen": 6,
    "billionen": 12,
    "mln": 6,
    "mld": 9,
    "mln.": 6,
    "mld.": 9,
    "mlrd": 9,  # Russian млн, млрд, трлн transliterated
    "mlrd.": 9,
    "bln": 9,
    "bln.": 9,
    "trln": 12,
    "trln.": 12,
    "mio.": 6,
    "mio": 6,
    "mrd.": 9,
    "mrd": 9,
    "mds": 9,
    "md": 9,
    "bn": 9,
    "m": 6,  # only right before € or $ (80 M€, 325 M$)
}
FOREIGN_SCALES = {
    k for k in SCALES if k not in ("thousand", "million", "billion", "trillion", "bn")
}
# An English reading nobody writes: "1.500" for 1.5, "17.000" for 17.
# "5 Mrd. Euro": a capital after the scale word's full stop starts a sentence unless it is the
# currency of the amount.
_CURRENCY_WORDS = (
    "Euros?|EUR|(?:US-)?Dollars?|USD|Franken|CHF|Pfund|Pounds?|GBP|Rubel|Roubles?|Rubles?|RUB"
    "|Yen|Yuan|Kronen|Zloty|Dinars?|Hrywnja|Hryvnias?|UAH"
)
_SENTENCE_END = re.compile(r"\s*(?:$|\n|(?!(?:" + _CURRENCY_WORDS + r")\b)[A-Z\u201c\"])")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_ODD_DECIMAL = re.compile(r"\d\.\d*0$")
ENGLISH_SCALE = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}
CURRENCY = {"€": "€", "$": "$", "£": "£"}
# Currency words that follow a foreign scale word in MT ("millones de euros", "Milliarden
# Euro"), in the English form the packs write ("3 million euros"). Not "livres" or "Pfund":
# books and weights come by the million too.
CURRENCY_WORDS = {
    "euros": "euros",
    "euro": "euros",
    "Euro": "euros",
    "Euros": "euros",
    "dollars": "dollars",
    "dólares": "dollars",
    "dollari": "dollars",
    "Dollar": "dollars",
    "US-Dollar": "dollars",
}

_SCALE_RX = (
    "|".join(
        re.escape(s).replace(r"\ ", " ") for s in sorted(SCALES, key=len, reverse=True) if s != "m"
    )
    + "|(?-i:M)(?=[€$])"
)
NUMBER = re.compile(
    r"(?<![\w.,\u00a0\u202f\u2009/:-])"
    r"(?P<pre>[€$£][ \u00a0\u202f]?)?"
    r"(?P<num>\d{1,3}(?:(?:[.,]|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?P<sp1>[ \u00a0\u202f]?)(?P<scale>(?i:" + _SCALE_RX + r"))(?![\w]))?"
    r"(?:(?P<sp2>[ \u00a0\u202f]?)(?P<cur>[€$£])"
    # "12.500 millones de euros", "3,5 milliards d'euros": the currency word after a scale word
    r"|(?(scale) (?:(?:de|di) |d['\u2019])?(?P<curw>" + "|".join(CURRENCY_WORDS) + r")(?![\w-])))?"
    r"(?![\w€$£]|[.,]\d|[ \u00a0\u202f\u2009]\d{3}\b)",
)


# "12.000 Euro", "1.500 euros": English writes no money as 12.000 (12) or 1.500 (1.5), so a
# currency word after dot-grouped thousands is the source's habit, like "12.000 €".
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_MONEY_WORD = re.compile(
    r" (?:Euros?|euros?|(?:US-)?Dollars?|dollars|dólares|dollari|Franken|francs|Rubel|roubles"
    r"|rubles|pesos|Kronen|Pfund|sterline|libras)\b"
)
_CURRENCY_TAIL = re.compile(r" (" + "|".join(CURRENCY_WORDS) + r")(?![\w-])")
# "17.000 people", "249.432 inhabitants": people and other things counted whole come in no
# fractions, so dot-grouped digits before them are thousands, whatever the sentence's other
# numbers say (a money word is no such proof: fuel costs 1.789 euros a litre). One word may
# come between (*30.000 Ukrainian refugees*); measures (km, tonnes, seconds) never count, nor
# a rate (*1.250 cases per 100,000*, *2.500 visitors a day* may be averages).
_COUNT_WORD = re.compile(
    r"(?: [A-Za-z][a-z-]+)? (?:people|persons|inhabitants|residents|citizens|civilians|soldiers"
    r"|troops|servicemen|fighters|militants|police officers|policemen|refugees|migrants"
    r"|immigrants|asylum seekers|prisoners|inmates|workers|employees|jobs|students|pupils"
    r"|children|babies|women|men|adults|families|households|homes|houses|dwellings|apartments"
    r"|voters|votes|signatures|members|visitors|tourists|spectators|fans|participants"
    r"|demonstrators|protesters|protestors|volunteers|pilgrims|passengers|deaths|victims"
    r"|casualties|patients|cases|infections|arrests|cars|vehicles|tanks|copies|tickets"
    r"|companies|firms|businesses|schools|years)\b(?! per\b| (?:a|an|every|each) (?:day|week|year)\b)"
)


@dataclass(frozen=True)
class Reading:
    """One way to read a number: its convention and its value."""

    convention: str  # en | dot (1.500,5) | space (1 500,5) | plain
    value: Decimal


def _dec(whole: str, frac: str | None) -> Decimal:
    return Decimal(whole + ("." + frac if frac else ""))


def readings(num: str) -> list[Reading]:
    """Every value ``num`` can have, by convention (plain digits have one for all)."""
    if re.fullmatch(r"\d+", num):
        return [Reading("plain", Decimal(num))]
    out: list[Reading] = []
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})*)(?:\.(\d+))?", num)
    if m and ("," in num or "." in num):
        out.append(Reading("en", _dec(m.group(1).replace(",", ""), m.group(2))))
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?", num)
    if m and ("." in num or "," in num):
        out.append(Reading("dot", _dec(m.group(1).replace(".", ""), m.group(2))))
    m = re.fullmatch(r"(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*)(?:,(\d+))?", num)
    if m and any(c in num for c in SPACES + ","):
        out.append(Reading("space", _dec(re.sub(r"\D", "", m.group(1)), m.group(2))))
    uniq: dict[Decimal, Reading] = {}  # "3,5" reads alike in both continental styles
    for r in out:
        uniq.setdefault(r.value, r)
    return list(uniq.values())


def render(value: Decimal) -> str:
    """English digits: comma thousands from 1,000, dot decimals, no trailing zeros."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    q = format(value, "f")  # the decimals as written: 1.250,50 → 1,250.50
    whole, _, frac = q.partition(".")
    if len(whole) >= 4:
        whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def render_money(value: Decimal) -> str:
    """Like :func:`render`, but cents keep two digits (``€2.50``)."""
    text = render(value)
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac:0<2}" if frac and len(frac) <= 2 else text


def english_amount(value: Decimal, power: int, currency: str | None) -> str:
    """``value × 10^power`` with an English scale word: 1500 million → 1.5 billion."""
    while power < 12 and value >= 1000 and power >= 6:
        value, power = (value / 1000).normalize(), power + 3
    digits = render_money(value) if currency and not power else render(value)
    word = ENGLISH_SCALE.get(power) if power else None
    body = f"{digits} {word}" if word else digits
    return f"{currency}{body}" if currency else body


_NOT_A_QUANTITY = re.compile(
    r"(?i)\b(?:version|v|release|update|firmware|score[sd]?|no\.|nr\.)\s*$"
)


@dataclass
class Token:
    """A number in the text, with its span and its possible readings."""

    start: int
    end: int
    num: str
    scale: str | None
    pre: str | None
    cur: str | None
    readings: list[Reading]
    curword: str | None = None  # "euros" of "millones de euros", taken into the edit
    money_word: bool = False  # "12.000 Euro": a currency word after dot-grouped thousands
    listed: bool = False  # "Rooms 3,5 and 7": a decimal comma or a list without its space
    count_word: bool = False  # "17.000 people": dot-grouped thousands before a whole count

    @property
    def english_only(self) -> bool:
        return [r.convention for r in self.readings] == ["en"]

    @property
    def foreign_only(self) -> bool:
        return bool(self.readings) and all(r.convention in ("dot", "space") for r in self.readings)


_DIGITS = re.compile(r"\d+")
# "3,5 and 7" ends like a list of whole numbers whose comma lost its space ("Rooms 3,5
# and 7"); after "between" or "from" it is a range of decimals ("between 3,5 and 7 %").
_LIST_AFTER = re.compile(r" (?:and|or|&) \d+(?!\d)(?![,.]\d)")
_RANGE_BEFORE = re.compile(r"(?i)\b(?:between|from)\s+$")
_ONE_COMMA = re.compile(r"\d+,\d+")


def _matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``NUMBER.finditer(text, start, end)``, tried only where a match can start.

    A match's number starts a run of digits (what precedes it is no digit: the lookbehind,
    or a currency sign or a space), and the match starts at most two characters before it
    (a currency sign and a space). So only those places are tried, in order, as ``finditer``
    would reach them; NUMBER's leading lookbehind keeps the regex engine from skipping ahead
    to digits by itself, and most sentences hold few numbers or none."""
    pos = start
    match = NUMBER.match
    for run in _DIGITS.finditer(text, start, end):
        d = run.start()
        for at in (d - 2, d - 1, d):
            if at < pos:
                continue
            m = match(text, at, end)
            if m is not None:
                pos = m.end()
                yield m


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    end = len(text) if end is None else end
    for m in _matches(text, start, end):
        num = m.group("num")
        if re.search(r"[ \u00a0\u202f\u2009]", num) and not _space_ok(text, m, num):
            continue  # "in 2019 500 people": two numbers
        if _NOT_A_QUANTITY.search(text, max(0, m.start() - 12), m.start()):
            continue
        curw, at = m.group("curw"), m.end()
        foreign_scale = (m.group("scale") or "").lower() in FOREIGN_SCALES
        if curw and not foreign_scale:
            curw, at = None, m.end("scale")  # "4,7 billion euros": English already
        elif foreign_scale and not curw and at == end and m.group("scale").endswith("."):
            # the splitter ended the sentence at "Mrd." of "2,5 Mrd. Euro"
            tail = _CURRENCY_TAIL.match(text, at)
            if tail:
                curw, at = tail.group(1), tail.end()
        yield Token(
            m.start(),
            at,
            num,
            m.group("scale"),
            m.group("pre"),
            m.group("cur"),
            readings(num),
            CURRENCY_WORDS.get(curw) if curw else None,
            money_word=not m.group("scale")
            and not m.group("cur")
            and bool(_DOT_THOUSANDS.fullmatch(num))
            and bool(_MONEY_WORD.match(text, m.end())),
            listed=_listed(text, m, num),
            count_word=not m.group("scale")
            and not m.group("cur")
            and bool(_DOT_THOUSANDS.fullmatch(num))
            and bool(_COUNT_WORD.match(text, m.end())),
        )


def _listed(text: str, m: re.Match[str], num: str) -> bool:
    """Whether a bare "3,5" is followed by "and 7" outside a range: a list or a decimal."""
    return (
        not m.group("scale")
        and not m.group("cur")
        and bool(_ONE_COMMA.fullmatch(num))
        and bool(_LIST_AFTER.match(text, m.end()))
        and not _RANGE_BEFORE.search(text, max(0, m.start() - 12), m.start())
    )


def _space_ok(text: str, m: re.Match[str], num: str) -> bool:
    """Plain spaces group thousands only with a currency or scale word ("45 000 €").

    A non-breaking or thin space is a typesetter's thousands separator; a plain one is also
    SI style in English and two numbers in a row ("in 2019 500 people"): the source packs
    decide those with their own context.
    """
    if "\u00a0" in num or "\u202f" in num or "\u2009" in num:
        return True
    return bool(m.group("cur") or m.group("scale"))


def sentence_convention(toks: list[Token]) -> str | None:
    """``en`` or ``dot``/``space`` when the sentence's unambiguous numbers agree; else None."""
    convs: set[str] = set()
    for t in toks:
        if t.english_only:
            convs.add("en")
        elif t.foreign_only and len(t.readings) == 1:
            convs.add(t.readings[0].convention)
        elif t.foreign_only:
            convs.add("foreign")
    if len(convs) == 1:
        return convs.pop()
    return None


def _fix(tok: Token, conv: str | None) -> tuple[str | None, bool]:
    """(English form, certain?) for one number token; None when it is English already."""
    scale = (tok.scale or "").lower()
    power = SCALES.get(scale, 0)
    foreign_scale = scale in FOREIGN_SCALES
    cur = tok.cur or ((tok.pre or "").strip() or None)
    # A plural scale word or a currency sign after the amount is the source's habit: its
    # number is written the source's way too.
    foreign_habit = foreign_scale or bool(tok.cur) or tok.money_word
    vals = {r.convention: r.value for r in tok.readings}
    if not tok.readings:
        return None, True  # "10 000.5": no convention writes it; leave it to a human
    if len(tok.readings) == 1:
        only = tok.readings[0]
        if only.convention in ("en", "plain") and not foreign_habit:
            return None, True
        value, certain = only.value, not tok.listed
    else:
        foreign = vals.get("dot", vals.get("space", tok.readings[-1].value))
        odd = bool(_ODD_DECIMAL.search(tok.num))
        if tok.count_word and "dot" in vals:
            value, certain = vals["dot"], True  # no English reading counts people
        elif conv in ("dot", "space", "foreign"):
            # "1,200" in a sentence written the continental way may be a number a previous
            # round already made English: never read an English-shaped number as a decimal.
            # So is "28.785 billion" (MT keeps the digits and translates the word, or a
            # round made it English): both readings stand, unless the English one is odd.
            english_scale = bool(scale) and not foreign_scale
            value = foreign
            certain = not _EN_THOUSANDS.fullmatch(tok.num) and (odd or not english_scale)
        elif conv == "en":
            if not foreign_habit:
                return None, True
            # With a foreign scale word ("1.001 Mio.") the source's reading stands too: the
            # sentence may look English only because a round already rewrote its other numbers.
            value, certain = vals["en"], not odd and not foreign_scale
        elif foreign_habit and odd:
            value, certain = foreign, True  # 1.500 millones, 1.500 €
        elif odd or foreign_habit:
            value, certain = foreign, False  # 17.000 alone: advice
        else:
            return None, True  # "1,500 people": English
    amount = english_amount(value, power, cur)
    return (f"{amount} {tok.curword}" if tok.curword else amount), certain


def _sentence_tokens(text: str, sentences: list[tuple[int, int]]) -> list[list[Token]]:
    """The number tokens of each sentence, read once per text: the numbers rules of every
    selected pack share them (tokens are never changed)."""
    last = _LAST[0]
    if last[0] is not text or last[1] != sentences:
        last = _LAST[0] = (text, sentences, [list(tokens(text, s0, s1)) for s0, s1 in sentences])
    return last[2]


# The last text, its sentences and their tokens (one tuple, swapped whole: thread-safe).
_LAST: list[tuple[str | None, list[tuple[int, int]], list[list[Token]]]] = [(None, [], [])]


@script("numbers")
def numbers(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    kind = rule.options.get("kind", "all")
    for toks in _sentence_tokens(text, doc.sentences):
        if not toks:
            continue
        conv = sentence_convention(toks)
        for tok in toks:
            if doc.is_protected(tok.start, tok.end):
                continue
            new, certain = _fix(tok, conv)
            old = text[tok.start : tok.end]
            if new is None or new == old:
                continue
            if kind not in ("ambiguous", "all") and kind_of(tok) != kind:
                continue
            if (
                (tok.scale or "").endswith(".")
                and not tok.curword
                and _SENTENCE_END.match(text, tok.end)
            ):
                new += "."  # "5 Mrd." ended the sentence: its full stop stays
            if kind == "ambiguous" and not certain:
                others = ", ".join(render(r.value) for r in tok.readings)
                if tok.listed:
                    others += f" or a list ({old.replace(',', ', ')})"
                yield rule.finding(
                    tok.start,
                    tok.end,
                    None,
                    f"{rule.message}: '{old}' reads as {others}; which one? (suggestion: {new}?)",
                )
            elif kind != "ambiguous" and certain:
                yield rule.finding(tok.start, tok.end, new)


def kind_of(tok: Token) -> str:
    """Which habit an edit of ``tok`` mends, for its rule code (each measured on its own)."""
    scale = (tok.scale or "").lower()
    if scale in FOREIGN_SCALES:
        return "scale"  # 1.500 millones, 80 M€, 2 Mrd.
    if tok.cur:
        return "currency"  # 5 €, 150 $
    if tok.count_word and len(tok.readings) > 1:
        return "count"  # 17.000 people: thousands in any text, whatever its source
    if "," in tok.num and not any(r.convention == "en" for r in tok.readings):
        return "decimal"  # 3,5
    return "thousands"  # 10.000, 10 000


_EN = re.compile(
    r"(?P<cur>[€$£])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?: (?P<scale>thousand|million|billion|trillion))?"
)


def parse_english(text: str) -> list[Decimal]:
    """The values of the numbers in English-formatted ``text`` (scale words multiplied in)."""
    out = []
    for m in _EN.finditer(text):
        v = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            v *= Decimal(10) ** SCALES[m.group("scale")]
        out.append(v)
    return out
