"""Tokenisation and a small Moses detokeniser (stdlib only).

Sentences come from :class:`retrans.document.Document`; this module only tokenises.
"""

from __future__ import annotations

import re

# A word: letters, optionally joined by apostrophes or hyphens ("don't", "États-Unis").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_TOKEN_KINDS = (
    r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*",  # word
    r"\d+(?:[.,]\d+)*",  # number
    r"[^\w\s]",  # punctuation
)
TOKEN_RE = re.compile("|".join(f"({k})" for k in _TOKEN_KINDS))
# ``TOKEN_RE``'s tokens, each match taking the whitespace before it: ``findall`` gives the
# same groups (no token starts with whitespace, and a match still starts where the previous
# one ended or later), with one step over a run of spaces instead of a failed try of every
# alternative at each space (≈ 15 % of the detector's tokenising). Not for offsets.
TOKENS_AFTER_SPACE = re.compile(r"\s*(?:" + TOKEN_RE.pattern + ")")
# The same tokens as plain strings (``findall`` builds no tuple per token). A token's kind
# is its first character's: a decimal digit starts a number, another letter or digit
# (``isalnum``, as ``\w`` less ``_``) a word, anything else is punctuation.
TOKEN_STRINGS = re.compile(r"\s*(" + "|".join(_TOKEN_KINDS) + ")")
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
