"""The quote marks and apostrophes a document types, so that the marks an edit inserts match.

Why: rules write “…” for « … » and *Russia's* with a straight apostrophe. In an article typed
with straight quotes, or with curly apostrophes, that leaves two styles in one text, and the
editor then has to put them back by hand. The style is the majority of the document's own
marks (a text with no double quote follows its apostrophes, one with no apostrophe its double
quotes: editors type both kinds curly or both straight); where neither kind has the majority,
an edit's marks stay as its rule wrote them.
Only marks the edit introduces change: one the matched text already holds is the writer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CURLY_DOUBLE = "“”"
CURLY_SINGLE = "‘’"
_FOREIGN = "«»„‚‹›"  # another language's marks: an edit holding them converts a quotation
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")  # a straight one inside a word


@dataclass(frozen=True)
class MarkStyle:
    """``straight_double``: the text's double quotes are straight ``"`` (else curly or
    undecided); ``single``: ``"'"`` or ``"’"`` for its apostrophes and single quotes, ``""``
    when undecided."""

    straight_double: bool = False
    single: str = ""

    @property
    def neutral(self) -> bool:
        return not self.straight_double and not self.single


def mark_style(text: str) -> MarkStyle:
    """The majority style of ``text``'s double quotes and of its apostrophes (« » and „ are
    another language's marks: not counted)."""
    straight = text.count('"')
    curly = text.count("“") + text.count("”")
    s_single = text.count("'")
    c_single = text.count("’") + text.count("‘")
    single = "'" if s_single > c_single else "’" if c_single > s_single else ""
    if straight == curly == 0:  # no double quote: a keyboard's straight apostrophe says
        return MarkStyle(single == "'", single)  # the text was typed without curly marks
    if not single:  # no apostrophe: the double quotes say which kind the text types
        single = "'" if straight > curly else "’" if curly > straight else ""
    return MarkStyle(straight > curly, single)


def restyle(replacement: str, original: str, style: MarkStyle) -> str:
    """``replacement`` with the marks it adds to ``original`` in the document's ``style``."""
    if any(ch in original for ch in _FOREIGN):  # „a“ ‚a‘: the edit replaces every mark
        original = "".join(ch for ch in original if ch not in CURLY_DOUBLE + CURLY_SINGLE)
    out = replacement
    if style.straight_double and '"' not in original:  # « the "historic" day »: kept nested
        for ch in CURLY_DOUBLE:
            if ch in out and ch not in original:
                out = out.replace(ch, '"')
    if style.single == "'":
        for ch in CURLY_SINGLE:
            if ch in out and ch not in original:
                out = out.replace(ch, "'")
    elif style.single == "’" and "'" in out and "'" not in original:
        out = _APOSTROPHE.sub("’", out)
    return out


def has_marks(replacement: str) -> bool:
    """Whether ``replacement`` holds a mark ``restyle`` may change (the cheap test first)."""
    return any(ch in replacement for ch in "“”‘’'")
