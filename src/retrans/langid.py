"""Deterministic language identification of a whole document from function words.

A function-word profile is exact, instant and deterministic on news-length text for the
languages retrans serves; langdetect (seeded) is only consulted when the profile is unsure.
"""

from __future__ import annotations

import re

_WORDS = {
    "en": "the of and to in is that for it was on with as by at from his her be this which are "
    "have has had not but were been will would they their who an said after about",
    "fr": "le la les des du un une et est dans pour que qui sur au aux pas par avec ce cette "
    "sont été il elle ont mais ou plus leur son ses nous vous était selon",
    "de": "der die das und ist nicht ein eine den dem des mit von zu auf für sich im auch "
    "wird wurde sind hat haben aus bei nach oder aber noch wie",
    "es": "el la los las de del y en que un una por con para es se su sus al lo como pero "
    "más fue ha han son este esta también entre",
    "it": "il lo la gli le di del della dei e che un una per con non si è sono nel nella al "
    "alla anche come ma più stato questo questa",
    "pt": "o a os as de do da dos das e que um uma para com não se é em no na por ao mais "
    "foi como mas seu sua também são pelo pela",
}
_PROFILES = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _PROFILES.items():
    for _w in _words:
        _WORD_LANGS[_w] = (*_WORD_LANGS.get(_w, ()), _lang)
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "ru")


def identify(text: str, default: str = "en", sample: int = 20_000) -> tuple[str, float]:
    """(language code, confidence 0..1) for ``text``; ``default`` when there is no evidence."""
    head = text[:sample]
    tokens = _TOKEN.findall(head.lower())
    if not tokens:
        return default, 0.0
    cyr = sum(1 for t in tokens if _CYRILLIC.match(t))
    if cyr / len(tokens) > 0.5:
        return "ru", min(1.0, cyr / len(tokens))
    counts = {lang: 0 for lang in _PROFILES}
    get = _WORD_LANGS.get
    for tok in tokens:
        for lang in get(tok, ()):
            counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], LANGUAGES.index(kv[0])))
    best, top = ranked[0]
    second = ranked[1][1]
    if top < 3 and len(head) < 300:
        return default, 0.0  # too little text to overrule the default
    if top == 0:
        return _fallback(head, default)
    conf = (top - second) / top
    if top < 3 or conf < 0.2:
        lang, c = _fallback(head, best)
        return lang, max(c, conf)
    return best, min(1.0, conf + min(top, 50) / 100)


def _fallback(text: str, default: str) -> tuple[str, float]:
    """Seeded langdetect for short or ambiguous text; never raises."""
    try:
        from langdetect import DetectorFactory, detect_langs
    except ImportError:  # pragma: no cover - langdetect is a dependency
        return default, 0.0
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except Exception:
        return default, 0.0
    lang = best.lang.split("-")[0]
    if lang not in LANGUAGES:
        return default, 0.0
    return lang, float(best.prob)
