"""Script rules: the few rules that need code, one module per rule kind.

A script is ``fn(doc, rule) -> Iterable[Finding]`` (or ``fn(doc, rule, ctx)``) registered with
:func:`script`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrans.errors import DataError
from retrans.findings import Finding
from retrans.registry import Registry

ScriptFn = Callable[..., Iterable[Finding]]
# Modules holding scripts (several scripts each): all are imported when a name is missing.
_SCRIPTS: Registry[ScriptFn] = Registry(
    "script",
    "retrans.rules.scripts",
    ("cleanup", "plausibility", "numbers", "quotes", "dates", "lists"),
)


def script(name: str, context: bool = False) -> Callable[[ScriptFn], ScriptFn]:
    """Register ``fn(doc, rule)``; with ``context=True``, ``fn(doc, rule, ctx)`` gets the
    pipeline's context too (its config: the configured glossaries, say) or None."""

    def deco(fn: ScriptFn) -> ScriptFn:
        fn.wants_context = context  # type: ignore[attr-defined]
        return _SCRIPTS.register(name)(fn)

    return deco


def get_script(name: str) -> ScriptFn:
    try:
        return _SCRIPTS.get(name)
    except KeyError:
        known = ", ".join(_SCRIPTS.loaded())
        raise DataError(f"unknown script {name!r} (known: {known})") from None
