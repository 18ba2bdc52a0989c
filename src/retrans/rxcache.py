"""Compiled regular expressions kept from one run of the CLI to the next.

A check of one short draft compiles about 180 patterns, some of them long alternations of
country or rule words: ≈ 90 ms of CPU, a fifth of the whole run. A compiled pattern cannot
be pickled, but what CPython's regex compiler produces is plain data: the opcode list it
hands to ``_sre.compile``. ``install()`` (called by the CLI entry only, never on import, so a
program that imports retrans keeps its ``re`` untouched) wraps that compile step so that a
pattern compiled once is rebuilt from its opcodes next time, skipping parsing and code
generation. ``re``'s own cache, flags, errors and the patterns' behaviour are unchanged.

Why this is safe:
- the opcodes are kept in the MAC-verified private cache (``retrans.cache``) under a name
  keyed by the exact interpreter build, and ``_sre.compile`` validates the code it is given;
- entries are keyed by pattern text (str or bytes) and flags, so editing a rule is a miss;
- the compile step is the same function from Python 3.10 to 3.13; with other internals, or
  on any unexpected error, the stdlib compiles the pattern as always.
"""

from __future__ import annotations

import sys
from array import array as _array
from typing import Any

from retrans import runstore

_KIND = "regex"
_MAX_ENTRIES = 4000  # documents can make patterns (names): keep what recent runs used
_DEBUG = 128  # re.DEBUG prints while compiling: leave those to the stdlib

# (pattern, flags) -> the arguments of _sre.compile, unpacked when the pattern is compiled (a
# run uses a few hundred of the entries runs have gathered)
_store: runstore.Store | None = None
_TYPECODE = "I"  # C unsigned int: 32 bits where CPython runs, as its opcodes (SRE_CODE)
_new = 0
_orig: Any = None
_parse: Any = None
_code: Any = None
_sre_compile: Any = None


def _compiler() -> tuple[Any, Any]:
    """The stdlib's compiler and parser modules."""
    from importlib import import_module

    if sys.version_info >= (3, 11):
        return import_module("re._compiler"), import_module("re._parser")
    return import_module("sre_compile"), import_module("sre_parse")  # pragma: no cover


# The opcodes are kept as the bytes of an array of C unsigned ints: unmarshalling a list of
# 60,000 ints one by one was ≈ 2 % of a check of one draft; ``array.tolist`` is one C loop.
_KEY = ("marshalled-args", "code-as-array")


def install() -> None:
    """Route the stdlib's compile step through the cache (once per process)."""
    global _orig, _parse, _code, _sre_compile, _store
    if _orig is not None:
        return
    try:
        import _sre

        compiler, parser = _compiler()
        parse, code, orig = parser.parse, compiler._code, compiler.compile
        store = runstore.Store(_KIND, _KEY, _MAX_ENTRIES)
        if not store.open():
            return
    except Exception:  # pragma: no cover - other internals: the stdlib as always
        return
    _store = store
    _parse, _code, _sre_compile, _orig = parse, code, _sre.compile, orig
    compiler.compile = _compile
    import atexit

    atexit.register(save)


def _compile(p: Any, flags: int = 0) -> Any:
    """The stdlib's ``compile(p, flags)``, from cached opcodes when this pattern has some."""
    global _new
    if not isinstance(p, (str, bytes)) or flags & _DEBUG:
        return _orig(p, flags)
    assert _store is not None
    key = (p, flags)
    hit = _store.get(key)
    if hit is not None:
        try:
            flags0, code0, *rest = hit
            if type(code0) is bytes:
                ints = _array(_TYPECODE)
                ints.frombytes(code0)
                code0 = ints.tolist()
            return _sre_compile(p, flags0, code0, *rest)  # our MAC-checked cache
        except Exception:  # pragma: no cover - a stale entry: compile it again
            _store.discard(key)
    try:  # the stdlib's compile, step by step, keeping what it hands to _sre
        parsed = _parse(p, flags)
        state = parsed.state
        indexgroup: list[Any] = [None] * state.groups
        for name, i in state.groupdict.items():
            indexgroup[i] = name
        code = list(map(int, _code(parsed, flags)))  # plain ints: the opcodes refuse pickling
        args: tuple[Any, ...] = (flags | state.flags, code, state.groups - 1)
        args += (dict(state.groupdict), tuple(indexgroup))
        rx = _sre_compile(p, *args)
    except Exception:  # bad patterns raise re.error from the stdlib, as they always did
        return _orig(p, flags)
    try:
        packed = _array(_TYPECODE, code).tobytes()
        args = (args[0], packed, *args[2:])
    except (OverflowError, TypeError):  # pragma: no cover - kept as a list of ints
        pass
    _store.put(key, args)
    _new += 1
    return rx


def save() -> None:
    """Write the opcodes of patterns compiled this run (at exit, only after a miss)."""
    global _new
    if not _new:
        return
    _new = 0
    if _store is not None:
        _store.save()
