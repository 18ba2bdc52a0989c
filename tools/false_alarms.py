"""False alarms of the rule packs: how often each rule fires on human-written English.

Runs the rules pass over two developer corpora (see ../shared/data/README.md) and prints, per
rule, findings per 1,000 sentences on the human side and on the machine-translated side:

- MLQE-PE (et/ne/ro/ru/si→en, Wikipedia-like): ``postedit`` (human) vs ``mt``; the text is
  Moses-tokenized, so it is detokenized first (the detector's detokenizer);
- WMT newstest2014 fr→en, document by document: ``reference`` (human) vs the 8 MT systems.

A rule that fires on more than 1 in 1,000 human sentences is a false-alarm suspect.

    .venv/bin/python tools/false_alarms.py                  # every pack, source fr
    .venv/bin/python tools/false_alarms.py --pack fr-en --top 40
    .venv/bin/python tools/false_alarms.py --limit 5000     # quick run on the first rows
    .venv/bin/python tools/false_alarms.py --show FR011     # print the human hits of a rule

The data is for development only: nothing from it is written into the project.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.config import Config  # noqa: E402
from retrans.detect.text import detokenize  # noqa: E402  (the detector's: one detokenizer)
from retrans.document import Document  # noqa: E402
from retrans.pipeline import Pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MLQE = DATA / "mlqe_pe_train_to_en.tsv"
WMT = DATA / "wmt14_fr_en_docs.jsonl"


# ---------------------------------------------------------------- corpora
def mlqe(limit: int | None) -> tuple[list[str], list[str]]:
    human, mt = [], []
    with MLQE.open(encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rd)
        for i, row in enumerate(rd):
            if limit is not None and i >= limit:
                break
            mt.append(detokenize(row[2]))
            human.append(detokenize(row[3]))
    return human, mt


def wmt(limit: int | None) -> tuple[list[list[str]], list[list[str]]]:
    """Documents as lists of segments: references, and every system's output."""
    ref: dict[str, list[tuple[int, str]]] = defaultdict(list)
    sysd: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    with WMT.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            r = json.loads(line)
            ref[r["doc_id"]].append((r["seg_idx"], r["reference"]))
            for name, text in r["mt"].items():
                sysd[(r["doc_id"], name)].append((r["seg_idx"], text))
    order = lambda segs: [t for _, t in sorted(segs)]  # noqa: E731
    return [order(s) for s in ref.values()], [order(s) for s in sysd.values()]


# ---------------------------------------------------------------- running the rules
def findings_per_doc(
    pipe: Pipeline, docs: Iterable[list[str]], packs: set[str] | None
) -> Iterator[tuple[int, list[tuple[str, str, str]]]]:
    """For each document (a list of sentences): (sentence count, [(code, matched, sentence)])."""
    codes = pipe.rules.by_code()
    for sents in docs:
        text = "\n\n".join(sents)
        doc = Document(text=text, lang="en")
        found, _ = pipe.check(doc, prepared=True)
        starts = []
        pos = 0
        for s in sents:
            starts.append(pos)
            pos += len(s) + 2
        hits = []
        for f in found:
            rule = codes.get(f.code)
            if rule is None or (packs is not None and rule.pack not in packs):
                continue
            i = bisect.bisect_right(starts, f.start) - 1
            hits.append((f.code, text[f.start : f.end], sents[i]))
        yield len(sents), hits


def rates(
    pipe: Pipeline, docs: Iterable[list[str]], packs: set[str] | None, keep: str | None = None
) -> tuple[int, Counter[str], list[tuple[str, str]]]:
    n = 0
    count: Counter[str] = Counter()
    shown: list[tuple[str, str]] = []
    for k, hits in findings_per_doc(pipe, docs, packs):
        n += k
        for code, match, sent in hits:
            count[code] += 1
            if keep and code == keep:
                shown.append((match, sent))
    return n, count, shown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default="fr", help="source language(s) of the packs to run")
    ap.add_argument("--pack", action="append", help="only count these packs (repeatable)")
    ap.add_argument("--limit", type=int, help="read only the first N rows of each corpus")
    ap.add_argument("--top", type=int, default=30, help="rules to print (by human rate)")
    ap.add_argument("--show", help="print the human-side hits of this rule code")
    ap.add_argument("--show-mt", action="store_true", help="with --show: the MT-side hits too")
    ap.add_argument("--threshold", type=float, default=1.0, help="flag rules above this rate")
    args = ap.parse_args(argv)

    cfg = Config()
    cfg.min_confidence = 0.0
    pipe = Pipeline(
        cfg,
        source=args.source,
        lang="en",
        passes={"cleanup": False, "glossary": False, "names": False, "detect": False},
    )
    packs = set(args.pack) if args.pack else None

    h_mlqe, m_mlqe = mlqe(args.limit)
    r_wmt, s_wmt = wmt(args.limit)
    corpora: dict[str, list[list[str]]] = {
        "mlqe-human": [[s] for s in h_mlqe],  # no document ids: one sentence per document
        "wmt-human": r_wmt,
        "mlqe-mt": [[s] for s in m_mlqe],
        "wmt-mt": s_wmt,
    }
    res: dict[str, tuple[int, Counter[str], list[tuple[str, str]]]] = {}
    for name, docs in corpora.items():
        want = "human" in name or args.show_mt
        res[name] = rates(pipe, docs, packs, args.show if want else None)
        print(
            f"{name}: {res[name][0]} sentences, {sum(res[name][1].values())} findings",
            file=sys.stderr,
        )

    def per_k(name: str, code: str) -> float:
        n, c, _ = res[name]
        return 1000.0 * c[code] / n if n else 0.0

    human_n = res["mlqe-human"][0] + res["wmt-human"][0]
    mt_n = res["mlqe-mt"][0] + res["wmt-mt"][0]
    codes = set().union(*(r[1] for r in res.values()))
    rows = []
    for code in codes:
        h = 1000.0 * (res["mlqe-human"][1][code] + res["wmt-human"][1][code]) / max(1, human_n)
        m = 1000.0 * (res["mlqe-mt"][1][code] + res["wmt-mt"][1][code]) / max(1, mt_n)
        rows.append((h, m, code))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    print(f"\nfindings per 1,000 sentences (human: {human_n} sentences, MT: {mt_n})")
    print(
        f"{'rule':7} {'human':>7} {'MT':>7}  {'mlqe-h':>7} {'wmt-h':>7} {'mlqe-mt':>7} "
        f"{'wmt-mt':>7}"
    )
    for h, m, code in rows[: args.top]:
        flag = "  <-- over threshold" if h > args.threshold else ""
        print(
            f"{code:7} {h:7.3f} {m:7.3f}  {per_k('mlqe-human', code):7.3f} "
            f"{per_k('wmt-human', code):7.3f} {per_k('mlqe-mt', code):7.3f} "
            f"{per_k('wmt-mt', code):7.3f}{flag}"
        )
    over = [c for h, _, c in rows if h > args.threshold]
    print(f"\nrules over {args.threshold}/1000 on human text: {', '.join(sorted(over)) or 'none'}")
    if args.show:
        print(f"\nhuman hits of {args.show}:")
        for match, sent in (res["mlqe-human"][2] + res["wmt-human"][2])[:200]:
            print(f"  [{match}]  {sent}")
        if args.show_mt:
            print(f"\nMT hits of {args.show}:")
            for match, sent in (res["mlqe-mt"][2] + res["wmt-mt"][2])[:200]:
                print(f"  [{match}]  {sent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
