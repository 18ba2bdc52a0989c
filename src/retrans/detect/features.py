"""Feature extraction for MT detection (stdlib only, a few milliseconds per document).

One pass over the tokens (:func:`scan`) collects counts into a :class:`Scan`; each feature
group is then a small function registered in :data:`GROUPS` (name -> feature names +
function), so adding a signal is one decorated function, and the training code can measure
each group's contribution by leaving it out.

Interference evidence (calques, source-language name forms, typography, untranslated words,
foreign script, topic cues) is kept as :class:`Evidence` items: it feeds both the MT
probability (``ev_*`` features) and the source-language model (:attr:`DocFeatures.lang_ev`).
Sentences come from :class:`retrans.document.Document`, the text language from
:func:`retrans.langid.identify`: the detector keeps no splitter or language identifier of
its own.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from retrans.detect.lexicon import Lexicon, lexicon, patterns, trigger_scanner
from retrans.detect.patterns import SOURCE_LANGS
from retrans.detect.text import TOKEN_RE, TOKEN_STRINGS
from retrans.document import Document
from retrans.langid import identify
from retrans.packed import PackedDict
from retrans.rules.scan import window_matches

FUNCTION_WORDS: tuple[str, ...] = tuple(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "that",
        "which",
        "who",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "should",
        "must",
        "it",
        "its",
        "this",
        "these",
        "those",
        "there",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "i",
        "by",
        "for",
        "with",
        "on",
        "at",
        "from",
        "as",
        "not",
        "but",
        "or",
        "if",
        "so",
        "than",
        "also",
        "very",
        "more",
        "most",
        "such",
        "all",
        "some",
        "any",
        "each",
        "other",
        "into",
        "about",
        "after",
        "during",
        "while",
        "between",
        "against",
        "under",
        "over",
        "since",
        "until",
        "thus",
        "however",
        "indeed",
        "already",
        "still",
        "only",
        "even",
        "both",
        "whether",
        "what",
        "when",
        "where",
        "how",
        "one",
        "do",
        "did",
        "said",
        "says",
        "just",
        "well",
        "own",
        "same",
        "then",
        "now",
    ]
)
BIGRAMS: tuple[tuple[str, str], ...] = tuple(
    (a, b)
    for a, _, b in (
        pair.partition("_")
        for pair in [
            "of_the",
            "in_the",
            "to_the",
            "on_the",
            "it_is",
            "there_is",
            "the_same",
            "in_order",
            "as_well",
            "has_been",
            "will_be",
            "is_a",
            "of_a",
            "that_the",
            "which_is",
            "as_a",
        ]
    )
)
SUFFIXES: tuple[str, ...] = ("ly", "ing", "tion", "ment", "ity", "ed", "ous", "al")
PUNCT: dict[str, str] = {
    ",": "comma",
    ";": "semicolon",
    ":": "colon",
    "(": "paren",
    "?": "question",
    "!": "excl",
    "—": "dash",
    "–": "dash",
    "-": "dash",
    '"': "quote",
    "“": "quote",
    "”": "quote",
    "«": "quote",
    "»": "quote",
    "„": "quote",
}
_PUNCT_NAMES: tuple[str, ...] = tuple(sorted(set(PUNCT.values())))
_PUNCT_INDEX = {ch: _PUNCT_NAMES.index(name) for ch, name in PUNCT.items()}
_FW_INDEX = {w: i for i, w in enumerate(FUNCTION_WORDS)}
_BG_INDEX = {bg: i for i, bg in enumerate(BIGRAMS)}
_NGRAM_PUNCT = {"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'"}
_NGRAM_PUNCT.update({"–": "-", "—": "-"})
_CONTRACTION_ENDS = ("n't", "'re", "'ve", "'ll", "'m", "'d")
# Evidence kinds that raise the MT probability (``topic`` only informs the source language).
EVIDENCE_KINDS: tuple[str, ...] = ("calque", "name", "untranslated", "typography", "fcap", "script")
LANG_EV_NAMES: tuple[str, ...] = (
    "calque",
    "name",
    "untranslated",
    "typography",
    "fcap",
    "topic",
    "script",
)


@dataclass(slots=True)
class Evidence:
    """One piece of interference evidence, with the source languages it points to."""

    kind: str  # calque | name | untranslated | typography | script | fcap | topic
    langs: tuple[str, ...]
    text: str
    start: int
    end: int
    code: str = ""  # the finding code when it came from the engine
    weight: float = 1.0  # strength of this piece of evidence (weak patterns count half)


@dataclass(slots=True)
class Word:
    """Everything about a word form that does not depend on its context (cached)."""

    norm: str  # lowercased, typographic apostrophe unified: for n-grams
    base: str  # lowercased, possessive 's removed
    length: int
    lower0: bool
    upper0: bool
    allcaps: bool
    apos: int  # 1 possessive 's, 2 contraction
    zipf: float | None  # English Zipf frequency, None when not an English word
    script: tuple[str, ...]  # source languages of a non-Latin script word, () when Latin
    foreign: tuple[str, ...] | None  # languages it is a frequent word of, if rare in English
    fw: int  # function-word index or -1
    sfx: tuple[int, ...]  # suffix indexes
    shape: str  # rhythm token: the function word itself, or W (word) / C (capitalised)
    bg_next: dict[str, int] | None = None  # bigrams it starts: next word's base -> index
    title: bool = False  # "Mr", "Dr"...: a full stop after it is no n-gram token


@dataclass(slots=True)
class Scan:
    """Counts collected in one pass over the tokens of a text."""

    n_words: int = 0
    n_chars: int = 0
    sent_lens: list[int] = field(default_factory=list)
    sent_spans: list[tuple[int, int]] = field(default_factory=list)
    sent_tokens: list[list[str]] = field(default_factory=list)  # normalised, for n-grams
    rhythm: list[list[str]] = field(default_factory=list)  # abstract tokens per sentence
    words: list[str] = field(default_factory=list)  # lowercased bases, in order
    counts: dict[str, float] = field(default_factory=dict)
    fw: list[int] = field(default_factory=lambda: [0] * len(FUNCTION_WORDS))
    bg: list[int] = field(default_factory=lambda: [0] * len(BIGRAMS))
    punct: list[int] = field(default_factory=lambda: [0] * len(_PUNCT_NAMES))
    sfx: list[int] = field(default_factory=lambda: [0] * len(SUFFIXES))
    zipf: list[float] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, key: str, n: float = 1.0) -> None:
        self.counts[key] = self.counts.get(key, 0.0) + n


@dataclass(slots=True)
class DocFeatures:
    """A document's detector features and the evidence behind them."""

    values: list[float]
    evidence: list[Evidence] = field(default_factory=list)
    lang_ev: dict[str, list[float]] = field(default_factory=dict)
    sent_tokens: list[list[str]] = field(default_factory=list)  # normalised, for n-grams
    rhythm: list[list[str]] = field(default_factory=list)  # abstract tokens, for rhythm n-grams
    sent_spans: list[tuple[int, int]] = field(default_factory=list)
    text_lang: str = "und"
    n_words: int = 0
    raw: dict[str, float] = field(default_factory=dict)


# -- word analysis ------------------------------------------------------------------------

_WORD_CACHE: dict[str, Word] = {}
_CACHE_MAX = 200_000


def _script_langs(ch: str) -> tuple[str, ...]:
    """Source languages a letter of a non-Latin script points to (``()`` for Latin)."""
    if not ch.isalpha() or ord(ch) <= 0x24F or "\u1e00" <= ch <= "\u1eff":
        return ()
    if "\u0400" <= ch <= "\u04ff":
        return ("uk",) if ch in "іїєґІЇЄҐ" else ("ru",) if ch in "ыэъёЫЭЪЁ" else ("ru", "uk")
    if "\u3040" <= ch <= "\u30ff":
        return ("ja",)
    if "\u4e00" <= ch <= "\u9fff":
        return ("zh", "ja")
    return ("other",)


def _english_zipf(base: str, en: PackedDict[float]) -> float | None:
    flat = en.complete  # every shard unpacked: a plain dict lookup
    z = en.get(base) if flat is None else flat.get(base)
    if z is None and "-" in base:
        parts = [en.get(p) for p in base.split("-")]
        if all(p is not None for p in parts):
            z = min(p for p in parts if p is not None)
    return z


def word_info(tok: str, lex: Lexicon) -> Word:
    low = tok.lower()
    norm = low.replace("’", "'")
    apos, base = 0, low
    if norm.endswith("'s"):
        apos, base = 1, low[:-2]
    elif norm.endswith(_CONTRACTION_ENDS):
        apos = 2
    z = _english_zipf(base, lex.en_zipf)
    c0 = tok[0]
    script = () if c0 < "\u0250" else _script_langs(c0)  # Latin: () without the call
    if len(script) > 1:  # the most specific letter of the word decides (ї: uk, ы: ru)
        script = min((_script_langs(ch) or script for ch in tok), key=len)
    fw = _FW_INDEX.get(base, -1)
    upper0 = c0.isupper()
    foreign = None
    if not script:
        flat = lex.foreign.complete
        foreign = lex.foreign.get(base) if flat is None else flat.get(base)
        if foreign is not None and upper0 and base in english_names():
            foreign = None  # Fico, Moldova, Bundestag: names English prints, no trace of MT
    sfx: tuple[int, ...] = ()
    if base.endswith(SUFFIXES):
        sfx = tuple(
            k for k, s in enumerate(SUFFIXES) if base.endswith(s) and len(base) > len(s) + 2
        )
    return Word(
        norm=norm,
        base=base,
        length=len(tok),
        lower0=c0.islower(),
        upper0=upper0,
        allcaps=tok.isupper() and len(tok) > 1,
        apos=apos,
        zipf=z,
        script=script if z is None else (),
        foreign=foreign,
        fw=fw,
        sfx=sfx,
        shape=base if fw >= 0 else ("C" if upper0 else "W"),
        bg_next=_BG_NEXT.get(base),
        title=base in _TITLES,
    )


@lru_cache(maxsize=1)
def english_names() -> frozenset[str]:
    """Names English prints as one capitalised word that are also frequent words of another
    language (``glossaries/common/en-name-words.txt``, written by tools/build_glossaries.py)."""
    from retrans.paths import glossary_dir, word_list

    return word_list(glossary_dir() / "common" / "en-name-words.txt")


def _word(tok: str, lex: Lexicon) -> Word:
    info = _WORD_CACHE.get(tok)
    if info is None:
        info = word_info(tok, lex)
        if len(_WORD_CACHE) < _CACHE_MAX:
            _WORD_CACHE[tok] = info
    return info


# -- the token pass -------------------------------------------------------------------------


def scan(text: str, lex: Lexicon) -> Scan:
    """Count everything the feature groups need, sentence by sentence."""
    st = Scan()
    for start, end in Document(text).sentences:
        _scan_sentence_fast(st, text, start, end, lex)
    return st


def scan_reference(text: str, lex: Lexicon) -> Scan:
    """:func:`scan` one token at a time through :func:`_count_word`: the plain statement of
    what the fast loop computes (tests hold the two equal)."""
    st = Scan()
    for start, end in Document(text).sentences:
        _scan_sentence(st, text, start, end, lex)
    return st


_TITLES = ("mr", "mrs", "ms", "dr", "st")  # "Mr." : its full stop is no n-gram token
_OPENING = "\"“‘'(«„"  # punctuation that keeps the previous word for bigrams
_BG_NEXT: dict[str, dict[str, int]] = {}
for (_a, _b), _i in _BG_INDEX.items():
    _BG_NEXT.setdefault(_a, {})[_b] = _i


def _scan_sentence_fast(st: Scan, text: str, start: int, end: int, lex: Lexicon) -> None:
    """:func:`_scan_sentence` with the per-token work inlined and counted in locals: the
    detector's hot loop. Evidence (rare) needs offsets: a second pass over the sentence
    collects it only when one of its words can give some."""
    ntoks: list[str] = []
    shapes: list[str] = []
    words, zipf, fw, bg, sfx, punct = st.words, st.zipf, st.fw, st.bg, st.sfx, st.punct
    cache = _WORD_CACHE
    after: dict[str, int] | None = None  # the bigrams the previous word starts (its bg_next)
    title = False  # the previous word is a title
    n = n_words = n_chars = 0
    long_word = lower_start = allcaps = cap_mid = apos_s = contraction = oov = digits = 0
    evidence = False
    for tok in TOKEN_STRINGS.findall(text, start, end):
        w = cache.get(tok)  # words only: a number or punctuation is never in the cache
        if w is None:
            c = tok[0]
            if c.isdecimal():  # a number
                ntoks.append("<num>")
                shapes.append("N")
                digits += 1
                after, title = None, False
                n += 1
                continue
            if not c.isalnum():  # punctuation (one character)
                if not (title and tok == "."):
                    mapped = _NGRAM_PUNCT.get(tok, tok)
                    ntoks.append(mapped)
                    shapes.append(mapped)
                pk = _PUNCT_INDEX.get(tok)
                if pk is not None:
                    punct[pk] += 1
                if tok not in _OPENING:
                    after, title = None, False
                continue
            w = _word(tok, lex)
        n_chars += w.length
        if w.length >= 10:
            long_word += 1
        if n == 0:
            if w.lower0:
                lower_start += 1
        elif w.upper0:
            if w.allcaps:
                allcaps += 1
            else:
                cap_mid += 1
        if w.apos:
            if w.apos == 1:
                apos_s += 1
            else:
                contraction += 1
        if (w.lower0 or n == 0) and w.zipf is not None:
            zipf.append(w.zipf)
        elif w.lower0 and not w.script:
            oov += 1
        if w.fw >= 0:
            fw[w.fw] += 1
        if after is not None:
            j = after.get(w.base)
            if j is not None:
                bg[j] += 1
        for k in w.sfx:
            sfx[k] += 1
        if w.script or w.foreign:
            evidence = True
        ntoks.append(w.norm)
        shapes.append(w.shape)
        words.append(w.base)
        after, title = w.bg_next, w.title
        n += 1
        n_words += 1
    st.n_words += n_words
    st.n_chars += n_chars
    counted = (
        ("long_word", long_word),
        ("lower_start", lower_start),
        ("allcaps", allcaps),
        ("cap_mid", cap_mid),
        ("apos_s", apos_s),
        ("contraction", contraction),
        ("oov", oov),
        ("digits", digits),
    )
    for key, c in counted:
        if c:
            st.add(key, c)
    if evidence:
        _sentence_evidence(st, text, start, end, lex)
    st.sent_spans.append((start, end))
    st.sent_tokens.append(ntoks)
    st.rhythm.append(shapes)
    if n_words:
        st.sent_lens.append(n_words)


def _sentence_evidence(st: Scan, text: str, start: int, end: int, lex: Lexicon) -> None:
    """The word evidence of one sentence, in token order (see :func:`_word_evidence`)."""
    n = 0
    for m in TOKEN_RE.finditer(text, start, end):
        tok, num, _ = m.groups()
        if tok:
            _word_evidence(st, _word(tok, lex), n == 0, m.start(), tok, text, m.end(), end)
        if tok or num:
            n += 1


def _scan_sentence(st: Scan, text: str, start: int, end: int, lex: Lexicon) -> None:
    ntoks: list[str] = []
    shapes: list[str] = []
    prev = ""
    n = n_words = 0
    for m in TOKEN_RE.finditer(text, start, end):
        tok, num, pun = m.groups()
        if tok:
            w = _word(tok, lex)
            _count_word(st, w, n == 0, prev, m.start(), tok, text, m.end(), end)
            ntoks.append(w.norm)
            shapes.append(w.shape)
            st.words.append(w.base)
            prev = w.base
            n += 1
            n_words += 1
        elif num:
            ntoks.append("<num>")
            shapes.append("N")
            st.add("digits")
            prev = ""
            n += 1
        else:
            _count_punct(st, pun, prev, ntoks, shapes)
            if pun not in _OPENING:
                prev = ""
    st.sent_spans.append((start, end))
    st.sent_tokens.append(ntoks)
    st.rhythm.append(shapes)
    if n_words:
        st.sent_lens.append(n_words)


def _count_word(
    st: Scan, w: Word, first: bool, prev: str, pos: int, tok: str, text: str, nxt: int, end: int
) -> None:
    st.n_words += 1
    st.n_chars += w.length
    if w.length >= 10:
        st.add("long_word")
    if first:
        if w.lower0:
            st.add("lower_start")
    elif w.upper0:
        st.add("allcaps" if w.allcaps else "cap_mid")
    if w.apos:
        st.add("apos_s" if w.apos == 1 else "contraction")
    if (w.lower0 or first) and w.zipf is not None:
        st.zipf.append(w.zipf)
    elif w.lower0 and not w.script:
        st.add("oov")
    if w.fw >= 0:
        st.fw[w.fw] += 1
    if prev:
        j = _BG_INDEX.get((prev, w.base))
        if j is not None:
            st.bg[j] += 1
    for k in w.sfx:
        st.sfx[k] += 1
    _word_evidence(st, w, first, pos, tok, text, nxt, end)


def _word_evidence(
    st: Scan, w: Word, first: bool, pos: int, tok: str, text: str, nxt: int, end: int
) -> None:
    if w.script:
        st.evidence.append(Evidence("script", w.script, tok, pos, pos + w.length))
    elif w.foreign and (w.lower0 or (w.upper0 and not first and not w.allcaps)):
        rest = text[nxt:end].lstrip(" ")
        if rest[:1].isupper():  # "de Gaulle", "Le Drian" are names, not foreign words
            return
        if w.lower0:
            st.evidence.append(Evidence("untranslated", w.foreign, tok, pos, pos + w.length))
        elif not _after_capitalised_word(text, pos):  # "Kim Jong Un": the end of a name
            st.evidence.append(Evidence("fcap", w.foreign, tok, pos, pos + w.length))


def _after_capitalised_word(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` (spaces between) starts with a capital letter."""
    j = pos
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if j == pos or j == 0 or not text[j - 1].isalpha():
        return False
    k = j - 1
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "-'’"):
        k -= 1
    return text[k].isupper()


def _count_punct(st: Scan, pun: str, prev: str, ntoks: list[str], shapes: list[str]) -> None:
    if not (pun == "." and prev in _TITLES):
        ntoks.append(_NGRAM_PUNCT.get(pun, pun))
        shapes.append(_NGRAM_PUNCT.get(pun, pun))
    k = _PUNCT_INDEX.get(pun)
    if k is not None:
        st.punct[k] += 1


# -- interference evidence ------------------------------------------------------------------


def pattern_evidence(text: str) -> list[Evidence]:
    """Hits of the curated interference patterns (:mod:`retrans.detect.patterns`)."""
    out: list[Evidence] = []
    low = text.lower()
    # Each pattern searched only around its triggers' hits (same matches as a whole-text
    # finditer: rules/scan.py), when lowercasing keeps the offsets.
    hits = trigger_scanner().hits(low) if len(low) == len(text) else None
    present = trigger_scanner().present(low) if hits is None else hits.keys()
    for cp in patterns():
        if cp.triggers and present.isdisjoint(cp.triggers):
            continue
        p = cp.pattern
        width = cp.max_width
        reach = line = None
        if hits is not None:
            reach, line = (cp.max_reach, None) if width is not None else (None, cp.line_reach)
        for m in window_matches(cp.regex, cp.triggers, width, text, hits, reach, line):
            out.append(Evidence(p.kind, p.langs, m.group().strip(), m.start(), m.end(), weight=p.w))
    return out


class _SpanSet:
    """Does a span overlap any of these? A bisection over the starts and a running maximum
    of the ends, so checking every piece of evidence stays linear in the text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, a: Evidence) -> bool:
        """Some span (s, e) has ``s < a.end`` and ``a.start < e``."""
        k = bisect_left(self.starts, a.end)
        return k > 0 and self.max_end[k - 1] > a.start


def _overlaps(a: Evidence, spans: _SpanSet) -> bool:
    return spans.overlaps(a)


def finding_evidence(findings: Sequence[Any] | None, offset: int, limit: int) -> list[Evidence]:
    """The engine's findings as evidence: ``GL101`` name forms (``meta["lang"]``) and
    rule-pack hits (``meta["pack_source"]``), shifted to ``offset``."""
    out: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for f in findings or ():
        ev = _one_finding(f)
        if ev is None or ev.start < offset or ev.end > limit or (ev.start, ev.end) in seen:
            continue
        seen.add((ev.start, ev.end))
        ev.start -= offset
        ev.end -= offset
        out.append(ev)
    return out


def _one_finding(f: Any) -> Evidence | None:
    code = str(getattr(f, "code", "") or "")
    meta = getattr(f, "meta", None) or {}
    start, end = getattr(f, "start", None), getattr(f, "end", None)
    if not isinstance(meta, dict) or not isinstance(start, int) or not isinstance(end, int):
        return None
    # a form several languages write (Nord-Kivu: French and German) is evidence for each
    langs = (meta.get("langs") or [meta.get("lang")]) if code.startswith("GL101") else []
    langs = [str(x) for x in langs if x and x != "en"]
    pack = meta.get("pack_source")
    text = str(getattr(f, "text", "") or meta.get("match", "") or "")
    try:
        conf = float(getattr(f, "confidence", None) or meta.get("confidence", 1.0) or 1.0)
    except (TypeError, ValueError):
        conf = 1.0
    weight = min(max(conf, 0.3), 1.0)
    if langs:
        return Evidence("name", tuple(langs), text, start, end, code, weight)
    if pack and pack not in ("*", "en"):
        category = str(getattr(f, "category", "") or "")
        kind = "typography" if category in ("typography", "number", "date") else "calque"
        return Evidence(kind, (str(pack),), text, start, end, code, weight)
    return None


def merge_evidence(
    text: str,
    words: list[Evidence],
    findings: Sequence[Any] | None,
    offset: int,
    pats: list[Evidence] | None = None,
) -> list[Evidence]:
    """Word-level, pattern (``pats``: ``pattern_evidence(text)``, computed when not given)
    and finding evidence, without counting one span twice."""
    pats = pattern_evidence(text) if pats is None else list(pats)
    strong = _SpanSet([(e.start, e.end) for e in pats if e.kind in ("name", "calque")])
    evidence = pats + [
        e for e in words if e.kind not in ("fcap", "untranslated") or not _overlaps(e, strong)
    ]
    own = _SpanSet([(e.start, e.end) for e in evidence])
    for e in finding_evidence(findings, offset, offset + len(text)):
        if not _overlaps(e, own):
            e.text = _quoted(text, e.start, e.end, e.text)
            evidence.append(e)
    return evidence


def _quoted(text: str, start: int, end: int, found: str) -> str:
    """What a reason line quotes for a finding: its text, widened to whole words where it
    is a bare deletion (DE139's *the* before *Ukraine*: "the Ukraine", not "the ")."""
    found = found or text[start:end]
    if found == found.strip() and (end >= len(text) or not text[end].isalnum()):
        return found
    a, b = start, end
    if found[:1].isspace():
        while a > 0 and text[a - 1] == " ":
            a -= 1
        while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "-'’"):
            a -= 1
    if found[-1:].isspace():
        while b < len(text) and text[b] == " ":
            b += 1
    while b < len(text) and (text[b].isalnum() or text[b] in "-'’"):
        b += 1
    return " ".join(text[a:b].split())


# -- feature groups -------------------------------------------------------------------------

GroupFn = Callable[[Scan], list[float]]


@dataclass(frozen=True, slots=True)
class FeatureGroup:
    """Named detector features and the function that computes them."""

    name: str
    features: tuple[str, ...]
    fn: GroupFn
    doc_only: bool = False  # only meaningful over a whole document


GROUPS: dict[str, FeatureGroup] = {}


def feature_group(name: str, features: Sequence[str], doc_only: bool = False) -> Any:
    """Register a feature group: ``fn(scan) -> values`` in the order of ``features``."""

    def deco(fn: GroupFn) -> GroupFn:
        GROUPS[name] = FeatureGroup(name, tuple(features), fn, doc_only)
        return fn

    return deco


def _rate(st: Scan, key: str) -> float:
    return st.counts.get(key, 0.0) / max(st.n_words, 1)


@feature_group("length", ["log_words"], doc_only=True)
def _length(st: Scan) -> list[float]:
    return [math.log1p(st.n_words)]


@feature_group("sentences", ["sent_mean", "sent_cv", "sent_long", "sent_short"], doc_only=True)
def _sentences(st: Scan) -> list[float]:
    lens = st.sent_lens
    ns = max(len(lens), 1)
    mean = sum(lens) / ns if lens else 0.0
    cv = 0.0
    if len(lens) > 1:
        cv = math.sqrt(sum((x - mean) ** 2 for x in lens) / (len(lens) - 1)) / max(mean, 1.0)
    return [mean, cv, sum(x > 40 for x in lens) / ns, sum(x < 6 for x in lens) / ns]


def mattr(words: Sequence[str], win: int = 50) -> float:
    """Moving-average type/token ratio (window ``win``)."""
    if len(words) <= win:
        return len(set(words)) / max(len(words), 1)
    counts: dict[str, int] = {}
    for w in words[:win]:
        counts[w] = counts.get(w, 0) + 1
    acc = total = len(counts)
    for old, new in zip(words, words[win:], strict=False):
        c = counts[old] - 1
        if c:
            counts[old] = c
        else:
            del counts[old]
            total -= 1
        if new in counts:
            counts[new] += 1
        else:
            counts[new] = 1
            total += 1
        acc += total
    return acc / (len(words) - win + 1) / win


def repeated_trigrams(words: Sequence[str]) -> float:
    tri = Counter(zip(words, words[1:], words[2:], strict=False))
    if not tri:
        return 0.0
    counts = list(tri.values())
    return (sum(counts) - counts.count(1)) / len(tri)  # the counts above 1, summed in C


@feature_group("variety", ["mattr", "rep3", "hapax"], doc_only=True)
def _variety(st: Scan) -> list[float]:
    freq = Counter(st.words)
    hapax = list(freq.values()).count(1) / max(len(freq), 1)
    return [mattr(st.words), repeated_trigrams(st.words), hapax]


@feature_group("vocabulary", ["zipf_mean", "oov", "rare", "word_len", "long_word"])
def _vocabulary(st: Scan) -> list[float]:
    z = st.zipf
    nw = max(st.n_words, 1)
    return [
        sum(z) / len(z) if z else 5.0,
        _rate(st, "oov"),
        sum(map((3.5).__gt__, z)) / max(len(z), 1),  # v < 3.5, counted in C
        st.n_chars / nw,
        _rate(st, "long_word"),
    ]


_SHAPE = ("cap_mid", "allcaps", "digits", "apos_s", "contraction")


@feature_group("shape", [*_SHAPE, "lower_start"])
def _shape(st: Scan) -> list[float]:
    starts = st.counts.get("lower_start", 0.0) / max(len(st.sent_lens), 1)
    return [_rate(st, k) for k in _SHAPE] + [starts]


@feature_group("punctuation", [f"p_{n}" for n in _PUNCT_NAMES])
def _punctuation(st: Scan) -> list[float]:
    return [c / max(st.n_words, 1) for c in st.punct]


@feature_group("suffixes", [f"sfx_{s}" for s in SUFFIXES])
def _suffixes(st: Scan) -> list[float]:
    return [c / max(st.n_words, 1) for c in st.sfx]


@feature_group(
    "function_words", [f"fw_{w}" for w in FUNCTION_WORDS] + [f"bg_{a}_{b}" for a, b in BIGRAMS]
)
def _function_words(st: Scan) -> list[float]:
    nw = max(st.n_words, 1)
    return [c / nw for c in st.fw] + [c / nw for c in st.bg]


def _evidence_totals(evidence: Sequence[Evidence]) -> dict[str, float]:
    kinds: dict[str, float] = {}
    for e in evidence:
        kinds[e.kind] = kinds.get(e.kind, 0.0) + e.weight
    return kinds


@feature_group("evidence", [f"ev_{k}" for k in EVIDENCE_KINDS])
def _evidence(st: Scan) -> list[float]:
    kinds = _evidence_totals(st.evidence)
    return [math.log1p(kinds.get(k, 0.0)) for k in EVIDENCE_KINDS]


FEATURE_NAMES: list[str] = [n for g in GROUPS.values() for n in g.features]
EVIDENCE_NAMES: list[str] = list(GROUPS["evidence"].features)
STYLE_NAMES: list[str] = [n for n in FEATURE_NAMES if n not in EVIDENCE_NAMES]
DOC_ONLY: frozenset[str] = frozenset(n for g in GROUPS.values() if g.doc_only for n in g.features)
GROUP_OF: dict[str, str] = {n: g.name for g in GROUPS.values() for n in g.features}


def lang_evidence(evidence: Sequence[Evidence]) -> dict[str, list[float]]:
    """Per source language, ``log(1 + weighted count)`` of each kind of evidence."""
    kind_idx = {k: i for i, k in enumerate(LANG_EV_NAMES)}
    per = {lg: [0.0] * len(LANG_EV_NAMES) for lg in SOURCE_LANGS}
    for e in evidence:
        ki = kind_idx.get(e.kind)
        if ki is None:
            continue
        for lg in e.langs:
            if lg in per:
                per[lg][ki] += e.weight / len(e.langs) ** 0.5
    return {lg: [math.log1p(c) for c in cnt] for lg, cnt in per.items()}


def text_language(text: str) -> str:
    """The text's language (``und`` when there is too little text to tell)."""
    if not text.strip():
        return "und"
    lang, conf = identify(text, default="und")
    return lang if conf > 0 or lang != "und" else "und"


def mask_links(text: str) -> str:
    """``text`` with its web addresses and e-mail addresses blanked (same length, so offsets
    hold): *www.example.com* is no Portuguese *com*, *lemonde.fr* no French word."""
    if "://" not in text and "www." not in text and "@" not in text:
        return text
    from retrans.document import blank_spans
    from retrans.formats import link_spans

    return blank_spans(text, link_spans(text))


# The text-only part of the last extract: check scores a text again with more findings
# (detect/recheck.py), and a findings-only difference need not scan the text again.
_LAST: tuple[str, object, object, Scan, list[Evidence], str] | None = None


def _text_part(text: str) -> tuple[Scan, list[Evidence], str]:
    """``scan``, ``pattern_evidence`` and ``text_language`` of ``text``; the scan a fresh copy
    (``extract`` replaces its evidence), the rest shared (never changed after it is made)."""
    global _LAST
    lex, pats = lexicon(), patterns()
    last = _LAST
    if last is None or last[1] is not lex or last[2] is not pats or last[0] != text:
        plain = mask_links(text)
        last = _LAST = (
            text,
            lex,
            pats,
            scan(plain, lex),
            pattern_evidence(plain),
            text_language(plain),
        )
    st = last[3]
    return replace(st, evidence=list(st.evidence)), last[4], last[5]


def extract(
    text: str,
    findings: Sequence[Any] | None = None,
    *,
    offset: int = 0,
) -> DocFeatures:
    """Compute the feature vector of ``text``.

    ``findings`` are the engine's findings for the document ``text`` belongs to; ``offset``
    is where ``text`` starts in that document (for scoring single sentences).
    """
    st, pats, text_lang = _text_part(text)
    st.evidence = merge_evidence(text, st.evidence, findings, offset, pats)
    values = [v for g in GROUPS.values() for v in g.fn(st)]
    z = st.zipf
    raw = {
        "words": float(st.n_words),
        "sentences": float(len(st.sent_lens)),
        "mattr": values[FEATURE_NAMES.index("mattr")],
        "sent_cv": values[FEATURE_NAMES.index("sent_cv")],
        "oov": _rate(st, "oov"),
        "zipf_mean": sum(z) / len(z) if z else 0.0,
        "rep3": values[FEATURE_NAMES.index("rep3")],
    }
    spans = [(s + offset, e + offset) for s, e in st.sent_spans]
    return DocFeatures(
        values,
        st.evidence,
        lang_evidence(st.evidence),
        st.sent_tokens,
        st.rhythm,
        spans,
        text_lang,
        st.n_words,
        raw,
    )
