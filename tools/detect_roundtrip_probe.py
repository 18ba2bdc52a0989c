"""Do round-trip training texts (tools/roundtrip_apertium.py) help the detector where it has
not been trained, and what do they cost?

Trains with the shipped procedure (:func:`retrans.detect.train.fit`) on the developer data plus
the ``--extra`` derived texts under one protocol and prints held-out document AUC / human
false alarms per test set and era, the named-source tally, and (lotso) AUC per WMT14 system
against the WMT14 references.  Variants: ``--weight`` (the derived cell's weight, repeatable),
``--no-rhythm`` (derived texts kept out of the rhythm n-gram table), ``--origin PREFIX``
(only round-trips of texts from these sets), ``--combine`` (a second detector trained on the
round-trips against the human documents only, combined with one trained without them).

    .venv/bin/python tools/detect_roundtrip_probe.py --extra RT.jsonl              # lotso
    .venv/bin/python tools/detect_roundtrip_probe.py --extra RT.jsonl --protocol loso \\
        --weight 0.5 --weight 1 --no-rhythm
    .venv/bin/python tools/detect_roundtrip_probe.py --protocol cv                 # baseline

``--protocol loso`` holds out the eight systems of ``retrans eval detect --ablation``.
Needs numpy and ../shared/data; a few minutes per protocol on two cores.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.detect import evaluate as ev  # noqa: E402
from retrans.detect.data_sources import iter_jsonl  # noqa: E402
from retrans.detect.learn import auc  # noqa: E402
from retrans.detect.train import Config, Corpus, fit, load_corpus  # noqa: E402
from retrans.paths import cache_dir  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SLICES = ("mlqe", "wmt14-fr", "wmt22-ja", "wmt22-ru", "wmt22-uk", "modern", "all")


def runs(c: Corpus, protocol: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """(training mask, test mask) per run, as :mod:`retrans.detect.evaluate` builds them."""
    doc, y = c.unit == "doc", c.y
    derived = c.column("train_only").astype(bool)
    sets, system = c.column("dataset"), c.column("system")
    out = []
    if protocol == "lotso":
        origin = c.column("origin_set")
        for s in sorted({d.dataset for d in c.docs if not d.train_only}):
            out.append((doc & (origin != s), doc & (sets == s) & ~derived))
    elif protocol == "loso":
        half = np.array([ev._h(f"loso:{d.key}") % 2 for d in c.docs])
        for s in ev.ABLATION_SYSTEMS:
            its = sorted({d.dataset for d in c.docs if d.system == s})
            test = (half == 1) & np.isin(sets, its) & ((system == s) | (y == 0))
            out.append((doc & (half == 0) & (system != s), doc & test & ~derived))
    else:
        fold = np.array([ev._h(f"cv:{d.key}") % 5 for d in c.docs])
        out = [(doc & (fold != f), doc & (fold == f) & ~derived) for f in range(5)]
    return out


def report(c: Corpus, name: str, rows: np.ndarray, p: np.ndarray, t: np.ndarray) -> None:
    y = c.y[rows]
    sets = c.column("dataset")[rows]
    era = c.column("era")[rows]
    cells = []
    for s in SLICES:
        m = np.ones(len(rows), bool) if s == "all" else (era == s) if s == "modern" else sets == s
        if m.any() and 0 < y[m].sum() < m.sum():
            fa = float(np.mean(p[m & (y == 0)] >= t[m & (y == 0)]))
            cells.append(f"{s} {auc(p[m], y[m]):.3f}/{100 * fa:.1f}%")
    print(f"{name:<14}" + "  ".join(cells), flush=True)
    m14 = sets == "wmt14-fr"
    if m14.any():
        system = c.column("system")[rows]
        per = [
            f"{s.split('.')[0][:8]} {auc(p[(m14 & (y == 0)) | (system == s)], y[(m14 & (y == 0)) | (system == s)]):.3f}"
            for s in sorted(set(system[m14 & (y == 1)].tolist()))
        ]
        print(f"{'':<14}wmt14 per system: " + ", ".join(per), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--extra", type=Path, action="append", default=[])
    ap.add_argument("--protocol", choices=("lotso", "loso", "cv"), default="lotso")
    ap.add_argument("--weight", type=float, action="append", default=[])
    ap.add_argument("--no-rhythm", action="store_true")
    ap.add_argument("--origin", action="append", default=[], help="dataset prefix, repeatable")
    ap.add_argument("--combine", action="store_true")
    args = ap.parse_args(argv)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    docs = load_corpus(args.data)
    extra = [d for f in args.extra for d in iter_jsonl(f)]
    if args.origin:
        extra = [d for d in extra if d.origin_set.startswith(tuple(args.origin))]
    print(f"{len(docs)} documents + {len(extra)} derived; protocol {args.protocol}", flush=True)
    c = ev.build_corpus(docs + extra, cache_dir() / "detector-features")
    derived = c.column("train_only").astype(bool)
    y = c.y
    for w in args.weight or [1.0]:
        cfg = Config(derived_weight=w, derived_in_rhythm=not args.no_rhythm)
        rows, p, t, pa, pb = [], [], [], [], []
        for train, test in runs(c, args.protocol):
            idx = np.flatnonzero(test)
            rows.append(idx)
            if args.combine:
                a = fit(c, np.flatnonzero(train & ~derived), cfg)
                b = fit(c, np.flatnonzero(train & (derived | (y == 0))), cfg)
                pa.append(a.probabilities(c, idx))
                pb.append(b.probabilities(c, idx))
                t.append(np.full(len(idx), a.threshold))
            else:
                fitted = fit(c, np.flatnonzero(train), cfg)
                p.append(fitted.probabilities(c, idx))
                t.append(np.full(len(idx), fitted.threshold))
        r, tt = np.concatenate(rows), np.concatenate(t)
        if args.combine:
            a_, b_ = np.concatenate(pa), np.concatenate(pb)
            odds = np.log(a_ / (1 - a_)), np.log(b_ / (1 - b_))
            report(c, "without", r, a_, tt)
            report(c, "rt vs human", r, b_, tt)
            report(c, "max", r, np.maximum(a_, b_), tt)
            report(c, "log-sum", r, 1 / (1 + np.exp(-np.logaddexp(*odds))), tt)
        else:
            report(c, f"weight {w:g}", r, np.concatenate(p), tt)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
