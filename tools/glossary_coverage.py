"""Names in developer-data MT that no glossary knows, so the glossaries grow from evidence.

For every MT segment and its human version (WMT14 fr-en and WMT22 ru/uk-en systems vs the
reference, MLQE-PE MT vs post-edit), capitalised sequences of the MT that the human side
lacks are paired with the most similar capitalised sequence of the human side that the MT
lacks (*Poutine* → *Putin*, *Mosсou* → *Moscow*). Pairs that a glossary already knows (either
side is a form of an entity) are dropped; the rest are counted over the corpus and printed,
most frequent first, with the number of distinct MT systems that produced them.

    .venv/bin/python tools/glossary_coverage.py                  # top 60 pairs
    .venv/bin/python tools/glossary_coverage.py --top 200 --min 3
    .venv/bin/python tools/glossary_coverage.py --corpus wmt14   # one corpus
    .venv/bin/python tools/glossary_coverage.py --format tsv > /tmp/pairs.tsv

Also lists *leftover* candidates: capitalised MT words with letters English does not use
(*État*, *Länder*) that the human side never has (candidates for ``glossaries/leftovers.yaml``).
The data is for development only: nothing from it is written into the project.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.glossary.index import GlossaryData, deaccent, norm_key  # noqa: E402
from retrans.glossary.model import KINDS  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_CAP = re.compile(
    r"(?<![\w'’-])(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*(?:\s+(?:(?:de|di|da|del|des|du|la|le|von|van|der|al|el|bin)\s+)?"
    r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*){0,3})"
)
_ODD = re.compile(r"[À-ÖØ-öø-ÿĀ-ſ]")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“«]\s*)$")


def pairs_of(corpus: str, limit: int) -> Iterator[tuple[str, str, str]]:
    """(system, MT segment, human segment)."""
    if corpus in ("all", "wmt14", "wmt22"):
        for name in ("wmt14_fr_en_docs.jsonl", "wmt22_ru_en_docs.jsonl", "wmt22_uk_en_docs.jsonl"):
            if corpus != "all" and not name.startswith(corpus):
                continue
            path = DATA / name
            if not path.is_file():
                continue
            with path.open(encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if limit and i >= limit:
                        break
                    rec = json.loads(line)
                    ref = rec.get("reference") or next(
                        iter((rec.get("references") or {}).values()), ""
                    )
                    for system, mt in (rec.get("mt") or {}).items():
                        if mt and ref:
                            yield f"{name[:10]}:{system}", mt, ref
    if corpus in ("all", "mlqe"):
        path = DATA / "mlqe_pe_train_to_en.tsv"
        if path.is_file():
            from sacremoses import MosesDetokenizer

            md = MosesDetokenizer("en")
            with path.open(encoding="utf-8", newline="") as fh:
                rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                next(rows)
                for i, r in enumerate(rows):
                    if limit and i >= limit:
                        break
                    yield f"mlqe:{r[0]}", md.detokenize(r[2].split()), md.detokenize(r[3].split())


def caps(text: str) -> set[str]:
    out = set()
    for m in _CAP.finditer(text):
        seq = m.group(0).rstrip(".")
        if _SENT_START.search(text[: m.start()]) and " " not in seq:
            continue  # a capital at a sentence start says nothing
        if len(seq) > 2:
            out.add(seq)
    return out


def known_forms() -> set[str]:
    data = GlossaryData.load()
    out: set[str] = set(norm_key(k) for k in data.keep)
    for ent in data.entities:
        for kind in KINDS:
            for forms in ent.forms(kind).values():
                out.update(norm_key(f) for f in forms)
        out.update(norm_key(v) for v in ent.variants)
    return out


def _plain(form: str) -> str:
    return deaccent(form.replace("’", "'").replace(".", "")).casefold().removesuffix("'s")


def noise(mt: str, human: str) -> bool:
    """Typography (I'm / I’m, Mr. / Mr), diacritics (Gérard / Gerard: an accepted spelling)
    or one form inside the other (Russian / Russia's): not a name the glossaries lack."""
    a, b = _plain(mt), _plain(human)
    return a == b or a in b or b in a


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, deaccent(a.lower()), deaccent(b.lower())).ratio()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=["all", "wmt14", "wmt22", "mlqe"], default="all")
    ap.add_argument("--limit", type=int, default=0, help="records per file (0 = all)")
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--min", type=int, default=2, help="minimum count to list a pair")
    ap.add_argument("--format", choices=["text", "tsv"], default="text")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit("no ../shared/data")
    known = known_forms()
    counts: Counter[tuple[str, str]] = Counter()
    systems: dict[tuple[str, str], set[str]] = defaultdict(set)
    leftovers: Counter[str] = Counter()
    for system, mt, human in pairs_of(args.corpus, args.limit):
        mt_caps, hu_caps = caps(mt), caps(human)
        only_mt = {c for c in mt_caps if c not in human}
        only_hu = {c for c in hu_caps if c not in mt}
        for c in only_mt:
            for w in c.split():
                if _ODD.search(w) and w not in human:
                    leftovers[w] += 1
        for c in only_mt:
            if norm_key(c) in known:
                continue
            best = max(only_hu, key=lambda h: similar(c, h), default=None)
            if best is None or norm_key(best) in known or similar(c, best) < 0.6:
                continue
            if noise(c, best):
                continue
            counts[(c, best)] += 1
            systems[(c, best)].add(system)
    rows = [(k, n) for k, n in counts.most_common() if n >= args.min][: args.top]
    if args.format == "tsv":
        print("mt\thuman\tcount\tsystems")
        for (mt, hu), n in rows:
            print(f"{mt}\t{hu}\t{n}\t{len(systems[(mt, hu)])}")
        return
    print(f"{'count':>5} {'systems':>7}  MT form → human form (no glossary knows either)")
    for (mt, hu), n in rows:
        print(f"{n:5} {len(systems[(mt, hu)]):7}  {mt} → {hu}")
    print(
        "\nleftover candidates (capitalised MT words with non-English letters, never in the human):"
    )
    print("  " + ", ".join(f"{w} ×{n}" for w, n in leftovers.most_common(40)))


if __name__ == "__main__":
    main()
