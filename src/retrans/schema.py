"""Schemas of the data files, as msgspec structs: the one definition the loaders validate with
and the JSON Schema files editors use (``docs/schemas/*.json``, written by
``tools/write_schemas.py``).

msgspec is imported only when a file is validated (a config file, a rule pack on a cache miss):
it adds about 13 ms to such a start, nothing to a start without a config file.
"""

from __future__ import annotations

import re
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import msgspec
from msgspec import Meta, Struct

from retrans.errors import ConfigError, DataError

Code = Annotated[str, Meta(pattern=r"^[A-Z]{2,4}\d{3}$", description="a rule code, like FR001")]
SeverityName = Literal["error", "warning", "info"]
Lang = Annotated[str, Meta(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code")]
Confidence = Annotated[float, Meta(ge=0, le=1)]


class ConfigSpec(Struct, forbid_unknown_fields=True, kw_only=True):
    """``retrans.toml`` (bare or under ``[tool.retrans]``) or ``[tool.retrans]`` in
    ``pyproject.toml``."""

    house_style: str | None = None
    style: Annotated[str, Meta(description="alias of house_style")] | None = None
    source: (
        Annotated[
            str,
            Meta(
                pattern=r"^[a-z]{2}(\s*,\s*[a-z]{2})*$",
                description="source language(s) of the translation, e.g. 'fr' or 'fr,de'",
            ),
        ]
        | None
    ) = None
    lang: Lang | None = None
    disable: list[Code] = []
    severity: dict[Code, SeverityName] = {}
    packs: list[str] | None = None
    disable_packs: list[str] = []
    glossaries: list[str] = []
    rule_packs: list[str] = []
    min_confidence: Confidence = 0.5
    fail_on: Literal["error", "warning", "info", "never"] | None = None
    passes: dict[str, bool] = {}
    protect_foreign_quotes: bool = True
    # Rule selection like ruff (codes or prefixes) and per-path [[overrides]] tables with
    # ``paths`` globs; retrans.selection resolves them per file.
    select: list[str] | None = None
    ignore: list[str] = []
    overrides: list[dict[str, Any]] = []
    model: str | None = None
    model_all: bool = False


class ExampleSpec(Struct, forbid_unknown_fields=True, omit_defaults=True):
    wrong: str | None = None
    right: str | None = None
    ok: str | None = None


class RuleSpec(Struct, kw_only=True):
    """One rule; each rule type reads some of the optional keys (docs/FORMATS.md)."""

    id: Code
    type: str = "substitution"
    category: str = "style"
    severity: SeverityName = "warning"
    message: Annotated[str, Meta(min_length=1)]
    confidence: Confidence = 0.8
    examples: list[ExampleSpec]
    advice: str | None = None
    note: str | None = None
    pattern: str | None = None
    replacement: str | None = None
    case: Literal["preserve", "sensitive", "exact", "title"] = "preserve"
    near: str | None = None
    not_near: str | None = None
    window: Annotated[int, Meta(ge=0)] = 300
    script: str | None = None
    options: dict[str, Any] = {}
    # Safe by construction: may edit before it is measured (rules/precision.py).
    safe: bool = False
    # Edits only when the text is MT from the pack's source with at least this probability.
    evidence: Confidence | None = None


class RulePackSpec(Struct, forbid_unknown_fields=True, kw_only=True):
    """A rule pack (``src/retrans/packs/*.yaml``)."""

    pack: str
    description: str = ""
    source: str
    target: str
    prefix: Annotated[str, Meta(pattern=r"^[A-Z]{2,4}$")]
    rules: list[RuleSpec]
    note: str | None = None


FormLang = Annotated[str, Meta(pattern=r"^[a-z]{2,3}$", description="language code")]
Form = Annotated[str, Meta(min_length=1)]
# One form or a list: the first is the house default, later ones accepted alternatives.
Forms = dict[FormLang, Form | list[Form]]


class EntitySpec(Struct, forbid_unknown_fields=True, kw_only=True):
    id: Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    type: Literal["person", "place", "organisation"]
    country: Annotated[str, Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166 code")] | None = None
    names: Annotated[Forms, Meta(min_length=1)]
    short: Forms = {}
    article: Forms = {}
    variants: Form | list[Form] = []
    guards: Form | list[Form] = []
    note: str | None = None


class GlossarySpec(Struct, forbid_unknown_fields=True):
    """A glossary file (``glossaries/**/*.yaml``)."""

    entities: list[EntitySpec]


class StyleSpec(Struct, forbid_unknown_fields=True, kw_only=True):
    """A house style (``glossaries/styles/*.yaml``)."""

    style: str
    description: str = ""
    prefer: dict[str, dict[FormLang, Form | list[Form]]] = {}


SCHEMAS: dict[str, type[Struct]] = {
    "config": ConfigSpec,
    "rule-pack": RulePackSpec,
    "glossary": GlossarySpec,
    "house-style": StyleSpec,
}

_AT = re.compile(r" - at `\$(.*)`$")


def split_error(exc: msgspec.ValidationError) -> tuple[list[str | int], str]:
    """msgspec's message → (path of keys and indexes, message without the path)."""
    text = str(exc)
    m = _AT.search(text)
    if m is None:
        unknown = re.fullmatch(r"Object contains unknown field `(.*)`", text)
        if unknown:  # a misspelt setting: name it, and its line
            return [unknown.group(1)], "unknown key"
        return [], text
    path: list[str | int] = []
    for key, index in re.findall(r"\.([^.\[]+)|\[(\d+|'[^']*'|\"[^\"]*\"|[^\]]*)\]", m.group(1)):
        if key:
            path.append(key)
        elif index.isdigit():
            path.append(int(index))
        else:  # msgspec writes [...] for "some key of this mapping"
            path.append("*" if index == "..." else index.strip("'\""))
    return path, text[: m.start()]


def _wording(message: str) -> str:
    """msgspec's backticks read as code; in a one-line error plain quotes read better."""
    message = re.sub(r"^Object contains unknown field `(.*)`$", r"unknown key '\1'", message)
    return message.replace("`", "'")


def _members(t: Any) -> list[Any]:
    """The types inside Annotated / Optional / unions, flattened."""
    origin = get_origin(t)
    if origin is Annotated:
        return _members(get_args(t)[0])
    if origin in (Union, UnionType):
        return [m for a in get_args(t) for m in _members(a)]
    return [t]


def _field_type(spec: Any, keys: list[str | int]) -> Any:
    """The declared type at ``keys`` inside ``spec`` (None when the path leaves the schema)."""
    t: Any = spec
    for k in keys:
        nxt = None
        for m in _members(t):
            if isinstance(m, type) and issubclass(m, Struct) and isinstance(k, str):
                nxt = get_type_hints(m, include_extras=True).get(k)
            elif get_origin(m) is list and isinstance(k, int):
                nxt = get_args(m)[0]
            elif get_origin(m) is dict and isinstance(k, str):
                nxt = get_args(m)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        t = nxt
    return t


def _choices(spec: type[Struct], keys: list[str | int]) -> list[str]:
    """The allowed values of a Literal-typed field (for 'expected one of …')."""
    return [
        str(a)
        for m in _members(_field_type(spec, keys))
        if get_origin(m) is Literal
        for a in get_args(m)
    ]


def _message(spec: type[Struct], keys: list[str | int], msg: str) -> str:
    where = ".".join(str(k) for k in keys)
    msg = _wording(msg)
    if msg.startswith("Invalid enum value"):
        choices = _choices(spec, keys)
        if choices:
            msg += f" (expected one of: {', '.join(choices)})"
    return f"{where}: {msg}" if where else msg


def check_config(data: dict[str, Any], path: str, line_of: Any) -> ConfigSpec:
    """Validate a config table; errors name the file and the line of the key."""
    try:
        return msgspec.convert(data, ConfigSpec)
    except msgspec.ValidationError as exc:
        keys, msg = split_error(exc)
        key = str(keys[0]) if keys else ""
        text = _message(ConfigSpec, keys, msg)
        raise ConfigError(text, path, line_of(key) if key else None) from None


def check_data(data: Any, spec: type[Struct], path: str, strip: Any, line_at: Any) -> Any:
    """Validate a YAML data file (``__line__`` keys stripped by ``strip``); the error names the
    line of the innermost mapping on the failing path (``line_at(data, keys)``)."""
    try:
        return msgspec.convert(strip(data), spec)
    except msgspec.ValidationError as exc:
        keys, msg = split_error(exc)
        raise DataError(_message(spec, keys, msg), path, line_at(data, keys)) from None
