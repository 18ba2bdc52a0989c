"""Properties of ``fix`` on texts that mix glossary names of every language and rule triggers:

- idempotent: ``fix(fix(x)) == fix(x)``;
- one round: every edit ``fix`` applies is one ``check`` reports (fix == check's edits applied),
  so ``fix`` never makes an edit the user was not shown;
- bounded growth: ``len(fix(x)) <= len(x) + the growth check announced`` (no self-feeding).
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrans.document import Document
from retrans.formats import protected_spans
from retrans.pipeline import Pipeline
from retrans.resolve import apply, resolve


@cache
def _names() -> list[str]:
    """Every form of a spread of entities, in every language (Ho Chi Minh City included)."""
    from retrans.glossary.index import GlossaryData

    data = GlossaryData.load()
    ents = data.entities[::7] + [e for e in data.entities if "ho-chi-minh" in e.id]
    out = sorted(
        {
            f
            for e in ents
            for kind in ("names", "short")
            for fs in e.forms(kind).values()
            for f in fs
        }
    )
    return out


@cache
def _triggers() -> list[str]:
    from retrans.rules.engine import load_rules

    return sorted({ex.wrong for r in load_rules().rules for ex in r.examples if ex.wrong})[::3]


SEPS = [" ", ", ", ". ", " and ", ".\n", "\n\n", " « ", " » ", " : ", " (", ") ", "’s "]


def texts() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(_names()),
        st.sampled_from(_triggers()),
        st.sampled_from(SEPS),
        st.text(alphabet="abc XYZ.,'-é", max_size=6),
    )
    return st.lists(piece, min_size=1, max_size=14).map("".join)


PIPES = {"given": Pipeline(lang="en", source="fr"), "guessed": Pipeline(lang="en")}
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _doc(text: str) -> Document:
    return Document(text, lang="en", protected=protected_spans(text, "text"))


def _fix(pipe: Pipeline, text: str) -> str:
    return pipe.fix(_doc(text))[0]


def _check_edits(pipe: Pipeline, text: str) -> tuple[str, int]:
    """check's findings, resolved and applied; and the growth they announce."""
    doc = _doc(text)
    findings, _ = pipe.check(doc)
    edits = resolve(findings, doc, pipe.config.min_confidence)
    grow = sum(max(0, len(f.replacement or "") - (f.end - f.start)) for f in edits)
    return apply(text, edits), grow


def _props(pipe: Pipeline, text: str) -> None:
    once = _fix(pipe, text)
    assert _fix(pipe, once) == once, "fix is not idempotent"
    via_check, grow = _check_edits(pipe, text)
    assert once == via_check, "fix made edits check did not report"
    assert len(once) <= len(text) + grow


@SETTINGS
@given(texts())
def test_fix_properties_source_given(text: str) -> None:
    _props(PIPES["given"], text)


@SETTINGS
@given(texts())
def test_fix_properties_source_guessed(text: str) -> None:
    _props(PIPES["guessed"], text)


def test_known_growth_cases() -> None:
    for text in (
        "Ho Chi Minh City",
        "Ho Chi Minh",
        "the political return",
        "Hô-Chi-Minh-Ville and Ho Chi Minh City",
    ):
        for pipe in PIPES.values():
            _props(pipe, text)
