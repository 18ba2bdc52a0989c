"""The glossary index for one text language: an Aho–Corasick automaton of every form that
must change in that language, built once and cached on disk keyed by the data's hash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from retrans import paths
from retrans.errors import DataError
from retrans.glossary.model import (
    KINDS,
    Entity,
    Style,
    conflicts,
    entity_files,
    load_entities,
    load_styles,
)

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
    replacement: str
    code: str  # GL101 foreign form, GL102 house style
    form_lang: str  # languages whose form this is, comma-separated ("" for a variant)
    guards: tuple[str, ...]


@dataclass
class GlossaryData:
    """Every entity and style, from the shipped glossaries plus configured extra paths."""

    entities: list[Entity]
    styles: dict[str, Style]
    files: list[Path]
    root: Path

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
        return cls(entities, styles, files, root)


def data_files(root: Path, extra: list[Path], lang: str) -> list[Path]:
    """Every file whose content decides the index of ``lang`` (for the cache key)."""
    files = paths.yaml_files(root) if root.exists() else []
    for p in extra:
        files.extend(paths.yaml_files(p) if p.exists() else [])
    for q in (root / "common" / f"{lang}.txt", root / "titles.txt"):
        if q.is_file():
            files.append(q)
    return files


def norm_key(form: str) -> str:
    """How forms are compared: lowercase, straight apostrophes, ё as е (same length)."""
    return form.lower().replace("’", "'").replace("ё", "е")


def common_words(root: Path, lang: str) -> frozenset[str]:
    p = root / "common" / f"{lang}.txt"
    if not p.is_file():
        return frozenset()
    return frozenset(w.strip() for w in p.read_text(encoding="utf-8").split() if w.strip())


def titles(root: Path) -> frozenset[str]:
    p = root / "titles.txt"
    if not p.is_file():
        return frozenset()
    return frozenset(
        w.strip().lower()
        for w in p.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    )


def _house(ent: Entity, kind: str, lang: str, style: Style | None) -> str | None:
    forms = ent.forms(kind).get(lang)
    if not forms:
        return None
    if style is not None:
        for pref in style.prefer.get(ent.id, {}).get(lang, []):
            if pref in forms:
                return pref
    return forms[0]


def build_targets(data: GlossaryData, lang: str, style: Style | None) -> dict[str, Target]:
    """Lowercased form → what to do with it in a ``lang`` text."""
    common = common_words(data.root, lang)
    own_all: set[str] = set()
    for ent in data.entities:
        own_all.update(norm_key(f) for f in ent.own_forms(lang))
    out: dict[str, Target] = {}
    ambiguous: set[str] = set()

    def add(key: str, tgt: Target) -> None:
        if key in ambiguous:
            return
        prev = out.get(key)
        if (
            prev is not None
            and prev.entity == tgt.entity
            and prev.code == tgt.code
            and prev.replacement == tgt.replacement
        ):
            # One form shared by several languages: name them all (English first).
            langs = sorted(
                set(prev.form_lang.split(",")) | {tgt.form_lang} - {""},
                key=lambda x: (x != "en", x),
            )
            out[key] = Target(
                prev.entity,
                prev.etype,
                prev.form,
                prev.replacement,
                prev.code,
                ",".join(langs),
                prev.guards,
            )
            return
        if prev is not None and (prev.entity != tgt.entity or prev.replacement != tgt.replacement):
            # Two entities (or two readings) want the same form: never guess.
            if prev.entity != tgt.entity or prev.code == tgt.code:
                del out[key]
                ambiguous.add(key)
                return
            if prev.code == "GL102":  # a house-style rewrite beats a foreign-form reading
                return
        out[key] = tgt

    for ent in data.entities:
        own = {norm_key(f) for f in ent.own_forms(lang)}
        guards = tuple(ent.guards)
        # House style: an accepted alternative in this language → the house form.
        for kind in KINDS:
            house = _house(ent, kind, lang, style)
            if house is None:
                continue
            for form in ent.forms(kind).get(lang, []):
                if norm_key(form) != norm_key(house):
                    add(
                        norm_key(form), Target(ent.id, ent.type, form, house, "GL102", lang, guards)
                    )
        # Foreign forms: another language's name (or a known variant) → this language's.
        candidates: list[tuple[str, str, str]] = []
        for kind in KINDS:
            for flang, forms in ent.forms(kind).items():
                if flang != lang:
                    candidates.extend((kind, flang, f) for f in forms)
        candidates.extend(("names", "", v) for v in ent.variants)
        for kind, flang, form in candidates:
            key = norm_key(form)
            if key in own or key in own_all or len(key) < 2:
                continue
            if " " not in key and key in common:
                continue  # also an ordinary word here (Maurice, Chili…): too risky
            repl = _house(ent, kind, lang, style)
            if repl is None and kind == "article":
                repl = _house(ent, "names", lang, style)
            if repl is None:
                continue
            add(key, Target(ent.id, ent.type, form, repl, "GL101", flang, guards))
    return out


@dataclass
class Index:
    """The automaton maps a lowercased form to its position in ``targets``."""

    lang: str
    automaton: Any
    targets: list[Target]
    titles: frozenset[str]
    root: str

    def __getstate__(self) -> dict[str, Any]:
        # Plain tuples unpickle several times faster than objects: the cold start matters.
        state = dict(self.__dict__)
        state["targets"] = [tuple(t) for t in self.targets]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["targets"] = [Target(*t) for t in state["targets"]]
        self.__dict__.update(state)

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
        return cls(lang, auto, targets, titles(data.root), str(data.root))


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

    files = data_files(root, list(extra), lang)
    return paths.disk_cached(
        f"glossary-{lang}", files, build, lang, style_name or "", str(root), use_cache=use_cache
    )
