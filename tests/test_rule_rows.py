"""The rule set kept in the cache as tuples (``retrans.rules.rows``) is the rule set the pack
files give: the same rules, fields, cached values and examples, in the same order."""

from __future__ import annotations

from typing import Any

from retrans.rules.engine import RuleSet, load_rules, pack_files
from retrans.rules.model import load_pack
from retrans.rules.rows import from_rows, pack_rows, to_rows, unpack_rows
from retrans.rules.scan import TriggerScanner


def _state(rs: RuleSet) -> list[Any]:
    out = []
    for pack in rs.packs:
        rules = []
        for r in pack.rules:
            state = r.__getstate__()
            state["examples"] = [list(e.__dict__.items()) for e in r.examples]
            rules.append(list(state.items()))
        out.append(([(k, v) for k, v in pack.__dict__.items() if k != "rules"], rules))
    return out


def test_rows_give_back_the_rule_set_of_the_pack_files() -> None:
    fresh = RuleSet([load_pack(f) for f in pack_files()])
    for rule in fresh.rules:
        _ = rule.literals, rule.near_literals, rule.max_width
    again = from_rows(to_rows(fresh))
    assert _state(again) == _state(fresh)
    assert _state(load_rules()) == _state(fresh)  # from the disk cache
    assert [type(r) for r in again.rules] == [type(r) for r in fresh.rules]
    assert isinstance(again.__dict__["_trigger_scanner"], TriggerScanner)
    text = "the " + " ".join(sorted({lit for r in fresh.rules for lit in r.literals})[:50])
    assert again.__dict__["_trigger_scanner"].scan(text) == TriggerScanner(
        lit for r in fresh.rules for lit in (*r.literals, *r.near_literals)
    ).scan(text)


def test_examples_of_a_cached_rule_are_built_when_read() -> None:
    """A rule from the rows keeps its examples packed until read: then they are the pack
    file's, in their place in the rule's state; copies, pickles and == see them too."""
    import dataclasses
    import pickle

    from retrans.rules.model import Example

    fresh = RuleSet([load_pack(f) for f in pack_files()])
    for rule in fresh.rules:
        _ = rule.literals, rule.near_literals, rule.max_width
    again = from_rows(to_rows(fresh))
    pairs = [(a, b) for a, b in zip(again.rules, fresh.rules, strict=True) if b.examples]
    assert len(pairs) > 100
    lazy = [a for a, _ in pairs if type(a.__dict__["examples"]) is bytes]
    assert len(lazy) == len(pairs)  # nothing built yet
    a, b = pairs[0]
    pickled = pickle.loads(pickle.dumps(a))  # still packed: unpacked in the new copy
    assert type(pickled.__dict__["examples"]) is bytes
    assert pickled.examples == b.examples and type(pickled.examples) is list
    assert dataclasses.replace(pairs[1][0]) == pairs[1][1]
    for a, b in pairs:
        assert a.examples == b.examples
        assert all(type(e) is Example for e in a.examples)
        assert a.examples is a.examples  # built once
        assert list(a.__dict__) == list(b.__getstate__())  # "examples" in its place
    a.examples = [Example(ok="x")]
    assert a.examples == [Example(ok="x")]


def test_rows_keep_no_checkout_path_and_rebuild_exact_values() -> None:
    """The states are marshalled with paths under the checkout relative (another checkout
    reads its own) and severities as numbers; the rebuilt rules hold the very values."""
    import dataclasses
    import sys

    from retrans.findings import Severity
    from retrans.paths import _HOME

    fresh = RuleSet([load_pack(f) for f in pack_files()])
    blob, _, _ = to_rows(fresh)
    assert type(blob) is bytes and _HOME.encode() not in blob
    again = from_rows(to_rows(fresh))
    for a, b in zip(again.rules, fresh.rules, strict=True):
        assert type(a.severity) is Severity and a.severity is b.severity
        assert a.file == b.file and a.file.startswith(_HOME)
        assert all(k is sys.intern(k) for k in a.__dict__)  # as unpickling interns them
    assert [p.file for p in again.packs] == [p.file for p in fresh.packs]
    files = [r.file for r in again.rules]
    assert len({id(f) for f in files}) == len(set(files))  # one string a pack file
    # a path under the checkout inside a value: pickled as a whole (kept relative there)
    rule = fresh.packs[0].rules[0]
    odd = dataclasses.replace(rule, options={"see": [f"{_HOME}/x.txt"]})
    odd_set = RuleSet([dataclasses.replace(fresh.packs[0], rules=[odd])])
    rows = to_rows(odd_set)
    assert type(rows[0]) is not bytes
    assert from_rows(rows).rules[0].options == {"see": [f"{_HOME}/x.txt"]}
    assert from_rows(rows).rules[0].file == rule.file
    # through the two blobs of a mapped cache file, both forms
    for r in (rows, to_rows(fresh)):
        parts = tuple(memoryview(b) for b in pack_rows(r))
        assert _state(from_rows(unpack_rows(parts))) == _state(from_rows(r))
