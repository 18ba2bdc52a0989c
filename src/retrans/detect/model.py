"""The shipped detector: weights, scoring, source language and reasons.

Pure Python at run time (no numpy needed to score); :mod:`retrans.detect.train` writes the
weights with numpy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from retrans.detect.features import (
    DOC_ONLY,
    FEATURE_NAMES,
    LANG_EV_NAMES,
    DocFeatures,
    Evidence,
    extract,
)
from retrans.detect.ngrams import ngram_keys, score, top_terms
from retrans.paths import disk_cached

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS_FILE = MODEL_DIR / "weights.json"
NGRAMS_FILE = MODEL_DIR / "data" / "ngrams.json"
NGRAM_FEATURES: tuple[str, ...] = ("ngram_all", "ngram_wiki")
ALL_FEATURES: list[str] = FEATURE_NAMES + list(NGRAM_FEATURES)
SOURCE_CLASSES: tuple[str, ...] = ("fr", "de", "es", "it", "ru", "other")
SHORT_TEXT_WORDS = 40
SHORT_TEXT_PRIOR = -1.5  # logit of about 0.18
LANG_NAMES: dict[str, str] = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ru": "Russian",
    "pt": "Portuguese",
    "ro": "Romanian",
    "nl": "Dutch",
    "other": "foreign",
}


@dataclass(frozen=True, slots=True)
class SentenceScore:
    start: int
    end: int
    text: str
    probability: float


@dataclass(slots=True)
class Detection:
    """The detector's verdict on one document."""

    probability: float  # calibrated P(machine-translated)
    is_mt: bool  # probability >= the model's threshold
    source_lang: str  # most likely source language (fr, de, es, it, ru or other)
    source_prob: float
    source_probs: dict[str, float]
    reasons: list[str]
    text_lang: str
    threshold: float = 0.5
    sentences: list[SentenceScore] | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text_lang": self.text_lang,
            "mt_probability": round(self.probability, 4),
            "is_mt": self.is_mt,
            "source_lang": self.source_lang,
            "source_probability": round(self.source_prob, 4),
            "source_probabilities": {k: round(v, 4) for k, v in self.source_probs.items()},
            "reasons": list(self.reasons),
            "evidence": [
                {
                    "kind": e.kind,
                    "langs": list(e.langs),
                    "text": e.text,
                    "start": e.start,
                    "end": e.end,
                    **({"code": e.code} if e.code else {}),
                }
                for e in self.evidence
            ],
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


@dataclass(frozen=True, slots=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    src_bias: dict[str, float]
    src_tied: tuple[float, ...]
    src_style: tuple[str, ...]
    src_coef: dict[str, tuple[float, ...]]
    ngrams: dict[str, dict[str, float]]
    meta: dict[str, Any]
    coef_alt: tuple[float, ...] = ()  # encyclopedic-domain weights (with a gate)
    gate_coef: tuple[float, ...] = ()
    gate_intercept: float = 0.0
    _src_idx: tuple[int, ...] = ()
    _families: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_src_idx", tuple(self.features.index(n) for n in self.src_style))
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
            src_bias={k: float(v) for k, v in src["bias"].items()},
            src_tied=tuple(src["tied"]),
            src_style=tuple(src["style_features"]),
            src_coef={k: tuple(v) for k, v in src["style_coef"].items()},
            ngrams={k: dict(v) for k, v in ngrams.items()},
            meta={k: w[k] for k in ("metrics", "training") if k in w},
            coef_alt=tuple(w.get("coef_alt", ())),
            gate_coef=tuple(w["gate"]["coef"]) if "gate" in w else (),
            gate_intercept=float(w["gate"]["intercept"]) if "gate" in w else 0.0,
        )

    # -- scoring --------------------------------------------------------------------------
    def vector(self, feats: DocFeatures) -> dict[str, float]:
        vals = dict(zip(FEATURE_NAMES, feats.values, strict=True))
        keys = ngram_keys(feats.sent_tokens)
        vals["ngram_all"] = score(self.ngrams.get("all", {}), keys)
        vals["ngram_wiki"] = score(self.ngrams.get("wiki", {}), keys)
        return vals

    def contributions(self, vals: Mapping[str, float]) -> dict[str, float]:
        """Each feature's additive share of the logit (before the short-text shrink)."""
        z = [
            (vals.get(name, mu) - mu) / sd
            for name, mu, sd in zip(self.features, self.mean, self.scale, strict=True)
        ]
        if not self.gate_coef:
            return {name: c * v for name, c, v in zip(self.features, self.coef, z, strict=True)}
        g = sigmoid(
            self.gate_intercept + math.fsum(a * v for a, v in zip(self.gate_coef, z, strict=True))
        )
        return {
            name: (g * c1 + (1.0 - g) * c2) * v
            for name, c1, c2, v in zip(self.features, self.coef, self.coef_alt, z, strict=True)
        }

    def logit(self, vals: Mapping[str, float]) -> float:
        """Calibrated log-odds of MT.

        Below :data:`SHORT_TEXT_WORDS` words the style and n-gram part is shrunk towards
        :data:`SHORT_TEXT_PRIOR` (a text that short says little about its style; the model was
        trained on documents of 1-2 KB), while interference evidence keeps its full weight.
        """
        contrib = self.contributions(vals)
        evidence = math.fsum(c for name, c in contrib.items() if name.startswith("ev_"))
        style = self.intercept + math.fsum(
            c for name, c in contrib.items() if not name.startswith("ev_")
        )
        words = math.expm1(vals.get("log_words", 0.0))
        if words < SHORT_TEXT_WORDS:
            share = max(words, 0.0) / SHORT_TEXT_WORDS
            style = SHORT_TEXT_PRIOR + (style - SHORT_TEXT_PRIOR) * share
        return style + evidence

    def source_scores(self, feats: DocFeatures, vals: Mapping[str, float]) -> dict[str, float]:
        feats_ = self.features
        mean, scale = self.mean, self.scale
        z = [(vals.get(feats_[i], mean[i]) - mean[i]) / scale[i] for i in self._src_idx]
        logits: dict[str, float] = {}
        for c in SOURCE_CLASSES:
            ev = feats.lang_ev.get(c, [0.0] * len(LANG_EV_NAMES))
            s = self.src_bias.get(c, 0.0) + math.fsum(
                t * e for t, e in zip(self.src_tied, ev, strict=True)
            )
            coef = self.src_coef.get(c)
            if coef:
                s += math.fsum(a * b for a, b in zip(coef, z, strict=True))
            logits[c] = s
        top = max(logits.values())
        exps = {c: math.exp(v - top) for c, v in logits.items()}
        total = math.fsum(exps.values())
        return {c: exps[c] / total for c in SOURCE_CLASSES}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@lru_cache(maxsize=4)
def _load(weights_path: str, ngrams_path: str) -> Model:
    files = [Path(weights_path), Path(ngrams_path)]

    def build() -> Model:
        w = json.loads(files[0].read_text(encoding="utf-8"))
        ng = json.loads(files[1].read_text(encoding="utf-8"))
        return Model.from_dict(w, ng)

    return disk_cached("detector", files, build)


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
    "ngram_all": "ngram",
    "ngram_wiki": "ngram",
    "oov": "vocabulary",
    "rare": "vocabulary",
    "zipf_mean": "vocabulary",
    "mattr": "variety",
    "rep3": "variety",
    "sent_mean": "sentences",
    "sent_cv": "sentences",
    "sent_long": "sentences",
    "sent_short": "sentences",
    "log_words": "sentences",
    "apos_s": "punctuation",
    "contraction": "punctuation",
    "cap_mid": "capitalisation",
    "allcaps": "capitalisation",
    "digits": "capitalisation",
    "lower_start": "capitalisation",
    "word_len": "word shape",
    "long_word": "word shape",
    "the_x_of": "function words",
}


def _family(name: str) -> str:
    fam = _FAMILY.get(name)
    if fam:
        return fam
    if name.startswith(("fw_", "bg_")):
        return "function words"
    if name.startswith("p_"):
        return "punctuation"
    if name.startswith("sfx_"):
        return "word shape"
    return "style"


def _quote(items: Sequence[str], n: int = 4) -> str:
    seen: list[str] = []
    for it in items:
        if it not in seen:
            seen.append(it)
    shown = ", ".join(seen[:n])
    return shown + (", …" if len(seen) > n else "")


def _lang_of(e: Evidence, source: str) -> str:
    if source in e.langs:
        return source
    return e.langs[0] if e.langs else "other"


def _evidence_reasons(evidence: Sequence[Evidence], source: str) -> dict[str, list[str]]:
    """Human-readable evidence lines per family."""
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
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
    if family == "ngram":
        if towards_mt:
            keys = ngram_keys(feats.sent_tokens)
            terms = top_terms(model.ngrams.get("all", {}), keys, 4)
            shown = ", ".join(f"'{t}'" for t, _ in terms)
            return "word sequences typical of MT" + (f": {shown}" if shown else "")
        return "word sequences typical of human English"
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
    source: str,
    n: int = 5,
) -> list[str]:
    contrib = model.contributions(vals)
    fam: dict[str, float] = {}
    for f, c in zip(model._families, contrib.values(), strict=True):
        fam[f] = fam.get(f, 0.0) + c
    towards_mt = probability >= model.threshold
    ev_lines = _evidence_reasons(feats.evidence, source)
    reasons: list[str] = []
    # Interference evidence is always worth showing when present, strongest kinds first.
    for kind in ("calque", "name", "typography", "untranslated"):
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
) -> Detection:
    """Is ``text`` machine-translated English, from which language, and why.

    ``findings`` (optional) are the engine's findings on ``text`` (duck-typed: ``code``,
    ``start``, ``end``, ``meta`` with ``lang`` for ``GL101`` or ``pack_source`` for rule packs);
    they add interference evidence.  ``sentences=True`` also scores every sentence.
    """
    m = model or load_model()
    feats, vals = detect_features(m, text, findings)
    prob = sigmoid(m.logit(vals))
    if feats.text_lang not in ("en", "und"):
        prob = 0.0  # not English: "machine-translated into English" does not apply
    src = m.source_scores(feats, vals)
    best = max(SOURCE_CLASSES, key=lambda c: (src[c], -SOURCE_CLASSES.index(c)))
    det = Detection(
        probability=prob,
        is_mt=prob >= m.threshold,
        source_lang=best,
        source_prob=src[best],
        source_probs=src,
        reasons=explain(m, feats, vals, prob, best, max_reasons),
        text_lang=feats.text_lang,
        threshold=m.threshold,
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
