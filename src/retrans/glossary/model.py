"""Glossary entities and house styles: loading and validation (errors name file and line)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from retrans import yamlio
from retrans.errors import DataError
from retrans.langid import LANGUAGES
from retrans.paths import yaml_files

TYPES = ("person", "place", "organisation")
# Files at a glossary root that hold other data than entities.
ROOT_DATA = frozenset({"guards.yaml", "leftovers.yaml"})
KINDS = ("names", "short", "article")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KEYS = {
    "id",
    "type",
    "country",
    "names",
    "short",
    "article",
    "variants",
    "guards",
    "note",
    yamlio.LINE_KEY,
}


@dataclass
class Entity:
    """One glossary entity: its names and forms per language."""

    id: str
    type: str
    names: dict[str, list[str]]
    short: dict[str, list[str]] = field(default_factory=dict)
    article: dict[str, list[str]] = field(default_factory=dict)
    variants: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-2 of the country a person's role is tied to
    file: str = ""
    line: int = 0

    def forms(self, kind: str) -> dict[str, list[str]]:
        forms: dict[str, list[str]] = getattr(self, kind)
        return forms

    def own_forms(self, lang: str) -> set[str]:
        return {f for kind in KINDS for f in self.forms(kind).get(lang, [])}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type, "names": self.names}
        for key in ("country", "short", "article", "variants", "guards"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        d["file"] = self.file
        d["line"] = self.line
        return d


@dataclass
class Style:
    """A house style: per entity and language, the listed forms the house prints. Accepted
    variants are rewritten (GL102) only for the entities a style names, or for every entity
    when ``default: canonical`` (the canonical form everywhere)."""

    name: str
    description: str
    prefer: dict[str, dict[str, list[str]]]
    file: str = ""
    default_canonical: bool = False


@dataclass
class Leftover:
    """A source-language word MT leaves untranslated (*État*): reported (GL105), and replaced
    by ``translation`` where that is the only reading."""

    form: str
    lang: str  # the language the word comes from
    text_lang: str  # the text language where it is a leftover
    translation: str  # "" = report only
    not_after: tuple[str, ...] = ()  # lowercase text right before it that makes it fine
    not_before: tuple[str, ...] = ()  # lowercase text right after it that makes it fine
    examples: list[dict[str, str]] = field(default_factory=list)
    line: int = 0


def _forms(value: Any, where: str, path: str, line: int | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: expected a name or a list of names", path, line)
    return [v.strip() for v in value]


def _per_lang(value: Any, where: str, path: str, line: int | None) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataError(f"{where}: expected a mapping of language → names", path, line)
    out: dict[str, list[str]] = {}
    for lang, forms in value.items():
        if lang == yamlio.LINE_KEY:
            continue
        if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
            raise DataError(f"{where}: bad language code {lang!r}", path, line)
        out[lang] = _forms(forms, f"{where}.{lang}", path, line)
    return out


def parse_entity(raw: Any, path: str) -> Entity:
    line = yamlio.line_of(raw)
    if not isinstance(raw, dict):
        raise DataError("an entity must be a mapping", path, line)
    unknown = set(raw) - _KEYS
    if unknown:
        raise DataError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}", path, line)
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise DataError(f"bad or missing id {eid!r} (lowercase letters, digits, -)", path, line)
    etype = raw.get("type")
    if etype not in TYPES:
        raise DataError(f"{eid}: type must be one of {', '.join(TYPES)}", path, line)
    names = _per_lang(raw.get("names"), f"{eid}.names", path, line)
    if not names:
        raise DataError(f"{eid}: no names", path, line)
    country = raw.get("country")
    if country is not None and not (
        isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)
    ):
        raise DataError(f"{eid}: country must be an ISO 3166 code like FR", path, line)
    variants = _forms(raw.get("variants") or [], f"{eid}.variants", path, line)
    guards = _forms(raw.get("guards") or [], f"{eid}.guards", path, line)
    return Entity(
        id=eid,
        type=etype,
        names=names,
        short=_per_lang(raw.get("short"), f"{eid}.short", path, line),
        article=_per_lang(raw.get("article"), f"{eid}.article", path, line),
        variants=variants,
        guards=guards,
        country=country,
        file=path,
        line=line or 0,
    )


def entity_files(root: Path) -> list[Path]:
    """Entity files under a glossary root (house styles live in ``styles/``)."""
    if root.is_file():
        return [root]
    return [
        p
        for p in yaml_files(root)
        if "styles" not in p.relative_to(root).parts[:-1]
        and p.relative_to(root).as_posix() not in ROOT_DATA
    ]


def load_entities(paths: Iterable[Path]) -> list[Entity]:
    entities: list[Entity] = []
    seen: dict[str, Entity] = {}
    for path in paths:
        data = yamlio.load(path)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
            raise DataError("a glossary file needs a top-level 'entities:' list", str(path), 1)
        for raw in data["entities"]:
            ent = parse_entity(raw, str(path))
            if ent.id in seen:
                first = seen[ent.id]
                raise DataError(
                    f"duplicate id {ent.id!r} (first at {first.file}:{first.line})",
                    str(path),
                    ent.line,
                )
            seen[ent.id] = ent
            entities.append(ent)
    return entities


def conflicts(entities: list[Entity]) -> list[DataError]:
    """One form claimed by two entities in one language (names, short forms or variants)."""
    errors: list[DataError] = []
    owner: dict[tuple[str, str], Entity] = {}
    for ent in entities:
        claims: set[tuple[str, str]] = set()
        for kind in KINDS:
            for lang, forms in ent.forms(kind).items():
                claims.update((lang, f.lower()) for f in forms)
        claims.update(("*variant*", v.lower()) for v in ent.variants)
        for key in sorted(claims):
            other = owner.get(key)
            if other is not None and other.id != ent.id:
                lang, form = key
                errors.append(
                    DataError(
                        f"{form!r} ({lang}) claimed by {ent.id} and {other.id} "
                        f"(at {other.file}:{other.line})",
                        ent.file,
                        ent.line,
                    )
                )
            else:
                owner[key] = ent
    return errors


def missing_languages(entities: list[Entity], langs: Iterable[str] = LANGUAGES) -> list[str]:
    need = list(langs)
    out = []
    for ent in entities:
        miss = [lang for lang in need if lang not in ent.names]
        if miss:
            out.append(f"{ent.file}:{ent.line}: {ent.id}: no name in {', '.join(miss)}")
    return out


def load_styles(root: Path, entities: dict[str, Entity]) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    sdir = root / "styles" if root.is_dir() else None
    if sdir is None or not sdir.is_dir():
        return styles
    for path in sorted(sdir.glob("*.yaml")):
        styles.update(load_style_file(path, entities))
    return styles


def load_style_file(path: Path, entities: dict[str, Entity]) -> dict[str, Style]:
    data = yamlio.load(path)
    p = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("style"), str):
        raise DataError("a style file needs 'style: NAME'", p, 1)
    prefer = data.get("prefer") or {}
    if not isinstance(prefer, dict):
        raise DataError("'prefer' must map entity ids to {lang: form}", p, yamlio.line_of(data))
    out: dict[str, dict[str, list[str]]] = {}
    for eid, langs in prefer.items():
        if eid == yamlio.LINE_KEY:
            continue
        line = yamlio.line_of(langs)
        ent = entities.get(eid)
        if ent is None:
            raise DataError(f"unknown entity id {eid!r}", p, line)
        if not isinstance(langs, dict):
            raise DataError(f"{eid}: expected {{lang: form}}", p, line)
        for lang, forms in langs.items():
            if lang == yamlio.LINE_KEY:
                continue
            for form in _forms(forms, f"{eid}.{lang}", p, line):
                if form not in ent.own_forms(lang):
                    raise DataError(
                        f"{eid}: {form!r} is not a listed {lang} form (add it to the entity first)",
                        p,
                        line,
                    )
                out.setdefault(eid, {}).setdefault(lang, []).append(form)
    name = data["style"]
    default = data.get("default")
    if default not in (None, "canonical"):
        raise DataError("'default' may only be 'canonical'", p, yamlio.line_of(data))
    return {name: Style(name, str(data.get("description", "")), out, p, default == "canonical")}


class Guards(NamedTuple):
    """``guards.yaml``, read once."""

    keep: list[str]  # proper names holding another entity's foreign form: never edited inside
    examples: list[dict[str, str]]  # texts the glossary pass must leave unchanged
    regions: tuple[str, ...]  # after a place and a comma: another place (*Odessa, Texas*)
    first_names: frozenset[str]  # place forms that are first names too (*Dominique*)


def load_guards(root: Path) -> Guards:
    """``guards.yaml``: the keep list (*Credit Suisse*, *Piazza di Spagna*), the guard
    examples, the regions that make a place another one of that name, and the place forms
    that are first names (edited only after a locative preposition)."""
    path = root / "guards.yaml" if root.is_dir() else None
    if path is None or not path.is_file():
        return Guards([], [], (), frozenset())
    data = yamlio.load(path)
    p = str(path)
    if not isinstance(data, dict):
        raise DataError("guards.yaml needs 'keep:' and 'examples:'", p, 1)
    line = yamlio.line_of(data)
    keep = _forms(data.get("keep") or [], "keep", p, line)
    examples = data.get("examples") or []
    if not isinstance(examples, list) or not all(
        isinstance(e, dict) and isinstance(e.get("ok"), str) for e in examples
    ):
        raise DataError("examples: a list of {ok: text, lang: xx}", p, line)
    regions = data.get("regions") or []
    if not isinstance(regions, list):
        raise DataError("regions: a list of [name, abbreviation, ...]", p, line)
    names = data.get("first_names") or []
    return Guards(
        keep,
        [{k: v for k, v in e.items() if k != yamlio.LINE_KEY} for e in examples],
        tuple(f for group in regions for f in _forms(group, "regions", p, line)),
        frozenset(_forms(names, "first_names", p, line) if names else []),
    )


def load_keep(root: Path) -> tuple[list[str], list[dict[str, str]]]:
    """``guards.yaml``'s keep list and guard examples."""
    g = load_guards(root)
    return g.keep, g.examples


def load_leftovers(root: Path) -> list[Leftover]:
    """``leftovers.yaml``: source-language words MT leaves in the text (GL105)."""
    path = root / "leftovers.yaml" if root.is_dir() else None
    if path is None or not path.is_file():
        return []
    data = yamlio.load(path)
    p = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("words"), list):
        raise DataError("leftovers.yaml needs a top-level 'words:' list", p, 1)
    out: list[Leftover] = []
    for raw in data["words"]:
        line = yamlio.line_of(raw)
        if not isinstance(raw, dict) or not isinstance(raw.get("form"), str):
            raise DataError("a leftover needs 'form:'", p, line)
        lang, text_lang = raw.get("lang"), raw.get("in", "en")
        if lang not in LANGUAGES or text_lang not in LANGUAGES or lang == text_lang:
            raise DataError(f"{raw['form']}: bad 'lang'/'in'", p, line)
        examples = raw.get("examples") or []
        if not examples:
            raise DataError(f"{raw['form']}: every leftover needs examples", p, line)
        out.append(
            Leftover(
                raw["form"],
                lang,
                text_lang,
                str(raw.get("translation") or ""),
                tuple(x.lower() for x in _forms(raw.get("not_after") or [], "not_after", p, line)),
                tuple(
                    x.lower() for x in _forms(raw.get("not_before") or [], "not_before", p, line)
                ),
                [{k: v for k, v in e.items() if k != yamlio.LINE_KEY} for e in examples],
                line or 0,
            )
        )
    return out
