"""Train the MT detector on the developer data and write the shipped weights.

    .venv/bin/python tools/train_detector.py            # same as: retrans train-detector

Defaults: every labelled file of ../shared/data (WMT14 fr-en, WMT22 ru/uk/ja-en, MLQE-PE);
output src/retrans/detect/weights.json (+ data/ngrams.json).  Measure with
``retrans eval detect`` (grouped CV, leave-one-system-out, leave-one-test-set-out).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.detect.model import WEIGHTS_FILE  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    ap.add_argument(
        "--extra", type=Path, action="append", default=[], help="extra labelled JSONL to train on"
    )
    args = ap.parse_args(argv)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from retrans.detect.data_sources import iter_jsonl
    from retrans.detect.train import load_corpus, train_docs, write_model
    from retrans.paths import cache_dir

    docs = load_corpus(args.data)
    for path in args.extra:
        docs.extend(iter_jsonl(path))
    if not docs:
        print(f"train_detector: {args.data}: no labelled data files", file=sys.stderr)
        return 2
    weights, tables = train_docs(docs, cache=cache_dir() / "detector-features")
    write_model(weights, tables, args.out)
    print(f"{len(docs)} documents; threshold {weights['threshold']}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
