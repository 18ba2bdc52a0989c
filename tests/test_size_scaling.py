"""The rule passes stay linear in document size: a 5 MB document costs about ten times a
500 KB one (a generous bound, a ratio of CPU times, never an absolute time)."""

from __future__ import annotations

import time

import pytest

from retrans import pipeline
from retrans.document import Document
from retrans.selection import Resolver

PARAGRAPH = (
    "The head of American diplomacy indicated that the ceasefire «could hold» in the coming "
    "days. Vladimir Poutine said on Monday that the council had taken a decision. The mayor "
    "announced Wednesday that the company would realise an enquête on the affair.\n\n"
)


def _rules_cpu(pipe: pipeline.Pipeline, text: str) -> float:
    doc = Document(text, "big.txt")
    pipe.prepare(doc)
    ctx = pipeline.Context(pipe.config, pipe.rules, ["fr"], True)
    t = time.process_time()
    found = pipeline._run_packs(doc, ctx, True) + pipeline._run_packs(doc, ctx, False)
    spent = time.process_time() - t
    assert found  # the text does trigger rules: the timing measures real work
    return spent


@pytest.mark.slow
@pytest.mark.parametrize("newlines", [True, False])
def test_rule_passes_are_linear(newlines: bool) -> None:
    pipe = Resolver(None).pipeline_for("big.txt")
    unit = PARAGRAPH if newlines else PARAGRAPH.replace("\n", " ")
    small = unit * (500_000 // len(unit))
    _rules_cpu(pipe, small[:50_000])  # compile the regexes first
    t_small = min(_rules_cpu(pipe, small) for _ in range(2))
    t_big = _rules_cpu(pipe, small * 10)
    assert t_big / t_small < 25, (t_small, t_big)  # linear ≈ 10; quadratic ≈ 100
