"""fix's later rounds (``rounds.py``): check reports them, and re-checking only what changed
gives the very output of re-checking the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrans import rounds
from retrans.document import Document
from retrans.findings import Finding, Severity
from retrans.pipeline import Pipeline
from retrans.resolve import apply, resolve

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Once round 1 has made the first *Russie unie* English, the *Russie* left in the second is no
# longer read as part of a French phrase (the word before it, in the same sentence, is no
# longer French): round 2 changes it.
CASCADE = "Z, Russie unie, Russie unieMánchester"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(lang="en", source="fr")


def _edit(start: int, end: int, repl: str) -> Finding:
    return Finding(
        start=start, end=end, code="X", category="t", severity=Severity.INFO, message="m",
        replacement=repl,
    )  # fmt: skip


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(alphabet="abcd", min_size=0, max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, last = [], -1
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a > last or (a == last and a < b):
            edits.append(_edit(a, b, draw(st.text(alphabet="XY", max_size=4))))
            last = b
    return text, edits


@settings(max_examples=300, deadline=None)
@given(edited())
def test_positions_map_forward_and_back(case: tuple[str, list[Finding]]) -> None:
    text, edits = case
    new = apply(text, edits)
    bounds = {p for e in edits for p in (e.start, e.end)}
    for pos in range(len(text)):
        if any(e.start <= pos < e.end for e in edits):
            continue  # a replaced character has no place in the new text
        s, e = rounds.forward(pos, edits, False), rounds.forward(pos + 1, edits, True)
        # a span keeps its characters, and takes in the edits that touch it (never fewer)
        assert text[pos] in new[s:e]
        assert rounds.back(s, edits, False) <= pos < pos + 1 <= rounds.back(e, edits, True)
        if not bounds & {pos, pos + 1}:
            assert new[s:e] == text[pos]
            assert (rounds.back(s, edits, False), rounds.back(e, edits, True)) == (pos, pos + 1)


def _back_loop(pos: int, edits: list[Finding], end: bool) -> int:
    """The plain reading of ``back`` (the property test's): one edit after another."""
    delta = 0
    for ed in edits:
        new_start = ed.start + delta
        new_end = new_start + len(ed.replacement or "")
        if pos < new_start or (pos == new_start and not end):
            break
        if pos < new_end or (pos == new_end and end):
            return ed.end if end else ed.start
        delta = new_end - ed.end
    return pos - delta


def _forward_loop(pos: int, edits: list[Finding], end: bool) -> int:
    delta = 0
    for ed in edits:
        if ed.start > pos or (ed.start == pos and not end) or (ed.start == pos < ed.end):
            break
        if pos < ed.end:
            start = ed.start + delta
            return start + len(ed.replacement or "") if end else start
        delta += len(ed.replacement or "") - (ed.end - ed.start)
    return pos + delta


@settings(max_examples=300, deadline=None)
@given(edited())
def test_binary_search_mapping_equals_the_plain_loop(case: tuple[str, list[Finding]]) -> None:
    text, edits = case
    shift = rounds.Shift(edits)
    new = apply(text, edits)
    for end in (False, True):
        assert [shift.forward(p, end) for p in range(len(text) + 1)] == [
            _forward_loop(p, edits, end) for p in range(len(text) + 1)
        ]
        assert [shift.back(p, end) for p in range(len(new) + 1)] == [
            _back_loop(p, edits, end) for p in range(len(new) + 1)
        ]


def test_check_reports_the_later_round_edit(pipe: Pipeline) -> None:
    text = CASCADE
    fixed = pipe.fix(Document(text, lang="en"))[0]
    assert fixed == "Z, United Russia, Russia unieMánchester"
    findings, _ = pipe.check(Document(text, lang="en"))
    later = [f for f in findings if "round" in f.meta]
    assert [(text[f.start : f.end], f.replacement, f.meta["round"]) for f in later] == [
        ("Russie", "Russia", 2)
    ]
    # the resolver leaves it to its own round: check's first-round edits stay as they were
    doc = Document(text, lang="en")
    assert [f.code for f in resolve(findings, doc)] == ["GL101"]
    assert apply(text, resolve(findings, doc)) == "Z, United Russia, Russie unieMánchester"


def test_later_edit_inside_an_earlier_one_is_reported_on_its_span() -> None:
    """A round-2 edit inside round 1's replacement is reported on the span round 1 replaced,
    with what that span reads after round 2."""
    text = "ab cd ef"
    r1 = [_edit(3, 5, "XYZ")]
    t1 = apply(text, r1)  # "ab XYZ ef"
    r2 = [_edit(4, 5, "q")]
    (f,) = rounds._mapped(r2, [r1], t1, 2)
    assert (f.start, f.end, f.replacement) == (3, 5, "XqZ")
    assert apply(text, [f]) == apply(t1, r2)


def _long_text() -> str:
    """Clean paragraphs around an MT sample's and the cascade: later rounds re-check a small
    part of it."""
    clean = (SAMPLES / "clean_en.txt").read_text(encoding="utf-8").strip()
    mt = (SAMPLES / "fr_ceasefire_call.txt").read_text(encoding="utf-8").strip()
    return "\n\n".join([clean] * 6 + [mt, CASCADE] + [clean] * 6) + "\n"


@pytest.mark.parametrize("source", ["fr", None])
def test_changed_only_rounds_equal_whole_text_rounds(
    monkeypatch: pytest.MonkeyPatch, source: str | None
) -> None:
    pipe = Pipeline(lang="en", source=source)
    text = _long_text()
    calls: list[int] = []
    real = rounds._local
    monkeypatch.setattr(rounds, "_local", lambda *a: calls.append(1) or real(*a))
    inc = rounds.plan(pipe, Document(text, lang="en"))
    assert calls, "the later rounds re-checked the whole text"
    monkeypatch.setattr(rounds, "FULL_SHARE", 0.0)
    full = rounds.plan(pipe, Document(text, lang="en"))
    assert inc.rounds >= 2
    assert inc.text == full.text != text
    key = [(f.start, f.end, f.code, f.replacement) for f in inc.findings]
    assert key == [(f.start, f.end, f.code, f.replacement) for f in full.findings]
    assert source is None or "Russia unieM" in inc.text  # the cascade, in a window
    assert pipe.fix(Document(inc.text, lang="en"))[0] == inc.text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Talks resume in Geneva\n\nSkip to content\nTalks resume in Geneva\n\nBody.\n",
            "Talks resume in Geneva\n\nBody.\n",
        ),
        # the repeat is deleted with the blank lines before it: the gap is the window's too
        (
            "Talks resume in Geneva\n\n\n\nShare this article:\n\n«  Talks resume in Geneva\n",
            "Talks resume in Geneva\n",
        ),
        # a name fix makes two blocks equal
        ("Sergei Lavrov\n\n\nSergueï Lavrov\n", "Sergei Lavrov\n"),
    ],
)
def test_an_edit_that_leaves_a_repeat_is_finished_in_the_same_fix(text: str, want: str) -> None:
    """A later round sees the paragraph before the change: fix(fix(x)) == fix(x)."""
    pipe = Pipeline(lang="en", source="fr")
    once = pipe.fix(Document(text, lang="en"))[0]
    assert once == want
    assert pipe.fix(Document(once, lang="en"))[0] == once


def test_windows_cover_paragraphs_or_cut_with_a_margin() -> None:
    text = "zero.\n\none.\n\n\ntwo three.\n\nfour.\n\nfive."
    (w,) = rounds._windows(text, [(text.index("two"), text.index("two") + 3)])
    # the paragraph, with the one before as context (the gap after it trusted: a repeat is
    # deleted with the blank lines before it) and the one after trusted
    assert text[w[0] : w[3]] == "\n\none.\n\n\ntwo three.\n\nfour.\n\n"
    assert text[w[1] : w[2]] == "\n\n\ntwo three.\n\nfour.\n\n"
    line = "word " * 2000
    ((a, lo, hi, b),) = rounds._windows(line, [(5000, 5004)])
    assert b - a <= 2 * rounds.REACH + 4 and lo == a + rounds.MARGIN and hi == b - rounds.MARGIN


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the caption read as German: the first round respelt the name *Sergej Lawrow*
        ("photo 1.jpg\nSergueï Lavrov\n", "Sergei Lavrov\n"),
        ("Skip to content\nPhoto 1.jpg\n\nSergueï Lavrov met Vladimir Poutine.\n",
         "\nSergei Lavrov met Vladimir Putin.\n"),
    ],
)  # fmt: skip
def test_a_text_that_reads_as_another_language_once_fixed_gets_a_round_in_it(
    text: str, want: str
) -> None:
    """The language is guessed (no ``lang``): removing chrome can change the guess, and a
    second ``fix`` guesses on the fixed text, so the first one finishes in that language."""
    pipe = Pipeline()
    once = pipe.fix(Document(text))[0]
    assert once == want
    assert pipe.fix(Document(once))[0] == once
