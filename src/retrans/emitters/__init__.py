"""Output formats for findings: one module per format, registered by name (like ruff's emitters).

Adding a format: write ``retrans/emitters/NAME.py`` with a function decorated
``@register("NAME")`` and add ``"NAME"`` to ``FORMATS``. Modules are imported only when their
format is used, so the CLI's cold start does not pay for formats it does not print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from retrans.registry import Registry

if TYPE_CHECKING:
    from retrans.document import Document
    from retrans.findings import Finding

Result = tuple["Document", "list[Finding]"]
EmitFn = Callable[[Iterable[Result], TextIO], None]

# Every output format, in the order `--help` lists them. The module of the same name registers it.
FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "sarif", "github", "checkstyle", "junit")

_EMITTERS: Registry[EmitFn] = Registry("output format", "retrans.emitters")


def register(name: str) -> Callable[[EmitFn], EmitFn]:
    """Register ``fn(results, out)``: writes the findings of each (document, findings) to ``out``.

    ``results`` is an iterator (one document at a time): streaming formats write as they go,
    whole-file formats (JSON, SARIF…) collect first.
    """
    return _EMITTERS.register(name)


def get(name: str) -> EmitFn:
    """The emitter for ``name`` (imports its module on first use)."""
    if name not in FORMATS:
        from retrans.errors import RetransError

        raise RetransError(f"unknown output format {name!r} (known: {', '.join(FORMATS)})")
    return _EMITTERS.get(name)
