"""Glossary edits on developer data: how often they touch human English, and whether the edits
on MT agree with the human version (until ``retrans eval fix`` exists, and as its peer).

Human side (no edit is wanted): WMT14 fr-en and WMT22 ru/uk-en references (whole documents),
MLQE-PE post-edits (one sentence each, Moses-detokenized). Edits per 1,000 sentences.
MT side: WMT14 systems' output and MLQE MT. An edit ``found → repl`` is *decidable* when the
human version of that segment holds ``repl`` or ``found`` (as a whole word), and *agrees* when
it holds ``repl``.

    .venv/bin/python tools/glossary_eval.py                 # sampled, a couple of minutes
    .venv/bin/python tools/glossary_eval.py --docs 60 --mlqe 4000 --show human
    .venv/bin/python tools/glossary_eval.py --style ap

Language is identified as ``retrans fix`` does (no ``--lang``). Nothing from the data is written.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.document import Document  # noqa: E402
from retrans.findings import Finding  # noqa: E402
from retrans.pipeline import Pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def _docs(path: Path) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs[rec["doc_id"]].append(rec)
    return docs


def _ref(rec: dict) -> str:
    if "reference" in rec:
        return str(rec["reference"] or "")
    refs = rec.get("references") or {}
    return str(next(iter(refs.values()), "")) if refs else ""


def _detok() -> object:
    from sacremoses import MosesDetokenizer

    return MosesDetokenizer("en")


def human_texts(ndocs: int, nmlqe: int, rng: random.Random) -> Iterator[tuple[str, list[str]]]:
    """(corpus, segments of one document)."""
    for name in ("wmt14_fr_en_docs.jsonl", "wmt22_ru_en_docs.jsonl", "wmt22_uk_en_docs.jsonl"):
        path = DATA / name
        if not path.is_file():
            continue
        docs = _docs(path)
        for did in rng.sample(sorted(docs), min(ndocs, len(docs))):
            segs = sorted(docs[did], key=lambda r: r.get("seg_idx", r.get("seg_id", 0)))
            yield name.split("_docs")[0], [_ref(r) for r in segs]
    for _, _, pe in _mlqe(nmlqe, rng):
        yield "mlqe", [pe]


def _mlqe(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    path = DATA / "mlqe_pe_train_to_en.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    md = _detok()
    out = []
    for r in rng.sample(rows, min(n, len(rows))):
        out.append((r[0], md.detokenize(r[2].split()), md.detokenize(r[3].split())))  # type: ignore[attr-defined]
    return out


def run(pipe: Pipeline, segs: list[str]) -> tuple[list[Finding], list[int], str]:
    text = "\n".join(segs) + "\n"
    doc = Document(text)
    _, edits = pipe.fix(doc, rounds=1)
    starts = [0]
    for s in segs:
        starts.append(starts[-1] + len(s) + 1)
    return [e for e in edits if e.source == "glossary"], starts, text


def _seg_of(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(starts, pos) - 1


def _has(text: str, form: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40, help="documents sampled per WMT file")
    ap.add_argument("--mlqe", type=int, default=3000, help="MLQE rows sampled")
    ap.add_argument("--systems", type=int, default=4, help="WMT14 systems per document (MT side)")
    ap.add_argument("--style")
    ap.add_argument("--show", choices=["human", "mt", "disagree"], action="append", default=[])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit("no ../shared/data")
    pipe = Pipeline(style=args.style, passes={"rules": False, "cleanup": False, "detect": False})
    rng = random.Random(args.seed)

    # Human side.
    sents: Counter[str] = Counter()
    edits: Counter[tuple[str, str]] = Counter()
    for corpus, segs in human_texts(args.docs, args.mlqe, rng):
        sents[corpus] += len(segs)
        found, _, text = run(pipe, segs)
        for e in found:
            edits[(corpus, e.code)] += 1
            if "human" in args.show:
                print(f"  human {corpus} {e.code}: {text[e.start : e.end]!r} → {e.replacement!r}")
    total = sum(sents.values())
    n_edits = sum(edits.values())
    print(
        f"\nHUMAN English: {total} sentences, {n_edits} glossary edits, "
        f"{1000 * n_edits / max(total, 1):.2f} per 1,000 sentences"
    )
    codes = sorted({c for _, c in edits})
    for corpus in sorted(sents):
        row = ", ".join(f"{c} {1000 * edits[(corpus, c)] / sents[corpus]:.2f}" for c in codes)
        print(f"  {corpus:12} {sents[corpus]:6} sents  {row or 'no edits'}")

    # MT side.
    verdicts: Counter[tuple[str, str]] = Counter()
    rng = random.Random(args.seed)
    wmt = DATA / "wmt14_fr_en_docs.jsonl"
    pairs: list[tuple[list[str], list[str]]] = []
    if wmt.is_file():
        docs = _docs(wmt)
        for did in rng.sample(sorted(docs), min(args.docs * 2, len(docs))):
            segs = sorted(docs[did], key=lambda r: r["seg_idx"])
            systems = sorted(segs[0]["mt"])
            for sysname in rng.sample(systems, min(args.systems, len(systems))):
                pairs.append(([r["mt"].get(sysname) or "" for r in segs], [_ref(r) for r in segs]))
    for _, mt, pe in _mlqe(args.mlqe, rng):
        pairs.append(([mt], [pe]))
    for mt_segs, ref_segs in pairs:
        found, starts, text = run(pipe, mt_segs)
        for e in found:
            i = _seg_of(starts, e.start)
            ref = ref_segs[i] if i < len(ref_segs) else ""
            src = text[e.start : e.end]
            repl = e.replacement or ""
            if repl and _has(ref, repl):
                v = "agree"
            elif _has(ref, src):
                v = "disagree"
            else:
                v = "undecidable"
            verdicts[(e.code, v)] += 1
            if "mt" in args.show or ("disagree" in args.show and v == "disagree"):
                print(f"  mt {e.code} {v}: {src!r} → {repl!r} | ref: {ref[:150]!r}")
    print(f"\nMT side ({len(pairs)} documents): per code")
    print(f"  {'code':6} {'agree':>6} {'disagree':>9} {'undecid.':>9} {'agree %':>8}")
    allc = sorted({c for c, _ in verdicts})
    ta = td = 0
    for c in allc:
        a, d, u = verdicts[(c, "agree")], verdicts[(c, "disagree")], verdicts[(c, "undecidable")]
        ta, td = ta + a, td + d
        pct = f"{100 * a / (a + d):.1f}" if a + d else "-"
        print(f"  {c:6} {a:6} {d:9} {u:9} {pct:>8}")
    if ta + td:
        print(f"  {'all':6} {ta:6} {td:9} {'':9} {100 * ta / (ta + td):8.1f}")


if __name__ == "__main__":
    main()
