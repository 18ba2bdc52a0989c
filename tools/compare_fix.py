"""Is ``retrans fix`` output unchanged? Hashes of the fixed text of many documents, saved or compared.

    python tools/compare_fix.py --save bench/out/fix_baseline.json     # before a refactor
    python tools/compare_fix.py --compare bench/out/fix_baseline.json  # after: lists what differs

Documents: samples/*, tests/data/*.txt, ../shared/examples/*.txt (each also with ``--source fr``
and the AP style) and, when ../shared/data is there, the MT side of WMT14 fr-en documents (two systems, segments joined two ways) and some WMT22 ru/uk-en documents.
Only hashes are written: never shared-data text. Runs in-process through the Pipeline, so a
refactor of the CLI does not change what is measured.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _wmt_docs(path: Path, systems: list[str], joins: list[str], limit: int) -> Iterator[tuple]:
    """(name, text) for the first ``limit`` documents, one text per system and join."""
    docs: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["doc_id"] not in docs and len(docs) >= limit:
                continue
            docs.setdefault(rec["doc_id"], []).append(rec)
    for doc_id, segs in docs.items():
        segs.sort(key=lambda r: r.get("seg_idx", r.get("seg_id", 0)))
        for sysname, join in zip(systems, joins, strict=True):
            parts = [r["mt"].get(sysname) or "" for r in segs]
            if any(parts):
                yield f"{path.stem}/{doc_id}/{sysname}", join.join(parts) + "\n"


def corpus(limit: int) -> Iterator[tuple[str, str, str]]:
    """(name, path for format detection, text)."""
    for p in sorted((ROOT / "samples").iterdir()):
        yield f"samples/{p.name}", str(p), p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests" / "data").glob("*.txt")):
        yield f"tests/data/{p.name}", str(p), p.read_text(encoding="utf-8")
    ex = SHARED / "examples"
    if ex.is_dir():
        for p in sorted(ex.glob("*.txt")):
            yield f"examples/{p.name}", str(p), p.read_text(encoding="utf-8")
    data = SHARED / "data"
    plan = [
        ("wmt14_fr_en_docs.jsonl", ["onlineB.0", "rbmt1.0"], ["\n\n", " "], limit),
        ("wmt22_ru_en_docs.jsonl", ["Online-B"], ["\n"], limit // 3),
        ("wmt22_uk_en_docs.jsonl", ["Online-A"], [" "], limit // 6),
    ]
    for fname, systems, joins, n in plan:
        if (data / fname).is_file():
            for name, text in _wmt_docs(data / fname, systems, joins, n):
                yield name, "doc.txt", text


def fixed_texts(limit: int) -> Iterator[tuple[str, str]]:
    from retrans import formats
    from retrans.config import Config
    from retrans.pipeline import Pipeline

    pipes = {
        "default": Pipeline(Config()),
        "ap": Pipeline(Config(), style="ap"),
        "fr": Pipeline(Config(), source="fr"),  # the source given: no guess between rounds
    }
    for name, path, text in corpus(limit):
        mine = name.startswith(("samples/", "examples/", "tests/"))
        variants = ["default", "ap", "fr"] if mine else ["default"]
        for v in variants:
            pipe = pipes[v]
            fmt = formats.detect_format(path)
            if fmt == "jsonl":
                records = formats.parse_jsonl(text, path, "text")
                fixed = {r.line: pipe.fix(r.doc)[0] for r in records if r.doc is not None}
                new = formats.dump_jsonl(records, "text", fixed)
            else:
                doc = next(formats.documents(text, path, fmt))
                new = pipe.fix(doc)[0]
            yield f"{name}#{v}", new


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path, help="write the manifest of output hashes here")
    g.add_argument("--compare", type=Path, help="compare against this manifest")
    ap.add_argument("--limit", type=int, default=300, help="WMT14 documents (WMT22: fewer)")
    ap.add_argument("--dump", type=Path, help="also write each fixed text here (git-ignored!)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    hashes = {}
    for name, text in fixed_texts(args.limit):
        hashes[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if args.dump:
            out = args.dump / name.replace("#", ".")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    secs = time.perf_counter() - t0
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(hashes, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"saved {len(hashes)} output hashes to {args.save} ({secs:.1f} s)")
        return 0
    base = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(k for k in hashes.keys() & base.keys() if hashes[k] != base[k])
    missing = sorted(base.keys() - hashes.keys())
    extra = sorted(hashes.keys() - base.keys())
    for k in differ:
        print(f"DIFFERS  {k}")
    for k in missing:
        print(f"MISSING  {k}")
    for k in extra:
        print(f"NEW      {k}")
    same = len(hashes.keys() & base.keys()) - len(differ)
    print(f"{same} identical, {len(differ)} differ, {len(missing)} missing ({secs:.1f} s)")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
