"""Quote edits that keep quotes in pairs: a closing quote is fixed only to match its opener.

``He warned of “grave consequences. “.`` closes a French-style quote: the stray mark after the
full stop becomes the closing mark *of the same style as the opening one* (“…” or "…"). With
no opening quote in the paragraph there is no pair to complete: advice only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

_STRAY = re.compile(r"([.!?])[ \t\u00a0\u202f]*[“\"«][ \t\u00a0\u202f]*\.")
_CLOSE = {"“": "”", '"': '"', "«": "»"}


def open_quote(text: str, start: int, end: int) -> str | None:
    """The innermost quote mark left open at ``end`` in ``text[start:end]`` (one paragraph),
    if any. Straight quotes nest with the others (``« "a. ".`` has ``"`` open, not ``«``)."""
    stack: list[str] = []
    for ch in text[start:end]:
        if ch in "“«":
            stack.append(ch)
        elif (ch == "”" and stack and stack[-1] == "“") or (
            ch == "»" and stack and stack[-1] == "«"
        ):
            stack.pop()
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(ch)
    return stack[-1] if stack else None


def unpaired(text: str) -> int:
    """Quote marks in ``text`` (one paragraph) that do not pair up."""
    bad, stack = 0, []
    for ch in text:
        if ch in "“«":
            stack.append(ch)
        elif ch in "”»":
            if stack and stack[-1] == ("“" if ch == "”" else "«"):
                stack.pop()
            else:
                bad += 1
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(ch)
    return bad + len(stack)


@script("quote_close")
def quote_close(doc: Document, rule: Rule) -> Iterable[Finding]:
    text = doc.text
    for m in _STRAY.finditer(text):
        para = text.rfind("\n\n", 0, m.start())
        start = para + 1 if para >= 0 else 0
        opener = open_quote(text, start, m.start() + 1)
        end = text.find("\n\n", m.end())
        end = len(text) if end < 0 else end
        if opener is None:
            yield rule.finding(
                m.start(), m.end(), None, f"{rule.message} (no opening quote to pair)"
            )
            continue
        new = m.group(1) + _CLOSE[opener]
        if opener == '"' and rule.options.get("straight") == "advice":
            # '?".' is as often an English typo as a French close: suggest, do not edit
            yield rule.finding(m.start(), m.end(), None, f"{rule.message} (suggestion: {new}?)")
            continue
        after = text[start : m.start()] + new + text[m.end() : end]
        if unpaired(after) > unpaired(text[start:end]):
            # a closing mark later in the paragraph pairs with this one: it opens a quote
            # (*« it was over. « The end. » »*); closing it here would leave that one stray
            yield rule.finding(m.start(), m.end(), None, f"{rule.message} (suggestion: {new}?)")
            continue
        yield rule.finding(m.start(), m.end(), new)
