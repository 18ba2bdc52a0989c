"""Training and evaluation of the MT detector (needs numpy).

Reproducible: documents are split by hashing their group id (see
:mod:`retrans.detect.data_sources`), cross-validation folds likewise, and every fit is a
deterministic Newton / L-BFGS run from zeros.  ``retrans train-detector`` and
``tools/train_detector.py`` call :func:`train_from_files`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from retrans.detect.data_sources import LabelledDoc, load_mlqe, load_wmt
from retrans.detect.features import (
    EVIDENCE_NAMES,
    FEATURE_NAMES,
    STYLE_NAMES,
    DocFeatures,
    extract,
)
from retrans.detect.learn import auc, ece, fit_conditional_logit, fit_logistic, sigmoid
from retrans.detect.model import (
    ALL_FEATURES,
    NGRAM_FEATURES,
    SOURCE_CLASSES,
    Model,
    detect_features,
)
from retrans.detect.model import (
    sigmoid as sigmoid1,
)
from retrans.detect.ngrams import ngram_keys

FORMAT = 1


@dataclass(frozen=True)
class Config:
    folds: int = 5
    l2: float = 10.0
    ngram_mincount: int = 5  # distinct source articles an n-gram must occur in
    ngram_max: int = 20000  # entries kept per table
    ngram_alpha: float = 0.03
    src_l2_style: float = 100.0
    # Fixed source-language evidence weights (logit per unit of log(1 + weighted count)) for
    # calque, name, untranslated, typography, foreign capitalised word: shared by all
    # languages, so de/es/it (absent from the training data) are recognised from evidence.
    src_evidence: tuple[float, ...] = (1.5, 2.0, 1.0, 1.0, 0.5)
    src_unseen_margin: float = 0.5
    threshold: float = 0.5
    dataset_weight: tuple[tuple[str, float], ...] = ()
    # Domain gate: a logistic model of "news (WMT) vs encyclopedic (MLQE)" on the style
    # features mixes two sets of weights, g * news + (1 - g) * encyclopedic.
    gate: bool = True
    gate_l2: float = 10.0
    # Fixed weights (calibrated logit per unit of log(1 + weighted count)) for curated
    # interference evidence.  The training data cannot estimate them: WMT has few hits and
    # MLQE post-edits keep most of the MT's interference, so both classes show it.  They
    # enter the fit as a fixed offset; everything else is learned around them.
    evidence_fixed: tuple[tuple[str, float], ...] = (
        ("ev_calque", 2.5),
        ("ev_name", 2.5),
        ("ev_typography", 1.5),
    )


def map_source(lang: str | None) -> str | None:
    if lang is None:
        return None
    return lang if lang in SOURCE_CLASSES else "other"


def featurize(
    docs: Sequence[LabelledDoc], progress: Callable[[str], None] | None = None
) -> list[DocFeatures]:
    out = []
    for i, d in enumerate(docs):
        out.append(extract(d.text))
        if progress and (i + 1) % 1000 == 0:
            progress(f"features: {i + 1}/{len(docs)}")
    return out


def cell_weights(
    docs: Sequence[LabelledDoc], dataset_weight: Sequence[tuple[str, float]] = ()
) -> np.ndarray:
    """Weights that give every (dataset, label) cell the same total weight (times the
    dataset's weight), mean 1."""
    cells: dict[tuple[str, int], int] = {}
    for d in docs:
        cells[(d.dataset, d.label)] = cells.get((d.dataset, d.label), 0) + 1
    dw = dict(dataset_weight)
    w = np.array([dw.get(d.dataset, 1.0) / cells[(d.dataset, d.label)] for d in docs])
    return w * (len(docs) / w.sum())


@dataclass
class NgramIndex:
    """Training documents' distinct n-grams as integer ids (for fast, vectorised tables)."""

    vocab: list[str]
    ids: np.ndarray  # n-gram id of every (document, n-gram) entry
    doc: np.ndarray  # document index of every entry
    sizes: np.ndarray  # distinct n-grams per document
    groups: np.ndarray  # group (source article) index of every document

    @classmethod
    def build(
        cls, keys: Sequence[dict[str, None]], groups: Sequence[str] | None = None
    ) -> NgramIndex:
        index: dict[str, int] = {}
        ids: list[int] = []
        doc: list[int] = []
        for i, k in enumerate(keys):
            for g in k:
                j = index.get(g)
                if j is None:
                    j = index[g] = len(index)
                ids.append(j)
                doc.append(i)
        names = list(groups) if groups is not None else [str(i) for i in range(len(keys))]
        gid = {g: i for i, g in enumerate(sorted(set(names)))}
        return cls(
            list(index),
            np.array(ids, dtype=np.int64),
            np.array(doc, dtype=np.int64),
            np.array([len(k) for k in keys], dtype=float),
            np.array([gid[g] for g in names], dtype=np.int64),
        )

    def table(self, docs_mask: np.ndarray, y: np.ndarray, w: np.ndarray, cfg: Config) -> np.ndarray:
        """Naive-Bayes log-count ratios on weighted document frequencies of the selected
        documents, pruned to the ``cfg.ngram_max`` strongest (zeros elsewhere)."""
        v = len(self.vocab)
        sel = docs_mask[self.doc]
        ids = self.ids[sel]
        d = self.doc[sel]
        pos = np.bincount(ids, weights=(w * y)[d], minlength=v)
        neg = np.bincount(ids, weights=(w * (1 - y))[d], minlength=v)
        # support = distinct source articles (not documents: the MT and human versions of
        # one article share its rare words), so kept n-grams are generic, not article text
        pairs = np.unique(ids * (int(self.groups.max()) + 1) + self.groups[d])
        count = np.bincount(pairs // (int(self.groups.max()) + 1), minlength=v)
        keep = count >= cfg.ngram_mincount
        r = np.zeros(v)
        if not keep.any():
            return r
        tp, tn = float(pos[keep].sum()), float(neg[keep].sum())
        n_docs = max(int(docs_mask.sum()), 1)
        # additive smoothing proportional to the average weighted n-gram mass of a document
        a = cfg.ngram_alpha * (tp + tn) / (2 * n_docs)
        nv = int(keep.sum())
        r[keep] = np.log((pos[keep] + a) / (tp + a * nv)) - np.log((neg[keep] + a) / (tn + a * nv))
        if nv > cfg.ngram_max:
            order = np.lexsort((np.arange(v), -np.abs(r)))
            r[order[cfg.ngram_max :]] = 0.0
        return np.round(r, 3)

    def scores(self, r: np.ndarray) -> np.ndarray:
        sums = np.bincount(self.doc, weights=r[self.ids], minlength=len(self.sizes))
        out: np.ndarray = sums / np.sqrt(self.sizes + 1)
        return out

    def as_dict(self, r: np.ndarray) -> dict[str, float]:
        return {self.vocab[j]: float(r[j]) for j in np.flatnonzero(r)}


def train(
    docs: Sequence[LabelledDoc],
    feats: Sequence[DocFeatures] | None = None,
    cfg: Config | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, float]]]:
    """Fit the detector on ``docs`` (all of them: pass the training split).

    Returns ``(weights, ngram_tables)`` ready to be written as JSON.
    """
    cfg = cfg or Config()
    say = progress or (lambda _m: None)
    if feats is None:
        feats = featurize(docs, progress)
    n = len(docs)
    y = np.array([d.label for d in docs], dtype=float)
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs both machine-translated and human documents")
    w = cell_weights(docs, cfg.dataset_weight)
    keys = [ngram_keys(f.sent_tokens) for f in feats]
    index = NgramIndex.build(keys, [f"{d.dataset}:{d.group}" for d in docs])
    wiki = np.array([d.dataset == "mlqe" for d in docs])
    k = max(2, min(cfg.folds, n // 2))
    folds = np.array([d.fold(k) for d in docs])
    # Out-of-fold n-gram scores (so the linear model sees honest n-gram evidence).
    ng = np.zeros((n, len(NGRAM_FEATURES)))
    for f in range(k):
        fit = folds != f
        pred = folds == f
        if not pred.any() or not fit.any():
            continue
        ng[pred, 0] = index.scores(index.table(fit, y, w, cfg))[pred]
        if (fit & wiki).any():
            ng[pred, 1] = index.scores(index.table(fit & wiki, y, w, cfg))[pred]
    say("n-gram tables: out-of-fold scores done")
    everything = np.ones(n, dtype=bool)
    final_tables = {
        "all": index.as_dict(index.table(everything, y, w, cfg)),
        "wiki": index.as_dict(index.table(wiki, y, w, cfg)) if wiki.any() else {},
    }
    dense = np.array([f.values for f in feats], dtype=float)
    x = np.hstack([dense, ng])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    fixed = {ALL_FEATURES.index(name): beta for name, beta in cfg.evidence_fixed}
    learned = np.array([j for j in range(len(ALL_FEATURES)) if j not in fixed])
    offset = np.zeros(n)
    for j, beta in fixed.items():
        offset += beta * (x[:, j] - mean[j])
    nonneg = [
        i
        for i, j in enumerate(learned.tolist())
        if ALL_FEATURES[j] in EVIDENCE_NAMES or ALL_FEATURES[j] in NGRAM_FEATURES
    ]
    zl = z[:, learned]
    gate_coef = np.zeros(len(ALL_FEATURES))
    gate_b = 0.0
    news = np.array([d.dataset != "mlqe" for d in docs], dtype=float)
    use_gate = cfg.gate and 0 < news.sum() < n
    if use_gate:
        gidx = np.array([j for j, name in enumerate(ALL_FEATURES) if name in STYLE_NAMES])
        gw = np.where(news == 1, 1.0 / news.sum(), 1.0 / (n - news.sum())) * n / 2
        gc, gate_b = fit_logistic(z[:, gidx], news, gw, cfg.gate_l2)
        gate_coef[gidx] = gc
        g = sigmoid(z @ gate_coef + gate_b)
        design = np.hstack([zl * g[:, None], zl * (1 - g)[:, None]])
        nonneg = nonneg + [i + zl.shape[1] for i in nonneg]
    else:
        design = zl
    # Out-of-fold linear scores for calibration.
    oof = np.zeros(n)
    for f in range(k):
        fit_idx = np.flatnonzero(folds != f)
        pred_idx = np.flatnonzero(folds == f)
        if len(pred_idx) == 0 or len(set(y[fit_idx].tolist())) < 2:
            continue
        cw, cb = fit_logistic(
            design[fit_idx], y[fit_idx], w[fit_idx], cfg.l2, nonneg, offset=offset[fit_idx]
        )
        oof[pred_idx] = design[pred_idx] @ cw + cb
    # Platt scaling of the learned part; the fixed evidence term is already calibrated.
    pa, pb = fit_logistic(oof[:, None], y, w, l2=1e-6, offset=offset)
    platt_a, platt_b = float(pa[0]), pb
    if platt_a <= 0:  # degenerate (tiny data): keep the raw scores
        platt_a, platt_b = 1.0, 0.0
    cl, intercept = fit_logistic(design, y, w, cfg.l2, nonneg, offset=offset)
    coef = np.zeros(len(ALL_FEATURES))
    coef_alt = np.zeros(len(ALL_FEATURES))
    coef[learned] = cl[: len(learned)] * platt_a
    coef_alt[learned] = (cl[len(learned) :] if use_gate else cl) * platt_a
    for j, beta in fixed.items():
        coef[j] = coef_alt[j] = beta * scale[j]
    intercept = intercept * platt_a + platt_b
    say("linear model fitted")
    src = train_source(docs, feats, z, cfg)
    say("source-language model fitted")
    oof_p = sigmoid(platt_a * oof + platt_b + offset)
    weights: dict[str, Any] = {
        "format": FORMAT,
        "features": ALL_FEATURES,
        "mean": [round(float(v), 8) for v in mean],
        "scale": [round(float(v), 8) for v in scale],
        "coef": [round(float(v), 8) for v in coef],
        "intercept": round(intercept, 8),
        **(
            {
                "coef_alt": [round(float(v), 8) for v in coef_alt],
                "gate": {
                    "coef": [round(float(v), 8) for v in gate_coef],
                    "intercept": round(float(gate_b), 8),
                },
            }
            if use_gate
            else {}
        ),
        "threshold": cfg.threshold,
        "source": src,
        "training": {
            "documents": n,
            "by_cell": _cells(docs),
            "config": dataclasses.asdict(cfg),
            "calibration": {
                "platt_a": round(platt_a, 6),
                "platt_b": round(platt_b, 6),
                "oof_auc": round(auc(platt_a * oof + offset, y), 4),
                "oof_ece": round(ece(oof_p, y), 4),
            },
        },
    }
    return weights, final_tables


def _cells(docs: Sequence[LabelledDoc]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in docs:
        key = f"{d.dataset}:{'mt' if d.label else 'human'}"
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items()))


SRC_STYLE = [n for n in FEATURE_NAMES if not n.startswith("ev_")]


def train_source(
    docs: Sequence[LabelledDoc], feats: Sequence[DocFeatures], z: np.ndarray, cfg: Config
) -> dict[str, Any]:
    """Conditional logit over source languages (MT documents only).

    ``score(c) = bias[c] + tied . evidence[c] + style_coef[c] . style``.  The evidence
    weights ``tied`` are fixed (:attr:`Config.src_evidence`) and shared by all languages, so
    languages absent from the training data (de, es, it in the shipped data) are recognised
    from their evidence; bias and style weights are learned for the languages that have data.
    """
    idx = [i for i, d in enumerate(docs) if d.label == 1 and d.source_lang]
    labels = [map_source(docs[i].source_lang) for i in idx]
    seen = [c for c in SOURCE_CLASSES if c in set(labels)]
    n_ev = len(feats[0].lang_ev.get("fr", [])) if feats else 0
    style_idx = [ALL_FEATURES.index(s) for s in SRC_STYLE]
    if len(seen) < 2:
        return {
            "classes": list(SOURCE_CLASSES),
            "bias": dict.fromkeys(SOURCE_CLASSES, 0.0),
            "tied": list(cfg.src_evidence[:n_ev]),
            "style_features": [],
            "style_coef": {},
        }
    n_style = len(style_idx)
    tied = np.array(cfg.src_evidence[:n_ev], dtype=float)
    # parameters: one bias per seen class, style weights per seen class; the evidence term is
    # a fixed offset
    n_par = len(seen) + len(seen) * n_style
    phi = np.zeros((len(idx), len(seen), n_par))
    offset = np.zeros((len(idx), len(seen)))
    for r, i in enumerate(idx):
        zs = z[i, style_idx]
        for s, cls in enumerate(seen):
            phi[r, s, s] = 1.0
            offset[r, s] = float(tied @ np.array(feats[i].lang_ev.get(cls, [0.0] * n_ev)))
            off = len(seen) + s * n_style
            phi[r, s, off : off + n_style] = zs
    y_idx = np.array([seen.index(lab or "other") for lab in labels], dtype=np.int64)
    reg = np.concatenate([np.full(len(seen), 1e-4), np.full(len(seen) * n_style, cfg.src_l2_style)])
    by_cls: dict[int, int] = {}
    for c in y_idx.tolist():
        by_cls[c] = by_cls.get(c, 0) + 1
    wts = np.array([len(idx) / (len(by_cls) * by_cls[c]) for c in y_idx.tolist()])
    theta = fit_conditional_logit(phi, y_idx, wts, reg, offset)
    bias = {cls: float(theta[s]) for s, cls in enumerate(seen)}
    style_coef = {
        cls: [
            round(float(v), 6)
            for v in theta[len(seen) + s * n_style : len(seen) + (s + 1) * n_style]
        ]
        for s, cls in enumerate(seen)
    }
    # Languages without training data: European-news source languages borrow the style
    # weights of the closest seen class (fr when present) with a slightly lower bias, so that
    # among them only the evidence decides; anything else gets the mean bias.
    proxy = "fr" if "fr" in seen else max(seen, key=lambda c: (labels.count(c), c))
    mean_bias = float(np.mean(list(bias.values())))
    for cls in SOURCE_CLASSES:
        if cls in bias:
            continue
        if cls in ("de", "es", "it"):
            bias[cls] = bias[proxy] - cfg.src_unseen_margin
            style_coef[cls] = list(style_coef[proxy])
        else:
            bias[cls] = mean_bias
    return {
        "classes": list(SOURCE_CLASSES),
        "bias": {c: round(bias[c], 6) for c in SOURCE_CLASSES},
        "tied": [round(float(v), 6) for v in tied],
        "style_features": SRC_STYLE,
        "style_coef": style_coef,
    }


# -- evaluation ------------------------------------------------------------------------------


def evaluate(
    model: Model, docs: Sequence[LabelledDoc], feats: Sequence[DocFeatures] | None = None
) -> dict[str, Any]:
    """AUC, accuracy at the model's threshold, calibration and source-language accuracy."""
    probs: list[float] = []
    src_pred: list[str] = []
    for i, d in enumerate(docs):
        if feats is not None:
            f = feats[i]
            vals = model.vector(f)
        else:
            f, vals = detect_features(model, d.text)
        probs.append(sigmoid1(model.logit(vals)))
        s = model.source_scores(f, vals)
        src_pred.append(max(SOURCE_CLASSES, key=lambda c: (s[c], -SOURCE_CLASSES.index(c))))
    y = np.array([d.label for d in docs])
    p = np.array(probs)
    out: dict[str, Any] = {
        "documents": len(docs),
        "mt": int(y.sum()),
        "human": int(len(y) - y.sum()),
    }
    out.update(_binary_metrics(p, y, model.threshold))
    datasets = sorted({d.dataset for d in docs})
    if len(datasets) > 1:
        out["by_dataset"] = {}
        for ds in datasets:
            m = np.array([d.dataset == ds for d in docs])
            out["by_dataset"][ds] = {
                "documents": int(m.sum()),
                **_binary_metrics(p[m], y[m], model.threshold),
            }
    gold = [
        (map_source(d.source_lang), src_pred[i])
        for i, d in enumerate(docs)
        if d.label == 1 and d.source_lang
    ]
    if gold:
        correct = sum(1 for g, pr in gold if g == pr)
        per: dict[str, dict[str, int]] = {}
        for g, pr in gold:
            row = per.setdefault(str(g), {})
            row[pr] = row.get(pr, 0) + 1
        out["source_accuracy"] = round(correct / len(gold), 4)
        out["source_documents"] = len(gold)
        out["source_confusion"] = {g: dict(sorted(r.items())) for g, r in sorted(per.items())}
    return out


def _binary_metrics(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, Any]:
    res: dict[str, Any] = {}
    if len(set(y.tolist())) == 2:
        res["auc"] = round(auc(p, y), 4)
    res["accuracy"] = round(float(np.mean((p >= threshold) == (y == 1))), 4) if len(y) else None
    if len(set(y.tolist())) == 2:
        tpr = float(np.mean(p[y == 1] >= threshold))
        tnr = float(np.mean(p[y == 0] < threshold))
        res["balanced_accuracy"] = round((tpr + tnr) / 2, 4)
    res["brier"] = round(float(np.mean((p - y) ** 2)), 4) if len(y) else None
    res["ece"] = round(ece(p, y), 4) if len(y) else None
    return res


# -- files -------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_corpus(wmt: Path | None, mlqe: Path | None) -> list[LabelledDoc]:
    docs: list[LabelledDoc] = []
    if wmt is not None:
        docs.extend(load_wmt(wmt))
    if mlqe is not None:
        docs.extend(load_mlqe(mlqe))
    return docs


def train_from_files(
    wmt: Path | None,
    mlqe: Path | None,
    out: Path,
    cfg: Config | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train on the training split of the given files, evaluate on the held-out split, write
    ``out`` (weights) and ``out``'s n-gram tables; return the held-out metrics."""
    say = progress or (lambda _m: None)
    t0 = time.perf_counter()
    docs = load_corpus(wmt, mlqe)
    train_docs = [d for d in docs if not d.is_test]
    test_docs = [d for d in docs if d.is_test]
    say(f"{len(train_docs)} training and {len(test_docs)} held-out documents")
    train_feats = featurize(train_docs, progress)
    weights, tables = train(train_docs, train_feats, cfg, progress)
    model = Model.from_dict(weights, tables)
    metrics = evaluate(model, test_docs)
    weights["metrics"] = {"heldout": metrics}
    weights["training"]["files"] = {p.name: sha256(p) for p in (wmt, mlqe) if p is not None}
    weights["training"]["split"] = (
        "held out: sha256('<dataset>:<group>') % 5 == 0; group = WMT doc_id or MLQE "
        "'<pair>:<pseudo-document index>'"
    )
    weights["training"]["seconds"] = round(time.perf_counter() - t0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    ngram_path = ngram_path_for(out)
    ngram_path.write_text(
        json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    return metrics


def ngram_path_for(weights: Path) -> Path:
    from retrans.detect.model import NGRAMS_FILE, WEIGHTS_FILE

    if weights.resolve() == WEIGHTS_FILE.resolve():
        return NGRAMS_FILE
    return weights.with_suffix(".ngrams.json")
