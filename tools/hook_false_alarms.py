"""What a pre-publish hook (`retrans check`) would raise on human-written news.

Runs the whole pipeline as `retrans check` does (language and source guessed, every pass, the
precision gate) on every human reference of the WMT test sets in ../shared/data (WMT14 fr→en,
WMT22 ru/uk/ja→en; each reference document once) and prints the findings per severity, per
1,000 sentences, how many documents would fail a hook at each level, and each code with one
example. Where `tools/false_alarms.py` measures each rule alone, this measures what a newsroom
would see.

    .venv/bin/python tools/hook_false_alarms.py
    .venv/bin/python tools/hook_false_alarms.py --examples 5 --code GL104

The data is for development only: nothing from it is written into the project.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.document import Document  # noqa: E402
from retrans.evaluate.data import wmt14, wmt22  # noqa: E402
from retrans.evaluate.fix import _join  # noqa: E402
from retrans.pipeline import Pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = (
    ("wmt14_fr_en_docs.jsonl", wmt14),
    ("wmt22_ru_en_docs.jsonl", wmt22),
    ("wmt22_uk_en_docs.jsonl", wmt22),
    ("wmt22_ja_en_docs.jsonl", wmt22),
)


def human_documents() -> Iterator[str]:
    """Each human reference document once (a WMT22 document's second reference too)."""
    seen: set[tuple[str, str, int]] = set()
    for name, read in SETS:
        path = DATA / name
        if not path.is_file():
            continue
        for pair in read(path):
            for i, segs in enumerate([pair.human, *pair.extra_human]):
                if (pair.dataset, pair.doc_id, i) not in seen:
                    seen.add((pair.dataset, pair.doc_id, i))
                    yield _join(segs)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=1, help="examples per code")
    ap.add_argument("--code", help="only this code's examples")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA}: not found (the team's development data)")
    pipe = Pipeline()
    by_sev: Counter[str] = Counter()
    by_code: Counter[tuple[str, str]] = Counter()
    failing: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    docs = sentences = 0
    for text in human_documents():
        doc = Document(text)
        findings, _ = pipe.check(doc)
        docs += 1
        sentences += len(doc.sentences)
        for f in findings:
            by_sev[f.severity.name] += 1
            by_code[(f.code, f.severity.name)] += 1
            shown = examples.setdefault(f.code, [])
            if len(shown) < args.examples and args.code in (None, f.code):
                ctx = text[max(0, f.start - 50) : f.end + 50]
                shown.append(f"{f.message[:100]} | {ctx!r}")
        for sev in {f.severity.name for f in findings}:
            failing[sev] += 1
    print(f"{docs} human documents, {sentences} sentences")
    for sev, n in sorted(by_sev.items()):
        print(
            f"{sev:<8} {n:4d} findings ({n * 1000 / max(sentences, 1):.2f} per 1,000 sentences), "
            f"in {failing[sev]} documents ({failing[sev] * 100 / max(docs, 1):.2f} %)"
        )
    for (code, sev), n in by_code.most_common():
        for ex in examples.get(code, []):
            print(f"{code} {sev} {n}: {ex}")


if __name__ == "__main__":
    main()
