"""Script rules: the few rules that need code, one module per rule kind.

A script is ``fn(doc, rule) -> Iterable[Finding]`` registered with :func:`script`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrans.document import Document
from retrans.errors import DataError
from retrans.findings import Finding
from retrans.registry import Registry
from retrans.rules.model import Rule

ScriptFn = Callable[[Document, Rule], Iterable[Finding]]
# Modules holding scripts (several scripts each): all are imported when a name is missing.
_SCRIPTS: Registry[ScriptFn] = Registry(
    "script", "retrans.rules.scripts", ("cleanup", "plausibility")
)


def script(name: str) -> Callable[[ScriptFn], ScriptFn]:
    return _SCRIPTS.register(name)


def get_script(name: str) -> ScriptFn:
    try:
        return _SCRIPTS.get(name)
    except KeyError:
        known = ", ".join(_SCRIPTS.loaded())
        raise DataError(f"unknown script {name!r} (known: {known})") from None
