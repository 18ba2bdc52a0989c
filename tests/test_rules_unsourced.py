"""Source-pack rules that are their own evidence: they run when no source is named.

A phrase rule of a source pack measured precise *anywhere* (every source pack on every dev
text: MT from any language and the human side) runs whether or not the detector names a
source; the rest of the pack still waits for a named source or a confident guess.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from retrans.document import Document
from retrans.pipeline import Pipeline
from retrans.rules.engine import load_rules
from retrans.rules.precision import (
    MIN_ANYWHERE_DECIDED,
    Measured,
    anywhere,
    trusted,
    unsourced,
)


def _rule(code: str, source: str = "fr", evidence: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=code, source=source, evidence=evidence, safe=True)


def test_only_precise_well_sampled_plain_rules_are_unsourced() -> None:
    rules = SimpleNamespace(
        rules=[
            _rule("XX001"),  # precise anywhere, enough edits
            _rule("XX002"),  # precise on too few edits
            _rule("XX003"),  # imprecise anywhere
            _rule("XX004", evidence=0.8),  # asks for document evidence
            _rule("XX005", source="*"),  # a language-neutral rule runs anyway
        ]
    )
    n = MIN_ANYWHERE_DECIDED
    measured = {
        "XX001": Measured(n, 0),
        "XX002": Measured(n - 1, 0),
        "XX003": Measured(8 * n, 2 * n),
        "XX004": Measured(n, 0),
        "XX005": Measured(n, 0),
    }
    assert unsourced(rules, measured) == frozenset({"XX001"})


def test_select_adds_unsourced_codes_of_other_packs_only() -> None:
    rs = load_rules()
    code = next(r.id for r in rs.rules if r.source == "fr")
    plain = rs.select("en", [], set(), set())
    assert code not in {r.id for r in plain}
    sel = rs.select("en", [], set(), set(), unsourced={code})
    assert {r.id for r in sel} - {r.id for r in plain} == {code}
    assert code not in {r.id for r in rs.select("en", [], {code}, set(), unsourced={code})}
    assert code not in {r.id for r in rs.select("en", [], set(), {"fr-en"}, unsourced={code})}


def _free_code(ruleset: object) -> str:
    free = unsourced(ruleset)
    if "FR287" not in free:
        pytest.skip("FR287 is not measured precise anywhere in this table")
    return "FR287"


def test_an_unsourced_rule_fixes_text_with_no_source_named() -> None:
    pipe = Pipeline(lang="en")
    code = _free_code(pipe.rules)
    # Plain English with one French calque: the detector names no source, the rule runs.
    text = "Prices rose sharply in the years 1990, then fell after the crisis."
    _, ctx = pipe.check(Document(text))
    assert ctx.sources == []  # not called MT, no source guessed: no French pack
    fixed, edits = pipe.fix(Document(text))
    assert code in {e.code for e in edits}
    assert "the 1990s" in fixed
    assert anywhere()[code].precision >= 0.9 and trusted(pipe.rules.by_code()[code])[0]


def test_a_source_named_by_the_user_is_respected() -> None:
    code = _free_code(load_rules())
    text = "Prices rose sharply in the years 1990, then fell after the crisis."
    _, edits = Pipeline(lang="en", source="de").fix(Document(text))
    assert code not in {e.code for e in edits}  # the user said German: French rules stay out
    _, edits = Pipeline(lang="en", source="fr").fix(Document(text))
    assert code in {e.code for e in edits}
