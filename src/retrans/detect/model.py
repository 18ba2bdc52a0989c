"""The shipped detector: weights, scoring, source language and reasons.

Pure Python at run time (no numpy needed to score); :mod:`retrans.detect.train` writes the
weights with numpy.
"""

from __future__ import annotations

import dataclasses
import marshal
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import mul, not_, sub, truediv
from pathlib import Path
from typing import Any

from retrans.blobs import disk_cached_blobs
from retrans.detect.features import (
    DOC_ONLY,
    FEATURE_NAMES,
    GROUP_OF,
    LANG_EV_NAMES,
    DocFeatures,
    Evidence,
    extract,
)
from retrans.detect.ngrams import score_tokens
from retrans.detect.patterns import SOURCE_LANGS
from retrans.packed import SHARDS, PackedDict, PackedMapping
from retrans.paths import disk_cached

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS_FILE = MODEL_DIR / "weights.json"
NGRAMS_FILE = MODEL_DIR / "data" / "ngrams.json"
# Naive-Bayes score of function-word rhythm n-grams (function words kept, other words
# reduced to W/C/N): generic sequences, no content words of the training data.
NGRAM_FEATURES: tuple[str, ...] = ("rhythm",)
ALL_FEATURES: list[str] = FEATURE_NAMES + list(NGRAM_FEATURES)
SOURCE_CLASSES: tuple[str, ...] = SOURCE_LANGS
UNKNOWN = "unknown"
# Evidence kinds specific enough to name a source language on their own: typography, single
# untranslated words and topics are shared by many languages and by informal human text.
SPECIFIC_KINDS: tuple[str, ...] = ("calque", "name", "script")
SHORT_TEXT_WORDS = 40
SHORT_TEXT_PRIOR = -1.5  # logit of about 0.18
LANG_NAMES: dict[str, str] = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ja": "Japanese",
    "zh": "Chinese",
    "pt": "Portuguese",
    "ro": "Romanian",
    "nl": "Dutch",
    "other": "foreign",
}


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """The detector's score of one sentence."""

    start: int
    end: int
    text: str
    probability: float


@dataclass(slots=True)
class Detection:
    """The detector's verdict on one document."""

    probability: float  # calibrated P(machine-translated)
    is_mt: bool  # probability >= threshold
    source_lang: str | None  # fr de es it ru uk ja zh, or None when the evidence is unspecific
    source_prob: float  # share of the source-language evidence for source_lang
    source_probs: dict[str, float]  # over SOURCE_CLASSES and "unknown"
    reasons: list[str]
    text_lang: str
    threshold: float = 0.5
    sentences: list[SentenceScore] | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text_lang": self.text_lang,
            "mt_probability": round(self.probability, 4),
            "threshold": round(self.threshold, 4),
            "is_mt": self.is_mt,
            "source_lang": self.source_lang or UNKNOWN,
            "source_probability": round(self.source_prob, 4),
            "source_probabilities": {k: round(v, 4) for k, v in self.source_probs.items()},
            "reasons": list(self.reasons),
            "evidence": [_evidence_dict(e) for e in self.evidence],
        }
        if self.sentences is not None:
            out["sentences"] = [
                {
                    "start": s.start,
                    "end": s.end,
                    "mt_probability": round(s.probability, 4),
                    "text": s.text,
                }
                for s in self.sentences
            ]
        return out


def _evidence_dict(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": e.kind, "langs": list(e.langs), "text": e.text}
    out.update(start=e.start, end=e.end)
    if e.code:
        out["code"] = e.code
    return out


@dataclass(frozen=True, slots=True)
class SourceModel:
    """Source language from evidence only: ``score(c) = tied . evidence[c]``; a language
    is named when it has evidence of a :data:`SPECIFIC_KINDS` kind and its score beats
    ``unknown`` and the runner-up by ``margin``; otherwise the source is unknown.  Style is not used: it tells the corpus,
    not the language, and does not carry over to unseen test sets."""

    tied: tuple[float, ...]
    unknown: float
    margin: float

    def scores(self, lang_ev: Mapping[str, Sequence[float]]) -> dict[str, float]:
        zero = [0.0] * len(LANG_EV_NAMES)
        out = {
            c: math.fsum(t * e for t, e in zip(self.tied, lang_ev.get(c, zero), strict=True))
            for c in SOURCE_CLASSES
        }
        out[UNKNOWN] = self.unknown
        return out

    def decide(self, lang_ev: Mapping[str, Sequence[float]]) -> tuple[str | None, dict[str, float]]:
        s = self.scores(lang_ev)
        top = max(s.values())
        exps = {c: math.exp(v - top) for c, v in s.items()}
        total = math.fsum(exps.values())
        probs = {c: exps[c] / total for c in s}
        ranked = sorted(SOURCE_CLASSES, key=lambda c: (-s[c], SOURCE_CLASSES.index(c)))
        best, second = ranked[0], ranked[1]
        ev = lang_ev.get(best, ())
        specific = any(ev[LANG_EV_NAMES.index(k)] > 0 for k in SPECIFIC_KINDS) if ev else False
        if not specific or s[best] - max(self.unknown, s[second]) < self.margin:
            return None, probs
        return best, probs


@dataclass(frozen=True, slots=True)
class Model:
    """The detector's trained weights, scaling and source model."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    source: SourceModel
    ngrams: Mapping[str, Mapping[str, float]]
    meta: dict[str, Any]
    _families: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_families", tuple(_family(n) for n in self.features))

    @classmethod
    def from_dict(cls, w: Mapping[str, Any], ngrams: Mapping[str, Mapping[str, float]]) -> Model:
        src = w["source"]
        return cls(
            features=tuple(w["features"]),
            mean=tuple(w["mean"]),
            scale=tuple(w["scale"]),
            coef=tuple(w["coef"]),
            intercept=float(w["intercept"]),
            threshold=float(w.get("threshold", 0.5)),
            source=SourceModel(
                tuple(src["tied"]), float(src["unknown"]), float(src.get("margin", 0.0))
            ),
            ngrams={k: dict(v) for k, v in ngrams.items()},
            meta={k: w[k] for k in ("metrics", "training") if k in w},
        )

    # -- scoring --------------------------------------------------------------------------
    def vector(self, feats: DocFeatures) -> dict[str, float]:
        vals = dict(zip(FEATURE_NAMES, feats.values, strict=True))
        vals["rhythm"] = score_tokens(self.ngrams.get("rhythm", {}), feats.rhythm)
        return vals

    def contributions(self, vals: Mapping[str, float]) -> dict[str, float]:
        """Each feature's additive share of the logit (before the short-text shrink):
        ``c * (v - mu) / sd`` per feature, computed by ``map`` in that order of operations."""
        values = map(vals.get, self.features, self.mean)  # v, or mu when absent
        shares = map(truediv, map(mul, self.coef, map(sub, values, self.mean)), self.scale)
        return dict(zip(self.features, shares, strict=True))

    def logit(self, vals: Mapping[str, float]) -> float:
        """Calibrated log-odds of MT.

        Below :data:`SHORT_TEXT_WORDS` words the style part is shrunk towards
        :data:`SHORT_TEXT_PRIOR` (a text that short says little about its style), while
        interference evidence keeps its full weight.
        """
        contrib = list(self.contributions(vals).values())
        is_ev = _evidence_mask(self.features)
        evidence = math.fsum(compress(contrib, is_ev))
        style = self.intercept + math.fsum(compress(contrib, map(not_, is_ev)))
        words = math.expm1(vals.get("log_words", 0.0))
        if words < SHORT_TEXT_WORDS:
            share = max(words, 0.0) / SHORT_TEXT_WORDS
            style = SHORT_TEXT_PRIOR + (style - SHORT_TEXT_PRIOR) * share
        return style + evidence


@lru_cache(maxsize=8)
def _evidence_mask(features: tuple[str, ...]) -> tuple[bool, ...]:
    """Per feature: is it interference evidence (``ev_*``)? Kept out of the pickled
    :class:`Model` (its disk cache is keyed by the data files, not by this code)."""
    return tuple(n.startswith("ev_") for n in features)


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@lru_cache(maxsize=4)
def _load(weights_path: str, ngrams_path: str) -> Model:
    files = [Path(weights_path), Path(ngrams_path)]
    built: list[Model] = []  # a miss parses the JSON once for both caches

    def model() -> Model:
        if not built:
            import json  # only when the caches are built: a check never imports json

            w = json.loads(files[0].read_text(encoding="utf-8"))
            ng = json.loads(files[1].read_text(encoding="utf-8"))
            built.append(Model.from_dict(w, ng))
        return built[0]

    def build() -> Model:  # the weights; the n-gram tables' names, in order, without entries
        return dataclasses.replace(model(), ngrams={k: {} for k in model().ngrams})

    def tables() -> tuple[bytes, ...]:
        out: list[bytes] = []
        for v in model().ngrams.values():
            packed = PackedMapping.pack(v, whole=True)
            out += (*packed._packed._blobs, packed._packed._whole, packed._order)
        lengths = tuple(len(v) for v in model().ngrams.values())
        return (*out, marshal.dumps(lengths))

    # a short draft reads a few dozen of the n-gram weights: their shards (and the whole
    # tables, for runs that read most of them) in one mapped file (retrans.blobs), paged in
    # where read; only the small rest is unpickled
    base = disk_cached("detector-weights", files, build)
    blobs = disk_cached_blobs("detector-ngrams-mapped", files, tables, f"shards-{SHARDS}-whole")
    lengths = marshal.loads(blobs[len(blobs) - 1])
    ngrams: dict[str, Mapping[str, float]] = {}
    for i, name in enumerate(base.ngrams):
        at = i * (SHARDS + 2)
        packed: PackedDict[float] = PackedDict(blobs.part(at, at + SHARDS), blobs[at + SHARDS])
        ngrams[name] = PackedMapping(packed, blobs[at + SHARDS + 1], lengths[i])
    object.__setattr__(base, "ngrams", ngrams)  # our own copy, just unpickled
    return base


def load_model(weights: Path | None = None, ngrams: Path | None = None) -> Model:
    """The shipped model (cached), or one written by ``retrans train-detector``.

    A custom weights file looks for its n-gram tables next to it (``<name>.ngrams.json``).
    """
    if weights is None:
        return _load(str(WEIGHTS_FILE), str(NGRAMS_FILE))
    if ngrams is None:
        ngrams = weights.with_suffix(".ngrams.json")
    return _load(str(weights), str(ngrams))


# -- reasons -----------------------------------------------------------------------------

_FAMILY = {
    "ev_calque": "calque",
    "ev_name": "name",
    "ev_fcap": "name",
    "ev_untranslated": "untranslated",
    "ev_script": "untranslated",
    "ev_typography": "typography",
    "rhythm": "function words",
}
_GROUP_FAMILY = {
    "length": "sentences",
    "sentences": "sentences",
    "variety": "variety",
    "vocabulary": "vocabulary",
    "shape": "capitalisation",
    "punctuation": "punctuation",
    "suffixes": "word shape",
    "function_words": "function words",
}


def _family(name: str) -> str:
    return _FAMILY.get(name) or _GROUP_FAMILY.get(GROUP_OF.get(name, ""), "style")


def _quote(items: Sequence[str], n: int = 4) -> str:
    seen: list[str] = []
    for it in items:
        if it not in seen:
            seen.append(it)
    shown = ", ".join(seen[:n])
    return shown + (", …" if len(seen) > n else "")


def _lang_of(e: Evidence, source: str | None) -> str:
    if source in e.langs:
        return source
    return e.langs[0] if e.langs else "other"


def _evidence_reasons(evidence: Sequence[Evidence], source: str | None) -> dict[str, list[str]]:
    """Human-readable evidence lines per family."""
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
        if e.kind == "topic" and (source is None or source not in e.langs):
            continue
        kind = "name" if e.kind == "fcap" else e.kind
        kind = "untranslated" if kind == "script" else kind
        groups.setdefault((kind, _lang_of(e, source)), []).append(e)
    out: dict[str, list[str]] = {}
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    for kind, lang in order:
        items = groups[(kind, lang)]
        lname = LANG_NAMES.get(lang, lang)
        texts = [e.text for e in items]
        n = len(items)
        if kind == "calque":
            line = f"{n} {lname} calque{'s' if n > 1 else ''}: {_quote(texts)}"
        elif kind == "name":
            # curated name forms first, then other capitalised foreign words
            texts = [e.text for e in items if e.kind == "name"] + [
                e.text for e in items if e.kind != "name"
            ]
            line = f"source-language name forms ({lname}): {_quote(texts)}"
        elif kind == "typography":
            line = f"{lname} typography: {_quote(texts)}"
        elif kind == "topic":
            line = f"{lname}-language topics: {_quote(texts)}"
        else:
            line = f"untranslated {lname} words: {_quote(texts)}"
        out.setdefault(kind, []).append(line)
    return out


def _style_reason(
    family: str, vals: Mapping[str, float], feats: DocFeatures, towards_mt: bool, model: Model
) -> str:
    raw = feats.raw
    if family == "vocabulary":
        return (
            f"vocabulary {'unlike' if towards_mt else 'like'} human English "
            f"(unknown words {100 * raw.get('oov', 0.0):.1f}%, "
            f"mean word frequency {raw.get('zipf_mean', 0.0):.2f} Zipf)"
        )
    if family == "variety":
        return (
            f"lexical variety {'typical of MT' if towards_mt else 'typical of human text'} "
            f"(type/token {raw.get('mattr', 0.0):.2f}, repeated trigrams "
            f"{100 * raw.get('rep3', 0.0):.0f}%)"
        )
    if family == "sentences":
        return (
            f"sentence lengths {'typical of MT' if towards_mt else 'typical of human text'}"
            f" (variation {raw.get('sent_cv', 0.0):.2f})"
        )
    what = {
        "function words": "function-word profile",
        "punctuation": "punctuation profile",
        "word shape": "word-length and suffix profile",
        "capitalisation": "capitalisation and numbers profile",
    }.get(family, family)
    return f"{what} {'typical of MT' if towards_mt else 'typical of human English'}"


def explain(
    model: Model,
    feats: DocFeatures,
    vals: Mapping[str, float],
    probability: float,
    source: str | None,
    n: int = 5,
    threshold: float = 0.5,
) -> list[str]:
    contrib = model.contributions(vals)
    fam: dict[str, float] = {}
    for f, c in zip(model._families, contrib.values(), strict=True):
        fam[f] = fam.get(f, 0.0) + c
    towards_mt = probability >= threshold
    ev_lines = _evidence_reasons(feats.evidence, source)
    reasons: list[str] = []
    # Interference evidence is always worth showing when present, strongest kinds first.
    for kind in ("calque", "name", "typography", "untranslated", "topic"):
        reasons.extend(ev_lines.get(kind, []))
    ranked = sorted(
        (f for f in fam if f not in ("calque", "name", "typography", "untranslated")),
        key=lambda f: (-(fam[f] if towards_mt else -fam[f]), f),
    )
    for f in ranked:
        if len(reasons) >= n:
            break
        if (fam[f] > 0.15) if towards_mt else (fam[f] < -0.15):
            reasons.append(_style_reason(f, vals, feats, towards_mt, model))
    if not feats.evidence and not towards_mt:
        reasons.insert(0, "no interference evidence (calques, foreign name forms, typography)")
    if feats.n_words < SHORT_TEXT_WORDS:
        reasons = [
            r
            for r in reasons
            if r
            in ev_lines.get("calque", [])
            + ev_lines.get("name", [])
            + ev_lines.get("typography", [])
            + ev_lines.get("untranslated", [])
        ]
        reasons.insert(0, f"short text ({feats.n_words} words): style says little")
    if feats.text_lang not in ("en", "und"):
        reasons = [f"text is not English ({feats.text_lang}): not scored"]
    return reasons[: max(n, 1)]


# -- public entry point ---------------------------------------------------------------------


def detect_features(
    model: Model,
    text: str,
    findings: Sequence[Any] | None = None,
) -> tuple[DocFeatures, dict[str, float]]:
    feats = extract(text, findings)
    return feats, model.vector(feats)


def detect(
    text: str,
    findings: Sequence[Any] | None = None,
    *,
    sentences: bool = False,
    model: Model | None = None,
    max_reasons: int = 5,
    threshold: float | None = None,
) -> Detection:
    """Is ``text`` machine-translated English, from which language, and why.

    ``findings`` (optional) are the engine's findings on ``text`` (duck-typed: ``code``,
    ``start``, ``end``, ``meta`` with ``lang`` for ``GL101`` or ``pack_source`` for rule packs);
    they add interference evidence.  ``sentences=True`` also scores every sentence;
    ``threshold`` overrides the model's calibrated default for ``is_mt``.
    """
    m = model or load_model()
    feats, vals = detect_features(m, text, findings)
    prob = sigmoid(m.logit(vals))
    if feats.text_lang not in ("en", "und"):
        prob = 0.0  # not English: "machine-translated into English" does not apply
    limit = m.threshold if threshold is None else threshold
    best, src = m.source.decide(feats.lang_ev)
    det = Detection(
        probability=prob,
        is_mt=prob >= limit,
        source_lang=best,
        source_prob=src[best or UNKNOWN],
        source_probs=src,
        reasons=explain(m, feats, vals, prob, best, max_reasons, limit),
        text_lang=feats.text_lang,
        threshold=limit,
        evidence=list(feats.evidence),
    )
    if sentences:
        det.sentences = score_sentences(m, text, feats, vals, findings)
    return det


def score_sentences(
    model: Model,
    text: str,
    feats: DocFeatures,
    doc_vals: Mapping[str, float],
    findings: Sequence[Any] | None = None,
) -> list[SentenceScore]:
    """Each sentence scored on its own features, document-only features held at doc values."""
    out: list[SentenceScore] = []
    for start, end in feats.sent_spans:
        s_feats = extract(text[start:end], findings, offset=start)
        vals = model.vector(s_feats)
        for name in DOC_ONLY:
            vals[name] = doc_vals[name]
        out.append(SentenceScore(start, end, text[start:end], sigmoid(model.logit(vals))))
    return out
