"""Scraped-page clean-up that needs code: blocks and headline lines repeated back to back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scripts import script

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]*")
_NORM = re.compile(r"\W+")
_SENTENCE_END = (".", "!", "?", "…", '."', ".”")


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
    for start, end in _repeated_head_lines(text, min_chars):
        yield rule.finding(start, end, "")
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
        prose = single and block.rstrip().endswith(_SENTENCE_END)
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


def _repeated_head_lines(text: str, min_chars: int) -> Iterable[tuple[int, int]]:
    """A line repeated right under itself in the headline zone (the lines before the first
    one that ends a sentence), when the article's first sentence follows it: a scraper's
    echo of the title in text with one paragraph per line, which blocks (runs of lines)
    cannot see. A line sung twice (*We wish you a Hare Krishna* ×3, then *And a Sun Myung
    Moon!*) is followed by more verse, not by a sentence of prose, and further down the
    text a repeat is the writer's. Each span is the repeat with the break before it."""
    prev_key: str | None = None
    prev_end = 0
    pending: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if m.start() > 0 and m.start() == prev_end and not line:
            continue  # the empty match after a line, before its break
        if not line.strip():
            prev_key = None  # a blank line: back-to-back blocks are the loop's
        elif _meta_line(line):
            pass  # a dateline or byline between a headline, its echo and the first sentence
        else:
            key = _norm(line)
            if key == prev_key and len(key) >= min_chars:
                pending.append((prev_end, m.end()))
            else:
                if pending and _first_sentence(line):
                    yield from pending
                pending = []
                if line.rstrip().endswith(_SENTENCE_END):
                    return  # the first sentence: the headline zone ends
                prev_key = key
        prev_end = m.end()


# A page's dateline or byline: *Published on 12/03/2024 at 10:45*, *Updated: March 12, 2024*,
# *By Ann Lee*, *12.03.2024 10:45*. Short; a label first, or a date or a time in it.
_META_LABEL = re.compile(
    r"\W*(?i:(?:first |last )?(?:published|posted|updated|modified)|date)\b"
    r"|By (?:[A-Z][\w'’.-]*\s*){1,4}$"
)
_DATE_OR_TIME = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.? \d{4}\b",
    re.I,
)
_META_WORDS = 12


def _meta_line(line: str) -> bool:
    """A dateline or byline (*Published on … at 10:45*, *By Ann Lee*): the headline zone
    looks through it (a repeated headline above it is still an echo)."""
    if len(line.split()) > _META_WORDS:
        return False
    return bool(_META_LABEL.match(line.strip()) or _DATE_OR_TIME.search(line))


def _first_sentence(line: str) -> bool:
    """An article's first paragraph: a sentence of prose (eight words or more)."""
    return line.rstrip().endswith(_SENTENCE_END) and len(line.split()) >= _PROSE_WORDS


_PROSE_WORDS = 8
