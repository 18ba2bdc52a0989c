"""Candidate calques: word n-grams that MT systems write and no human text of the dev data does.

    python tools/mine_calques.py [--set wmt14] [--min-segments 4] [--systems half0] [--top 300]

For each MT segment of one WMT file, the 2-4-word n-grams of every system's output are counted
by distinct source segment (a calque that one document repeats counts once per segment); an
n-gram is a candidate when it occurs in at least ``--min-segments`` segments and in none of
the human texts: every reference of the WMT files and every MLQE-PE post-edit. Each line shows
the segment count, the output count, the n-gram, the codes of the set's source pack that
already fire on it in the first output that holds it (or -), and that output, tab-separated.

This is how FR372-FR382, RU128-RU129 (session 11) and FR389-FR406, RU130 (session 12) were
found. A candidate is only a lead: write the rule with examples, then measure it
(``tools/rule_precision.py``), and check that it makes no edit on human text it was not
chosen from (``retrans fix --source XX`` on your own sentences, the fortunes, the Python
documentation). ``--systems half0`` mines the first half
of the systems only, so that a rule can be measured on the other half (``rule_precision.py
--half 1``). Prints text of ../shared/data: never paste it into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "data"
SETS = {
    "wmt14": ("wmt14_fr_en_docs.jsonl", "fr"),
    "ru": ("wmt22_ru_en_docs.jsonl", "ru"),
    "uk": ("wmt22_uk_en_docs.jsonl", None),
    "ja": ("wmt22_ja_en_docs.jsonl", None),
}
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def grams(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + n]) for n in (2, 3, 4) for i in range(len(words) - n + 1)}


def human_grams(data: Path) -> set[str]:
    """Every n-gram of the human side: WMT references and MLQE-PE post-edits."""
    seen: set[str] = set()
    for name, _ in SETS.values():
        with (data / name).open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                refs = [rec["reference"]] if "reference" in rec else rec["references"].values()
                for ref in refs:
                    seen |= grams(ref)
    with (data / "mlqe_pe_train_to_en.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[0] != "lang_pair":
                seen |= grams(row[3])
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--set", choices=sorted(SETS), default="wmt14")
    ap.add_argument("--min-segments", type=int, default=4)
    ap.add_argument("--systems", choices=["all", "half0", "half1"], default="all")
    ap.add_argument("--top", type=int, default=300)
    args = ap.parse_args()
    if not (args.data / "mlqe_pe_train_to_en.tsv").exists():
        print(f"mine_calques: no dev data in {args.data}", file=sys.stderr)
        return 2
    name, source = SETS[args.set]
    human = human_grams(args.data)
    segments: defaultdict[str, set[tuple[str, int]]] = defaultdict(set)
    outputs: Counter[str] = Counter()
    example: dict[str, str] = {}
    with (args.data / name).open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            seg = (rec["doc_id"], rec.get("seg_idx", rec.get("seg_id", 0)))
            systems = sorted(rec["mt"])
            if args.systems != "all":
                half = int(args.systems[-1])
                systems = [s for i, s in enumerate(systems) if i % 2 == half]
            for sysname in systems:
                text = rec["mt"][sysname] or ""
                for g in grams(text) - human:
                    segments[g].add(seg)
                    outputs[g] += 1
                    example.setdefault(g, text)
    found = sorted(
        ((len(s), outputs[g], g) for g, s in segments.items() if len(s) >= args.min_segments),
        reverse=True,
    )[: args.top]
    from retrans.document import Document
    from retrans.pipeline import Pipeline

    pipe = Pipeline(source=source, lang="en")
    for segs, outs, g in found:
        text = example[g]
        m = re.search(r"\b" + r"\W+".join(map(re.escape, g.split())) + r"\b", text, re.I)
        findings, _ = pipe.check(Document(text))
        codes = sorted(
            {
                f.code
                for f in findings
                if m and f.start < m.end() and f.end > m.start() and not f.code.startswith("MT")
            }
        )
        print(f"{segs}\t{outs}\t{g}\t{','.join(codes) or '-'}\t{text[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
