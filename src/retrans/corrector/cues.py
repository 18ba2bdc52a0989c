"""Cues: the candidate edits of the rule packs and the glossary, given to the model with its window.

A small model trained on a CPU does not learn the name and calque tables (hundreds of foreign
forms, hundreds of phrases: 0 of the held-out glossary, rules and scrambled-list errors,
sessions 5–13). A model trained with ``--cues`` reads, after its window, what the project's
own data proposes there, from every source language's pack, advice included, each written
as the edit script that makes it (``Poutine ⇒ Putin``, ``? ⇒ ^?``), and its scores decide
whether a cue stands (``infer.Corrector._cued``), as the issue's *actually* for *currently*
needs. The synthetic errors are made from the cues' own tables, so there a cue is always
right: a cued model takes cues only above a margin calibrated on real MT with human versions
(``calibrate_cues``), and ``synth`` adds clean English where a cue fires (``copy-cue``).
Measured in session 14 and not shipped (docs/MODEL.md). Models trained without cues
(``retrans.json`` spec ``cues`` absent or false, any Hugging Face folder) read windows as
before.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

MARK = " ¦¦ "  # window, then the cues: "old ⇒ new ¦ old ⇒ new"
MAX_CUES = 4
SKIP = frozenset({"MD001", "MT101"})


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """Cleanup, glossary, names and rules with every source language's pack, no detector
    (it would gate the packs) and no model: the candidates, not the decisions."""
    from retrans.pipeline import Pipeline
    from retrans.rules.engine import load_rules

    sources = sorted({p.source for p in load_rules().packs} - {"*"})
    return Pipeline(source=",".join(sources), lang="en", passes={"model": False, "detect": False})


@lru_cache(maxsize=65536)
def cues(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, replacement) of each candidate edit in ``text``, advice included, in
    order, none overlapping an earlier one; at most ``MAX_CUES``."""
    from retrans.document import Document

    if not text.strip():
        return ()
    doc = Document(text)
    doc.lang = "en"
    found, _ctx = _pipeline().check(doc, prepared=True)
    out: list[tuple[int, int, str]] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.code in SKIP or f.meta.get("round"):
            continue
        new = f.replacement if f.replacement is not None else f.meta.get("suggestion")
        if new is None or f.end <= f.start or text[f.start : f.end] == new:
            continue
        if out and f.start < out[-1][1]:
            continue
        out.append((f.start, f.end, new))
    return tuple(out[:MAX_CUES])


def with_cues(
    window: str, fmt: int = 2, keep: Collection[tuple[int, int, str]] | None = None
) -> str:
    """The model's input for ``window``: the window, then each cue written as the edit
    script that makes it (``window.to_script`` in format ``fmt``, so a right cue is what the
    model writes, word for word: ``Poutine ⇒ Putin``, ``? ⇒ ^?``); no cue: the window.
    ``keep``: only these cues (window offsets), e.g. those the whole sentence has too (a
    window can cut a quotation: *author »of« Early* reads as a quotation of its own)."""
    from retrans.corrector.window import SEP, to_script

    parts = []
    for s, e, new in cues(window):
        if keep is not None and (s, e, new) not in keep:
            continue
        script = to_script(window, window[:s] + new + window[e:], fmt)
        if script:
            parts.append(script)
    return window + MARK + SEP.join(parts) if parts else window


def cue_scores(cor: Any, rows: list[tuple[str, str]]) -> list[tuple[float, float]]:
    """(model's preference for the cue, TER change against the human version) of each cued
    window of each MT sentence of ``rows`` (MT, human version) whose cue changes it."""
    from sacrebleu.metrics import TER

    from retrans.corrector.infer import _cue_windows, _sentence_cues
    from retrans.corrector.window import from_script, merge, plan

    ter = TER()
    fmt, k = cor.script_format, cor.window
    found: list[tuple[str, str, float]] = []
    seen: set[str] = set()
    for mt, human in rows:
        if mt in seen or not 4 <= len(mt.split()) <= 80:
            continue
        seen.add(mt)
        before = None
        wins = _cue_windows(mt, plan(mt, None, k), k)
        keep = _sentence_cues([mt], [wins])
        for w in wins:
            text = mt[w.start : w.end]
            cued = with_cues(text, fmt, keep.get(text, set()))
            if MARK not in cued:
                continue
            cue = cued.split(MARK, 1)[1]
            new = merge(mt, [w], [from_script(text, cue, fmt)])
            if new == mt:
                continue
            if before is None:
                before = ter.sentence_score(mt, [human]).score
            found.append((cued, cue, ter.sentence_score(new, [human]).score - before))
    gains = cor.gain([c for c, _, _ in found], [c for _, c, _ in found], scripts=True)
    return [(g, d) for g, (_c, _cue, d) in zip(gains, found, strict=True)]


def calibrate_cues(
    cor: Any, rows: list[tuple[str, str]], precision: float = 0.95, min_n: int = 20
) -> dict[str, Any]:
    """The smallest preference above which the model's chosen cues bring real MT closer to
    its human version (TER down, not up; equal TER undecided) at least ``precision`` of the
    time (95 %, not the 90 % of the margin: a cue the packs keep as advice is one an editor
    may refuse). Real MT, because the synthetic errors are made from the cues' own tables: there a
    cue is always right, and a margin set there lets every cue through (session 14: *Actually
    ⇒ Currently* where the French said *En fait*)."""
    from retrans.corrector.train import margin_at

    scores = cue_scores(cor, rows)
    dec = sorted(((g, d < 0) for g, d in scores if d != 0), reverse=True)
    margin, kept = margin_at(dec, precision, min_n)
    return {
        "cue_margin": round(float(margin), 4) if kept else None,  # None: no cue passes
        "cue_windows": len(scores),
        "decidable": len(dec),
        "kept_at_margin": kept,
        "right_at_margin": sum(ok for _g, ok in dec[:kept]),
    }
