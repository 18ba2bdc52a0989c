"""Property tests: fix is idempotent, never touches bytes outside its edits, and never edits
Markdown code or URLs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from retrans.document import Document
from retrans.formats import protected_spans
from retrans.pipeline import Pipeline
from retrans.resolve import apply, resolve

PIPE = Pipeline(lang="en", source="fr")
FRAGMENTS = [
    "Skip to content\n",
    "Share this article:\n",
    "most popular\n",
    "photo 1.jpg\n",
    "Talks resume in Geneva\n\n",
    "Talks resume in Geneva\n\n",
    "\n\n",
    "\n",
    " ",
    ". ",
    "Vladimir Poutine",
    "Poutine",
    "poutine",
    "Sergueï Lavrov",
    "Sergey Lavrov",
    "Sergei Lavrov",
    "Pékin",
    "the telephone interview",
    "the head of American diplomacy",
    "the Westerners",
    "« ",
    " »",
    " :",
    " ?",
    "3,5 million",
    "10 000",
    "against Ukraine. “.",
    "“",
    "”",
    "'s",
    "The minister said",
    "will meet with his counterpart by phone",
    "https://ex.org/Poutine",
    "`Poutine « x »`",
    "e\u0301",
    "İstanbul",
    "\t",
    "\r\n",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=30).map(
    "".join
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fix(text: str, fmt: str = "text") -> str:
    doc = Document(text, fmt=fmt, protected=protected_spans(text, fmt))
    return PIPE.fix(doc)[0]


@SETTINGS
@given(texts)
def test_fix_is_idempotent(text: str) -> None:
    once = _fix(text)
    assert _fix(once) == once


@SETTINGS
@given(texts)
def test_bytes_outside_edits_unchanged(text: str) -> None:
    doc = Document(text, lang="en", protected=protected_spans(text, "text"))
    findings, _ = PIPE.check(doc, prepared=True)
    edits = resolve(findings, doc)
    out = apply(text, edits)
    pos_in, pos_out = 0, 0
    for e in edits:
        gap = text[pos_in : e.start]
        assert out[pos_out : pos_out + len(gap)] == gap
        pos_out += len(gap) + len(e.replacement or "")
        pos_in = e.end
    assert out[pos_out:] == text[pos_in:]


PROTECTED = [
    "`Poutine « x » : y`",
    "`the Westerners`",
    "<https://ex.org/a?b=Poutine>",
    "[link](https://ex.org/telephone%20interview)",
    "https://ex.org/Pékin?q=«",
    "<!-- Poutine : -->",
    "editor@ex.org",
    "#Poutine",
]


@SETTINGS
@given(
    st.lists(
        st.one_of(st.sampled_from(PROTECTED), st.sampled_from(FRAGMENTS)), min_size=1, max_size=20
    )
)
def test_markdown_code_and_urls_untouched(parts: list[str]) -> None:
    text = " ".join(parts)
    out = _fix(text, "markdown")
    for p in parts:
        if p in PROTECTED:
            assert p in out, (p, out)


def test_samples_are_idempotent() -> None:
    for path in sorted(Path(SAMPLES).glob("*.*")):
        if path.suffix == ".jsonl":
            continue
        text = path.read_text(encoding="utf-8")
        fmt = "markdown" if path.suffix == ".md" else "text"
        once = _fix(text, fmt)
        assert _fix(once, fmt) == once, path.name


def test_fenced_code_and_front_matter_untouched() -> None:
    text = (SAMPLES / "de_energy_deal.md").read_text(encoding="utf-8")
    out = _fix(text, "markdown")
    assert out.startswith("---\ntitle: Berlin and Kyiv sign an energy deal\n")
    assert "```\nWladimir Putin  # code is never touched\n```" in out
    assert "https://example.org/Selenskyj-Wladimir-Putin" in out
    assert "`Selenskyj`" in out
