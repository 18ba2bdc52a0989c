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
    kept = ""  # the last block kept (not a repeat); its key and last line's key, when needed
    kept_key: str | None = ""
    kept_last: str | None = ""  # a headline may sit under page chrome
    for m in _BLOCK.finditer(text):
        block = m.group()
        gap = text[prev_end : m.start()] if prev_end >= 0 else ""
        single = "\n" not in block
        # A one-line block that ends a sentence is prose a writer may repeat (a refrain),
        # not a scraped headline: leave it.
        prose = single and block.rstrip().endswith((".", "!", "?", "…", '."', ".”"))
        repeat = False
        # the keys only where they can decide (no block before the first: nothing to repeat)
        if prev_end >= 0 and not prose and gap.strip() == "":
            key = _norm(block)
            if key and len(key) >= min_chars:
                if kept_key is None:
                    kept_key = _norm(kept)
                if key == kept_key:
                    repeat = True
                elif single:
                    if kept_last is None:
                        kept_last = _norm(kept.rsplit("\n", 1)[-1])
                    repeat = key == kept_last
        if repeat:
            yield rule.finding(prev_end, m.end(), "")
        else:
            kept, kept_key, kept_last = block, None, None
        prev_end = m.end()
