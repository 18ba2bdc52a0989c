"""Source-language words the model translates that are English words too (*con*, *et*, *y*,
*e*, *mit*, *millions*): where the sentence uses one as English, translating it breaks the
sentence (*the con man* → *the with man*, *Smith et al.* → *Smith and al.*, *the y axis* →
*the and axis*, all written by the shipped model). The gate drops such an edit.

Each word has the contexts that make it English: a word before it (a determiner, *to*, a
modal, a subject pronoun…), a word after it, or a pattern. A one-letter word (*y*, *e*) is
English as a letter too: before a full stop or *=*, or capitalised inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrans.corrector.align import Edit, tokens


def _words(line: str) -> frozenset[str]:
    return frozenset(line.split())


_DETERMINERS = _words(
    "a an the this that these those his her their its my our your every no any some"
)
_MODALS = _words("to will would can could shall should may might must did do does")
_SUBJECTS = _words("i you we they he she who")


@dataclass(frozen=True)
class Homograph:
    before: frozenset[str] = frozenset()  # the word before makes it English
    after: frozenset[str] = frozenset()  # the word after makes it English
    joined: bool = False  # a hyphen next to it makes it English (*ex-con*, *e-mail*)
    letter: bool = False  # one letter: English as a letter (*e.g.*, *y = 2x*, *vitamin E*)
    after_number: bool = False  # English unless a number comes before it


HOMOGRAPHS: dict[str, Homograph] = {
    # Spanish/Italian *con* (with); English *con* (a swindle, to swindle, *pros and cons*)
    "con": Homograph(
        before=_DETERMINERS | _MODALS | _SUBJECTS | _words("and or pro comic big"),
        after=_words("man men woman women artist artists job jobs game games trick tricks"),
        joined=True,
    ),
    # French *et* (and); Latin *et al.*, *et cetera*, *et seq.*
    "et": Homograph(after=_words("al cetera seq")),
    # Spanish *y*, Italian *e* (and); the letters (*the y axis*, *vitamin E*, *e-mail*)
    "y": Homograph(
        before=_DETERMINERS | _words("x letter generation of"),
        after=_words("axis axes coordinate coordinates value values variable z"),
        joined=True,
        letter=True,
    ),
    "e": Homograph(
        before=_DETERMINERS | _words("vitamin plan grade type class group exit route letter of"),
        after=_words("axis coordinate value"),
        joined=True,
        letter=True,
    ),
    # German *mit* (with); *MIT*, the institute (an acronym: every all-caps word is English)
    "mit": Homograph(),
    # French *millions* (*3 millions d'euros*); English *millions of people*
    "millions": Homograph(after_number=True),
}

_HYPHENS = "-–‐"
_HYPHEN_SET = frozenset(_HYPHENS)
_SENTENCE_START = frozenset(["", ".", "!", "?", ":", '"', "“", "«"])
# what follows a letter, spaces skipped: *e.g.*, *y = 2x*, *(x, y)*, *e / f*, *y's*
_AFTER_LETTER = frozenset(".=)/'’")


def english_use(src: str, ed: Edit) -> str | None:
    """The English-homograph word the edit translates where ``src`` uses it as English."""
    toks = [(s, e, w) for s, e, w in tokens(src) if w[:1].isalnum()]
    for i, (s, e, w) in enumerate(toks):
        if not (s < ed.end and ed.start < e):
            continue
        parts = re.split(f"[{_HYPHENS}]", w.lower())
        if len(parts) > 1:  # one token (*ex-con*, *e-mail*): a hyphen joins it to English
            hit = next((p for p in parts if p in HOMOGRAPHS and HOMOGRAPHS[p].joined), None)
            if hit is not None:
                return w
            continue
        h = HOMOGRAPHS.get(w.lower())
        if h is None:
            continue
        prev = toks[i - 1][2] if i > 0 else ""
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if h.after_number:
            english = not prev[:1].isdigit()
        else:
            english = (
                (w.isupper() and len(w) > 1)  # an acronym (*MIT*, *CON*)
                or prev.lower() in h.before
                or nxt.lower() in h.after
                or (h.joined and (src[s - 1 : s] in _HYPHEN_SET or src[e : e + 1] in _HYPHEN_SET))
                or (
                    h.letter
                    and (
                        src[e:].lstrip(" ")[:1] in _AFTER_LETTER
                        or (w.isupper() and src[:s].rstrip()[-1:] not in _SENTENCE_START)
                    )
                )
            )
        if english:
            return w
    return None
