"""Short windows instead of whole sentences: what the model is trained on and rewrites.

A correction is local: a few words around a flagged span (a rule's hit, a foreign name, a
detector's hot spot). Training and running the model on ±``k`` words around the change keeps
sequences at ~16–24 pieces, so a tiny model learns to copy and fix within a CPU hour, and a
rewrite cannot wander over the rest of the sentence. Windows are character slices of the
sentence (spacing kept), and the rewrites of a sentence's windows are merged back into one
rewrite of the sentence, which the alignment and the gate then judge as before.
"""

from __future__ import annotations

import difflib
import random
from dataclasses import dataclass

from retrans.corrector.align import align, apply_edits, tokens

K = 6  # words of context each side of a change


@dataclass(frozen=True)
class Window:
    start: int  # character slice of the sentence the model rewrites
    end: int
    core_start: int  # edits starting in [core_start, core_end) are this window's to make
    core_end: int


def _slice(text: str, toks: list[tuple[int, int, str]], lo: int, hi: int) -> str:
    return text[toks[lo][0] : toks[hi - 1][1]] if hi > lo else ""


def _clusters(a: list[str], b: list[str], k: int) -> list[tuple[int, int, int, int]]:
    """Changed token ranges (i1, i2, j1, j2), merged when fewer than 2k+1 equal tokens
    separate them (their windows would overlap)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[tuple[int, int, int, int]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if out and i1 - out[-1][1] <= 2 * k:
            out[-1] = (out[-1][0], i2, out[-1][2], j2)
        else:
            out.append((i1, i2, j1, j2))
    return out


def _gap_changes(
    ta: list[tuple[int, int, str]], tb: list[tuple[int, int, str]]
) -> list[tuple[int, int, int, int]]:
    """Token pairs (i1, i2, j1, j2) that read the same on both sides but where a space is
    added or removed between them (*late ?* / *late?*, *10 000* / *10,000* is a token
    change already): a change the token diff alone does not see."""
    a, b = [t[2] for t in ta], [t[2] for t in tb]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for op, i1, i2, j1, _j2 in sm.get_opcodes():
        if op != "equal":
            continue
        for d in range(1, i2 - i1):
            i, j = i1 + d, j1 + d
            if (ta[i][0] > ta[i - 1][1]) != (tb[j][0] > tb[j - 1][1]):
                out.append((i - 1, i + 1, j - 1, j + 1))
    return out


def _changes(
    ta: list[tuple[int, int, str]], tb: list[tuple[int, int, str]], k: int
) -> list[tuple[int, int, int, int]]:
    """Token changes and spacing changes, merged when their windows would overlap."""
    a, b = [t[2] for t in ta], [t[2] for t in tb]
    spots = sorted(_clusters(a, b, 0) + _gap_changes(ta, tb))
    out: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in spots:
        if out and i1 - out[-1][1] <= 2 * k:
            out[-1] = (out[-1][0], max(out[-1][1], i2), out[-1][2], max(out[-1][3], j2))
        else:
            out.append((i1, i2, j1, j2))
    return out


def training_windows(src: str, tgt: str, rng: random.Random, k: int = K) -> list[tuple[str, str]]:
    """(input window, target window) around each change of a pair, context ±k tokens (a
    little jittered so the change is not always centred); for an unchanged pair one random
    window of the sentence, to copy. A space added or removed is a change (until this
    session a pair differing only in spacing was trained as a copy: typography 0/11)."""
    ta, tb = tokens(src), tokens(tgt)
    a, b = [t[2] for t in ta], [t[2] for t in tb]
    if a == b and not _gap_changes(ta, tb):
        if not ta:
            return []
        width = min(len(ta), 2 * k + 1 + rng.randint(-2, 2))
        lo = rng.randint(0, len(ta) - width)
        w = _slice(src, ta, lo, lo + width)
        return [(w, w)]
    out = []
    for i1, i2, j1, j2 in _changes(ta, tb, k):
        left, right = rng.randint(k - 2, k + 1), rng.randint(k - 2, k + 1)
        left = min(left, i1, j1)
        right = min(right, len(a) - i2, len(b) - j2)
        out.append((_slice(src, ta, i1 - left, i2 + right), _slice(tgt, tb, j1 - left, j2 + right)))
    return out


def plan(sentence: str, focus: list[tuple[int, int]] | None, k: int = K) -> list[Window]:
    """Windows to rewrite: ±k tokens around each focus span (character offsets in the
    sentence), or, with ``focus`` None, the whole sentence in overlapping windows of 2k+1
    tokens (stride k+1), each owning the edits that start in its middle part."""
    toks = tokens(sentence)
    n = len(toks)
    if n == 0:
        return []
    if n <= 2 * k + 1 + 4:  # short enough to be one window
        return [Window(toks[0][0], toks[-1][1], 0, len(sentence))]
    if focus is not None:
        return _focus_windows(sentence, toks, focus, k)
    starts = list(range(0, max(1, n - 2 * k), k + 1))
    if starts[-1] + 2 * k + 1 < n:
        starts.append(n - 2 * k - 1)
    half = k // 2
    wins = []
    for j, s in enumerate(starts):
        hi = min(n, s + 2 * k + 1)
        core_lo = 0 if j == 0 else toks[s + half][0]
        core_hi = len(sentence) if j == len(starts) - 1 else toks[starts[j + 1] + half][0]
        wins.append(Window(toks[s][0], toks[hi - 1][1], core_lo, core_hi))
    return wins


def _focus_windows(
    sentence: str, toks: list[tuple[int, int, str]], focus: list[tuple[int, int]], k: int
) -> list[Window]:
    ranges: list[list[int]] = []
    for fs, fe in sorted(focus):
        idx = [i for i, (s, e, _w) in enumerate(toks) if s < max(fe, fs + 1) and fs < e]
        if not idx:
            continue
        lo, hi = max(0, idx[0] - k), min(len(toks), idx[-1] + k + 1)
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    return [
        Window(toks[lo][0], toks[hi - 1][1], toks[lo][0], toks[hi - 1][1] + 1) for lo, hi in ranges
    ]


def merge(
    sentence: str, windows: list[Window], rewrites: list[str], whole: list[bool] | None = None
) -> str:
    """The sentence with each window's edits (those starting in its core, or all of them
    where ``whole`` says so) applied; where two windows' edits overlap, the first one's win.
    Whole: a cue that stood is the table's one edit, which a window may hold from its
    context (``infer.Corrector.rewrite_cued``)."""
    kept: list[tuple[int, int, str]] = []
    for i, (w, new) in enumerate(zip(windows, rewrites, strict=True)):
        old = sentence[w.start : w.end]
        if not new or new == old:
            continue
        for ed in align(old, new):
            s, e = ed.start + w.start, ed.end + w.start
            if not (whole and whole[i]) and not w.core_start <= s < w.core_end:
                continue
            if any((s < ke and ks < e) or s == e == ks for ks, ke, _r in kept):
                continue
            kept.append((s, e, ed.replacement))
    if not kept:
        return sentence
    from retrans.corrector.align import Edit

    return apply_edits(sentence, [Edit(s, e, r, sentence[s:e]) for s, e, r in kept])


# Edit scripts: the model writes only what changes ("lundi ⇒ Monday"), nothing to copy. A
# window that needs no change has an empty script, which a tiny model learns at once; a
# whole-window rewrite needs copying learnt first, which took a CPU hour and more.
ARROW, SEP = " ⇒ ", " ¦ "
# Script formats. 1 (sessions ≤ 6): a spacing change is said with the word beside it
# (``what ? ⇒ what?``), a copy the small model never learnt to write (0 of 137 held-out
# scripts whose new side repeats an input word). 2 (session 7): a new side may start or end
# with ``GLUE``, "no space on this side", so the part is anchored on the punctuation alone
# (``? ⇒ ^?``, ``« ⇒ "^``, ``» ⇒ ^"``). A model folder records its format
# (``retrans.json`` spec ``script``; absent: 1) and its scripts are replayed in it.
GLUE = "^"
# French typography puts a space before these marks where a space or the end follows them;
# format 2 closes that space only there (not in *now :)*, an emoticon the model glued).
_SPACED_MARKS = frozenset(":;!?")
SCRIPT_FORMAT = 2  # what new training writes


def to_script(src: str, tgt: str, fmt: int = 1) -> str:
    """The edits that turn ``src`` into ``tgt``, each ``old ⇒ new`` with just enough words
    on the left to occur once (an insertion takes its left word as the old).

    ``from_script`` replays the parts in order, each on the text the parts before it left,
    so each part's old words are read from that text (until session 6 they were read from
    ``src``: *on 14 June* → *on June 14* gave ``on ⇒ on June ¦ June ⇒``, whose second part
    deletes the June just written, and ~5 % of the real post-edit windows were trained on
    scripts that replay to something else). A part also takes in the word beside it where
    the space next to it changes (*management, to which I* → *management and*); in format
    2 it says a space that goes with ``GLUE`` instead, where that replays."""
    script = _to_script(src, tgt, fmt)
    if fmt >= 2 and from_script(src, script, fmt) != tgt:
        old = _to_script(src, tgt, 1)  # a text holding GLUE itself: the plain parts may do
        if from_script(src, old, fmt) == tgt:
            return old
    return script


def _to_script(src: str, tgt: str, fmt: int) -> str:
    tb = tokens(tgt)
    b = [t[2] for t in tb]
    parts: list[str] = []
    cur = src
    for _ in range(len(b) + 1):  # each part makes at least its first change
        spots = _clusters([t[2] for t in tokens(cur)], b, 0)
        if not spots:
            break
        i1, i2, _j1, j2 = spots[0]
        part = _token_part(cur, tgt, tb, i1, i2, j2, fmt)
        new = from_script(cur, part, fmt)
        if new == cur:  # it does not replay: say it anyway, as before
            parts.append(part)
            break
        parts.append(part)
        cur = new
    if fmt >= 2:
        return SEP.join(parts + _glue_parts(cur, tgt))
    return SEP.join(parts + _space_parts(cur, tgt))


def _token_part(
    cur: str, tgt: str, tb: list[tuple[int, int, str]], lo: int, hi: int, j2: int, fmt: int = 1
) -> str:
    """One ``old ⇒ new`` for the change of ``cur``'s tokens [lo, hi) into ``tgt``'s [lo, j2)
    (the parts before it made ``cur``'s tokens left of ``lo`` read as ``tgt``'s)."""
    tc = tokens(cur)
    c = [t[2] for t in tc]
    while lo > 0 and (lo == hi or (fmt < 2 and _count(c, c[lo:hi]) > 1)):
        lo -= 1  # format 2: only as far as the first occurrence needs (below)
    if lo == hi:  # an insertion at the very start: anchor on the next word
        hi, j2 = hi + 1, j2 + 1
    want = c[:lo] + [t[2] for t in tb[lo:j2]] + c[hi:]
    part = ""
    glue_l = glue_r = False
    for _ in range(len(tc) + 4):
        old, new = _slice(cur, tc, lo, hi), _slice(tgt, tb, lo, j2)
        if fmt >= 2 and new.startswith(GLUE) and lo > 0:  # a "^" of the text itself
            lo, glue_l = lo - 1, False
            continue
        if fmt >= 2 and new.endswith(GLUE) and hi < len(tc) and j2 < len(tb):
            hi, j2, glue_r = hi + 1, j2 + 1, False
            continue
        if new:
            new = (GLUE if glue_l else "") + new + (GLUE if glue_r else "")
        part = old + ARROW + new
        if lo > 0 and _find_words(cur, old, glue_l, glue_r) != tc[lo][0]:
            lo, glue_l, glue_r = lo - 1, False, False  # an earlier occurrence would take it
            continue
        out = tokens(from_script(cur, part, fmt))
        if [t[2] for t in out] != want:  # new words glued to the word before (*boardand*)
            edge = "left" if lo > 0 and not _gap(tc, lo) else None
            glue = False
        else:
            edge = _gap_mismatch(out, tb, lo, j2)
            glue = fmt >= 2 and bool(new) and edge is not None
        if glue and edge == "left" and not glue_l and not _gap(tb, lo):
            glue_l = True
        elif glue and edge == "right" and not glue_r and not _gap(tb, j2):
            glue_r = True
        elif edge == "left" and lo > 0:
            lo, glue_l = lo - 1, False
        elif edge == "right" and hi < len(tc) and j2 < len(tb):
            hi, j2, glue_r = hi + 1, j2 + 1, False
        else:
            return part
    return part


def _gap(toks: list[tuple[int, int, str]], k: int) -> bool:
    return toks[k][0] > toks[k - 1][1]


def _gap_mismatch(
    out: list[tuple[int, int, str]], tb: list[tuple[int, int, str]], lo: int, j2: int
) -> str | None:
    """Which side of a replayed part (tokens [lo, j2) of the target) has a space where the
    target has none, or none where it has one: "left", "right" or None."""
    if 0 < lo < min(len(tb), len(out)) and _gap(out, lo) != _gap(tb, lo):
        return "left"
    if 0 < j2 < len(tb) and j2 < len(out) and _gap(out, j2) != _gap(tb, j2):
        return "right"
    return None


def _space_parts(mid: str, tgt: str) -> list[str]:
    """Edits for the spaces added or removed that the token script leaves (``late ? ⇒
    late?``): whole tokens each side of the gap, with enough words on the left to occur
    once; they apply after the token edits, as ``from_script`` replays in order."""
    ta, tb = tokens(mid), tokens(tgt)
    if [t[2] for t in ta] != [t[2] for t in tb]:
        return []  # the token edits did not replay (a repeated old): nothing more to say
    parts = []
    cur = mid
    for i1, i2, _j1, _j2 in _merged(_gap_changes(ta, tb)):
        # each part is read from the text the parts before it left (*Glory ! Glory !*: the
        # second part's left words are already respaced by the first)
        tc = tokens(cur)
        a = [t[2] for t in tc]
        lo = i1
        while lo > 0 and _count(a, a[lo:i2]) > 1:
            lo -= 1
        part = _slice(cur, tc, lo, i2) + ARROW + _slice(tgt, tb, lo, i2)
        parts.append(part)
        cur = from_script(cur, part, 1)
    return parts


def _glue_parts(mid: str, tgt: str) -> list[str]:
    """Format 2's spacing parts: a space removed is said on the token beside it, the
    punctuation mark first (``? ⇒ ^?``, ``« ⇒ «^``), no word repeated; where that does not
    replay (a space added, the same mark earlier in the window) the format-1 part."""
    tb = tokens(tgt)
    if [t[2] for t in tokens(mid)] != [t[2] for t in tb]:
        return []
    parts = []
    cur = mid
    for i1, i2, _j1, _j2 in _merged(_gap_changes(tokens(mid), tb)):
        for g in range(i1 + 1, i2):
            tc = tokens(cur)
            if _gap(tc, g) == _gap(tb, g):
                continue
            part = _glue_part(cur, tc, g) if not _gap(tb, g) else None
            if part is None:
                lo = g - 1
                c = [t[2] for t in tc]
                while lo > 0 and _count(c, c[lo : g + 1]) > 1:
                    lo -= 1
                part = _slice(cur, tc, lo, g + 1) + ARROW + _slice(tgt, tb, lo, g + 1)
            parts.append(part)
            cur = from_script(cur, part, 2)
    return parts


def _glue_part(cur: str, tc: list[tuple[int, int, str]], g: int) -> str | None:
    """``tok ⇒ ^tok`` or ``tok ⇒ tok^`` closing the space before token ``g``, if it replays."""
    want = cur[: tc[g - 1][1]] + cur[tc[g][0] :]
    left, right = tc[g - 1][2], tc[g][2]
    tries = [GLUE + right, left + GLUE]  # said on the token after the space, or before it
    if not _is_mark(right) and _is_mark(left):
        tries.reverse()
    for new in tries:
        old = new.strip(GLUE)
        part = old + ARROW + new
        if from_script(cur, part, 2) == want:
            return part
    return None


def _is_mark(tok: str) -> bool:
    return not any(ch.isalnum() for ch in tok)


def _merged(spots: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Adjacent spacing changes as one (*« oui »* has two gaps in three tokens)."""
    out: list[tuple[int, int, int, int]] = []
    for sp in sorted(spots):
        if out and sp[0] < out[-1][1]:
            out[-1] = (out[-1][0], sp[1], out[-1][2], sp[3])
        else:
            out.append(sp)
    return out


def _count(words: list[str], sub: list[str]) -> int:
    n = len(sub)
    return sum(words[i : i + n] == sub for i in range(len(words) - n + 1)) if n else 0


def from_script(src: str, script: str, fmt: int = 1) -> str:
    """``src`` with the script's edits made; unchanged when the script is empty or names
    words ``src`` does not hold (a garbled script changes nothing). In format 2 a new side
    starting (ending) with ``GLUE`` also takes away the whitespace before (after) the old
    words, which are then looked for where that whitespace is."""
    out = src
    for part in script.split(SEP.strip()):
        if ARROW.strip() not in part:
            continue
        old, _, new = (x.strip() for x in part.partition(ARROW.strip()))
        glue_l = glue_r = False
        if fmt >= 2 and new:
            glue_l, glue_r = new.startswith(GLUE), new.endswith(GLUE)
            new = new[1 if glue_l else 0 : len(new) - 1 if glue_r else len(new)]
            if not new or new != new.strip():
                return src  # "^" alone, "^ x": garbled
        at = _find_words(out, old, glue_l, glue_r) if old else None
        if at is None or ARROW.strip() in new or SEP.strip() in new:
            return src  # garbled: the script's own symbols never reach the text
        end = at + len(old)
        if glue_l and old in _SPACED_MARKS and end < len(out) and not out[end].isspace():
            return src  # "now :)", "what ?!": not the French space before a mark
        if not new:  # a deletion takes one space with it
            if end < len(out) and out[end] == " " and (at == 0 or out[at - 1] == " "):
                end += 1
            elif at > 0 and out[at - 1] == " ":
                at -= 1
        while glue_l and at > 0 and out[at - 1].isspace():
            at -= 1
        while glue_r and end < len(out) and out[end].isspace():
            end += 1
        out = out[:at] + new + out[end:]
    return out


def _find_words(
    text: str, words: str, space_before: bool = False, space_after: bool = False
) -> int | None:
    """Where ``words`` first occurs in ``text`` on token boundaries (the *e* of *e-mails*
    is not the word *e*); with ``space_before``/``space_after`` the first such occurrence
    with whitespace on that side, if there is one."""
    toks = tokens(text)
    starts, ends = {t[0] for t in toks}, {t[1] for t in toks}
    start = 0
    first = None
    while (at := text.find(words, start)) >= 0:
        if at in starts and at + len(words) in ends:
            end = at + len(words)
            if (not space_before or (at > 0 and text[at - 1].isspace())) and (
                not space_after or (end < len(text) and text[end].isspace())
            ):
                return at
            if first is None:
                first = at
        start = at + 1
    return first
