"""The guard and leftover examples in the glossary data (glossaries/guards.yaml,
glossaries/leftovers.yaml): every example does what it says."""

from __future__ import annotations

import pytest

from retrans import paths
from retrans.document import Document
from retrans.formats import protected_spans
from retrans.glossary.model import load_keep, load_leftovers
from retrans.pipeline import Pipeline

OFF = {"rules": False, "cleanup": False, "detect": False}
ROOT = paths.glossary_dir()
_, GUARD_EXAMPLES = load_keep(ROOT)
LEFTOVERS = load_leftovers(ROOT)


def _run(text: str, lang: str) -> tuple[str, list[str]]:
    pipe = Pipeline(lang=lang, passes=OFF)
    findings, _ = pipe.check(Document(text, protected=protected_spans(text, "text")))
    fixed = pipe.fix(Document(text, protected=protected_spans(text, "text")))[0]
    return fixed, [f.code for f in findings if f.code.startswith("GL")]


def test_there_are_examples_for_every_guard_kind() -> None:
    kinds = " ".join(e.get("guard", "") for e in GUARD_EXAMPLES)
    for kind in ("keep list", "particle", "first name", "acronym", "quotation", "longest"):
        assert kind in kinds, kind


@pytest.mark.parametrize("example", GUARD_EXAMPLES, ids=lambda e: e["ok"][:40])
def test_guard_example_is_not_edited(example: dict[str, str]) -> None:
    text = example["ok"]
    fixed, codes = _run(text, example.get("lang", "en"))
    assert fixed == text, example.get("guard")
    assert not [c for c in codes if c in ("GL101", "GL102", "GL103", "GL106")]


LEFTOVER_CASES = [(w.form, w.text_lang, ex) for w in LEFTOVERS for ex in w.examples]


@pytest.mark.parametrize(("form", "lang", "example"), LEFTOVER_CASES, ids=lambda x: str(x)[:30])
def test_leftover_example(form: str, lang: str, example: dict[str, str]) -> None:
    if "wrong" in example:
        fixed, codes = _run(example["wrong"], lang)
        assert "GL105" in codes and fixed == example["right"]
    elif "report" in example:
        fixed, codes = _run(example["report"], lang)
        assert "GL105" in codes and fixed == example["report"]
    else:
        _, codes = _run(example["ok"], lang)
        assert "GL105" not in codes
