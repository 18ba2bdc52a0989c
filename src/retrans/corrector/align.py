"""Word-level alignment of a sentence and its rewrite: the rewrite as small span edits.

A model edit is reported like a rule's: the words that change, not the whole sentence, so the
resolver, ``--diff`` and JSON treat it the same way and every untouched byte stays as it was.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = set(",.;:!?)]}”’»%")


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the input sentence
    end: int
    replacement: str
    old: str


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]


def align(src: str, out: str) -> list[Edit]:
    """The edits that turn ``src`` into ``out`` token by token (whitespace between untouched
    tokens is kept from ``src``)."""
    a, b = tokens(src), tokens(out)
    sm = difflib.SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        new = out[b[j1][0] : b[j2 - 1][1]] if j2 > j1 else ""
        if i2 > i1:  # replace or delete
            s, e = a[i1][0], a[i2 - 1][1]
            if not new:  # a deletion takes one space with it, never the last between words
                if e < len(src) and src[e] == " " and (s == 0 or src[s - 1].isspace()):
                    e += 1
                elif s > 0 and src[s - 1] == " " and (e == len(src) or not src[e].isalnum()):
                    s -= 1
            edits.append(Edit(s, e, new, src[s:e]))
        elif i1 > 0:  # insert after the previous token
            pos = a[i1 - 1][1]
            sep = "" if new[0] in _NO_SPACE_BEFORE else " "
            edits.append(Edit(pos, pos, sep + new, ""))
        else:  # insert at the very start
            pos = a[0][0] if a else 0
            edits.append(Edit(pos, pos, new + " ", ""))
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
