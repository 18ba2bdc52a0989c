"""Evaluation protocols that predict the unseen case (needs numpy).

* ``cv``: 5-fold cross-validation grouped by document (all versions of an article together);
* ``loso``: leave one MT system out (its output never seen in training, across test sets;
  half the documents by group are trained on, the other half tested);
* ``lotso``: leave one test set out (train on the others, test on it).

Every protocol trains with :func:`retrans.detect.train.fit` (threshold and calibration
chosen inside the training rows) and reports, for documents and for sentences: AUC,
accuracy at the default threshold, the false-alarm rate on human rows, ECE, and source-language
accuracy on rows called MT ("unknown" counted apart).  Folds come from hashes: no seeds to set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from retrans.detect.data_sources import LabelledDoc
from retrans.detect.learn import auc, ece
from retrans.detect.model import SOURCE_CLASSES
from retrans.detect.train import (
    Config,
    Corpus,
    Fitted,
    concat,
    decide_sources,
    featurize,
    featurize_docs,
    fit,
    source_scores,
)
from retrans.document import Document

PROTOCOLS = ("cv", "loso", "lotso")
# Systems held out in the feature-group ablation (a spread of eras and kinds, to keep it short)
ABLATION_SYSTEMS = (
    "onlineB.0",
    "rbmt1.0",
    "uedin-wmt14.3024",
    "Online-B",
    "JDExploreAcademy",
    "PROMT",
    "NT5",
    "mt",
)
Progress = Callable[[str], None]


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


# -- predictions ----------------------------------------------------------------------------


@dataclass
class Predictions:
    """Held-out predictions of one protocol: one entry per (run, row)."""

    rows: list[int] = field(default_factory=list)
    p: list[float] = field(default_factory=list)
    threshold: list[float] = field(default_factory=list)
    source: list[int] = field(default_factory=list)  # index into SOURCE_CLASSES, -1 unknown
    run: list[str] = field(default_factory=list)

    def add(self, c: Corpus, fitted: Fitted, idx: np.ndarray, run: str) -> None:
        if not len(idx):
            return
        src = fitted.source
        pred = decide_sources(
            source_scores(c.lang_ev[idx], src["tied"]),
            src["unknown"],
            src["margin"],
            c.lang_ev[idx],
        )
        self.rows.extend(idx.tolist())
        self.p.extend(fitted.probabilities(c, idx).tolist())
        self.threshold.extend([fitted.threshold] * len(idx))
        self.source.extend(pred.tolist())
        self.run.extend([run] * len(idx))


def _test_rows(c: Corpus, mask: np.ndarray) -> np.ndarray:
    """Rows of ``mask`` that are test rows (derived training-only texts never are)."""
    return np.flatnonzero(mask & ~c.column("train_only").astype(bool))


def run_cv(c: Corpus, cfg: Config, k: int = 5, say: Progress | None = None) -> Predictions:
    out = Predictions()
    fold = np.array([_h(f"cv:{d.key}") % k for d in c.docs])
    doc = c.unit == "doc"
    for f in range(k):
        fitted = fit(c, np.flatnonzero(doc & (fold != f)), cfg)
        out.add(c, fitted, _test_rows(c, fold == f), f"cv{f}")
        if say:
            say(f"cv: fold {f + 1}/{k}")
    return out


def run_lotso(c: Corpus, cfg: Config, say: Progress | None = None) -> Predictions:
    out = Predictions()
    sets = c.column("dataset")
    origin = c.column("origin_set")  # never train on round-trips of the held-out set's text
    doc = c.unit == "doc"
    for s in sorted({d.dataset for d in c.docs if not d.train_only}):
        fitted = fit(c, np.flatnonzero(doc & (origin != s)), cfg)
        out.add(c, fitted, _test_rows(c, sets == s), f"lotso:{s}")
        if say:
            say(f"lotso: {s}")
    return out


def systems_of(c: Corpus) -> list[str]:
    return sorted({d.system for d in c.docs if d.label == 1 and not d.train_only})


def run_loso(
    c: Corpus, cfg: Config, systems: Sequence[str] | None = None, say: Progress | None = None
) -> Predictions:
    """Each system held out: trained on half of the documents (by group) without that
    system, tested on the other half's output of that system and its human documents."""
    out = Predictions()
    half = np.array([_h(f"loso:{d.key}") % 2 for d in c.docs])
    system = c.column("system")
    sets = c.column("dataset")
    y = c.y
    doc = c.unit == "doc"
    for s in systems or systems_of(c):
        its_sets = sorted({d.dataset for d in c.docs if d.system == s})
        fitted = fit(c, np.flatnonzero(doc & (half == 0) & (system != s)), cfg)
        test = (half == 1) & np.isin(sets, its_sets) & ((system == s) | (y == 0))
        out.add(c, fitted, _test_rows(c, test), f"loso:{s}")
        if say:
            say(f"loso: {s}")
    return out


# -- metrics ----------------------------------------------------------------------------------


def binary_metrics(p: np.ndarray, y: np.ndarray, t: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(y), "mt": int(y.sum()), "human": int((y == 0).sum())}
    if not len(y):
        return out
    flagged = p >= t
    if 0 < y.sum() < len(y):
        out["auc"] = round(auc(p, y), 4)
    out["accuracy"] = round(float(np.mean(flagged == (y == 1))), 4)
    if (y == 0).any():
        out["false_alarms"] = round(float(np.mean(flagged[y == 0])), 4)
    if (y == 1).any():
        out["recall"] = round(float(np.mean(flagged[y == 1])), 4)
    out["ece"] = round(ece(p, y), 4)
    out["threshold"] = round(float(np.mean(t)), 4)
    return out


def source_metrics(gold: Sequence[str | None], pred: np.ndarray) -> dict[str, Any]:
    """On MT rows called MT: per gold language, named right / named wrong / unknown."""
    per: dict[str, dict[str, int]] = {}
    for g, k in zip(gold, pred.tolist(), strict=True):
        row = per.setdefault(g or "?", {"right": 0, "wrong": 0, "unknown": 0, "fr": 0})
        name = SOURCE_CLASSES[k] if k >= 0 else None
        row["unknown" if name is None else "right" if name == g else "wrong"] += 1
        row["fr"] += name == "fr" and g != "fr"
    named = sum(r["right"] + r["wrong"] for g, r in per.items() if g in SOURCE_CLASSES)
    right = sum(r["right"] for g, r in per.items() if g in SOURCE_CLASSES)
    return {
        "named": named,
        "accuracy": round(right / named, 4) if named else None,
        "unknown": sum(r["unknown"] for g, r in per.items() if g in SOURCE_CLASSES),
        "by_lang": dict(sorted(per.items())),
        "fr_for_ru_uk": sum(per.get(g, {}).get("fr", 0) for g in ("ru", "uk")),
    }


def summarize(c: Corpus, pr: Predictions, slicer: Callable[[LabelledDoc], str]) -> dict[str, Any]:
    rows = np.array(pr.rows, dtype=np.int64)
    p, t = np.array(pr.p), np.array(pr.threshold)
    src = np.array(pr.source, dtype=np.int64)
    y = c.y[rows]
    out: dict[str, Any] = {}
    for unit in ("doc", "sent"):
        um = c.unit[rows] == unit
        keys = [slicer(c.docs[i]) for i in rows.tolist()]
        for key in ["all", *sorted(set(keys))]:
            m = um & (np.array([key == "all" or k == key for k in keys]))
            if not m.any():
                continue
            res = binary_metrics(p[m], y[m], t[m])
            called = m & (y == 1) & (p >= t)
            gold = [c.docs[i].source_lang for i in rows[called].tolist()]
            res["source"] = source_metrics(gold, src[called])
            out.setdefault(unit, {})[key] = res
    return out


def per_run(c: Corpus, pr: Predictions) -> dict[str, dict[str, Any]]:
    """Document metrics of each run (for ``loso``: each held-out system against the human
    documents of its test sets)."""
    rows = np.array(pr.rows, dtype=np.int64)
    runs = np.array(pr.run, dtype=object)
    p, t = np.array(pr.p), np.array(pr.threshold)
    doc = c.unit[rows] == "doc"
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(set(pr.run)):
        m = doc & (runs == r)
        out[r] = binary_metrics(p[m], c.y[rows[m]], t[m])
    return out


def by_dataset(d: LabelledDoc) -> str:
    return d.dataset


def by_era(d: LabelledDoc) -> str:
    return d.era


# -- corpora ------------------------------------------------------------------------------------


def sentence_docs(
    docs: Sequence[LabelledDoc], share: int = 10, per_doc: int = 3
) -> list[LabelledDoc]:
    """Single sentences of one document group in ``share`` (up to ``per_doc`` each), labelled
    like their document: the sentence-level test rows."""
    out: list[LabelledDoc] = []
    for d in docs:
        if d.train_only or _h(f"sent:{d.key}") % share:
            continue
        spans = Document(d.text).sentences
        for k, (s, e) in enumerate(spans[:per_doc]):
            out.append(replace(d, doc_id=f"{d.doc_id}~{k}", text=d.text[s:e]))
    return out


def build_corpus(
    docs: Sequence[LabelledDoc], cache: Any = None, say: Progress | None = None
) -> Corpus:
    c = featurize_docs(docs, "doc", cache, say)
    return concat(c, featurize(sentence_docs(docs), "sent", cache, say))


def run(
    c: Corpus, protocol: str, cfg: Config | None = None, say: Progress | None = None
) -> Predictions:
    cfg = cfg or Config()
    if protocol == "cv":
        return run_cv(c, cfg, say=say)
    if protocol == "lotso":
        return run_lotso(c, cfg, say=say)
    if protocol == "loso":
        return run_loso(c, cfg, say=say)
    raise ValueError(f"unknown protocol {protocol!r} (one of {', '.join(PROTOCOLS)})")


def ablation(
    c: Corpus, groups: Sequence[str], systems: Sequence[str], say: Progress | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Leave-one-system-out document AUC by era without each feature group in turn (on top of
    the groups the default configuration already leaves out)."""
    for g in ["(none)", *groups]:
        base = Config().drop_groups
        cfg = Config(drop_groups=base if g == "(none)" else (*base, g))
        pr = run_loso(c, cfg, systems)
        res = summarize(c, pr, by_era).get("doc", {})
        if say:
            say(f"ablation: {g}")
        yield g, {k: v.get("auc") for k, v in res.items()}


# -- the shipped model on labelled files ------------------------------------------------------


def evaluate_model(
    model: Any, docs: Sequence[LabelledDoc], threshold: float | None = None
) -> dict[str, Any]:
    """The shipped (or a given) model on labelled documents, scored like ``retrans detect``."""
    from retrans.detect.model import detect

    t = model.threshold if threshold is None else threshold
    dets = [detect(d.text, model=model, threshold=t) for d in docs]
    p = np.array([x.probability for x in dets])
    y = np.array([d.label for d in docs], dtype=float)
    out = binary_metrics(p, y, np.full(len(p), t))
    called = [i for i, x in enumerate(dets) if docs[i].label == 1 and x.is_mt]
    pred = np.array(
        [SOURCE_CLASSES.index(s) if (s := dets[i].source_lang) else -1 for i in called],
        dtype=np.int64,
    )
    out["source"] = source_metrics([docs[i].source_lang for i in called], pred)
    return out


# -- the report -----------------------------------------------------------------------------------

_HEAD = (
    f"{'slice':<12}{'n':>7}{'MT':>7}{'AUC':>7}{'acc':>7}{'false+':>8}{'recall':>8}{'ECE':>7}"
    f"{'thr':>6}  source: right/named (acc) unknown"
)


def _line(name: str, m: dict[str, Any]) -> str:
    def f(key: str) -> str:
        v = m.get(key)
        return f"{v:.3f}" if isinstance(v, float | int) and key != "n" else "-"

    s = m.get("source", {})
    right = sum(r["right"] for g, r in s.get("by_lang", {}).items() if g in SOURCE_CLASSES)
    acc = s.get("accuracy")
    src = f"{right}/{s.get('named', 0)} ({acc:.2f})" if acc is not None else "0/0"
    fr = s.get("fr_for_ru_uk", 0)
    return (
        f"{name:<12}{m.get('n', 0):>7}{m.get('mt', 0):>7}{f('auc'):>7}{f('accuracy'):>7}"
        f"{f('false_alarms'):>8}{f('recall'):>8}{f('ece'):>7}{m.get('threshold', 0):>6.2f}  "
        f"{src} {s.get('unknown', 0)}" + (f"  fr for ru/uk: {fr}" if fr else "")
    )


def report_lines(title: str, result: dict[str, Any]) -> list[str]:
    """Text table of :func:`summarize` output (documents, then sentences)."""
    lines: list[str] = []
    for unit, label in (("doc", "documents"), ("sent", "sentences")):
        rows = result.get(unit)
        if not rows:
            continue
        lines += ["", f"## {title}: {label}", _HEAD]
        lines += [_line(k, v) for k, v in rows.items()]
    return lines


def run_lines(runs: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["", "## per run: documents", _HEAD]
    return lines + [_line(k.split(":", 1)[-1][:12], v) for k, v in runs.items()]


def source_lines(result: dict[str, Any]) -> list[str]:
    """Per gold language on documents called MT: right / wrong / unknown."""
    s = result.get("doc", {}).get("all", {}).get("source", {})
    out = ["source language on MT documents called MT (gold: right wrong unknown):"]
    for g, r in s.get("by_lang", {}).items():
        out.append(f"  {g}: {r['right']} {r['wrong']} {r['unknown']}")
    return out
