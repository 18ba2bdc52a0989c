"""Script rules: the few rules that need code, one module per rule kind.

A script is ``fn(doc, rule) -> Iterable[Finding]`` registered with :func:`script`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from retrans.document import Document
from retrans.errors import DataError
from retrans.findings import Finding
from retrans.rules.model import Rule

ScriptFn = Callable[[Document, Rule], Iterable[Finding]]
_SCRIPTS: dict[str, ScriptFn] = {}
_MODULES = ("cleanup", "plausibility", "numbers", "quotes", "dates")


def script(name: str) -> Callable[[ScriptFn], ScriptFn]:
    def deco(fn: ScriptFn) -> ScriptFn:
        _SCRIPTS[name] = fn
        return fn

    return deco


def get_script(name: str) -> ScriptFn:
    if name not in _SCRIPTS:
        for mod in _MODULES:
            importlib.import_module(f"retrans.rules.scripts.{mod}")
    try:
        return _SCRIPTS[name]
    except KeyError:
        raise DataError(f"unknown script {name!r} (known: {', '.join(sorted(_SCRIPTS))})") from None
