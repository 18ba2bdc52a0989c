"""Train the MT detector on the developer data and write the shipped weights.

    .venv/bin/python tools/train_detector.py            # same as: retrans train-detector

Defaults: ../shared/data/wmt14_fr_en_docs.jsonl and ../shared/data/mlqe_pe_train_to_en.tsv,
output src/retrans/detect/weights.json (+ data/ngrams.json); prints the held-out metrics.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.detect.model import WEIGHTS_FILE  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wmt", type=Path, default=DATA / "wmt14_fr_en_docs.jsonl")
    ap.add_argument("--mlqe", type=Path, default=DATA / "mlqe_pe_train_to_en.tsv")
    ap.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = ap.parse_args(argv)
    from retrans.detect.train import train_from_files

    for p in (args.wmt, args.mlqe):
        if not p.is_file():
            print(f"train_detector: {p}: no such file", file=sys.stderr)
            return 2
    metrics = train_from_files(
        args.wmt, args.mlqe, args.out, progress=lambda m: print(m, file=sys.stderr)
    )
    print(json.dumps(metrics, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
