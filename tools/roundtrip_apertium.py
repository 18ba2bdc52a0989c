"""Older-era MT training text: human English round-tripped through rule-based Apertium.

Nothing in the detector's training data shows what 2014 SMT / rule-based output looks like
except WMT14, which is held out under leave-one-test-set-out.  This tool makes such text from
the *human* English of the other training sets (WMT22 ru/uk/ja references, MLQE post-edits;
never WMT14): every document goes English -> pivot -> English through a Debian Apertium pair,
documents and paragraphs intact.  The output is labelled MT (source = the pivot language) and
carries its ``origin`` (the ``dataset:group`` it was made from), so the evaluation protocols
keep it with its origin (same CV fold and half) and never train on round-trips of a held-out
test set's own references.  It is training-only: never a test row, never a runtime need.

Apertium is a training-time tool only (as root: ``apt-get install -y apertium apertium-eng-spa
apertium-eng-cat apertium-en-gl``).  Unknown-word marks are switched off (``-u``) and the
generation/transfer marks ``#``/``@`` that remain are stripped, so the feature is not a
trivial artefact.  The text derives from ../shared/data: write it outside the repository
(default ``$RETRANS_CACHE_DIR/roundtrip/``) and never commit it.

    .venv/bin/python tools/roundtrip_apertium.py                    # eng-spa, all sources
    .venv/bin/python tools/roundtrip_apertium.py --pair eng-cat --mlqe 600 --out /tmp/cat.jsonl
    retrans eval detect --protocol lotso --extra ~/.cache/retrans/roundtrip/apertium.jsonl
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from retrans.detect.data_sources import LabelledDoc, load_mlqe, load_wmt22, write_jsonl  # noqa: E402
from retrans.paths import cache_dir  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
# pair -> (English -> pivot mode, pivot -> English mode, pivot language)
PAIRS = {
    "eng-spa": ("eng-spa", "spa-eng", "es"),
    "eng-cat": ("eng-cat", "cat-eng", "ca"),
    "en-gl": ("en-gl", "gl-en", "gl"),
    "en-eo": ("en-eo", "eo-en", "eo"),
}
SEP = "\n\n[[[{}]]]\n\n"
SEP_RE = re.compile(r"\n*\[\[\[(\d+)\]\]\]\n*")
MARK = re.compile(r"(?<![\w#@*])[#@*]+(?=\w)")
BATCH = 200  # documents per apertium call


def sources(data: Path, mlqe: int | None, seed: int) -> list[LabelledDoc]:
    """Human English documents to round-trip: WMT22 references and a sample of MLQE
    post-edits (``mlqe`` documents, fixed seed; None: all).  WMT14 is never used."""
    out: list[LabelledDoc] = []
    for lang in ("ru", "uk", "ja"):
        path = data / f"wmt22_{lang}_en_docs.jsonl"
        if path.is_file():
            out += [d for d in load_wmt22(path) if d.label == 0 and d.text.strip()]
    path = data / "mlqe_pe_train_to_en.tsv"
    if path.is_file() and mlqe != 0:
        pe = [d for d in load_mlqe(path) if d.label == 0]
        if mlqe is not None and mlqe < len(pe):
            pe = sorted(random.Random(seed).sample(pe, mlqe), key=lambda d: d.doc_id)
        out += pe
    return out


def apertium(mode: str, text: str) -> str:
    done = subprocess.run(
        ["apertium", "-u", "-f", "txt", mode],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"apertium {mode}: {done.stderr.strip()[:300]}")
    return done.stdout


def strip_marks(out: str, original: str) -> str:
    """Drop Apertium's ``#``/``@``/``*`` word marks, keeping those the human text had
    (hashtags, handles)."""
    kept = {m.group() for m in re.finditer(r"[#@*]+\w+", original)}

    def fix(m: re.Match[str]) -> str:
        end = m.end()
        word = re.match(r"\w+", out[end:])
        return m.group() if word and m.group() + word.group() in kept else ""

    # Dropped words leave double spaces: one space, as a writer would type.
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", MARK.sub(fix, out))


def translate(texts: Sequence[str], mode: str) -> list[str]:
    """``texts`` through one Apertium mode in one stream (separator lines keep documents);
    where Apertium touches a separator, the batch is split in halves down to single texts."""
    if len(texts) == 1:
        return [apertium(mode, texts[0]).strip()]
    parts = SEP_RE.split(apertium(mode, "".join(SEP.format(i) + t for i, t in enumerate(texts))))
    if parts[0].strip() == "" and parts[1::2] == [str(i) for i in range(len(texts))]:
        return [b.strip() for b in parts[2::2]]
    half = len(texts) // 2
    return translate(texts[:half], mode) + translate(texts[half:], mode)


def round_trip(texts: Sequence[str], there: str, back: str) -> list[str]:
    """English -> pivot -> English, Apertium's word marks stripped."""
    res = translate(translate(texts, there), back)
    return [strip_marks(b, t) for b, t in zip(res, texts, strict=True)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pair", action="append", choices=sorted(PAIRS), help="default eng-spa")
    ap.add_argument(
        "--mlqe", type=int, default=None, help="MLQE post-edit documents to sample (default all)"
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=None, help="JSONL (default: cache/roundtrip/)")
    args = ap.parse_args(argv)
    if shutil.which("apertium") is None:
        print(
            "roundtrip_apertium: apertium not installed (apt-get install apertium)", file=sys.stderr
        )
        return 2
    pairs = args.pair or ["eng-spa"]
    out = args.out or cache_dir() / "roundtrip" / "apertium.jsonl"
    docs = sources(args.data, args.mlqe, args.seed)
    if not docs:
        print(f"roundtrip_apertium: {args.data}: no human documents", file=sys.stderr)
        return 2
    rows: list[LabelledDoc] = []
    for pair in pairs:
        there, back, pivot = PAIRS[pair]
        t0 = time.time()
        for k in range(0, len(docs), BATCH):
            batch = docs[k : k + BATCH]
            for d, text in zip(
                batch, round_trip([d.text for d in batch], there, back), strict=True
            ):
                rows.append(
                    LabelledDoc(
                        f"{d.doc_id}@apertium-{pair}",
                        d.group,
                        "roundtrip",
                        text,
                        1,
                        pivot,
                        f"apertium-{pair}",
                        origin=d.key,
                    )
                )
        words = sum(len(d.text.split()) for d in docs)
        print(f"{pair}: {len(docs)} documents, {words} words, {time.time() - t0:.0f}s", flush=True)
    tmp = out.with_suffix(".tmp")
    write_jsonl(rows, tmp)
    tmp.replace(out)
    print(f"wrote {len(rows)} round-trip documents to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
