"""The glossary pass: find foreign and non-house name forms in a document."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from retrans.document import Document
from retrans.findings import Finding, Severity
from retrans.glossary.index import LANG_NAMES, Index, Target

_WORD_AFTER = re.compile(r"[ \t]([^\W\d_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]$")


def _lower_same_length(text: str) -> str:
    """Lowercase, typographic apostrophes as straight ones, same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "’" in low:
        low = low.replace("’", "'")
    return low.replace("ё", "е") if "ё" in low else low


def _case_ok(form: str, found: str) -> bool:
    """A name matches only where its capitals are capitals (so ``poutine`` the dish never does)."""
    if found.isupper() and len(found) > 1:
        return True
    if form.isupper():
        return found == form
    return all(not fc.isupper() or tc.isupper() for fc, tc in zip(form, found, strict=False))


def _recase(found: str, form: str, repl: str) -> str:
    if found.isupper() and not form.isupper() and len(found) > 1:
        return repl.upper()
    if found[:1].isupper() and repl[:1].islower():
        return repl[0].upper() + repl[1:]
    return repl


def find(doc: Document, index: Index) -> list[Finding]:
    if not index.targets:
        return []
    text = doc.text
    low = _lower_same_length(text)
    n = len(text)
    hits: list[tuple[int, int, Target]] = []
    for end_incl, ti in index.automaton.iter(low):
        tgt = index.targets[ti]
        end = end_incl + 1
        start = end - len(tgt.form)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@#"):
            continue
        if end < n and (text[end].isalnum() or text[end] == "_"):
            continue
        hits.append((start, end, tgt))
    if not hits:
        return []
    # Leftmost-longest, non-overlapping.
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    chosen: list[tuple[int, int, Target]] = []
    last = -1
    for start, end, tgt in hits:
        if start < last:
            continue
        found = text[start:end]
        if not _case_ok(tgt.form, found) or doc.is_protected(start, end):
            continue
        if tgt.guards and _guarded(low, start, end, tgt.guards):
            continue
        if (
            " " not in tgt.form
            and not (found.isupper() and len(found) > 1)
            and _part_of_longer_name(doc, start, end, index)
        ):
            continue
        chosen.append((start, end, tgt))
        last = end
    return _findings(doc, chosen)


def _guarded(low: str, start: int, end: int, guards: tuple[str, ...]) -> bool:
    return _guard_rx(guards).search(low, max(0, start - 200), end + 200) is not None


@lru_cache(maxsize=4096)
def _guard_rx(guards: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for an entity's guard words (they start a word near the match)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(g.lower()) for g in guards) + ")")


def _part_of_longer_name(doc: Document, start: int, end: int, index: Index) -> bool:
    """``Paris Hilton``, ``Jordan Peterson``: a capitalised neighbour means the match is part
    of a name the glossary doesn't know — except a title before it ("President Poutine"), or
    in a Title Case headline, where every word is capitalised."""
    text = doc.text
    after = _WORD_AFTER.match(text, end)
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    cap_after = after is not None and after.group(1)[0].isupper()
    cap_before = (
        before is not None
        and before.group(1)[0].isupper()
        and not doc.sentence_start(before.start())
        and before.group(1).lower().rstrip(".") not in index.titles
    )
    return (cap_after or cap_before) and not _title_case_line(text, start)


def _title_case_line(text: str, pos: int) -> bool:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = _WORDS.findall(text, lo, hi if hi >= 0 else len(text))
    if len(words) < 4:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by"}
    content = [w for w in words if w.lower() not in small]
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _findings(doc: Document, chosen: list[tuple[int, int, Target]]) -> list[Finding]:
    # Forms of one entity seen in this document (to report two spellings in one text).
    seen: dict[str, set[str]] = defaultdict(set)
    for start, end, tgt in chosen:
        seen[tgt.entity].add(doc.text[start:end])
    out: list[Finding] = []
    lang_name = LANG_NAMES.get(doc.lang, doc.lang)
    for start, end, tgt in chosen:
        found = doc.text[start:end]
        repl = _recase(found, tgt.form, tgt.replacement)
        if repl == found:
            continue
        if tgt.code == "GL101":
            langs = [x for x in tgt.form_lang.split(",") if x]
            if not langs:
                msg = f"'{found}' is a variant spelling; {lang_name} uses '{repl}'"
            else:
                src = "/".join(LANG_NAMES.get(x, x) for x in langs)
                article = "an" if src[:1] in "AEIOU" else "a"
                msg = f"'{found}' is {article} {src} form; {lang_name} uses '{repl}'"
            out.append(
                Finding(
                    start,
                    end,
                    "GL101",
                    "name",
                    Severity.ERROR,
                    msg,
                    repl,
                    "glossary",
                    0.95,
                    {"lang": langs[0] if langs else "", "langs": langs, "entity": tgt.entity},
                )
            )
        elif len(seen[tgt.entity]) > 1 or _house_seen(doc, tgt):
            out.append(
                Finding(
                    start,
                    end,
                    "GL103",
                    "consistency",
                    Severity.WARNING,
                    f"'{found}' and '{tgt.replacement}' in one text: use the house form '{repl}'",
                    repl,
                    "glossary",
                    0.9,
                    {"entity": tgt.entity},
                )
            )
        else:
            out.append(
                Finding(
                    start,
                    end,
                    "GL102",
                    "style",
                    Severity.WARNING,
                    f"house style writes '{repl}'",
                    repl,
                    "glossary",
                    0.9,
                    {"entity": tgt.entity},
                )
            )
    return out


def _house_seen(doc: Document, tgt: Target) -> bool:
    seen = doc.__dict__.setdefault("_house_seen", {})  # one scan per form, not per finding
    if tgt.replacement not in seen:
        rx = rf"(?<!\w){re.escape(tgt.replacement)}(?!\w)"
        seen[tgt.replacement] = re.search(rx, doc.text) is not None
    return bool(seen[tgt.replacement])
