"""The glossary pass: find foreign and non-house name forms in a document.

Every form of every language is matched, leftmost-longest, so a longer name always wins over a
shorter form inside it. Forms the text's language prints are kept (and counted: two spellings
of one entity in one text are GL103); foreign forms are GL101; accepted variants change only
under a house style (GL102). Forms that cannot be ordinary words are matched in any casing and
get their canonical casing back (GL106).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from retrans.document import Document
from retrans.findings import Finding, Severity
from retrans.glossary.index import (
    KEEP,
    LANG_NAMES,
    Index,
    Target,
    deaccent,
    norm_key,
    weak_form,
)

_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+$")
# Lowercase particles inside proper names: Piazza di Spagna, Dominique de Villepin.
_PARTICLES = frozenset(
    [
        "de",
        "di",
        "da",
        "del",
        "della",
        "dei",
        "degli",
        "des",
        "du",
        "d'",
        "d’",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "do",
        "dos",
        "das",
        "y",
        "el",
        "al",
        "bin",
        "ben",
        "ibn",
        "af",
        "zu",
        "ter",
        "ten",
    ]
)
_FIRST_LOWER = re.compile(r"(?<![\w'’-])(?=([^\W\d_]+) ([^\W\d_][\w'’-]*[^\W\d_])(?![\w'’-]))")


@dataclass
class _Hit:
    """A glossary name found in the text, and its target form."""

    start: int
    end: int
    tgt: Target
    miscased: bool  # matched only case-insensitively (a robust form)
    report_only: bool = False  # a leftover inside a foreign name (Ministère de…): no edit


def _lower_same_length(text: str) -> str:
    """Lowercase, typographic apostrophes as straight ones, same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "’" in low:
        low = low.replace("’", "'")
    return low.replace("ё", "е") if "ё" in low else low


def _caps_ok(form: str, found: str) -> bool:
    """Capitals of the form are capitals in the text (so ``poutine`` the dish never matches)."""
    return all(not fc.isupper() or tc.isupper() for fc, tc in zip(form, found, strict=False))


def _caps_context(text: str, start: int, end: int) -> bool:
    """An all-caps line (a shouted headline), not an acronym inside ordinary text."""
    return _LINES.verdict(text, start, end, _shouted)


def _shouted(line: str) -> bool:
    words = [w for w in _WORDS.findall(line) if len(w) > 1]
    if len(words) < 3:
        return False
    return sum(w.isupper() for w in words) >= 0.8 * len(words)


class _LineVerdicts:
    """Verdicts about whole lines (shouted? Title Case?) of the last text seen, each computed
    once per line, the line found by bisection: many hits on one long line stay linear."""

    def __init__(self) -> None:
        # (text, its line breaks, verdicts by (line start, line end, judge)), swapped whole
        self.state: tuple[str | None, list[int], dict[Any, bool]] = (None, [], {})

    def verdict(self, text: str, start: int, end: int, judge: Callable[[str], bool]) -> bool:
        """``judge`` of the text from the line start before ``start`` to the line break at
        or after ``end`` (what ``rfind``/``find`` of ``"\\n"`` would bound)."""
        state = self.state
        if text is not state[0]:
            state = self.state = (text, [m.start() for m in _BREAK.finditer(text)], {})
        _, br, seen = state
        i = bisect_left(br, start)
        lo = br[i - 1] + 1 if i else 0
        j = bisect_left(br, end, i)
        hi = br[j] if j < len(br) else len(text)
        key = (lo, hi, judge)
        found = seen.get(key)
        if found is None:
            found = seen[key] = judge(text[lo:hi])
        return found


_BREAK = re.compile("\n")
_LINES = _LineVerdicts()


def _case(form: str, found: str, tgt: Target, text: str, start: int, end: int) -> str | None:
    """'exact' when the casing fits, 'miscased' for a robust form in another casing,
    None when this occurrence cannot be the name."""
    if found.isupper() and len(found) > 1 and not form.isupper():
        # All caps: a shouted headline or a long name, not an acronym (FES is not Fès).
        if tgt.code in (KEEP, "GL102") or _caps_context(text, start, end):
            return "exact"  # a name the language prints, in capitals: BEIJING, (a dateline)
        if text[text.rfind("\n", 0, start) + 1 : start].strip(' \t"“«*#') == "":
            return "exact"  # capitals opening a line: a dateline or a heading
        # A long name in capitals inside ordinary text: MT noise, given its usual casing.
        long_name = " " in form or "-" in form or len(found) >= 6
        return "miscased" if long_name else None
    if form.isupper():
        return "exact" if found == form else None
    if _caps_ok(form, found):
        return "exact"
    return "miscased" if tgt.robust else None


def _recase(found: str, form: str, repl: str, miscased: bool) -> str:
    """The replacement in the occurrence's casing: all caps in a shouted line, a capital
    first letter where the occurrence has one; a miscased occurrence gets the usual casing."""
    if found.isupper() and not form.isupper() and len(found) > 1 and not miscased:
        return repl.upper()
    if found[:1].isupper() and repl[:1].islower():
        return repl[0].upper() + repl[1:]
    return repl


def find(doc: Document, index: Index, sources: list[str] | None = None) -> list[Finding]:
    """Glossary findings in ``doc``; ``sources``: the MT's source languages when known."""
    if not index.targets:
        return []
    text = doc.text
    low = _lower_same_length(text)
    n = len(text)
    raw: list[tuple[int, int, Target, int]] = []
    targets = index.targets
    for at, length, ti in index.occurrences(low):
        end = at + length
        if end < n and (text[end].isalnum() or text[end] == "_"):
            continue  # (checked first: it needs no target)
        tgt = targets[ti]
        start = end - len(tgt.form)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@#"):
            continue
        raw.append((start, end, tgt, length))
    # Leftmost-longest over every language's forms: a kept name shields what is inside it
    # (equal spans: the longer lowercase form first, the automaton's order).
    raw.sort(key=lambda h: (h[0], -(h[1] - h[0]), -h[3]))
    hits: list[_Hit] = []
    last = -1
    for start, end, tgt, _ in raw:
        if start < last:
            continue
        if tgt.etype == "place" and (
            (text.startswith(",", end) and index.region_after(text, end))
            or _compound_place(low, start, end)
        ):
            last = end  # *Odessa, Texas*, *Saint-Martin-de-Ré*: another place of that name
            continue
        found = text[start:end]
        case = _case(tgt.form, found, tgt, text, start, end)
        if case is None:
            continue
        last = end  # this span is a name (kept, guarded or edited): nothing inside it matches
        if doc.is_protected(start, end):
            continue
        if tgt.code in (KEEP, "GL102"):
            if " " in tgt.form or not _part_of_longer_name(doc, start, end, index):
                hits.append(_Hit(start, end, tgt, case == "miscased"))  # Peking University: no
            continue
        if tgt.code == "GL105":
            after = _WORD_AFTER.match(low, end)
            nxt = after.group(1) if after else ""
            if not any(low.endswith(g[1:], 0, start) for g in tgt.guards if g[0] == "<"):
                inside_name = any(
                    nxt == g[1:] or (g.endswith("'") and nxt.startswith(g[1:]))
                    for g in tgt.guards
                    if g[0] == ">"
                )
                hits.append(_Hit(start, end, tgt, False, inside_name))
            continue
        if tgt.guards and _guarded(low, start, end, tgt.guards):
            continue
        if tgt.form in index.name_places and not _LOCATIVE.search(low, max(0, start - 12), start):
            continue  # *Dominique said…*: a first name, not Dominica
        if not (found.isupper() and len(found) > 1) and (
            (" " not in tgt.form and _part_of_longer_name(doc, start, end, index))
            or (
                tgt.etype != "person"
                and (_cap_after(text, end) or _cap_before(doc, start, index))
                and not _title_case_line(text, start)
            )
        ):
            continue
        if " " not in tgt.form and _foreign_context(text, start, end, tgt.form_lang, index):
            continue
        hits.append(_Hit(start, end, tgt, case == "miscased"))
    hits = _with_evidence(hits, sources or [], index)
    out = _findings(doc, hits, index)
    out.extend(_lowercase_surnames(doc, index, hits))
    return sorted(out, key=Finding.sort_key)


# A locative preposition right before a place form that is also a first name.
_LOCATIVE = re.compile(
    r"\b(?:in|from|to|into|at|near|across|throughout|via|towards?|outside|inside|around|within)"
    r"[ \t]+$"
)


# Particles that join a place name into a longer one with hyphens (*Saint-Martin-de-Ré*,
# *Villeneuve-lès-Avignon*, *Châlons-en-Champagne*, *Frankfurt-am-Main*).
_JOINERS = r"(?:de|du|des|la|le|les|lès|lez|sur|sous|en|aux|et|am|an|im|bei|del|di)"
_COMPOUND = re.compile(rf"-(?:{_JOINERS}-|[dl]['’])")
_COMPOUND_BEFORE = re.compile(rf"-(?:{_JOINERS}-|[dl]['’])$")


def _compound_place(low: str, start: int, end: int) -> bool:
    """The form is one part of a hyphenated place name: a particle and a hyphen follow or
    precede it (*Saint-Martin-de-Ré*, *Villeneuve-lès-Avignon*): not the place it names."""
    if low.startswith("-", end) and _COMPOUND.match(low, end):
        return True
    if start < 2 or low[start - 1] not in "-'’":
        return False
    return _COMPOUND_BEFORE.search(low, max(0, start - 6), start) is not None


def _with_evidence(hits: list[_Hit], sources: list[str], index: Index) -> list[_Hit]:
    """Drop weak foreign forms no other evidence backs: the MT's source language is one of
    theirs, or the text has a strong foreign form or a form of another entity in one of
    their languages (a Nepali *Madri* or a wrestler *Cina* is no Italian leftover). A weak
    form the text's language never uses (``index.unattested``: *Moscovo*) is strong."""
    unattested = index.unattested

    def _weak(h: _Hit) -> bool:
        form = h.tgt.form
        return weak_form(h.tgt.etype, form) and norm_key(form) not in unattested

    foreign = [h for h in hits if h.tgt.code in ("GL101", "GL105")]
    if not any(_weak(h) for h in foreign):
        return hits
    known = set(sources)
    strong = {
        lang
        for h in foreign
        if not _weak(h) or h.tgt.code == "GL105"
        for lang in h.tgt.form_lang.split(",")
    }
    keep: list[_Hit] = []
    for h in hits:
        if h.tgt.code == "GL101" and _weak(h):
            langs = set(h.tgt.form_lang.split(",")) - {""}
            others = {
                lang
                for o in foreign
                if o.tgt.entity != h.tgt.entity
                for lang in o.tgt.form_lang.split(",")
            }
            if langs and not langs & (known | strong | others):
                continue
        keep.append(h)
    return keep


def _guarded(low: str, start: int, end: int, guards: tuple[str, ...]) -> bool:
    return _guard_rx(guards).search(low, max(0, start - 200), end + 200) is not None


@lru_cache(maxsize=4096)
def _guard_rx(guards: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for an entity's guard words (they start a word near the match)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(g.lower()) for g in guards) + ")")


def _part_of_longer_name(doc: Document, start: int, end: int, index: Index) -> bool:
    """``Paris Hilton``, ``Piazza di Spagna``, ``Dominique de Villepin``: a capitalised
    neighbour (across lowercase name particles) means the match is part of a name the
    glossary doesn't know — except a title before it ("President Poutine"), or in a Title
    Case headline, where every word is capitalised."""
    if _title_case_line(doc.text, start):
        return False
    return _cap_after(doc.text, end) or _cap_before(doc, start, index)


def _cap_after(text: str, end: int) -> bool:
    pos = end
    for _ in range(3):
        after = _WORD_AFTER.match(text, pos)
        if after is None:
            return False
        word = after.group(1)
        if word[0].isupper():
            return True
        if word.lower() not in _PARTICLES and not word.lower().startswith(("d'", "d’")):
            return False
        if word.lower().startswith(("d'", "d’")) and len(word) > 2:
            return word[2:3].isupper()  # d'Estaing
        pos = after.end()
    return False


def _cap_before(doc: Document, start: int, index: Index) -> bool:
    text = doc.text
    pos = start
    particle = False
    for _ in range(3):
        before = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if before is None:
            return False
        word = before.group(1)
        low = word.lower().rstrip(".")
        if word[0].isupper():
            if low in index.titles:
                return False
            if doc.sentence_start(before.start()):
                # "Credit Suisse" opens a sentence; "In Espagne" does not make a name.
                return particle or (low not in index.common and low not in _OPENERS)
            return True
        if low not in _PARTICLES:
            return False
        particle = True
        pos = before.start()
    return False


def _foreign_context(text: str, start: int, end: int, langs: str, index: Index) -> bool:
    """*Hola, España*: a word of the form's own language next to it (and no word of the
    text's) means a passage in that language, not a name MT left behind."""
    from retrans.langid import LANGUAGES, is_common

    before, after = text[max(0, start - 25) : start], text[end : end + 25]
    stop = _SENTENCE_STOP.search(after)  # not across a sentence end: *Moscou. Dominique…*
    after = after[: stop.start()] if stop else after
    before = _SENTENCE_STOP.split(before)[-1]
    words = [w.lower() for w in _WORDS.findall(before)[-1:]]
    words += [w.lower() for w in _WORDS.findall(after)[:1]]
    for lang in (x for x in langs.split(",") if x in LANGUAGES and x != index.lang):
        if any(is_common(w, lang) and w not in index.common and len(w) > 1 for w in words):
            return True
    return False


def _title_case_line(text: str, pos: int) -> bool:
    return _LINES.verdict(text, pos, pos, _title_case)


_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by"]
)


def _title_case(line: str) -> bool:
    words = _WORDS.findall(line)
    if len(words) < 4:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_STOP = re.compile(r"[.!?…](?:\s|$)|\n")
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "of",
        "and",
        "but",
        "or",
        "as",
        "after",
        "before",
        "during",
        "under",
        "over",
        "into",
        "about",
        "when",
        "while",
        "since",
        "if",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
    ]
)


# ------------------------------------------------------------------------- findings
def _findings(doc: Document, hits: list[_Hit], index: Index) -> list[Finding]:
    lang_name = LANG_NAMES.get(doc.lang, doc.lang)
    targets, out = _spelling_targets(doc, hits)
    done = {(f.start, f.end) for f in out}
    for h in hits:
        if (h.start, h.end) in done:
            continue
        f = _hit_finding(doc, h, targets, lang_name)
        if f is not None:
            out.append(f)
    return out


def _spelling_targets(
    doc: Document, hits: list[_Hit]
) -> tuple[dict[tuple[str, str], str], list[Finding]]:
    """The spelling of each (entity, kind) this text uses (foreign forms adopt the text's),
    and a GL103 finding for each hit that departs from it."""
    text = doc.text
    out: list[Finding] = []
    groups: dict[tuple[str, str], list[_Hit]] = defaultdict(list)
    for h in hits:
        if h.tgt.entity and h.tgt.code in (KEEP, "GL102"):
            groups[(h.tgt.entity, h.tgt.kind)].append(h)
    targets: dict[tuple[str, str], str] = {}
    for key, group in groups.items():
        # Spellings differ by more than diacritics (Yaounde and Yaoundé are one spelling).
        counts = Counter(_skey(h.tgt.form) for h in group)
        forms = {_skey(h.tgt.form): h.tgt.form for h in group}
        tgt = group[0].tgt
        # Full names vote for the short form they end with (Volodymyr Zelensky → Zelensky).
        if key[1] == "short":
            for h in groups.get((key[0], "names"), []):
                for k in list(forms):
                    if _skey(h.tgt.form).endswith(" " + k):
                        counts[k] += 1
        if tgt.house:
            targets[key] = tgt.house
        elif len(counts) > 1:
            top = max(counts.values())
            tied = [k for k, c in counts.items() if c == top]
            canon = _skey(tgt.canonical)
            # The canonical form when the text uses it (measured on WMT: human versions agree
            # with it far more often than with the majority, e.g. Kyiv over Kiev ×3), else the
            # majority, ties to the first in sort order.
            targets[key] = tgt.canonical if canon in counts else forms[sorted(tied)[0]]
        else:
            targets[key] = next(iter(forms.values()))
        if len(counts) > 1:
            spelled = ", ".join(
                f"'{forms.get(k, k)}' ×{c}"
                for k, c in sorted(counts.items(), key=lambda kv: -kv[1])
            )
            for h in group:
                if _skey(h.tgt.form) != _skey(targets[key]) and not _deliberate(text, h):
                    out.append(_gl103(doc, h, targets[key], spelled))
    return targets, out


def _hit_finding(
    doc: Document, h: _Hit, targets: dict[tuple[str, str], str], lang_name: str
) -> Finding | None:
    """The finding for one hit not already reported as GL103 (None: nothing to say)."""
    tgt = h.tgt
    found = doc.text[h.start : h.end]
    if tgt.code == KEEP:
        if h.miscased and tgt.entity:
            repl = _recase(found, tgt.form, tgt.form, True)
            if repl != found:
                return Finding(
                    h.start, h.end, "GL106", "name", Severity.WARNING,
                    f"'{found}' is a name: '{repl}'", repl, "glossary", 0.9,
                    {"entity": tgt.entity},
                )  # fmt: skip
        return None
    if tgt.code == "GL105":
        return _gl105(doc, found, h, tgt, lang_name)
    if tgt.code == "GL102":
        repl = _recase(found, tgt.form, tgt.replacement, h.miscased)
        if repl == found:
            return None
        return Finding(
            h.start, h.end, "GL102", "style", Severity.WARNING,
            f"house style writes '{repl}'", repl, "glossary", 0.9,
            {"entity": tgt.entity},
        )  # fmt: skip
    # GL101: a foreign form takes the spelling this text already uses for the entity.
    repl_form = targets.get((tgt.entity, tgt.kind), tgt.replacement)
    repl = _recase(found, tgt.form, repl_form, h.miscased)
    if repl == found:
        return None
    langs = [x for x in tgt.form_lang.split(",") if x]
    if not langs:
        msg = f"'{found}' is a variant spelling; {lang_name} uses '{repl}'"
    else:
        src = "/".join(LANG_NAMES.get(x, x) for x in langs)
        article = "an" if src[:1] in "AEIOU" else "a"
        msg = f"'{found}' is {article} {src} form; {lang_name} uses '{repl}'"
    return Finding(
        h.start, h.end, "GL101", "name", Severity.ERROR, msg, repl, "glossary", 0.95,
        {"lang": langs[0] if langs else "", "langs": langs, "entity": tgt.entity},
    )  # fmt: skip


def _skey(form: str) -> str:
    return deaccent(norm_key(form))


_DELIBERATE = re.compile(
    r"(?:\b(?:formerly|previously|once|known as|renamed|called|spelt|spelled|also|or|née|"
    r"now|until)\W{0,3}|\(\W{0,2})$",
    re.IGNORECASE,
)


def _deliberate(text: str, h: _Hit) -> bool:
    """*Mumbai, formerly Bombay*, *Kyiv (Kiev)*: a second spelling given on purpose."""
    return _DELIBERATE.search(text, max(0, h.start - 30), h.start) is not None


def _gl103(doc: Document, h: _Hit, target: str, spelled: str) -> Finding:
    found = doc.text[h.start : h.end]
    repl = _recase(found, h.tgt.form, target, h.miscased)
    return Finding(
        h.start, h.end, "GL103", "consistency", Severity.WARNING,
        f"one name, several spellings in this text ({spelled}): use '{repl}'",
        repl, "glossary", 0.9, {"entity": h.tgt.entity},
    )  # fmt: skip


def _gl105(doc: Document, found: str, h: _Hit, tgt: Target, lang_name: str) -> Finding:
    src = LANG_NAMES.get(tgt.form_lang, tgt.form_lang)
    repl: str | None = None if h.report_only else (tgt.replacement or None)
    if repl and found.isupper() and len(found) > 1:
        repl = repl.upper()
    elif repl and doc.sentence_start(h.start):
        repl = repl[0].upper() + repl[1:]
    msg = f"'{found}' is a {src} word left untranslated"
    msg += f": {lang_name} '{repl}'" if repl else ""
    return Finding(
        h.start, h.end, "GL105", "untranslated",
        Severity.WARNING if repl else Severity.INFO, msg, repl, "glossary",
        0.85 if repl else 0.5, {"lang": tgt.form_lang},
    )  # fmt: skip


def _first_name_starts(text: str, names: frozenset[str]) -> list[int] | None:
    """Where a known first name occurs (as a substring of the lowercased text): the only
    places ``_FIRST_LOWER`` can yield a first name, found without visiting every word.
    None when lowercasing changes the text's length (then every word is visited)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    from retrans.langid import words_of

    starts: set[int] = set()
    # the names that are words of the text (``[^\W\d_]+``), counted when it was identified
    for name in names.intersection(words_of(low)):
        i = low.find(name)
        while i >= 0:
            starts.add(i)
            i = low.find(name, i + 1)
    return sorted(starts)


def _lowercase_surnames(doc: Document, index: Index, hits: list[_Hit]) -> list[Finding]:
    """``Karel hanzelka``: a known first name, then a lower-cased word that is no word of the
    language: a surname MT failed to capitalise."""
    if not index.first_names:
        return []
    from retrans.langid import common_word_langs

    out: list[Finding] = []
    text = doc.text
    starts = _first_name_starts(text, index.first_names)
    found_at = (_FIRST_LOWER.match(text, p) for p in starts) if starts is not None else None
    for m in found_at if found_at is not None else _FIRST_LOWER.finditer(text):
        if m is None:
            continue
        first, last = m.group(1), m.group(2)
        if first.lower() not in index.first_names or not last.islower():
            continue
        if not (first.islower() or (first[0].isupper() and first[1:].islower())):
            continue
        low = last.lower()
        if len(last) < 3 or "'" in last or "’" in last or low in index.common:
            continue
        common = common_word_langs()
        if low in common:
            continue  # a word of some language (Qin dinastia), not a surname
        if low.isascii() and (
            low.endswith(("ed", "ing", "ly", "ise", "ize", "ises", "izes"))
            or (low.endswith("s") and (low[:-1] in common or low[:-2] in common))
        ):
            continue  # an English word the list lacks (criticizes), not a surname
        s, e = (m.start(1) if first.islower() else m.start(2)), m.end(2)
        if doc.is_protected(s, e) or any(h.start < e and s < h.end for h in hits):
            continue
        found = text[s:e]
        repl = " ".join(w[0].upper() + w[1:] for w in found.split(" "))
        out.append(
            Finding(
                s, e, "GL106", "name", Severity.WARNING,
                f"'{found}' is a name MT left in lower case: '{repl}'",
                repl, "glossary", 0.7, {},
            )
        )  # fmt: skip
    return out
