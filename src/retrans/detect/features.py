"""Feature extraction for MT detection (stdlib only, a few milliseconds per document).

Three families of signals, all computed in one pass over the tokens:

* **interference evidence** (``ev_*``): calques, source-language name forms and typography
  from :mod:`retrans.detect.patterns`, untranslated foreign words from the shipped word lists,
  non-Latin script, and optionally the engine's findings (glossary ``GL101`` name forms with
  ``meta["lang"]``, rule-pack findings with ``meta["pack_source"]``);
* **lexical** features against an English frequency list (mean Zipf frequency, out-of-list
  and rare-word rates);
* **stylometric** features: function-word and punctuation profiles, sentence-length mean and
  variation, moving-average type/token ratio, repeated trigrams, suffix profiles.

Per-language evidence (for the source-language model) is kept in :attr:`DocFeatures.lang_ev`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from retrans.detect.lexicon import lexicon, patterns, trigger_scanner
from retrans.detect.patterns import SOURCE_LANGS
from retrans.detect.text import TOKEN_RE, sentences


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS: tuple[str, ...] = tuple(
    _words(
        "the a an of to in and that which who whose is are was were be been has have had will "
        "would can could may should must it its this these those there their they he she his her "
        "we our you i by for with on at from as not but or if so than also very more most such "
        "all some any each other into about after during while between against under over since "
        "until thus however indeed already still only even both whether what when where how one "
        "do did said says just well own same then now"
    )
)
BIGRAMS: tuple[tuple[str, str], ...] = tuple(
    (a, b)
    for a, _, b in (
        pair.partition("_")
        for pair in _words(
            "of_the in_the to_the on_the it_is there_is the_same in_order as_well "
            "has_been will_be is_a of_a that_the which_is as_a"
        )
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
    '"': "quote",
    "“": "quote",
    "”": "quote",
    "«": "quote",
    "»": "quote",
    "„": "quote",
}

STYLE_NAMES: list[str] = (
    _words(
        "log_words sent_mean sent_cv sent_long sent_short mattr rep3 word_len long_word "
        "zipf_mean oov rare cap_mid allcaps digits lower_start apos_s contraction the_x_of"
    )
    + [f"p_{n}" for n in sorted(set(PUNCT.values()))]
    + [f"sfx_{s}" for s in SUFFIXES]
    + [f"fw_{w}" for w in FUNCTION_WORDS]
    + [f"bg_{a}_{b}" for a, b in BIGRAMS]
)
EVIDENCE_NAMES: list[str] = _words(
    "ev_calque ev_name ev_untranslated ev_typography ev_fcap ev_script"
)
FEATURE_NAMES: list[str] = STYLE_NAMES + EVIDENCE_NAMES
# Features that only make sense over a whole document (kept at document values when a
# single sentence is scored).
DOC_ONLY: frozenset[str] = frozenset(
    ["log_words", "sent_mean", "sent_cv", "sent_long", "sent_short", "mattr", "rep3"]
)
LANG_EV_NAMES: tuple[str, ...] = ("calque", "name", "untranslated", "typography", "fcap")

_DASH = sorted(set(PUNCT.values())).index("dash")
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "st"])
_NGRAM_PUNCT = {
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
}
_FW_INDEX = {w: i for i, w in enumerate(FUNCTION_WORDS)}
_BG_INDEX = {bg: i for i, bg in enumerate(BIGRAMS)}
_PUNCT_NAMES = sorted(set(PUNCT.values()))
_PUNCT_INDEX = {ch: _PUNCT_NAMES.index(name) for ch, name in PUNCT.items()}


@dataclass(slots=True)
class Evidence:
    """One piece of interference evidence, with the source languages it points to."""

    kind: str  # calque | name | untranslated | typography | script | fcap
    langs: tuple[str, ...]
    text: str
    start: int
    end: int
    code: str = ""  # the finding code when it came from the engine
    weight: float = 1.0  # strength of this piece of evidence (weak patterns count half)


@dataclass(slots=True)
class DocFeatures:
    values: list[float]
    evidence: list[Evidence] = field(default_factory=list)
    lang_ev: dict[str, list[float]] = field(default_factory=dict)
    sent_tokens: list[list[str]] = field(default_factory=list)  # normalised, for n-grams
    sent_spans: list[tuple[int, int]] = field(default_factory=list)
    text_lang: str = "und"
    n_words: int = 0
    raw: dict[str, float] = field(default_factory=dict)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_nonlatin_letter(ch: str) -> bool:
    return ch.isalpha() and ord(ch) > 0x24F and not ("\u1e00" <= ch <= "\u1eff")


def _finding_evidence(findings: Sequence[Any] | None, offset: int, limit: int) -> list[Evidence]:
    out: list[Evidence] = []
    if not findings:
        return out
    seen: set[tuple[int, int]] = set()
    for f in findings:
        code = str(getattr(f, "code", "") or "")
        meta = getattr(f, "meta", None) or {}
        if not isinstance(meta, dict):
            continue
        start = getattr(f, "start", None)
        end = getattr(f, "end", None)
        if not isinstance(start, int) or not isinstance(end, int):
            start, end = offset, offset
        if start < offset or end > limit or (start, end) in seen:
            continue
        lang = meta.get("lang") if code.startswith("GL101") else None
        pack = meta.get("pack_source")
        text = str(getattr(f, "text", "") or meta.get("match", "") or "")
        try:
            conf = float(getattr(f, "confidence", None) or meta.get("confidence", 1.0) or 1.0)
        except (TypeError, ValueError):
            conf = 1.0
        weight = min(max(conf, 0.3), 1.0)
        if (lang and lang != "en") or (pack and pack not in ("*", "en")):
            seen.add((start, end))
        if lang and lang != "en":
            out.append(
                Evidence("name", (str(lang),), text, start - offset, end - offset, code, weight)
            )
        elif pack and pack not in ("*", "en"):
            category = str(getattr(f, "category", "") or "")
            kind = "typography" if category in ("typography", "number", "date") else "calque"
            out.append(
                Evidence(kind, (str(pack),), text, start - offset, end - offset, code, weight)
            )
    return out


_CACHE_MAX = 200_000
_WordInfo = tuple[
    str,
    int,
    bool,
    bool,
    bool,
    bool,
    "tuple[str, ...] | None",
    int,
    str,
    "float | None",
    int,
    "tuple[str, ...] | None",
    int,
    tuple[int, ...],
]
_WORD_CACHE: dict[str, _WordInfo] = {}
_CONTRACTION_ENDS = ("n't", "'re", "'ve", "'ll", "'m", "'d")


def _word_info(tok: str, lex: Any) -> _WordInfo:
    """Everything about a word token that does not depend on its context (cached)."""
    low = tok.lower()
    ntok = low.replace("’", "'")
    c0 = tok[0]
    apos = 0
    base = low
    if "'" in ntok:
        if ntok.endswith("'s"):
            apos = 1
            base = low[:-2]
        elif ntok.endswith(_CONTRACTION_ENDS):
            apos = 2
    en = lex.en_zipf
    z = en.get(base)
    if z is None and "-" in base:
        parts = [en.get(p) for p in base.split("-")]
        if all(p is not None for p in parts):
            z = min(p for p in parts if p is not None)
    script = 0
    hit = None
    if _is_nonlatin_letter(c0):
        if z is None:
            script = 1 if _is_cyrillic(c0) else 2
    else:
        hit = lex.foreign.get(base)
    fwi = _FW_INDEX.get(base, -1)
    sfxs = tuple(
        k for k, suf in enumerate(SUFFIXES) if base.endswith(suf) and len(base) > len(suf) + 2
    )
    return (
        ntok,
        len(tok),
        len(tok) >= 10,
        c0.islower(),
        c0.isupper(),
        tok.isupper() and len(tok) > 1,
        lex.stop.get(low),
        apos,
        base,
        z,
        script,
        hit,
        fwi,
        sfxs,
    )


def _token_start(text: str, index: int) -> int:
    """Offset of the ``index``-th token of ``text`` (only needed for rare evidence)."""
    for i, m in enumerate(TOKEN_RE.finditer(text)):
        if i == index:
            return m.start()
    return 0


def _overlaps(a: Evidence, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


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
    lex = lexicon()
    n_fw = len(FUNCTION_WORDS)
    fw = [0] * n_fw
    bg = [0] * len(BIGRAMS)
    punct = [0] * len(_PUNCT_NAMES)
    sfx = [0] * len(SUFFIXES)
    evidence: list[Evidence] = []

    sents = sentences(text)
    sent_lens: list[int] = []
    words_lower: list[str] = []
    n_words = n_chars = long_words = 0
    zipf_sum = 0.0
    zipf_n = oov = rare = 0
    cap_mid = allcaps = digits = lower_start = apos_s = contractions = 0
    stop_hits = dict.fromkeys(lex.stop_langs, 0)
    cyr = 0
    sent_tokens: list[list[str]] = []
    sent_spans: list[tuple[int, int]] = []
    cache = _WORD_CACHE
    for sent in sents:
        prev = ""
        first = True
        s_words = 0
        ntoks: list[str] = []
        sent_tokens.append(ntoks)
        sent_spans.append((sent.start + offset, sent.end + offset))
        toks = TOKEN_RE.findall(sent.text)
        for ti, (tok, num, pun) in enumerate(toks):
            if tok:
                info = cache.get(tok)
                if info is None:
                    info = _word_info(tok, lex)
                    if len(cache) < _CACHE_MAX:
                        cache[tok] = info
                (
                    ntok,
                    nch,
                    is_long,
                    lower0,
                    upper0,
                    multi_upper,
                    sl,
                    apos,
                    low,
                    z,
                    script,
                    hit,
                    fwi,
                    sfxs,
                ) = info
                s_words += 1
                n_chars += nch
                ntoks.append(ntok)
                if is_long:
                    long_words += 1
                if first:
                    if lower0:
                        lower_start += 1
                elif upper0:
                    if multi_upper:
                        allcaps += 1
                    else:
                        cap_mid += 1
                if sl:
                    for lang in sl:
                        stop_hits[lang] += 1
                if apos == 1:
                    apos_s += 1
                elif apos == 2:
                    contractions += 1
                if lower0 or first:
                    if z is not None:
                        zipf_sum += z
                        zipf_n += 1
                        if z < 3.5:
                            rare += 1
                    elif lower0:
                        oov += 1
                if script:
                    cyr += script == 1
                    pos = _token_start(sent.text, ti)
                    evidence.append(
                        Evidence(
                            "script",
                            ("ru",) if script == 1 else ("other",),
                            tok,
                            sent.start + pos,
                            sent.start + pos + nch,
                        )
                    )
                elif hit:
                    nxt = toks[ti + 1][0] if ti + 1 < len(toks) else ""
                    nxt_cap = bool(nxt) and nxt[0].isupper()
                    if not nxt_cap and (lower0 or (upper0 and not first and not multi_upper)):
                        pos = _token_start(sent.text, ti)
                        evidence.append(
                            Evidence(
                                "untranslated" if lower0 else "fcap",
                                hit,
                                tok,
                                sent.start + pos,
                                sent.start + pos + nch,
                            )
                        )
                if fwi >= 0:
                    fw[fwi] += 1
                if prev:
                    j = _BG_INDEX.get((prev, low))
                    if j is not None:
                        bg[j] += 1
                for k in sfxs:
                    sfx[k] += 1
                words_lower.append(low)
                prev = low
                first = False
            elif num:
                ntoks.append("<num>")
                digits += 1
                prev = ""
                first = False
            else:
                if not (pun == "." and prev in _ABBREV):
                    ntoks.append(_NGRAM_PUNCT.get(pun, pun))
                k2 = _PUNCT_INDEX.get(pun)
                if k2 is not None:
                    punct[k2] += 1
                elif pun == "-":
                    punct[_DASH] += 1
                if pun not in "\"“‘'(«„":
                    prev = ""
        n_words += s_words
        if s_words:
            sent_lens.append(s_words)

    # Interference patterns over the raw text.
    present = trigger_scanner().present(text.lower())
    for cp in patterns():
        if cp.triggers and present.isdisjoint(cp.triggers):
            continue
        p = cp.pattern
        for m in cp.regex.finditer(text):
            evidence.append(
                Evidence(p.kind, p.langs, m.group().strip(), m.start(), m.end(), weight=p.w)
            )
    # A pattern hit (curated name form, calque) supersedes word-level evidence on its span.
    pat_spans = [(e.start, e.end) for e in evidence if e.kind in ("name", "calque")]
    if pat_spans:
        evidence = [
            e
            for e in evidence
            if e.kind not in ("fcap", "untranslated") or not _overlaps(e, pat_spans)
        ]
    own_spans = [(e.start, e.end) for e in evidence]
    if findings:
        end_limit = offset + len(text)
        for e in _finding_evidence(findings, offset, end_limit):
            if not _overlaps(e, own_spans):
                if not e.text:
                    e.text = text[e.start : e.end]
                evidence.append(e)

    nw = max(n_words, 1)
    ns = max(len(sent_lens), 1)
    mean_len = sum(sent_lens) / ns if sent_lens else 0.0
    if len(sent_lens) > 1:
        var = sum((x - mean_len) ** 2 for x in sent_lens) / (len(sent_lens) - 1)
        cv = math.sqrt(var) / max(mean_len, 1.0)
    else:
        cv = 0.0
    # moving-average type/token ratio, window 50
    win = 50
    if len(words_lower) <= win:
        mattr = len(set(words_lower)) / max(len(words_lower), 1)
    else:
        counts: dict[str, int] = {}
        for w in words_lower[:win]:
            counts[w] = counts.get(w, 0) + 1
        total = len(counts)
        acc = float(total)
        for i in range(win, len(words_lower)):
            old = words_lower[i - win]
            c = counts[old] - 1
            if c:
                counts[old] = c
            else:
                del counts[old]
                total -= 1
            new = words_lower[i]
            if new in counts:
                counts[new] += 1
            else:
                counts[new] = 1
                total += 1
            acc += total
        mattr = acc / (len(words_lower) - win + 1) / win
    # repeated trigrams
    tri: dict[tuple[str, str, str], int] = {}
    for i in range(len(words_lower) - 2):
        t = (words_lower[i], words_lower[i + 1], words_lower[i + 2])
        tri[t] = tri.get(t, 0) + 1
    rep3 = sum(c for c in tri.values() if c > 1) / max(len(tri), 1) if tri else 0.0
    the_x_of = 0
    for i in range(len(words_lower) - 2):
        if words_lower[i] == "the" and words_lower[i + 2] == "of":
            the_x_of += 1

    kinds: dict[str, float] = {}
    for e in evidence:
        kinds[e.kind] = kinds.get(e.kind, 0.0) + e.weight
    style = [
        math.log1p(n_words),
        mean_len,
        cv,
        sum(1 for x in sent_lens if x > 40) / ns,
        sum(1 for x in sent_lens if x < 6) / ns,
        mattr,
        rep3,
        n_chars / nw,
        long_words / nw,
        zipf_sum / zipf_n if zipf_n else 5.0,
        oov / nw,
        rare / max(zipf_n, 1),
        cap_mid / nw,
        allcaps / nw,
        digits / nw,
        lower_start / ns,
        apos_s / nw,
        contractions / nw,
        the_x_of / nw,
    ]
    style += [c / nw for c in punct]
    style += [c / nw for c in sfx]
    style += [c / nw for c in fw]
    style += [c / nw for c in bg]
    ev = [
        math.log1p(kinds.get("calque", 0)),
        math.log1p(kinds.get("name", 0)),
        math.log1p(kinds.get("untranslated", 0)),
        math.log1p(kinds.get("typography", 0)),
        math.log1p(kinds.get("fcap", 0)),
        math.log1p(kinds.get("script", 0)),
    ]
    lang_ev: dict[str, list[float]] = {}
    per: dict[str, list[float]] = {
        lg: [0.0] * len(LANG_EV_NAMES) for lg in (*SOURCE_LANGS, "other")
    }
    kind_idx = {k: i for i, k in enumerate(LANG_EV_NAMES)}
    for e in evidence:
        ki = kind_idx.get(e.kind)
        if e.kind == "script":
            ki = kind_idx["untranslated"]
        if ki is None:
            continue
        for lg in e.langs:
            per[lg if lg in per else "other"][ki] += e.weight
    for lg, cnt in per.items():
        lang_ev[lg] = [math.log1p(c) for c in cnt]

    text_lang = "und"
    if n_words:
        from retrans.langid import identify  # the program's one language identifier

        text_lang = identify(text)[0]
    raw = {
        "words": float(n_words),
        "sentences": float(len(sent_lens)),
        "mattr": mattr,
        "sent_cv": cv,
        "oov": oov / nw,
        "zipf_mean": zipf_sum / zipf_n if zipf_n else 0.0,
        "rep3": rep3,
    }
    return DocFeatures(
        style + ev, evidence, lang_ev, sent_tokens, sent_spans, text_lang, n_words, raw
    )
