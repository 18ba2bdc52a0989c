"""Tokenisation, sentence splitting and a small Moses detokeniser (stdlib only)."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


# A word: letters, optionally joined by apostrophes or hyphens ("don't", "États-Unis").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
TOKEN_RE = re.compile(
    r"([^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*)"
    r"|(\d+(?:[.,]\d+)*)"
    r"|([^\w\s])"
)
# Sentence boundary: end punctuation, optional closing quotes/brackets, whitespace, then
# something that can open a sentence.
_SENT_END_RE = re.compile(r"(?<=[.!?…])([\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[^\W_a-z])")
_LINE_RE = re.compile(r"[^\n]+")
_LAST_WORD_RE = re.compile(r"(?<![^\s(\"“‘])[^\W\d_]+$")
_ABBREVIATIONS = frozenset(
    _words(
        "Mr Mrs Ms Dr St Jr Sr Prof Gen Sen Rep Gov Lt Col Capt Sgt No vs etc Co Corp Inc Ltd "
        "Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mt Ft"
    )
)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence (or line) of the document with its character offsets."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """Split text into sentences: every non-blank line, then end punctuation inside a line."""
    out: list[Span] = []
    for line in _LINE_RE.finditer(text):
        base = line.start()
        chunk = line.group()
        pos = 0
        for m in _SENT_END_RE.finditer(chunk):
            if chunk[m.start() - 1] == ".":
                # Abbreviations are short: look only at the last 40 characters (searching
                # from 0 made one long line quadratic).
                w = _LAST_WORD_RE.search(chunk, max(0, m.start() - 41), m.start() - 1)
                if w and (
                    w.group() in _ABBREVIATIONS or (len(w.group()) == 1 and w.group().isupper())
                ):
                    continue
            _append(out, chunk, base, pos, m.end(1))
            pos = m.end()
        _append(out, chunk, base, pos, len(chunk))
    return out


def _append(out: list[Span], chunk: str, base: int, a: int, b: int) -> None:
    seg = chunk[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    start = base + a + lead
    out.append(Span(start, start + len(stripped), stripped))


# --- Moses detokenisation (for the MLQE training data) ---------------------------------

_DETOK_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\w) (['’]) ?(s|re|ve|ll|m|d|t)\b", re.I), r"\1\2\3"),  # it 's -> it's
    (re.compile(r"\b(\w+) n (['’])t\b", re.I), r"\1n\2t"),  # don 't (Moses split variants)
    (re.compile(r"(\w) (['’])(t)\b"), r"\1\2\3"),
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$£€]) "), r"\1"),
    (re.compile(r" ?@-@ ?"), "-"),
    (re.compile(r" ?@/@ ?"), "/"),
    (re.compile(r" ?@,@ ?"), ","),
    (re.compile(r" ?@\.@ ?"), "."),
    (re.compile(r"&quot;"), '"'),
    (re.compile(r"&apos;"), "'"),
    (re.compile(r"&amp;"), "&"),
    (re.compile(r"&lt;"), "<"),
    (re.compile(r"&gt;"), ">"),
    (re.compile(r"&#91;"), "["),
    (re.compile(r"&#93;"), "]"),
    (re.compile(r"&#124;"), "|"),
]
_QUOTE_RE = re.compile(r"\"|(?<=\s)'(?=\s)|^'(?=\s)|(?<=\s)'$")


def detokenize(text: str) -> str:
    """Undo Moses-style tokenisation well enough for feature extraction.

    Handles spaced punctuation, clitics (``it 's``), escaped entities and straight
    quotes, which Moses leaves spaced on both sides: they are paired left to right.
    """
    for pattern, repl in _DETOK_RULES:
        text = pattern.sub(repl, text)
    parts = _QUOTE_RE.split(text)
    if len(parts) > 1:
        quotes = _QUOTE_RE.findall(text)
        buf = [parts[0]]
        for i, q in enumerate(quotes):
            nxt = parts[i + 1]
            if i % 2 == 0:  # opening: glue to what follows
                buf.append(q)
                buf.append(nxt.lstrip())
            else:  # closing: glue to what precedes
                buf[-1] = buf[-1].rstrip()
                buf.append(q)
                buf.append(nxt)
        text = "".join(buf)
    return re.sub(r"\s{2,}", " ", text).strip()
