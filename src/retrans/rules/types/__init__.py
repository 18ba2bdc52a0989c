"""Rule types: one module per type, each a schema check, a compile step and a runner (like
Vale's checks). A rule pack names the type in ``type:``; adding a type is one new module here
plus its name in ``TYPES``.

A type module defines a class decorated ``@register("NAME")`` with:

- ``keys``: the rule keys only this type reads (e.g. ``replacement``);
- ``uses_pattern``: whether ``pattern`` is its regex (the literal prefilter then applies);
- ``validate(raw, where)``: type-specific checks of the raw YAML mapping (raise via ``where``);
- ``run(rule, doc, ctx=None)``: the findings of ``rule`` in ``doc`` (``ctx``: the pipeline's
  context, None when a rule runs alone, as in the example tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from retrans.errors import DataError
from retrans.registry import Registry

if TYPE_CHECKING:
    from retrans.document import Document
    from retrans.findings import Finding
    from retrans.rules.model import Rule

# Every rule type; the module of the same name registers it.
TYPES: tuple[str, ...] = ("substitution", "existence", "script")


@dataclass(frozen=True)
class Where:
    """Where a rule is defined, for errors naming file and line."""

    rid: str
    path: str
    line: int | None

    def error(self, message: str, line: int | None = None) -> DataError:
        return DataError(f"{self.rid}: {message}", self.path, line or self.line)


class RuleType(Protocol):
    keys: ClassVar[frozenset[str]]
    uses_pattern: ClassVar[bool]

    def validate(self, raw: dict[str, Any], where: Where) -> None: ...

    def run(self, rule: Rule, doc: Document, ctx: Any = None) -> list[Finding]: ...


_TYPES: Registry[RuleType] = Registry("rule type", "retrans.rules.types")


def register(name: str) -> Callable[[type], type]:
    """Class decorator: registers one instance of the class as rule type ``name``."""

    def deco(cls: type) -> type:
        _TYPES.register(name)(cls())
        return cls

    return deco


def get(name: str) -> RuleType:
    """The rule type ``name`` (imports its module on first use); KeyError if unknown."""
    if name not in TYPES:
        raise KeyError(name)
    return _TYPES.get(name)


def type_keys() -> frozenset[str]:
    """The keys some rule type reads (on top of the keys every rule has)."""
    return frozenset().union(*(get(t).keys for t in TYPES))
