"""fix's rounds, and check's report of them: one plan that both commands share.

Why: an edit can make a rule fire that did not before (a closing » orphaned by a changed «, a
name no longer inside a foreign-looking span). ``fix`` repeats until nothing changes; ``check``
reports those later edits too, at their place in the original text (``meta["round"]``; the
replacement is what that span reads after the round), so ``fix`` never makes an edit the user
was not shown. The resolver leaves them to their own round.

Later rounds re-check only where the text changed: the local passes (cleanup, rules: line and
paragraph context) run on windows around each changed span, the rest of their findings are
the previous round's, shifted; the glossary and names passes, whose evidence is the whole
document, run on all of it; the detector runs again only when its word decides something (the
source was guessed).

With a guessed source, ``fix`` stops only on a round that finds nothing under the guess made on
that very text (a second ``fix`` guesses on it too): so ``fix(fix(x)) == fix(x)``. The same
holds for a guessed language: a text that reads as another language once fixed (page chrome
gone from a short text) gets a round in that language.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from retrans.document import Document
from retrans.findings import Finding
from retrans.resolve import apply, resolve

if TYPE_CHECKING:
    from retrans.pipeline import Context, Pipeline

# Passes whose findings depend only on their line and paragraph: re-run on windows.
LOCAL_PASSES = ("cleanup", "rules")
# How far a window reaches for its paragraph's start and end, and the margin near a cut
# (where no paragraph boundary was in reach) inside which the window's findings are not used.
REACH = 2000
MARGIN = 300
# Windows covering at least this share of the text: check the whole text again instead. Never,
# as shipped: windows give the same edits and skip the detector when the source is given (the
# bench and the tests set 0 to compare with whole-text rounds).
FULL_SHARE = float("inf")


@dataclass
class Plan:
    """What fix's rounds make of a text, and what check reports of them."""

    text: str  # the fixed text
    first: list[Finding]  # the edits of the first round
    findings: list[Finding]  # check's report: the first round's findings, later edits mapped
    ctx: Context  # the first round's context (detection, sources)
    rounds: int = 1  # how many times the text was checked


@dataclass
class _Round:
    """What a later round reuses: the source packs, the detection, each pass's findings."""

    sources: list[str]
    guessed: bool  # the source came from the detector, not the user
    detection: Any
    by_pass: dict[str, list[Finding]]


def plan(pipe: Pipeline, doc: Document, rounds: int = 4) -> Plan:
    """Check ``doc`` (prepared), then fix it round by round until nothing changes."""
    findings, ctx = pipe._check(doc, pipe.source)
    min_conf = pipe.config.min_confidence
    first = resolve(findings, doc, min_conf)
    report = list(findings)
    seen = {(f.start, f.end, f.code, f.replacement) for f in findings}
    state = _state(pipe, ctx, guessed=not pipe.source)
    text, history = doc.text, []
    edits, n, extra = first, 1, 2  # extra: rounds allowed for a changed guess
    while edits:
        new = apply(text, edits)
        if new == text:
            break
        history.append(edits)
        text = new
        if n >= rounds + (2 - extra):
            break
        cur = replace(doc, text=new, protected=_protected_for(new, doc))
        found, state = _later(pipe, cur, state, edits)
        n += 1
        edits = resolve(found, cur, min_conf)
        lang = _lang_changed(pipe, cur) if not edits and extra else None
        if lang is not None:
            extra -= 1  # the text now reads as another language: a round in that language
            doc = replace(doc, lang=lang)
            cur = replace(cur, lang=lang)
            found, ctx2 = pipe._check(cur, pipe.source)
            state = _state(pipe, ctx2, guessed=not pipe.source)
            n += 1
            edits = resolve(found, cur, min_conf)
        elif not edits and state.guessed and extra and _guess_changed(pipe, cur, state):
            extra -= 1  # the text reads differently now: a round under the guess made on it
            found, ctx2 = pipe._check(cur, None)
            state = _state(pipe, ctx2, guessed=True)
            n += 1
            edits = resolve(found, cur, min_conf)
        for f in _mapped(edits, history, new, n):
            key = (f.start, f.end, f.code, f.replacement)
            if key not in seen:
                seen.add(key)
                report.append(f)
    report.sort(key=Finding.sort_key)
    return Plan(text, first, report, ctx, n)


def _state(pipe: Pipeline, ctx: Context, guessed: bool) -> _Round:
    det = ctx.gate_detection if ctx.gate_detection is not None else ctx.detection
    return _Round(list(ctx.sources), guessed, det, dict(ctx.by_pass))


def _lang_changed(pipe: Pipeline, doc: Document) -> str | None:
    """The language a fresh ``fix`` would read ``doc`` in, where it is not the one this round
    used: removing page chrome or respelling a name can tip a short text's guess (``None``
    when the language is the user's, or unchanged)."""
    if pipe.lang:
        return None
    from retrans.langid import identify

    lang = identify(doc.prose)[0]
    return lang if lang != doc.lang else None


def _guess_changed(pipe: Pipeline, doc: Document, state: _Round) -> bool:
    """Would a fresh ``fix`` of ``doc`` run a source pack this round did not? (This round ran
    with the detection of ``doc`` itself; fewer packs find nothing more: a pack's findings are
    its own, and the glossary only keeps fewer weak forms with fewer sources.)"""
    det = state.detection
    if det is None or not det.is_mt:
        return False  # a fresh guess runs no source pack at all
    from retrans.rules.precision import guessed_sources

    return not set(guessed_sources(det, doc, pipe.rules)) <= set(state.sources)


def _later(
    pipe: Pipeline, doc: Document, prev: _Round, edits: list[Finding]
) -> tuple[list[Finding], _Round]:
    """One later round on ``doc`` (the text after ``edits``): its findings, gated and filtered."""
    text = doc.text
    changed = _changed(edits)
    wins = _windows(text, changed)
    if sum(w[3] - w[0] for w in wins) >= FULL_SHARE * len(text):  # not as shipped
        # the whole text checked again (the source neither given nor guessed yet: guessed
        # afresh)
        source = ",".join(prev.sources) if prev.sources else pipe.source
        found, ctx = pipe._check(doc, source, guessed=prev.guessed and bool(prev.sources))
        return found, _state(pipe, ctx, prev.guessed)
    from retrans.pipeline import ORDER, PASSES, Context, gate_and_filter

    ctx = Context(
        pipe.config, pipe.rules, list(prev.sources), True, style=pipe.style, indexes=pipe._indexes
    )
    ctx.detection = prev.detection
    # the packs run as in the first round: a source the user gave runs its pack alone,
    # without the phrases measured precise on any text (``precision.unsourced``)
    ctx.user_source = bool(prev.sources) and not prev.guessed
    for name in ORDER:
        if not pipe.passes.get(name, True):
            continue
        if name in LOCAL_PASSES:
            found = _local(name, pipe, doc, ctx, wins, prev.by_pass.get(name, []), edits)
        elif name == "detect" and not prev.guessed and not pipe.config.model:
            found = prev.by_pass.get(name, [])  # the user's source: the detection decides nothing
        else:
            found = PASSES[name](doc, ctx)
        ctx.by_pass[name] = found
        ctx.findings.extend(found)
    return gate_and_filter(pipe, doc, ctx, ctx.user_source), _Round(
        list(prev.sources), prev.guessed, ctx.detection, dict(ctx.by_pass)
    )


def _local(
    name: str,
    pipe: Pipeline,
    doc: Document,
    ctx: Context,
    wins: list[tuple[int, int, int, int]],
    before: list[Finding],
    edits: list[Finding],
) -> list[Finding]:
    """A local pass: re-run on each window; elsewhere the previous round's findings, shifted."""
    from retrans.pipeline import PASSES, Context

    out: list[Finding] = []
    shift = Shift(edits)
    los = [w[1] for w in wins]
    for f in before:
        if shift.touches(f.start, f.end):
            continue  # its text changed: the window's run says what is there now
        s, e = shift.forward(f.start, False), shift.forward(f.end, True)
        i = bisect.bisect_right(los, s) - 1
        if i >= 0 and e <= wins[i][2]:
            continue  # inside a window's trusted part: found again there
        out.append(f if (s, e) == (f.start, f.end) else replace(f, start=s, end=e))
    for a, lo, hi, b in wins:
        part = Document(
            doc.text[a:b],
            doc.path,
            doc.fmt,
            doc.lang,
            [(max(s, a) - a, min(e, b) - a) for s, e in doc.protected if s < b and e > a],
            doc.line_offset,
            doc.record,
            doc.style,
        )
        wctx = Context(
            ctx.config, ctx.rules, ctx.sources, True, style=ctx.style, indexes=ctx.indexes
        )
        wctx.detection = ctx.detection
        wctx.user_source = ctx.user_source
        for f in PASSES[name](part, wctx):
            s, e = f.start + a, f.end + a
            if lo <= s and e <= hi:
                out.append(replace(f, start=s, end=e))
    return out


def _changed(edits: list[Finding]) -> list[tuple[int, int]]:
    """The spans of the new text that ``edits`` wrote."""
    out, delta = [], 0
    for ed in edits:
        s = ed.start + delta
        out.append((s, s + len(ed.replacement or "")))
        delta += len(ed.replacement or "") - (ed.end - ed.start)
    return out


def _windows(text: str, changed: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(start, trusted start, trusted end, end) around each changed span, merged: the whole
    paragraph when its boundaries are in reach, else a cut at a space whose first and last
    ``MARGIN`` characters are context only.

    A paragraph-context rule relates a block to its neighbours (CL103: removing page chrome
    leaves a headline right under its twin), so the window also holds the paragraph before
    (context only: what is found there depends on the one before it) and the paragraph after
    (trusted: its relation to the changed one is in view)."""
    out: list[tuple[int, int, int, int]] = []
    n = len(text)
    for s, e in changed:
        a = _boundary_before(text, s)
        b = _boundary_after(text, e, n)
        lo = a if a == 0 or text[a] == "\n" else min(s, a + MARGIN)
        hi = b if b == n or text[b - 1] == "\n" else max(e, b - MARGIN)
        if a > 0 and text[a] == "\n":
            start = _neighbour_before(text, a)
            if start != a:  # the paragraph before is in view: so is the gap after it
                a = start
                while lo > a and text[lo - 1] == "\n":
                    lo -= 1
        if b < n and text[b - 1] == "\n":
            hi = b = _neighbour_after(text, b, n)
        if out and a <= out[-1][3]:
            pa, plo, _, _ = out[-1]
            out[-1] = (pa, plo, hi, b)
        else:
            out.append((a, lo, hi, b))
    return out


def _neighbour_before(text: str, a: int) -> int:
    """The start of the whole paragraph before the boundary at ``a`` (its blank line or the
    text's start), or ``a`` itself when that paragraph does not start within reach."""
    i = a
    while i > 0 and text[i - 1] == "\n":
        i -= 1
    j = text.rfind("\n\n", max(0, i - REACH), i)
    return j if j >= 0 else 0 if i <= REACH else a


def _neighbour_after(text: str, b: int, n: int) -> int:
    """The end of the whole paragraph after ``b`` (past its blank line, or the text's end), or
    ``b`` itself when that paragraph does not end within reach."""
    i = b
    while i < n and text[i] == "\n":
        i += 1
    j = text.find("\n\n", i, i + REACH)
    return j + 2 if j >= 0 else n if n - i <= REACH else b


def _boundary_before(text: str, pos: int) -> int:
    floor = max(0, pos - REACH)
    for sep in ("\n\n", "\n"):
        i = text.rfind(sep, floor, pos)
        if i >= 0:
            return i
    if floor == 0:
        return 0
    i = text.find(" ", floor, pos)
    return i if i >= 0 else floor


def _boundary_after(text: str, pos: int, n: int) -> int:
    ceil = min(n, pos + REACH)
    for sep in ("\n\n", "\n"):
        i = text.find(sep, pos, ceil)
        if i >= 0:
            return i + len(sep)
    if ceil == n:
        return n
    i = text.rfind(" ", pos, ceil)
    return i + 1 if i >= 0 else ceil


class Shift:
    """Positions across one round's sorted, non-overlapping ``edits`` (binary search: a large
    text's many findings map in n log n, not n × edits)."""

    def __init__(self, edits: list[Finding]) -> None:
        self.starts = [ed.start for ed in edits]
        self.ends = [ed.end for ed in edits]
        self.cum = [0]  # the length change before each edit, and after the last
        for ed in edits:
            self.cum.append(self.cum[-1] + len(ed.replacement or "") - (ed.end - ed.start))
        self.new_starts = [s + d for s, d in zip(self.starts, self.cum, strict=False)]
        self.new_ends = [
            ns + len(ed.replacement or "") for ns, ed in zip(self.new_starts, edits, strict=True)
        ]

    def forward(self, pos: int, end: bool) -> int:
        """A position of the text before the edits, in the text after them: a start before the
        replacements that begin there, an end after those that end there."""
        i = bisect.bisect_left(self.starts, pos)
        if end:  # an insertion at ``pos`` comes before an end there
            while i < len(self.starts) and self.starts[i] == pos == self.ends[i]:
                i += 1
        if i and pos < self.ends[i - 1]:  # inside a replaced span
            return self.new_ends[i - 1] if end else self.new_starts[i - 1]
        return pos + self.cum[i]

    def back(self, pos: int, end: bool) -> int:
        """A position of the text after the edits, in the text before them (inside a
        replacement: the replaced span's start or end)."""
        side = bisect.bisect_right if end else bisect.bisect_left
        i = side(self.new_starts, pos)
        k = (bisect.bisect_left if end else bisect.bisect_right)(self.new_ends, pos)
        if k < i:
            return self.ends[k] if end else self.starts[k]
        return pos - self.cum[i]

    def touches(self, start: int, end: int) -> bool:
        """Does an edit overlap ``start``–``end``, or share its start or end?"""
        j = bisect.bisect_left(self.ends, start)
        while j < len(self.starts) and self.starts[j] <= end:
            s, e = self.starts[j], self.ends[j]
            if (start < e and s < end) or s == start or e == end:
                return True
            j += 1
        return False


def back(pos: int, edits: list[Finding], end: bool) -> int:
    return Shift(edits).back(pos, end)


def forward(pos: int, edits: list[Finding], end: bool) -> int:
    return Shift(edits).forward(pos, end)


def _mapped(
    edits: list[Finding], history: list[list[Finding]], text: str, rnd: int
) -> list[Finding]:
    """Round ``rnd``'s ``edits`` (on ``text``, which ``history`` made) as findings on the
    original text: the span they come from, and what it reads once they are made."""
    if not edits:
        return []
    after = apply(text, edits)
    shifts = [Shift(past) for past in history]
    ahead = [*shifts, Shift(edits)]
    out = []
    for ed in edits:
        s, e = ed.start, ed.end
        for sh in reversed(shifts):
            s, e = sh.back(s, False), sh.back(e, True)
        fs, fe = s, e
        for sh in ahead:
            fs, fe = sh.forward(fs, False), sh.forward(fe, True)
        out.append(
            replace(
                ed,
                start=s,
                end=e,
                replacement=after[fs:fe],
                message=f"{ed.message} (once earlier edits are made)",
                meta={**ed.meta, "round": rnd},
            )
        )
    return out


def _protected_for(text: str, doc: Document) -> list[tuple[int, int]]:
    if text == doc.text:
        return doc.protected
    from retrans.formats import protected_spans

    return protected_spans(text, doc.fmt)  # markdown, html; anything else as plain text
