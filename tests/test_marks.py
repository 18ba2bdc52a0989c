"""The marks an edit inserts (quotes, apostrophes) take the style the text already types."""

from __future__ import annotations

import pytest

from retrans import pipeline
from retrans.config import Config
from retrans.document import Document
from retrans.marks import MarkStyle, mark_style, restyle


def fixed(text: str) -> str:
    return pipeline.Pipeline(Config(), source="fr").fix(Document(text))[0]


GUILLEMETS = "The minister called it « a disaster » in Paris."


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # straight quotes elsewhere: the guillemets become straight quotes too
        (
            f'He said "we will see" on Monday.\n\n{GUILLEMETS}\n',
            'He said "we will see" on Monday.\n\nThe minister called it "a disaster" in Paris.\n',
        ),
        # curly quotes elsewhere, or none at all: curly
        (
            f"He said “we will see” on Monday.\n\n{GUILLEMETS}\n",
            "He said “we will see” on Monday.\n\nThe minister called it “a disaster” in Paris.\n",
        ),
        (f"{GUILLEMETS}\n", "The minister called it “a disaster” in Paris.\n"),
        # no double quote: a straight apostrophe says the text was typed without curly marks
        (
            f"It's late. {GUILLEMETS}\n",
            'It\'s late. The minister called it "a disaster" in Paris.\n',
        ),
        # a rule's straight apostrophe (Russia's) in a text typed with curly ones
        (
            "The Kremlin’s line held. The head of Russian diplomacy, Sergueï Lavrov, spoke.\n",
            "The Kremlin’s line held. Russia’s top diplomat, Sergei Lavrov, spoke.\n",
        ),
        (
            "The Kremlin's line held. The head of Russian diplomacy, Sergueï Lavrov, spoke.\n",
            "The Kremlin's line held. Russia's top diplomat, Sergei Lavrov, spoke.\n",
        ),
        # a quotation nested in the guillemets keeps the curly outer pair
        (
            'He said "yes". She called it « the "historic" day ».\n',
            'He said "yes". She called it “the "historic" day”.\n',
        ),
    ],
)
def test_inserted_marks_follow_the_text(before: str, after: str) -> None:
    assert fixed(before) == after
    assert fixed(after) == after  # and a second fix changes nothing


def test_check_reports_the_edit_fix_makes() -> None:
    text = f'He said "we will see" on Monday. {GUILLEMETS}\n'
    pipe = pipeline.Pipeline(Config(), source="fr")
    findings, _ = pipe.check(Document(text))
    ty002 = [f for f in findings if f.code == "TY002"]
    assert [f.replacement for f in ty002] == ['"a disaster"']


def test_style_is_the_majority_and_marks_already_there_stay() -> None:
    assert mark_style('"a" "b" “c”') == MarkStyle(True, "'")
    assert mark_style('“a” “b” "c" it\'s') == MarkStyle(False, "'")
    assert mark_style("no marks at all") == MarkStyle(False, "")
    assert mark_style("« guillemets » only") == MarkStyle(False, "")
    curly = MarkStyle(False, "’")
    assert restyle("Russia's", "head of Russian diplomacy", curly) == "Russia’s"
    assert restyle("O'Neill", "o'neill", curly) == "O'Neill"  # the writer's own mark
    assert restyle("“a”", "« a »", MarkStyle(True, "'")) == '"a"'
    assert restyle("‘a’", "‚a‘", MarkStyle(True, "'")) == "'a'"
