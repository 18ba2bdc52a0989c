"""One registry type for every kind of pluggable thing: passes, rule types, scripts, output
formats. Each kind lives in its own package, one module per entry, imported on first use so
the CLI's cold start pays only for what a command uses."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries by name. ``modules`` are imported (under ``package``) when a name is missing:
    by default the module named like the entry."""

    def __init__(self, kind: str, package: str, modules: Iterable[str] = ()) -> None:
        self.kind = kind
        self.package = package
        self.modules = tuple(modules)
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: ``@registry.register("name")`` on a function or class."""

        def deco(obj: T) -> T:
            self._entries[name] = obj
            return obj

        return deco

    def get(self, name: str) -> T:
        """The entry ``name``, importing its module if needed; KeyError when there is none."""
        if name not in self._entries:
            for mod in self.modules or (name,):
                try:
                    importlib.import_module(f"{self.package}.{mod}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{self.package}.{mod}":
                        raise
        if name not in self._entries:
            raise KeyError(name)
        return self._entries[name]

    def loaded(self) -> list[str]:
        """Names registered so far (import the modules first for a full list)."""
        return sorted(self._entries)
