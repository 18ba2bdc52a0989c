"""Cues: the candidate edits of the rule packs and the glossary, given to the model with its window.

A small model trained on a CPU does not learn the name and calque tables (hundreds of foreign
forms, hundreds of phrases: 0 of the held-out glossary, rules and scrambled-list errors,
sessions 5–13). A model trained with ``--cues`` reads, after its window, what the project's
own data proposes there (the packs of the text's given or guessed source; of every source
for a sentence alone), each written as the edit script that makes it (``Poutine ⇒ Putin``,
``? ⇒ ^?``), and its scores decide whether a cue stands (``infer.Corrector._cued``). The
synthetic errors are made from the cues' own tables, so there a cue is always right: a cued
model takes cues only above margins calibrated on real MT with human versions, one per kind:
the packs' edits, the glossary's, the packs' advice (``calibrate_cues``; session 15: the
edits were right 93 % of the time, the advice 41 %, and no margin made the advice right 95 %
of the time, so it is not shown; session 16: the glossary's every time). Training sees clean
English where a cue fires (``copy-cue``) and, with ``synth --real-cues``, real MT windows
whose cues the human version made or refused (``real-cue``), from the other half of the real
MT than the margins'. A cue that stands is the table's own edit: the gate judges the model's
own edits beside it (``gate.judge_over``). Models trained without cues (``retrans.json`` spec ``cues`` absent
or false, any Hugging Face folder) read windows as before.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MARK = " ¦¦ "  # window, then the cues: "old ⇒ new ¦ old ⇒ new"
MAX_CUES = 4
SKIP = frozenset({"MD001", "MT101"})


@dataclass(frozen=True)
class CueAsk:
    """Where a window's cues come from: the packs of ``sources`` (None: every source
    language's, for a sentence alone; in ``check``/``fix`` the text's given or guessed
    source) under the user's ``settings`` (``settings_of``: disabled rules and packs, own
    packs and glossaries, house style, passes), so that an edit the user turned off is not
    offered to the model either."""

    sources: tuple[str, ...] | None = None
    settings: tuple[tuple[str, Any], ...] = ()


def settings_of(config: Any) -> tuple[tuple[str, Any], ...]:
    """The settings of ``config`` that change what the passes propose, hashable."""
    packs = None if config.packs is None else tuple(sorted(config.packs))
    return (
        ("disable", tuple(sorted(config.disable))),
        ("packs", packs),
        ("disable_packs", tuple(sorted(config.disable_packs))),
        ("glossaries", tuple(str(p) for p in config.glossaries)),
        ("rule_packs", tuple(str(p) for p in config.rule_packs)),
        ("house_style", config.house_style),
        ("protect_foreign_quotes", config.protect_foreign_quotes),
        ("passes", tuple(sorted(config.passes.items()))),
    )


@lru_cache(maxsize=8)
def _pipeline(ask: CueAsk) -> Any:
    """Cleanup, glossary, names and rules as ``ask`` says, no detector (it would gate the
    packs) and no model: the candidates, not the decisions."""
    from retrans.config import Config
    from retrans.pipeline import Pipeline
    from retrans.rules.engine import load_rules

    got = dict(ask.settings)
    config = Config()
    if got:
        packs = got["packs"]
        config = Config(
            disable=set(got["disable"]),
            packs=None if packs is None else set(packs),
            disable_packs=set(got["disable_packs"]),
            glossaries=[Path(p) for p in got["glossaries"]],
            rule_packs=[Path(p) for p in got["rule_packs"]],
            house_style=got["house_style"],
            protect_foreign_quotes=got["protect_foreign_quotes"],
            passes=dict(got["passes"]),
        )
    known = sorted({p.source for p in load_rules(tuple(config.rule_packs)).packs} - {"*"})
    sources = ask.sources
    asked = known if sources is None else [s for s in sources if s in known]  # ja: no pack
    return Pipeline(
        config=config,
        source=",".join(asked) or None,
        lang="en",
        passes={"model": False, "detect": False},
    )


Cue = tuple[int, int, str, str]  # start, end, replacement, kind (``KINDS``)
KINDS = ("edit", "glossary", "advice")


def kind_of(code: str, edit: bool) -> str:
    """A cue's kind, which sets the margin it needs (``calibrate_cues``): ``glossary`` for
    the glossary's edits (a name's foreign form, its case: ``GL1xx``), ``edit`` for the
    packs', ``advice`` for a suggestion that is not an edit."""
    if not edit:
        return "advice"
    return "glossary" if code.startswith("GL") else "edit"


@lru_cache(maxsize=65536)
def cues(text: str, ask: CueAsk | None = None, advice: bool = True) -> tuple[Cue, ...]:
    """(start, end, replacement, kind) of each candidate edit in ``text``, in order, none
    overlapping an earlier one; at most ``MAX_CUES``. ``ask``: which packs, under which
    settings (``CueAsk``; None: every source's, the default settings). ``advice``: the
    packs' advice too (a suggestion, not an edit: on real MT right 41 % of the time,
    session 15), not only their edits."""
    from retrans.document import Document

    if not text.strip():
        return ()
    doc = Document(text)
    doc.lang = "en"
    found, _ctx = _pipeline(ask or CueAsk()).check(doc, prepared=True)
    out: list[Cue] = []
    # an edit before advice on the same span (*spokesman of*: a pack's edit and another's
    # advice propose the same words; the cue is then an edit)
    for f in sorted(found, key=lambda f: (f.start, -f.end, f.replacement is None)):
        if f.code in SKIP or f.meta.get("round"):
            continue
        if f.replacement is None and not advice:
            continue
        new = f.replacement if f.replacement is not None else f.meta.get("suggestion")
        if new is None or f.end <= f.start or text[f.start : f.end] == new:
            continue
        if out and f.start < out[-1][1]:
            continue
        out.append((f.start, f.end, new, kind_of(f.code, f.replacement is not None)))
    return tuple(out[:MAX_CUES])


def with_cues(
    window: str,
    fmt: int = 2,
    found: Collection[Cue] | None = None,
    advice: bool = True,
) -> str:
    """The model's input for ``window``: the window, then each cue written as the edit
    script that makes it (``window.to_script`` in format ``fmt``, so a right cue is what the
    model writes, word for word: ``Poutine ⇒ Putin``, ``? ⇒ ^?``); no cue: the window.
    ``found``: the cues to show (window offsets), those of the whole sentence that lie in
    the window (``infer._sentence_cues``: a window can cut a quotation, *author »of« Early*
    reads as one of its own, and one pipeline run a sentence is enough); None: the window's
    own (``advice``: with the packs' advice), as in training."""
    from retrans.corrector.window import SEP, to_script

    shown = cues(window, None, advice) if found is None else sorted(found)
    parts = []
    for s, e, new, _kind in shown:
        script = to_script(window, window[:s] + new + window[e:], fmt)
        if script:
            parts.append(script)
    return window + MARK + SEP.join(parts) if parts else window


def real_rows(paths: list[Path]) -> list[tuple[str, str]]:
    """(MT, human version) rows of real MT (MLQE-PE, WMT, TSV/JSONL pairs) that no held-out
    split holds (``synth.held_out`` of either side: ``eval ape`` measures on those)."""
    from retrans.corrector.ape import load_ape_pairs
    from retrans.corrector.synth import held_out

    rows = []
    for path in paths:
        for r in load_ape_pairs(path, held_out=False):
            if not held_out(r[0]) and not held_out(r[1]):
                rows.append((r[0], r[1]))
    return rows


def cue_half(human: str) -> str:
    """Which half of real MT a row serves, by a hash of its human version (every system's
    MT of one sentence falls in the same half): ``train`` (``real_cue_pairs``) or
    ``calibrate`` (``calibrate_cues``), so that a margin is never set on what trained it."""
    return "train" if zlib.crc32(human.encode("utf-8")) % 2 else "calibrate"


def _real_windows(
    rows: list[tuple[str, str]], fmt: int, k: int, advice: bool
) -> Iterator[tuple[str, str, str, float, frozenset[str]]]:
    """(window, cued input, cue script, TER change against the human version, the kinds of
    the cues it shows) of each cued window of each MT sentence of ``rows`` whose cues change
    it, windows as the model reads them (``infer._cue_windows``)."""
    from sacrebleu.metrics import TER

    from retrans.corrector.infer import _cue_windows, _sentence_cues
    from retrans.corrector.window import from_script, merge, plan

    ter = TER()
    seen: set[str] = set()
    for mt, human in rows:
        if mt in seen or not 4 <= len(mt.split()) <= 80:
            continue
        seen.add(mt)
        before = None
        wins = _cue_windows(mt, plan(mt, None, k), k, None, advice)
        keep = _sentence_cues([mt], [wins], None, advice)
        for w in wins:
            text = mt[w.start : w.end]
            shown = keep.get(text, set())
            cued = with_cues(text, fmt, shown)
            if MARK not in cued:
                continue
            cue = cued.split(MARK, 1)[1]
            new = merge(mt, [w], [from_script(text, cue, fmt)], [True])
            if new == mt:
                continue
            if before is None:
                before = ter.sentence_score(mt, [human]).score
            kinds = frozenset(c[3] for c in shown)
            yield text, cued, cue, ter.sentence_score(new, [human]).score - before, kinds


def cue_scores(
    cor: Any, rows: list[tuple[str, str]], advice: bool = False
) -> list[tuple[float, float, frozenset[str]]]:
    """(model's preference for the cue, TER change against the human version, the kinds of
    cue the window shows) of each cued window of each MT sentence of ``rows`` (MT, human
    version) whose cue changes it; ``advice``: the packs' advice shown too."""
    found = list(_real_windows(rows, cor.script_format, cor.window, advice))
    gains = cor.gain([f[1] for f in found], [f[2] for f in found], scripts=True)
    return [(g, f[3], f[4]) for g, f in zip(gains, found, strict=True)]


def real_cue_pairs(
    rows: list[tuple[str, str]], k: int, fmt: int = 2
) -> Iterator[tuple[str, str, str]]:
    """Training pairs from real MT (the ``train`` half, ``cue_half``): each window whose
    edit cues the human version decides (TER down: the window with them made; up: the
    window as it is), kind ``real-cue``. The synthetic errors are made from the cues' own
    tables, so only these teach a cued model a cue that is wrong (session 15)."""
    from retrans.corrector.window import from_script

    half = [r for r in rows if cue_half(r[1]) == "train"]
    for text, _cued, cue, d, _k in _real_windows(half, fmt, k, False):
        if d != 0:
            yield text, from_script(text, cue, fmt) if d < 0 else text, "real-cue"


def window_kind(kinds: Collection[str]) -> str:
    """The kind whose margin a window's cues are calibrated for: ``advice`` where it shows
    some, ``glossary`` where all are the glossary's, else ``edit``. A window showing kinds
    of both edits needs the higher margin (``infer._need``)."""
    if "advice" in kinds:
        return "advice"
    return "glossary" if set(kinds) == {"glossary"} else "edit"


def calibrate_cues(
    cor: Any, rows: list[tuple[str, str]], precision: float = 0.95, min_n: int = 20
) -> dict[str, Any]:
    """Per kind of cue (``KINDS``, ``infer.Corrector.cue_margins``), the smallest preference
    above which the model's chosen cues bring real MT closer to its human version (TER down,
    not up; equal TER undecided) at least ``precision`` of the time (95 %, not the 90 % of
    the margin: a cue is an edit the model did not write). Real MT, because the synthetic
    errors are made from the cues' own tables: there a cue is always right, and a margin set
    there lets every cue through (session 14: *Actually ⇒ Currently* where the French said
    *En fait*). Each margin is set on the windows of its kind (``window_kind``): the packs'
    edits were right 93 % of the time on real MT, the glossary's every time (session 16: 104
    of 104 decided windows, 44 of 44 in the calibration half; a margin of its own takes
    *Varsavia ⇒ Warsaw*, which the packs' margin refused), the advice 52 %, and no preference of a CPU-trained model sorted
    the advice: it is then not shown."""
    from retrans.corrector.train import margin_at

    out: dict[str, Any] = {"cue_margin": {}}
    edit_scores = cue_scores(cor, rows, False)
    for kind in KINDS:
        advice = kind == "advice"
        scores = cue_scores(cor, rows, True) if advice else edit_scores
        scores = [r for r in scores if window_kind(r[2]) == kind]
        dec = sorted(((g, d < 0) for g, d, _k in scores if d != 0), reverse=True)
        margin, kept = margin_at(dec, precision, min_n)
        # None: no cue of this kind passes
        out["cue_margin"][kind] = round(float(margin), 4) if kept else None
        out[kind] = {
            "cue_windows": len(scores),
            "decidable": len(dec),
            "right": sum(ok for _g, ok in dec),
            "kept_at_margin": kept,
            "right_at_margin": sum(ok for _g, ok in dec[:kept]),
        }
    return out
