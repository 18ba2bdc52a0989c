"""The rule set in the form cheapest to load from the disk cache: marshalled state dicts.

Unpickling 360 ``Rule`` and 1,900 ``Example`` objects costs ≈ 9 ms (each object's state is
set key by key, every key interned), about a tenth of a check of one short draft. Here each
rule's and pack's state (its ``__dict__``) is kept as a plain dict, all of them marshalled in
one blob: ``marshal`` builds the dicts in C, their keys interned as they were (≈ 2× faster
than unpickling tuples and zipping them into dicts). The values marshal cannot keep are put
back by a short list of fixes: each rule's ``Severity`` (stored as its number) and paths
under the checkout (stored relative to it, as ``paths`` pickles them, so another checkout
reads its own). The objects are rebuilt as unpickling builds them (``__new__``, then their
state), so they are the same: same fields, same cached values, same key order. The trigger
scanner of the rule set (``rules.scan``) is kept with them, so it is not built on every run.

A rule's examples are kept as one marshalled blob, unpacked into ``Example`` objects only
when ``rule.examples`` is read (``rules.model._Examples``): a check reads none of them.

On disk (``pack_rows``) the marshalled states and the pickled rest are two blobs of a mapped
file (``retrans.blobs``): the states are unmarshalled from the mapped pages, not read into
memory and copied out of a pickle first.
"""

from __future__ import annotations

import enum
import marshal
import os
import sys
from typing import Any

from retrans.rules.engine import RuleSet
from retrans.rules.model import Example, Pack, Rule
from retrans.rules.scan import scanner_for

Rows = tuple[Any, ...]
_HOME_PATH = "home"  # a fix: the value is a path relative to the checkout


def _home() -> str:
    from retrans.paths import _HOME

    return _HOME


def _nested_home(value: Any, prefix: str) -> bool:
    """Does ``value`` hold, inside a container, a path under the checkout?"""
    if type(value) in (tuple, list, frozenset, set):
        return any(_plain_home(v, prefix) or _nested_home(v, prefix) for v in value)
    if type(value) is dict:
        return any(_nested_home((k, v), prefix) for k, v in value.items())
    return False


def _plain_home(value: Any, prefix: str) -> bool:
    return type(value) is str and value.startswith(prefix)


def to_rows(rs: RuleSet) -> Rows:
    """``rs`` as rows: (the marshalled states, the fixes, the trigger scanner)."""
    home = _home()
    prefix = home + os.sep
    fixes: dict[tuple[str, Any], list[tuple[int, int]]] = {}
    shared: dict[str, str] = {}
    nested = False  # a path under the checkout inside a value: pickled instead (see below)

    def plain(state: dict[str, Any], at: tuple[int, int]) -> dict[str, Any]:
        nonlocal nested
        out = {}
        for key, value in state.items():
            if isinstance(value, enum.Enum):
                fixes.setdefault((key, type(value)), []).append(at)
                value = value.value
            elif _plain_home(value, prefix):
                fixes.setdefault((key, _HOME_PATH), []).append(at)
                value = value[len(home) :]
                value = shared.setdefault(value, value)  # one string a pack file, as loaded
            else:
                nested = nested or _nested_home(value, prefix)
            out[key] = value
        return out

    packs = []
    for p, pack in enumerate(rs.packs):
        rules = []
        for r, rule in enumerate(pack.rules):
            state = rule.__getstate__()  # what pickling the rule stores
            state["examples"] = marshal.dumps(
                tuple((tuple(e.__dict__), tuple(e.__dict__.values())) for e in rule.examples)
            )  # unpacked when read (``unpack_examples``)
            rules.append(plain(state, (p, r)))
        pstate = dict(pack.__dict__)
        pstate["rules"] = None
        packs.append((plain(pstate, (p, -1)), tuple(rules)))
    body: Any = tuple(packs)
    try:
        blob: Any = marshal.dumps(body)
    except ValueError:  # a value marshal cannot keep: the states pickled with the rest
        blob = body
    if nested:  # pickling keeps such paths relative (``paths._dumps``); marshal would not
        blob = body
    return (blob, tuple((k, tuple(v)) for k, v in fixes.items()), scanner_for(rs))


def from_rows(rows: Rows) -> RuleSet:
    """The rule set ``to_rows`` was given (its objects rebuilt as unpickling would)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # thousands of new objects, no cycles: no collections meanwhile
    try:
        return _from_rows(rows)
    finally:
        if enabled:
            gc.enable()


def _from_rows(rows: Rows) -> RuleSet:
    blob, fixes, scanner = rows
    if not isinstance(blob, tuple):  # bytes, or a view of a mapped file
        states = marshal.loads(blob)  # our MAC-checked cache
    else:  # pickled states: fixed in copies (the rows stay as they were)
        states = tuple((dict(p), tuple(map(dict, rs))) for p, rs in blob)
    home = None
    for (key, kind), where in fixes:
        if kind == _HOME_PATH:
            home = home or _home()
            full: dict[str, str] = {}  # one string a path, as the pack files gave them
            for p, r in where:
                state = states[p][0] if r < 0 else states[p][1][r]
                rel = state[key]
                path = full.get(rel)
                if path is None:
                    path = full[rel] = home + rel
                state[key] = path
        else:  # an enum: its members by value, as ``kind(value)`` gives them (no call each)
            members = {m.value: m for m in kind}
            for p, r in where:
                state = states[p][0] if r < 0 else states[p][1][r]
                value = state[key]
                state[key] = members[value] if value in members else kind(value)
    new = object.__new__
    packs = []
    for pstate, rule_states in states:
        rules = []
        for state in rule_states:
            rule = new(Rule)
            rule.__dict__ = state
            rules.append(rule)
        pack = new(Pack)
        pack.__dict__ = pstate
        pstate["rules"] = rules
        packs.append(pack)
    rs = RuleSet(packs)
    rs.__dict__["_trigger_scanner"] = scanner  # as ``scanner_for`` keeps it
    return rs


def pack_rows(rows: Rows) -> tuple[bytes, bytes]:
    """``rows`` as the two blobs of a cache file: the states, and the rest pickled."""
    import pickle

    blob, fixes, scanner = rows
    marshalled = type(blob) is bytes
    if not marshalled:  # pickled as ``paths`` pickles: checkout paths kept relative
        from retrans.paths import _dumps

        blob = _dumps(blob)
    return blob, pickle.dumps((marshalled, fixes, scanner), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_rows(parts: Any) -> Rows:
    """The rows ``pack_rows`` gave the blobs of (``parts``: bytes or views)."""
    import io
    from _pickle import loads

    from retrans.paths import _load

    marshalled, fixes, scanner = loads(parts[1])  # our MAC-checked cache
    blob = parts[0] if marshalled else _load(io.BytesIO(parts[0]))
    return (blob, fixes, scanner)


def unpack_examples(blob: bytes) -> list[Example]:
    """A rule's examples from the blob ``to_rows`` made, built as unpickling builds them."""
    new = object.__new__
    out = []
    for keys, values in marshal.loads(blob):  # our MAC-checked cache
        ex = new(Example)
        ex.__dict__ = dict(zip(map(sys.intern, keys), values, strict=True))
        out.append(ex)
    return out
