"""Paragraphs, sentences and tokens: the one splitter every pass and the detector share.

Sentence splitting is one forward pass over the text (linear time, even on hostile input such
as a long run of dots or thousands of abbreviations): candidate ends are runs of end
punctuation; each is checked by looking at the next few characters and the word before it.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# Lowercased words that end with a full stop without ending the sentence ("Mr.", "U.S.").
# Single letters ("J. Smith") are abbreviations too. The only list: the detector uses it as well.
_ABBREV_WORDS = """
mr mrs ms dr st jr sr prof gen col lt sgt gov sen rep rev no vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e approx dept est fig m mme mlle
"""
ABBREVIATIONS = frozenset(_ABBREV_WORDS.split())

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# A run of end punctuation and the closing quotes/brackets after it: a candidate sentence end.
_END_RUN = re.compile(r"[.!?…]+[\"”’»)\]]*")
# What must follow a sentence end: space, then maybe an opening quote, then a capital or digit.
_NEXT_OPENS = re.compile(r"\s+[\"“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-Я]")
_TRIM_LEFT = '"(“'
# Words (letters joined by apostrophes or hyphens), numbers, and single punctuation marks.
TOKEN_RE = re.compile(
    r"([^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*)"
    r"|(\d+(?:[.,]\d+)*)"
    r"|([^\w\s])"
)


def paragraphs(text: str) -> list[Span]:
    """Spans of the non-blank paragraphs (blocks between blank lines)."""
    spans: list[Span] = []
    pos = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [s for s in spans if not text[s[0] : s[1]].isspace()]


def is_abbreviation(text: str, start: int, end: int) -> bool:
    """True when the word ending at ``end`` (not before ``start``) is an abbreviation.

    A word followed by one line break counts as ending there too ("J\\n. Smith"), as the
    splitter always did.
    """
    if end > start and text[end - 1] == "\n":
        end -= 1
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    if i == end:
        return False
    word = text[i:end].lower().lstrip(_TRIM_LEFT)
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets just after each sentence end in ``text[start:end]`` (the text's end excluded)."""
    end = len(text) if end is None else end
    out: list[int] = []
    sent_start = start
    for m in _END_RUN.finditer(text, start, end):
        if not _NEXT_OPENS.match(text, m.end(), end):
            continue
        if text[m.start()] == "." and is_abbreviation(text, sent_start, m.start()):
            continue
        out.append(m.end())
        sent_start = m.end()
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans without surrounding whitespace, within one paragraph (or any range)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    for cut in [*sentence_ends(text, start, end), end]:
        s, e = strip_span(text, pos, cut)
        if e > s:
            out.append((s, e))
        pos = cut
    return out


def split(text: str) -> list[Span]:
    """Every sentence of ``text``, paragraph by paragraph."""
    return [s for p0, p1 in paragraphs(text) for s in sentences(text, p0, p1)]


def split_shared(text: str) -> list[Span]:
    """:func:`split`, computed once for the last text seen: the pipeline's document and the
    detector's view of the same text share one split (a fresh list each call)."""
    last = _LAST_SPLIT[0]
    if last[0] is not text:
        last = _LAST_SPLIT[0] = (text, split(text))
    return list(last[1])


# The last text split and its sentences (one tuple, swapped whole: thread-safe).
_LAST_SPLIT: list[tuple[str | None, list[Span]]] = [(None, [])]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word, number and punctuation spans (see ``TOKEN_RE``)."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
