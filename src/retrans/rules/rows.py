"""The rule set in the form cheapest to load from the disk cache: plain tuples of values.

Unpickling 360 ``Rule`` and 1,900 ``Example`` objects costs ≈ 9 ms (each object's state is
set key by key, every key interned), about a tenth of a check of one short draft; the same
values as tuples load in ≈ 1.3 ms and the objects are rebuilt from them in ≈ 3 ms. The
objects are rebuilt as unpickling builds them (``__new__``, then their state), so they are the
same: same fields, same cached values, same key order. The trigger scanner of the rule set
(``rules.scan``) is kept with them, so it is not built on every run.

A rule's examples are kept as one marshalled blob, unpacked into ``Example`` objects only
when ``rule.examples`` is read (``rules.model._Examples``): a check reads none of them.
"""

from __future__ import annotations

import marshal
import sys
from typing import Any

from retrans.rules.engine import RuleSet
from retrans.rules.model import Example, Pack, Rule
from retrans.rules.scan import scanner_for

Rows = tuple[Any, ...]


def to_rows(rs: RuleSet) -> Rows:
    """``rs`` as tuples: per pack its state and, per rule, its state with the examples' state."""
    keys: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per key layout: stored once

    def layout(d: dict[str, Any]) -> tuple[str, ...]:
        k = tuple(d)
        return keys.setdefault(k, k)

    packs = []
    for pack in rs.packs:
        rows = []
        for rule in pack.rules:
            state = rule.__getstate__()  # what pickling the rule stores
            examples = marshal.dumps(
                tuple((tuple(e.__dict__), tuple(e.__dict__.values())) for e in rule.examples)
            )
            state["examples"] = None  # ``examples`` (packed) goes in its place
            rows.append((layout(state), tuple(state.values()), examples))
        pstate = dict(pack.__dict__)
        pstate["rules"] = None
        packs.append((layout(pstate), tuple(pstate.values()), tuple(rows)))
    return (tuple(packs), scanner_for(rs))


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
    packs_rows, scanner = rows
    new = object.__new__
    names: dict[int, tuple[str, ...]] = {}  # by id: each layout is one shared tuple

    def interned(k: tuple[str, ...]) -> tuple[str, ...]:
        """Attribute names interned, as unpickling interns them."""
        found = names.get(id(k))
        if found is None:
            found = names[id(k)] = tuple(map(sys.intern, k))
        return found

    packs = []
    for pkeys, pvalues, rule_rows in packs_rows:
        rules = []
        for rkeys, rvalues, examples in rule_rows:
            rule = new(Rule)
            rule.__dict__ = state = dict(zip(interned(rkeys), rvalues, strict=True))
            state["examples"] = examples  # unpacked when read (``unpack_examples``)
            rules.append(rule)
        pack = new(Pack)
        pack.__dict__ = pstate = dict(zip(interned(pkeys), pvalues, strict=True))
        pstate["rules"] = rules
        packs.append(pack)
    rs = RuleSet(packs)
    rs.__dict__["_trigger_scanner"] = scanner  # as ``scanner_for`` keeps it
    return rs


def unpack_examples(blob: bytes) -> list[Example]:
    """A rule's examples from the blob ``to_rows`` made, built as unpickling builds them."""
    new = object.__new__
    out = []
    for keys, values in marshal.loads(blob):  # our MAC-checked cache
        ex = new(Example)
        ex.__dict__ = dict(zip(map(sys.intern, keys), values, strict=True))
        out.append(ex)
    return out
