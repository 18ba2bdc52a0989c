"""Word-level alignment of a sentence and its rewrite: the rewrite as small span edits.

A model edit is reported like a rule's: the words that change, not the whole sentence, so the
resolver, ``--diff`` and JSON treat it the same way and every untouched byte stays as it was.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the input sentence
    end: int
    replacement: str
    old: str


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]


GAP = "\x00"  # a run of whitespace between two tokens, as an item of the alignment


def _items(text: str) -> list[tuple[int, int, str]]:
    """Tokens, and between two tokens that whitespace separates a ``GAP`` item over that
    whitespace: whether a space is there is part of the text (*said : we* / *said: we*,
    *10 000* / *10,000*); which whitespace it is (one space, two, a no-break space) is not."""
    out: list[tuple[int, int, str]] = []
    for s, e, w in tokens(text):
        if out and s > out[-1][1]:
            out.append((out[-1][1], s, GAP))
        out.append((s, e, w))
    return out


def align(src: str, out: str) -> list[Edit]:
    """The edits that turn ``src`` into ``out`` token by token, a space between tokens
    counting as one (whitespace between untouched tokens is kept from ``src``, so a space
    added or removed is an edit, and two spaces for one are not)."""
    a, b = _items(src), _items(out)
    sm = difflib.SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        new = out[b[j1][0] : b[j2 - 1][1]] if j2 > j1 else ""
        if i2 > i1:  # replace or delete
            s, e = a[i1][0], a[i2 - 1][1]
            if not new and a[i1][2] == GAP and i2 < len(a) and a[i2][2] == GAP:
                s, e = a[i1 + 1][0], a[i2][1]  # ' to' and 'to ' delete the same: say 'to '
        else:  # insert, after the previous item (or before the first)
            if i1 > 0 and j1 > 0 and a[i1 - 1][2] == GAP and b[j2 - 1][2] == GAP:
                # 'and ' after a space is ' and' after the word (the edit stays with it)
                i1, j1, j2 = i1 - 1, j1 - 1, j2 - 1
                new = out[b[j1][0] : b[j2 - 1][1]]
            s = e = a[i1 - 1][1] if i1 > 0 else (a[0][0] if a else 0)
        if not (src[s:e] + new).strip() and i2 < len(a) and j2 < len(b):
            # a space added or removed: shown with the token after it (' :' → ':')
            e, new = a[i2][1], new + out[b[j2][0] : b[j2][1]]
        edits.append(Edit(s, e, new, src[s:e]))
    return edits


def apply_edits(src: str, edits: list[Edit]) -> str:
    out, last = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(src[last : e.start])
        out.append(e.replacement)
        last = e.end
    out.append(src[last:])
    return "".join(out)


def changed_words(edits: list[Edit]) -> int:
    """Words touched: the larger of removed and inserted word counts per edit, summed."""
    return sum(max(len(tokens(e.old)), len(tokens(e.replacement))) for e in edits)
