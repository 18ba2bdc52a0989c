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
source was guessed). A short text, or one mostly changed, is simply checked again.

With a guessed source, ``fix`` stops only on a round that finds nothing under the guess made on
that very text (a second ``fix`` guesses on it too): so ``fix(fix(x)) == fix(x)``.
"""

from __future__ import annotations

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
# Windows covering at least this share of the text: check the whole text again instead.
FULL_SHARE = 0.5


@dataclass
class Plan:
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
    texts, history = [doc.text], []
    edits, n, extra = first, 1, 2  # extra: rounds allowed for a changed guess
    while edits:
        new = apply(texts[-1], edits)
        if new == texts[-1]:
            break
        history.append(edits)
        texts.append(new)
        if n >= rounds + (2 - extra):
            break
        cur = replace(doc, text=new, protected=_protected_for(new, doc))
        found, state = _later(pipe, cur, state, edits)
        n += 1
        edits = resolve(found, cur, min_conf)
        if not edits and state.guessed and extra and _guess_changed(pipe, cur, state):
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
    return Plan(texts[-1], first, report, ctx, n)


def _state(pipe: Pipeline, ctx: Context, guessed: bool) -> _Round:
    return _Round(list(ctx.sources), guessed, ctx.detection, dict(ctx.by_pass))


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
    if sum(w[3] - w[0] for w in wins) >= FULL_SHARE * len(text):
        # a short or mostly changed text: checked again whole, as before (the source neither
        # given nor guessed yet: guessed afresh)
        source = ",".join(prev.sources) if prev.sources else pipe.source
        found, ctx = pipe._check(doc, source, guessed=prev.guessed and bool(prev.sources))
        return found, _state(pipe, ctx, prev.guessed)
    from retrans.pipeline import ORDER, PASSES, Context, gate_and_filter

    ctx = Context(
        pipe.config, pipe.rules, list(prev.sources), True, style=pipe.style, indexes=pipe._indexes
    )
    ctx.detection = prev.detection
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
    user_source = bool(prev.sources) and not prev.guessed
    return gate_and_filter(pipe, doc, ctx, user_source), _Round(
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
    for f in before:
        s, e = forward(f.start, edits, False), forward(f.end, edits, True)
        if any(_touches(f, ed) for ed in edits):
            continue  # its text changed: the window's run says what is there now
        if any(lo <= s and e <= hi for _, lo, hi, _ in wins):
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
        for f in PASSES[name](part, wctx):
            s, e = f.start + a, f.end + a
            if lo <= s and e <= hi:
                out.append(replace(f, start=s, end=e))
    return out


def _touches(f: Finding, ed: Finding) -> bool:
    return (f.start < ed.end and ed.start < f.end) or f.start == ed.start or f.end == ed.end


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
    ``MARGIN`` characters are context only."""
    out: list[tuple[int, int, int, int]] = []
    n = len(text)
    for s, e in changed:
        a = _boundary_before(text, s)
        b = _boundary_after(text, e, n)
        lo = a if a == 0 or text[a] == "\n" else min(s, a + MARGIN)
        hi = b if b == n or text[b - 1] == "\n" else max(e, b - MARGIN)
        if out and a <= out[-1][3]:
            pa, plo, _, _ = out[-1]
            out[-1] = (pa, plo, hi, b)
        else:
            out.append((a, lo, hi, b))
    return out


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


def back(pos: int, edits: list[Finding], end: bool) -> int:
    """A position of the text after ``edits``, in the text before them (inside a replacement:
    the replaced span's start or end)."""
    delta = 0
    for ed in edits:
        new_start = ed.start + delta
        new_end = new_start + len(ed.replacement or "")
        if pos < new_start or (pos == new_start and not end):
            break
        if pos < new_end or (pos == new_end and end):
            return ed.end if end else ed.start
        delta = new_end - ed.end
    return pos - delta


def forward(pos: int, edits: list[Finding], end: bool) -> int:
    """A position of the text before ``edits``, in the text after them: a start before the
    replacements that begin there, an end after those that end there."""
    delta = 0
    for ed in edits:
        if ed.start > pos or (ed.start == pos and not end) or (ed.start == pos < ed.end):
            break
        if pos < ed.end:  # inside a replaced span
            start = ed.start + delta
            return start + len(ed.replacement or "") if end else start
        delta += len(ed.replacement or "") - (ed.end - ed.start)
    return pos + delta


def _mapped(
    edits: list[Finding], history: list[list[Finding]], text: str, rnd: int
) -> list[Finding]:
    """Round ``rnd``'s ``edits`` (on ``text``, which ``history`` made) as findings on the
    original text: the span they come from, and what it reads once they are made."""
    if not edits:
        return []
    after = apply(text, edits)
    out = []
    for ed in edits:
        s, e = ed.start, ed.end
        for past in reversed(history):
            s, e = back(s, past, False), back(e, past, True)
        fs, fe = s, e
        for past in [*history, edits]:
            fs, fe = forward(fs, past, False), forward(fe, past, True)
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
