"""Human English that looks like a source language's habits stays as written, even when the
source is named (or the detector names it wrongly): each sentence once drew a wrong edit."""

from __future__ import annotations

import pytest

from retrans.document import Document
from retrans.pipeline import Pipeline

TRAPS = [
    "Bayern won 3 : 1 in Munich on Saturday, and the screens were 16 : 9.",  # TY003
    "Since two years prior, the shrine has hired its own guides.",  # FR129
    "Security was tightened after the 11 September attacks.",  # FR285
    "The concert was held at the Hexagon in Reading last week.",  # FR241
    "Visitors queued outside Mme Tussauds on Saturday.",  # FR328
    "The trek passes through the tea gardens in Mai Pokhari in the east.",  # DE106
    "Fans of the st. Louis team and pilgrims to st. Peter's Basilica waited.",  # RU048
    "The theatre staged 'La Belle et la bête' last winter.",
    "The government has declared a state of emergency in three provinces.",
    "The Russian presidents, Vladimir Putin, and Dmitry Medvedev, met in Sochi.",  # EP104
    "The book was translated into Italian, German, Russian and Greek.",
    "M. Night Shyamalan has directed a new thriller set in Philadelphia.",
]


@pytest.mark.parametrize("source", ["fr", "de", "es", "it", "ru", None])
def test_human_sentences_survive_every_source(source: str | None) -> None:
    pipe = Pipeline(source=source, lang="en") if source else Pipeline(lang="en")
    for text in TRAPS:
        out, edits = pipe.fix(Document(text))
        assert out == text, (source, [(e.code, text[e.start : e.end]) for e in edits])
