"""Pipeline invariants the architecture promises: pass order declared once, fix does not
mutate the pipeline, findings and rule types come from registries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrans import emitters, pipeline
from retrans.config import Config
from retrans.document import Document
from retrans.findings import Finding, Severity
from retrans.resolve import TIE_BREAKS, resolve
from retrans.rules import types

TEXT = (
    "The head of Russian diplomacy, Sergueï Lavrov, spoke to Vladimir Poutine.\n\n"
    "The telephone interview lasted an hour.\n"
)


def test_every_pass_is_registered_in_order() -> None:
    assert tuple(pipeline.PASSES) == pipeline.ORDER
    with pytest.raises(ValueError):
        pipeline.register("spelling")


def test_fix_leaves_the_pipeline_as_it_was() -> None:
    pipe = pipeline.Pipeline(Config())
    before = dict(vars(pipe))
    text, edits = pipe.fix(Document(TEXT))
    assert edits and text != TEXT
    assert pipe.source is None and vars(pipe).keys() == before.keys()
    # Same answer twice in a row, and fix is idempotent.
    assert pipe.fix(Document(TEXT))[0] == text
    assert pipe.fix(Document(text))[0] == text


def test_rule_types_and_formats_are_registries() -> None:
    for name in types.TYPES:
        assert types.get(name).run  # each type module registers itself on first use
    for name in emitters.FORMATS:
        assert callable(emitters.get(name))


def _f(start: int, end: int, code: str, source: str, conf: float) -> Finding:
    return Finding(
        start=start,
        end=end,
        code=code,
        category="x",
        severity=Severity.WARNING,
        message="m",
        replacement="r",
        source=source,
        confidence=conf,
    )


def test_resolver_tie_breaks_are_data() -> None:
    assert [name for name, _ in TIE_BREAKS][:2] == ["earlier pass", "surer"]
    doc = Document("abcdefgh")
    rule = _f(0, 4, "FR001", "rule", 0.99)
    glossary = _f(2, 6, "GL101", "glossary", 0.6)
    cleanup = _f(3, 8, "CL101", "rule", 0.5)
    assert resolve([rule, glossary, cleanup], doc) == [cleanup]
    assert resolve([rule, glossary], doc) == [glossary]  # the glossary pass wins over rules


def test_title_check_knows_the_configured_glossaries(tmp_path: Path) -> None:
    g = tmp_path / "ours.yaml"
    g.write_text(
        "entities:\n  - id: jean-testard\n    type: person\n    country: FR\n"
        "    names: {en: Jean Testard, fr: Jean Testard}\n    short: {en: Testard}\n",
        encoding="utf-8",
    )
    text = "Talks were held with the Russian president Jean Testard on Friday.\n"
    shipped, _ = pipeline.Pipeline(Config(), lang="en").check(Document(text))
    ours, _ = pipeline.Pipeline(Config(glossaries=[g]), lang="en").check(Document(text))
    assert "EP103" not in {f.code for f in shipped}
    ep = [f for f in ours if f.code == "EP103"]
    assert ep and (ep[0].replacement or ep[0].meta.get("suggestion")) == "French"


def _plain_resolve(cands: list[Finding]) -> list[Finding]:
    """The resolver's rule in its plainest form: by priority, take an edit unless it overlaps
    one taken, starts inside one, or shares a start with one (two edits at one point)."""
    from retrans.resolve import _priority

    chosen: list[Finding] = []
    for f in sorted(cands, key=_priority):
        if any(
            c.start < f.start < c.end or f.start <= c.start < max(f.end, f.start + 1)
            for c in chosen
        ):
            continue
        chosen.append(f)
    return sorted(chosen, key=lambda f: (f.start, f.end))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.sampled_from([0, 0, 1, 2, 5, 9]),
            st.sampled_from(["CL101", "FR001", "GL101"]),
            st.sampled_from(["rule", "glossary"]),
            st.sampled_from([0.6, 0.9, 1.0]),
        ),
        max_size=14,
    )
)
def test_resolver_takes_edits_by_priority_without_overlap(
    spec: list[tuple[int, int, str, str, float]],
) -> None:
    """Insertions (empty spans) included; the position marks give the plain rule's choice."""
    doc = Document("x" * 30)
    cands = [_f(a, min(30, a + n), code, src, conf) for a, n, code, src, conf in spec]
    assert resolve(cands, doc) == _plain_resolve(cands)
