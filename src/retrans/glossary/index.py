"""The glossary index for one text language: an Aho–Corasick automaton of every form that
must change in that language, built once and cached on disk keyed by the data's hash."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from retrans import paths
from retrans.errors import DataError
from retrans.glossary.model import (
    KINDS,
    Entity,
    Leftover,
    Style,
    conflicts,
    entity_files,
    load_entities,
    load_guards,
    load_leftovers,
    load_styles,
)
from retrans.glossary.model import __file__ as model_file
from retrans.packed import PackedDict

LANG_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
}


class Target(NamedTuple):
    """What to do when ``form`` is found in a text of the index's language."""

    entity: str
    etype: str
    form: str
    replacement: str  # the form itself for KEEP; "" for a report-only leftover
    code: str  # GL101 foreign form, GL102 house style, GL105 leftover word, KEEP own form
    form_lang: str  # languages whose form this is, comma-separated ("" for a variant)
    guards: tuple[str, ...]
    kind: str = "names"  # names | short | article (spellings are compared within a kind)
    robust: bool = False  # cannot be an ordinary word: matched in any casing
    house: str = ""  # the house (style) form of this kind, "" when no style prefers one
    canonical: str = ""  # the language's canonical form of this kind


# Codes of targets that are never edits by themselves (a form the text's language prints).
KEEP = "KEEP"
# Bump when Target or the matching contract changes: cached indexes are rebuilt.
INDEX_FORMAT = "names-6"


@dataclass
class GlossaryData:
    """Every entity and style, from the shipped glossaries plus configured extra paths."""

    entities: list[Entity]
    styles: dict[str, Style]
    files: list[Path]
    root: Path
    keep: list[str] = field(default_factory=list)
    leftovers: dict[str, list[Leftover]] = field(default_factory=dict)
    regions: tuple[str, ...] = ()  # guards.yaml: *Odessa, Texas* is another Odessa
    name_places: frozenset[str] = frozenset()  # guards.yaml first_names: *Dominique said*

    @classmethod
    def load(cls, extra: list[Path] | None = None, root: Path | None = None) -> GlossaryData:
        root = root or paths.glossary_dir()
        files = entity_files(root) if root.exists() else []
        for p in extra or []:
            if not p.exists():
                raise DataError("glossary path not found", str(p))
            files.extend(entity_files(p))
        entities = load_entities(files)
        errs = conflicts(entities)
        if errs:
            raise errs[0]
        by_id = {e.id: e for e in entities}
        styles = load_styles(root, by_id) if root.exists() else {}
        for p in extra or []:
            if p.is_dir():
                styles.update(load_styles(p, by_id))
        guards = load_guards(root)
        leftovers: dict[str, list[Leftover]] = {}
        for word in load_leftovers(root) if root.exists() else []:
            leftovers.setdefault(word.text_lang, []).append(word)
        return cls(
            entities,
            styles,
            files,
            root,
            guards.keep,
            leftovers,
            guards.regions,
            guards.first_names,
        )


def data_files(root: Path, extra: list[Path], lang: str) -> list[Path]:
    """Every file whose content decides the index of ``lang`` (for the cache key)."""
    files = paths.yaml_files(root) if root.exists() else []
    for p in extra:
        files.extend(paths.yaml_files(p) if p.exists() else [])
    for q in (
        root / "common" / f"{lang}.txt",
        unattested_file(root, lang),
        root / "titles.txt",
        root / "first_names.txt",
    ):
        if q.is_file():
            files.append(q)
    return files


def weak_form(etype: str, form: str) -> bool:
    """A place or organisation's single plain word (*Moscou*, *Cina*, *Madri*) could be a
    word or name of any language; a longer form, one with diacritics (*Pékin*) or a person's
    surname (*Poutine*) is itself evidence of a leftover."""
    return etype != "person" and " " not in form and "-" not in form and form.isascii()


def unattested_file(root: Path, lang: str) -> Path:
    return root / "common" / f"{lang}-unattested.txt"


def unattested(root: Path, lang: str) -> frozenset[str]:
    """Weak forms (``weak_form``) of other languages that the word frequencies of ``lang``
    and of the other European languages (bar the form's own) do not hold at all (*Moscovo*,
    *Varsavia*; not *Cina*, a wrestler, *Orano*, a French company, or *Inde*): a text in
    ``lang`` cannot mean them as a word or a name, so each is evidence of itself. Written by
    ``tools/build_glossaries.py``; a form the file lacks stays weak."""
    return paths.word_list(unattested_file(root, lang))


def norm_key(form: str) -> str:
    """How forms are compared: lowercase, straight apostrophes, ё as е (same length)."""
    return form.lower().replace("’", "'").replace("ё", "е")


def common_words(root: Path, lang: str) -> frozenset[str]:
    p = root / "common" / f"{lang}.txt"
    if not p.is_file():
        return frozenset()
    return frozenset(w.strip() for w in p.read_text(encoding="utf-8").split() if w.strip())


def first_names(data: GlossaryData, lang: str, common: frozenset[str]) -> frozenset[str]:
    """Lowercase first names that are no common word, from ``first_names.txt`` (a lower-cased
    word after one is a surname MT failed to case). A curated list, not every glossary
    person's first token: *Gautam*, *Qin* are not safe triggers."""
    out = {w.lower() for w in paths.word_list(data.root / "first_names.txt")}
    return frozenset(w for w in out if w.isalpha() and len(w) > 2 and w not in common)


def titles(root: Path) -> frozenset[str]:
    return frozenset(w.lower() for w in paths.word_list(root / "titles.txt"))


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ı": "i", "ß": "ss"})
_EXPAND = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def deaccent(text: str) -> str:
    """``Peña`` → ``Pena``, ``Łódź`` → ``Lodz``: the spelling a press without diacritics prints."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


# Countries whose people's names English romanises several ways (Yanukovich / Yanukovych).
_ARABIC_NAMES = frozenset(
    [
        "PS",
        "EG",
        "SY",
        "IQ",
        "JO",
        "LB",
        "SA",
        "YE",
        "LY",
        "TN",
        "DZ",
        "MA",
        "SD",
        "AE",
        "QA",
        "KW",
        "BH",
        "OM",
        "MR",
    ]
)
_CYRILLIC_NAMES = frozenset(
    ["RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "MD", "GE", "AM", "AZ", "BG", "RS", "MK"]
)


def derived_spellings(form: str, lang: str, etype: str, country: str | None = None) -> set[str]:
    """Accepted spellings of a form in its own language that need not be listed as data:
    dropped diacritics (*Pena Nieto*, *Chavez*, *Cancun*), German umlauts written out
    (*Schroeder*), for English place names *St.* / *St* / *Saint*, and for English names
    romanised from Cyrillic the other common scheme (*Yanukovich*, *Dmitri*)."""
    if lang == "ru":
        return set()
    out = {deaccent(form), deaccent(form.translate(_EXPAND))}
    if lang == "en" and etype == "person" and country in _ARABIC_NAMES and "ou" in form:
        out.add(form.replace("ou", "u"))  # Mahmoud / Mahmud
    if lang == "en" and etype == "person" and country in _CYRILLIC_NAMES:
        for a, b in (("ych", "ich"), ("iy", "y"), ("yy", "yi"), ("iye", "ie"), ("Ye", "E")):
            if a in form:
                out.add(form.replace(a, b))
        words = form.split(" ")
        for i, w in enumerate(words):
            for a, b in (("y", "i"), ("i", "y")):
                if len(w) > 3 and w.endswith(a):
                    out.add(" ".join([*words[:i], w[:-1] + b, *words[i + 1 :]]))
    if lang == "en" and etype == "place":
        for a, b in (("Saint ", "St. "), ("St. ", "Saint "), ("St. ", "St "), ("Saint ", "St ")):
            if form.startswith(a):
                out.add(b + form[len(a) :])
    out.discard(form)
    return out


def _robust(form: str, common: frozenset[str], etype: str) -> bool:
    """A form that cannot be ordinary words of the text, so that it may be matched in any
    casing: a person's full name, or several words / a hyphen / a letter outside ASCII with
    a word the language's common-word list lacks (*États-unis*; not *ivory coast*). A
    single ASCII word never is: the list lacks rare words (*poutine*, the dish)."""
    multi = " " in form or "-" in form
    if multi and etype == "person":
        return True
    if multi or any(ord(c) > 127 and c.isalpha() for c in form):
        words = [w for w in re.split(r"[\s-]+", form.lower()) if w]
        return not all(w in common for w in words)
    return False


def _style_pref(ent: Entity, kind: str, lang: str, style: Style | None) -> str | None:
    """The form of ``kind`` the style prefers for this entity, or None."""
    if style is None:
        return None
    forms = ent.forms(kind).get(lang) or []
    keys = {norm_key(f) for f in forms}
    for pref in style.prefer.get(ent.id, {}).get(lang, []):
        if norm_key(pref) in keys:
            return pref
    if style.default_canonical and forms:
        return forms[0]
    return None


def _house(ent: Entity, kind: str, lang: str, style: Style | None) -> str | None:
    forms = ent.forms(kind).get(lang)
    if not forms:
        return None
    return _style_pref(ent, kind, lang, style) or forms[0]


def own_spellings(ent: Entity, lang: str) -> dict[str, list[str]]:
    """Kind → every spelling the language's press prints: listed forms, then derived ones."""
    out: dict[str, list[str]] = {}
    for kind in KINDS:
        forms = list(ent.forms(kind).get(lang, []))
        seen = {norm_key(f) for f in forms}
        for f in list(forms):
            for d in sorted(derived_spellings(f, lang, ent.type, ent.country)):
                if norm_key(d) not in seen:
                    seen.add(norm_key(d))
                    forms.append(d)
        if forms:
            out[kind] = forms
    return out


def build_targets(data: GlossaryData, lang: str, style: Style | None) -> dict[str, Target]:
    """Lowercased form → what to do with it in a ``lang`` text.

    Three kinds of form per entity: its canonical form in ``lang``, the accepted variants
    ``lang``'s press prints (later listed forms and derived spellings: never edited unless a
    house style prefers another form, GL102), and foreign forms (other languages' forms and
    ``variants``: GL101). Every form of every language is in the index, so that matching is
    longest-first across languages (*Ho Chi Minh City* is never read as *Ho Chi Minh* + City).
    """
    common = common_words(data.root, lang)
    own_all: set[str] = set()
    owns: dict[str, dict[str, list[str]]] = {}
    for ent in data.entities:
        owns[ent.id] = own_spellings(ent, lang)
        for forms in owns[ent.id].values():
            own_all.update(norm_key(f) for f in forms)
    table = _Targets()
    for ent in data.entities:
        for key, tgt in _own_targets(ent, owns[ent.id], lang, style, common):
            table.add(key, tgt)
        for key, tgt in _foreign_targets(ent, lang, style, common, own_all):
            table.add(key, tgt)
    for form in data.keep:
        table.add(norm_key(form), Target("", "guard", form, form, KEEP, "", ()))
    out = table.out
    for word in data.leftovers.get(lang, []):
        key = norm_key(word.form)
        if key not in out:
            out[key] = _leftover_target(word)
    return out


class _Targets:
    """The form → target table, merging the targets several entities or languages give a form."""

    def __init__(self) -> None:
        self.out: dict[str, Target] = {}
        self.ambiguous: set[str] = set()

    def add(self, key: str, tgt: Target) -> None:
        out = self.out
        if key in self.ambiguous:
            return
        prev = out.get(key)
        if prev is None:
            out[key] = tgt
            return
        if prev.entity == tgt.entity and prev.code == tgt.code:
            if prev.replacement == tgt.replacement:
                # One form shared by several languages: name them all (English first).
                langs = sorted(
                    set(prev.form_lang.split(",")) | {tgt.form_lang} - {""},
                    key=lambda x: (x != "en", x),
                )
                out[key] = prev._replace(form_lang=",".join(langs))
            return
        if prev.code == KEEP and tgt.code == KEEP:
            out[key] = prev._replace(entity="", code=KEEP)  # two entities' spelling: keep only
            return
        if KEEP in (prev.code, tgt.code):
            if tgt.code == KEEP:
                out[key] = tgt
            return  # a form the language prints is never an edit
        # Two entities (or two readings) want the same form: never guess, but never let a
        # shorter form match inside it either.
        out[key] = Target("", prev.etype, prev.form, prev.form, KEEP, "", ())
        self.ambiguous.add(key)


def _own_targets(
    ent: Entity,
    own: dict[str, list[str]],
    lang: str,
    style: Style | None,
    common: frozenset[str],
) -> Iterator[tuple[str, Target]]:
    """Own spellings: kept, or under a house style that prefers another form, GL102."""
    guards = tuple(ent.guards)
    for kind, forms in own.items():
        listed = ent.forms(kind).get(lang, [])
        canonical = listed[0] if listed else forms[0]
        pref = _style_pref(ent, kind, lang, style)
        for form in forms:
            robust = _robust(form, common, ent.type)
            if pref is not None and norm_key(form) != norm_key(pref):
                tgt = Target(
                    ent.id,
                    ent.type,
                    form,
                    pref,
                    "GL102",
                    lang,
                    guards,
                    kind,
                    robust,
                    pref,
                    canonical,
                )
            else:
                tgt = Target(
                    ent.id,
                    ent.type,
                    form,
                    form,
                    KEEP,
                    lang,
                    guards,
                    kind,
                    robust,
                    pref or "",
                    canonical,
                )
            yield norm_key(form), tgt


def _foreign_targets(
    ent: Entity,
    lang: str,
    style: Style | None,
    common: frozenset[str],
    own_all: set[str],
) -> Iterator[tuple[str, Target]]:
    """Foreign forms: another language's name (or a known variant) → this language's, GL101."""
    guards = tuple(ent.guards)
    candidates: list[tuple[str, str, str]] = []
    for kind in KINDS:
        for flang, forms in ent.forms(kind).items():
            if flang != lang:
                candidates.extend((kind, flang, f) for f in forms)
    candidates.extend(("names", "", v) for v in ent.variants)
    for kind, flang, form in candidates:
        key = norm_key(form)
        if key in own_all or len(key) < 2:
            continue
        if " " not in key and key in common:
            continue  # also an ordinary word here (Maurice, Chili…): too risky
        tkind = kind
        repl = _house(ent, kind, lang, style)
        if repl is None and kind == "article":
            tkind = "names"
            repl = _house(ent, "names", lang, style)
        if repl is None:
            continue
        listed = ent.forms(tkind).get(lang, [])
        yield (
            key,
            Target(
                ent.id,
                ent.type,
                form,
                repl,
                "GL101",
                flang,
                guards,
                tkind,
                _robust(form, common, ent.type),
                _style_pref(ent, tkind, lang, style) or "",
                listed[0] if listed else repl,
            ),
        )


def _leftover_target(word: Leftover) -> Target:
    """A source-language word left untranslated, GL105."""
    return Target(
        "",
        "word",
        word.form,
        word.translation,
        "GL105",
        word.lang,
        tuple("<" + g for g in word.not_after) + tuple(">" + g for g in word.not_before),
        "word",
        False,
        "",
        word.translation,
    )


class PackedTargets(Sequence[Target]):
    """An index's targets as one marshalled blob, each unpacked when a match reads it: a
    check of one draft reads a few dozen of 8,000 (making them all cost ≈ 10 ms a start).
    Each is unpacked once per process (a folder's texts read the same common forms again)."""

    __slots__ = ("_blob", "_ends", "_made")

    def __init__(self, blob: bytes, ends: Any) -> None:
        self._blob, self._ends = blob, ends
        self._made: dict[int, Target] = {}

    @classmethod
    def pack(cls, targets: Sequence[Target]) -> PackedTargets:
        import marshal
        from array import array

        parts = [marshal.dumps(tuple(t)) for t in targets]
        ends = array("Q")
        n = 0
        for part in parts:
            n += len(part)
            ends.append(n)
        return cls(b"".join(parts), ends)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: Any) -> Any:
        made = self._made.get(i) if type(i) is int else None
        if made is not None:
            return made
        import marshal

        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = range(len(self._ends))[i]  # negative indices, IndexError as a list gives them
        start = self._ends[i - 1] if i else 0
        made = Target._make(marshal.loads(self._blob[start : self._ends[i]]))  # MAC'd cache
        self._made[i] = made
        return made

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # the blob out of band where the pickler can keep it so (``retrans.mapped``: loaded
        # as a view of a mapped file); a view pickles as bytes
        if isinstance(protocol, int) and protocol >= 5:
            import pickle

            return (PackedTargets, (pickle.PickleBuffer(self._blob), self._ends))
        return (PackedTargets, (bytes(self._blob), self._ends))


_RUN = re.compile(r"[^\W_]+")  # a maximal run of letters and digits (``str.isalnum``)
# Characters of text a process matches by first word before it loads the automaton (≈ 7 ms
# from its disk cache, ≈ 25 ms to build; matching by first word costs ≈ 0.25 ms more per
# 1,000 characters).
_AUTOMATON_AFTER = 80_000


class _LazyAutomaton:
    """``Index.automaton`` of an index loaded from the cache: built from the forms when
    something first uses it (matching does not: ``Index.occurrences``)."""

    __slots__ = ("_auto", "_heads", "_key_len", "_odd")

    def __init__(self, heads: PackedDict[Any], odd: tuple[Any, ...]) -> None:
        self._heads, self._odd, self._auto = heads, odd, None
        self._key_len: dict[int, int] | None = None

    def _built(self) -> Any:
        if self._auto is None:
            self._auto, self._key_len = _automaton_of(self._heads, self._odd)
        return self._auto

    def key_len(self) -> dict[int, int]:
        """Target position → length of its form (``Index._by_automaton``)."""
        self._built()
        assert self._key_len is not None
        return self._key_len

    def __getattr__(self, name: str) -> Any:
        return getattr(self._built(), name)

    def __len__(self) -> int:
        return len(self._built())


def _automaton_of(heads: PackedDict[Any], odd: tuple[Any, ...]) -> tuple[Any, dict[int, int]]:
    """The automaton of the forms ``heads`` and ``odd`` hold, and each target's form length,
    cached on disk by their content: building it costs ≈ 25 ms (loading ≈ 5 ms), once in
    each process that matches more than ``_AUTOMATON_AFTER`` characters (a folder)."""
    import marshal

    from retrans import cache

    try:  # the C module itself, as ``paths.files_hash``
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    h = blake2b(digest_size=16)
    h.update(f"{INDEX_FORMAT}:{ahocorasick.__name__}".encode())
    for blob in heads._blobs:
        h.update(blob)
    h.update(marshal.dumps(odd))
    kind = "glossary-automaton"
    folder = paths.cache_dir()
    name = f"{kind}-{h.hexdigest()}.pickle"

    def build() -> tuple[Any, dict[int, int]]:
        pairs = [kv for b in heads._blobs for v in marshal.loads(b).values() for kv in v]
        auto = ahocorasick.Automaton()
        for key, ti in sorted(pairs + list(odd)):
            auto.add_word(key, ti)
        if len(auto):
            auto.make_automaton()
        return auto, {ti: len(k) for k, ti in auto.items()}

    import os

    new = not os.path.exists(folder / name)
    auto, key_len = cache.cached(folder, name, build)
    if new:  # a file was added: drop stale ones, as ``paths.disk_cached`` does
        import contextlib

        with contextlib.suppress(OSError):
            paths._prune(kind)
    return auto, key_len


class SharedCommon:
    """``common_words(glossary_dir(), lang)`` answered from the lists ``retrans.langid``
    loads anyway, unpacked per shard (a frozenset of 20,000 words costs ≈ 5 ms a start)."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __contains__(self, word: object) -> bool:
        from retrans.langid import is_common

        return isinstance(word, str) and is_common(word, self.lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (SharedCommon, (self.lang,))


def _shared_common(root: str, lang: str) -> bool:
    """The index's common words are langid's list of ``lang`` (same file)."""
    from retrans.langid import LANGUAGES

    return lang in LANGUAGES and Path(root) == paths.glossary_dir()


@dataclass
class Index:
    """The automaton maps a lowercased form to its position in ``targets``."""

    lang: str
    automaton: Any
    targets: Sequence[Target]
    titles: frozenset[str]
    root: str
    first_names: frozenset[str] = frozenset()  # lowercase, not common words
    common: Container[str] = frozenset()  # SharedCommon once loaded from the cache
    unattested: frozenset[str] = frozenset()  # weak forms that are evidence of themselves
    regions: tuple[str, ...] = ()  # after a place and a comma: another place of that name
    name_places: frozenset[str] = frozenset()  # place forms that are first names too

    def __getstate__(self) -> dict[str, Any]:
        # One blob unpickles faster than 8,000 objects: the cold start matters.
        state = dict(self.__dict__)
        if not isinstance(self.targets, PackedTargets):
            state["targets"] = PackedTargets.pack(self.targets)
        if _shared_common(self.root, self.lang):  # the same list langid keeps: no copy
            state["common"] = SharedCommon(self.lang)
        # The forms by first word instead of the automaton (2.4 MB, ≈ 6 ms to unpickle): it is
        # rebuilt from them only if something asks for it.
        state["_heads"], state["_odd"] = self._by_head()
        state["automaton"] = None
        state.pop("_scanned", None)  # per process
        state.pop("_key_len", None)
        state.pop("_regions_rx", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if not isinstance(state["targets"], PackedTargets):  # a cache of plain tuples
            state["targets"] = [Target(*t) for t in state["targets"]]
        self.__dict__.update(state)
        if self.automaton is None and "_heads" in state:
            self.automaton = _LazyAutomaton(state["_heads"], state["_odd"])

    def _by_head(self) -> tuple[PackedDict[tuple[tuple[str, int], ...]], tuple[Any, ...]]:
        """The forms (key, target position) by their first word, and the odd ones apart."""
        found = self.__dict__.get("_heads")
        if found is not None:
            return found, self.__dict__["_odd"]
        heads: dict[str, list[tuple[str, int]]] = {}
        odd: list[tuple[str, int]] = []
        for key, ti in sorted(self.automaton.items(), key=lambda kv: kv[1]):
            m = _RUN.match(key)
            if m is None or len(key) != len(self.targets[ti].form):
                odd.append((key, ti))  # no letter first, or a form of another length
            else:
                heads.setdefault(m.group(), []).append((key, ti))
        packed = PackedDict.pack({k: tuple(v) for k, v in heads.items()})
        self.__dict__["_heads"], self.__dict__["_odd"] = packed, tuple(odd)
        return packed, tuple(odd)

    def region_after(self, text: str, end: int) -> bool:
        """A comma and a region (``regions``) follow ``end``: *Odessa, Texas*, *St.
        Petersburg, Fla.* name another place than the entity (callers test the comma)."""
        rx = self.__dict__.get("_regions_rx")
        if rx is None:
            alts = "|".join(re.escape(r) for r in sorted(self.regions, key=len, reverse=True))
            rx = re.compile(rf",[ \t]+(?:{alts})(?![^\W_])" if alts else r"(?!)")
            self.__dict__["_regions_rx"] = rx
        return rx.match(text, end) is not None

    def occurrences(self, low: str) -> list[tuple[int, int, int]]:
        """(start, length, target position) of forms occurring in ``low`` (the lowercased
        text, same length): every occurrence a name can be (``match.find`` keeps those whose
        boundaries hold), as the automaton finds them.

        An index loaded from the cache looks forms up by their first word (``_by_heads``):
        cheaper than loading its automaton for the first texts of a process; past
        ``_AUTOMATON_AFTER`` characters, the automaton is built and used."""
        scanned = self.__dict__.get("_scanned", 0) + len(low)
        self.__dict__["_scanned"] = scanned
        auto = self.automaton
        if isinstance(auto, _LazyAutomaton) and auto._auto is None and scanned < _AUTOMATON_AFTER:
            return self._by_heads(low)
        return self._by_automaton(low)

    def _by_automaton(self, low: str) -> list[tuple[int, int, int]]:
        key_len = self.__dict__.get("_key_len")
        if key_len is None:
            auto = self.automaton
            if isinstance(auto, _LazyAutomaton):  # kept with the automaton (disk cache)
                key_len = auto.key_len()
            else:
                key_len = {ti: len(k) for k, ti in auto.items()}
            self.__dict__["_key_len"] = key_len
        return [(e + 1 - key_len[ti], key_len[ti], ti) for e, ti in self.automaton.iter(low)]

    def _by_heads(self, low: str) -> list[tuple[int, int, int]]:
        """The occurrences a name can be, found by first word.

        A kept form starts where no letter or digit precedes it; one whose first character
        is a letter or digit therefore starts a maximal run of them in ``low``, and that run
        is the form's first word: either the form goes on with another character, or it must
        end where no letter or digit follows (lowercasing keeps ``isalnum``, checked over
        Unicode, and ``[^\\W_]`` is ``isalnum``). So only the forms filed under each run are
        tried there; forms of no such kind (a first character that is no letter or digit,
        a lowercase form of another length) are searched for everywhere."""
        heads, odd = self._by_head()
        out: list[tuple[int, int, int]] = []
        get = heads.get
        for m in _RUN.finditer(low):
            cands = get(m.group())
            if cands:
                s = m.start()
                for key, ti in cands:
                    if low.startswith(key, s):
                        out.append((s, len(key), ti))
        for key, ti in odd:
            i = low.find(key)
            while i >= 0:
                out.append((i, len(key), ti))
                i = low.find(key, i + 1)
        return out

    @classmethod
    def build(cls, data: GlossaryData, lang: str, style: Style | None) -> Index:
        table = build_targets(data, lang, style)
        auto = ahocorasick.Automaton()
        targets: list[Target] = []
        for key in sorted(table):
            auto.add_word(key, len(targets))
            targets.append(table[key])
        if targets:
            auto.make_automaton()
        common = common_words(data.root, lang)
        return cls(
            lang,
            auto,
            targets,
            titles(data.root),
            str(data.root),
            first_names(data, lang, common),
            common,
            unattested(data.root, lang),
            data.regions,
            data.name_places,
        )


def get_index(
    lang: str,
    style_name: str | None = None,
    extra: tuple[Path, ...] = (),
    root: Path | None = None,
    use_cache: bool = True,
) -> Index:
    """The index for ``lang``: from the disk cache unless the glossary data has changed."""
    root = root or paths.glossary_dir()

    def build() -> Index:
        data = GlossaryData.load(list(extra), root)
        style = None
        if style_name:
            style = data.styles.get(style_name)
            if style is None:
                known = ", ".join(sorted(data.styles)) or "none"
                raise DataError(f"unknown house style {style_name!r} (known: {known})")
        return Index.build(data, lang, style)

    # The code that builds the index is part of its key: a changed rule rebuilds it.
    files = [*data_files(root, list(extra), lang), Path(__file__), Path(model_file)]
    from retrans.mapped import disk_cached_mapped  # the targets' blob mapped, not read

    return disk_cached_mapped(
        f"glossary-{lang}",
        files,
        build,
        lang,
        style_name or "",
        str(root),
        INDEX_FORMAT,
        use_cache=use_cache,
    )
