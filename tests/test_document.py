"""The Document: one sentence splitter (same spans as before, linear time) and the NFC view."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from retrans import segment
from retrans.config import Config
from retrans.document import ABBREVIATIONS, Document
from retrans.pipeline import Pipeline

# The splitter as it was before the one-pass rewrite (quadratic on abbreviation runs): the
# new one must give the same spans, since `fix` output depends on them.
_OLD_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])")


def _old_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for p0, p1 in segment.paragraphs(text):
        start = p0
        for m in _OLD_END.finditer(text, p0, p1):
            word = re.search(r"(\S+)$", text[start : m.start()])
            if m.group().startswith(".") and word:
                w = word.group(1).lower().lstrip('("“')
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
            out.append(segment.strip_span(text, start, m.end()))
            start = m.end()
        if start < p1:
            out.append(segment.strip_span(text, start, p1))
    return [s for s in out if s[1] > s[0]]


_PIECES = st.sampled_from(
    [
        "Mr.",
        "Dr. ",
        "U.S.",
        " ",
        "  ",
        "\n",
        "\n\n",
        ". ",
        "? ",
        "!» ",
        "…",
        "...",
        "word",
        "Word",
        "A",
        "j.",
        "(“Hi.”) ",
        "Élan",
        "Путин",
        "3",
        "etc.",
        "«",
        '"',
        " x",
        ".\u00a0B",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_splitter_matches_the_old_one(text: str) -> None:
    assert Document(text).sentences == _old_sentences(text)


def test_sentences_and_abbreviations() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.\n\nA new day! Yes."
    doc = Document(text)
    got = [text[s:e] for s, e in doc.sentences]
    assert got == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "They talked.",
        "A new day!",
        "Yes.",
    ]
    assert doc.sentence_at(text.index("talked")) == doc.sentences[1]
    assert doc.sentence_at(text.index("\n\n") + 1) == (0, len(text))


def test_splitter_is_linear_on_hostile_input() -> None:
    # Quadratic splitters take minutes here; a linear one well under a second.
    for text in ("Mr. " * 50_000 + "End. Next.", "." * 200_000 + " A", "x" * 200_000 + ". A"):
        spans = segment.split(text)
        assert spans and spans[-1][1] <= len(text)


def test_lines_paragraphs_tokens() -> None:
    doc = Document("One two.\r\nThree, 4.5\n\nFour")
    assert [doc.text[s:e] for s, e in doc.lines] == ["One two.", "Three, 4.5", "", "Four"]
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["One two.\r\nThree, 4.5", "Four"]
    assert [doc.text[s:e] for s, e in doc.tokens][:6] == ["One", "two", ".", "Three", ",", "4.5"]


def test_nfc_view_maps_back() -> None:
    text = "In Pe\u0301kin, cafe\u0301s. Zoe\u0308!"
    view = Document(text).nfc
    assert view.text == unicodedata.normalize("NFC", text)
    i = view.text.index("Pékin")
    s, e = view.to_original(i, i + len("Pékin"))
    assert text[s:e] == "Pe\u0301kin"
    assert view.from_original(s, e) == (i, i + len("Pékin"))
    assert Document("already NFC: Pékin").nfc.identity


def test_glossary_finds_decomposed_names_and_keeps_other_bytes() -> None:
    text = "Macron flew to Pe\u0301kin on Monday. The cafe\u0301 was closed.\n"
    pipe = Pipeline(Config(), lang="en", source="fr")
    out, edits = pipe.fix(Document(text))
    assert any(e.code == "GL101" for e in edits)
    assert out == text.replace("Pe\u0301kin", "Beijing")  # the NFD café is left as it was


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="aeiouAEZ .\n\u0301\u0308\u0327\u00e9\u00c5\u212b\u1e0a\u0323\u0307ß가\u1100\u1161",
        max_size=30,
    )
)
def test_nfc_view_is_nfc_and_maps_each_character_back(text: str) -> None:
    view = Document(text).nfc
    assert view.text == unicodedata.normalize("NFC", text)
    for i in range(len(view.text)):
        s, e = view.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
        # the original piece normalises to a text that holds this character
        assert view.text[i] in unicodedata.normalize("NFC", text[s:e])
