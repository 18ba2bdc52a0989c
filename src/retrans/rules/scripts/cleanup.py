"""Scraped-page clean-up that needs code: blocks repeated back to back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_NORM = re.compile(r"\W+")


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.lower()).strip()


@script("repeated_blocks")
def repeated_blocks(doc: Document, rule: Rule) -> Iterable[Finding]:
    """A headline or paragraph repeated back to back (a scraper's echo): keep the first.

    Blocks are runs of non-empty lines; a repeat is deleted with the blank lines before it,
    so the text around it keeps its layout.
    """
    text = doc.text
    min_chars = int(rule.options.get("min_chars", 12))
    prev_end = -1
    prev_key = ""
    prev_last = ""  # the previous block's last line: a headline may sit under page chrome
    for m in _BLOCK.finditer(text):
        block = m.group()
        key = _norm(block)
        gap = text[prev_end : m.start()] if prev_end >= 0 else ""
        single = "\n" not in block
        # A one-line block that ends a sentence is prose a writer may repeat (a refrain),
        # not a scraped headline: leave it.
        prose = single and block.rstrip().endswith((".", "!", "?", "…", '."', ".”"))
        if (
            not prose
            and key
            and len(key) >= min_chars
            and gap.strip() == ""
            and (key == prev_key or (single and key == prev_last))
        ):
            yield rule.finding(prev_end, m.end(), "")
        else:
            prev_key = key
            prev_last = _norm(block.rsplit("\n", 1)[-1])
        prev_end = m.end()
