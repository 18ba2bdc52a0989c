"""The methods ``dataclasses`` and ``namedtuple`` generate, and the annotations ``typing``
compiles, compiled once, kept from one run of the CLI to the next.

``@dataclass`` writes the source of ``__init__``, ``__eq__``, ``__repr__``… of every class as
text and compiles it when the class is defined: ≈ 35 classes on the path of a check, whose
parsing and compiling was ≈ 15 % of the CPU of a check of one short draft. ``install()``
(called by the CLI entry only, never on import, so a program that imports retrans keeps
its ``dataclasses`` untouched) gives those two modules an ``exec``/``eval`` that compiles a
text once and reuses its code object (``marshal``) on later runs. The text, and so the code,
is the very one the module would compile: the classes are the same.

``typing`` compiles each string annotation it evaluates (``ForwardRef``: the fields of a
``NamedTuple`` class, ``get_type_hints`` of a cache builder, ≈ 25 a check). The first
``compile()`` call of a process costs ≈ 1.5 ms by itself, so ``typing`` gets a ``compile``
that reuses the code objects too, and a check compiles nothing.

Why this is safe:
- code objects are kept in the MAC-verified private cache (``retrans.cache``) under a name
  keyed by the exact interpreter build, and keyed by the full source text;
- the module-level name shadows the builtin in those two modules only; a text that is not a
  ``str``, or anything unexpected, goes to the builtin as always.
"""

from __future__ import annotations

import builtins
import sys
import types
from typing import Any

from retrans import runstore

_KIND = "pycode"
_MAX_ENTRIES = 4000

_store: runstore.Store | None = None
_new = 0
_installed = False


_KEY = ("code",)


def _code(source: str, mode: str) -> Any:
    """The code object ``exec``/``eval`` would compile from ``source`` (no inherited flags:
    the generating modules have no ``__future__`` imports)."""
    global _new
    key = (source, mode)
    if _store is not None:
        hit = _store.get(key)  # our MAC-checked cache
        if hit is not None:
            return hit
    code = compile(source, "<string>", mode, dont_inherit=True)
    if _store is not None:
        _store.put(key, code)
    _new += 1
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if globals is None:  # the caller's namespace, as the builtin would take it
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if type(source) is str:
        source = _code(source, "exec")
    builtins.exec(source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None, /) -> Any:
    if globals is None:
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if type(source) is str:
        source = _code(source, "eval")
    return builtins.eval(source, globals, locals)


def _compile(
    source: Any,
    filename: Any,
    mode: str,
    flags: int = 0,
    dont_inherit: bool = False,
    optimize: int = -1,
) -> Any:
    """``compile`` for ``typing``, whose calls (``ForwardRef``) inherit no ``__future__``
    flags: its plain calls give the cached code object; anything else goes to the builtin."""
    plain = not flags and optimize == -1 and mode in ("eval", "exec")
    if plain and type(source) is str and filename == "<string>":
        return _code(source, mode)
    return builtins.compile(source, filename, mode, flags, True, optimize)  # typing: no flags


def install() -> None:
    """Give ``dataclasses`` and ``collections`` the caching exec/eval, and ``typing`` the
    caching compile (once per process)."""
    global _store, _installed
    if _installed:
        return
    _installed = True
    try:
        store = runstore.Store(_KIND, _KEY, _MAX_ENTRIES)
        if not store.open():
            return
    except Exception:  # pragma: no cover - an unusable cache folder: as always
        return
    import collections

    dataclasses = _import_dataclasses()
    _store = store
    dataclasses.exec = _exec
    collections.eval = _eval  # type: ignore[attr-defined]
    import typing

    typing.compile = _compile  # type: ignore[attr-defined]
    import atexit

    atexit.register(save)


class _Deferred(types.ModuleType):
    """Stands for a module that was not imported yet: the first attribute asked for imports
    it (``sys.modules`` never holds this stand-in once ``install`` returns)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and sys.modules.get(self.__name__) is self:
            raise AttributeError(name)  # the import system probing (``__path__``), meanwhile
        from importlib import import_module

        return getattr(import_module(self.__name__), name)


def _later_function(module: str, name: str) -> Any:
    """A function that calls ``module.name``, importing ``module`` on the first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        from importlib import import_module

        return getattr(import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def import_deferring(name: str, *deferred: str) -> Any:
    """Module ``name``, imported with a stand-in for each module ``deferred`` that imports the
    real one on first use (the same values, later). For a module imported at the top of
    ``name`` but used only inside functions rarely called; nothing else sees the stand-in.
    ``"module:f,g"`` also gives the stand-in functions ``f`` and ``g`` that import the module
    when called (for ``from module import f`` at the top of ``name``). When ``name`` or a
    deferred module is imported already, this is a plain import."""
    from importlib import import_module

    stand_ins = {}
    for item in deferred:
        module, _, functions = item.partition(":")
        stand_in = _Deferred(module)
        for fn in filter(None, functions.split(",")):
            setattr(stand_in, fn, _later_function(module, fn))
        stand_ins[module] = stand_in
    if name in sys.modules or any(m in sys.modules for m in stand_ins):
        return import_module(name)
    sys.modules.update(stand_ins)
    try:
        return import_module(name)
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def _import_dataclasses() -> Any:
    """``dataclasses``, imported without importing ``inspect`` first.

    ``dataclasses`` uses ``inspect`` only for a class without a docstring (its signature
    becomes the ``__doc__``), but importing ``inspect`` (``ast``, ``dis``, ``tokenize``…) is
    ≈ 7 % of the CPU of a check of one short draft."""
    return import_deferring("dataclasses", "inspect")


def save() -> None:
    """Write the code compiled this run (at exit, only after a miss)."""
    global _new
    if not _new:
        return
    _new = 0
    if _store is not None:
        _store.save()
