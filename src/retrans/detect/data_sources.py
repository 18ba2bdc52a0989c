"""Labelled documents for training and evaluating the detector.

* WMT14 fr-en (``wmt14_fr_en_docs.jsonl``): per document, the human reference (label 0) and
  each MT system's output (label 1, source ``fr``); long documents are cut into chunks of
  :data:`WMT_CHUNK` segments that keep the document's group.
* WMT22 X-en (``wmt22_{ru,uk,ja}_en_docs.jsonl``): per document, the human reference(s)
  (label 0) and each system's output (label 1, source = the pair's source language), same
  chunking.  Every document in these files has ``origlang`` = the source language, so the
  references are human translations (the hard negatives that matter); where ``origlang`` is
  ``en`` the reference is original English (still human) and the MT translates a translation
  (still MT): both stay valid and are kept.
* MLQE-PE (``mlqe_pe_train_to_en.tsv``): Moses-tokenised sentences, detokenised; per language
  pair, consecutive rows are grouped into pseudo-documents of :data:`MLQE_DOC_ROWS` rows, in
  file order; the MT side is label 1 (source = the pair's language), the post-edit label 0.
* A generic labelled JSONL file: ``{"id", "text", "label": "mt"|"human"|1|0,
  "source_lang"?, "group"?, "dataset"?, "origin"?}`` per line; ``origin`` (``dataset:group``
  of the text it was made from) marks a training-only derived text such as a round-trip.

The held-out split is fixed by hashing each document's group (``dataset:group``), so the MT
and human versions of one document, and every chunk of it, always fall on the same side.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrans.detect.text import detokenize

WMT_CHUNK = 16
MLQE_DOC_ROWS = 16
PARAGRAPH = 4  # sentences per paragraph when rebuilding documents
TEST_FOLDS = 5  # 1 in 5 groups is held out


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    doc_id: str
    group: str
    dataset: str
    text: str
    label: int  # 1 = machine-translated, 0 = human
    source_lang: str | None  # source language of the MT (None for human text)
    system: str = ""
    # ``dataset:group`` of the human text this one was made from (a round-trip, see
    # tools/roundtrip_apertium.py): such a text is training-only and stays with its origin.
    origin: str = ""

    @property
    def key(self) -> str:
        """``dataset:group``, or the origin's: the unit that folds and halves keep together."""
        return self.origin or f"{self.dataset}:{self.group}"

    @property
    def origin_set(self) -> str:
        """The test set this text belongs to or was made from."""
        return self.key.split(":", 1)[0]

    @property
    def train_only(self) -> bool:
        """Derived text (a round-trip): trained on, never a test row."""
        return bool(self.origin)

    @property
    def era(self) -> str:
        """``older`` (WMT14: 2014 SMT, rule-based, online), ``modern`` (WMT22 NMT) or the
        dataset name; human documents have no era of their own."""
        if self.dataset.startswith("wmt14"):
            return "older"
        if self.dataset.startswith("wmt22"):
            return "modern"
        return self.dataset

    @property
    def split_key(self) -> int:
        h = hashlib.sha256(self.key.encode()).hexdigest()
        return int(h[:12], 16)

    @property
    def is_test(self) -> bool:
        return self.split_key % TEST_FOLDS == 0

    def fold(self, k: int) -> int:
        """Cross-validation fold (of ``k``) for training documents."""
        return (self.split_key // TEST_FOLDS) % k


def _join(segments: list[str], headline: bool) -> str:
    parts: list[str] = []
    body = segments
    if headline and segments:
        parts.append(segments[0])
        body = segments[1:]
    for i in range(0, len(body), PARAGRAPH):
        parts.append(" ".join(body[i : i + PARAGRAPH]))
    return "\n\n".join(p for p in parts if p)


def _read_docs(path: Path) -> dict[str, list[dict[str, Any]]]:
    docs: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                docs.setdefault(str(rec["doc_id"]), []).append(rec)
    return docs


def load_wmt(path: Path) -> list[LabelledDoc]:
    """WMT14 fr-en documents: the reference is human (label 0), each system MT (label 1)."""
    docs = _read_docs(path)
    out: list[LabelledDoc] = []
    for doc_id in sorted(docs):
        segs = sorted(docs[doc_id], key=lambda r: int(str(r["seg_idx"])))
        systems = sorted({s for r in segs for s in r["mt"]})
        for c in range(0, len(segs), WMT_CHUNK):
            chunk = segs[c : c + WMT_CHUNK]
            head = c == 0
            cid = f"{doc_id}#{c // WMT_CHUNK}"
            out.append(
                LabelledDoc(
                    cid,
                    doc_id,
                    "wmt14-fr",
                    _join([str(r["reference"]) for r in chunk], head),
                    0,
                    None,
                    "human",
                )
            )
            for sysname in systems:
                segtexts = [str(r["mt"].get(sysname, "")) for r in chunk]
                out.append(
                    LabelledDoc(
                        f"{cid}@{sysname}",
                        doc_id,
                        "wmt14-fr",
                        _join(segtexts, head),
                        1,
                        "fr",
                        sysname,
                    )
                )
    return out


def load_wmt22(path: Path) -> list[LabelledDoc]:
    """WMT22 X-en documents: references are human (label 0), systems MT (label 1)."""
    out: list[LabelledDoc] = []
    for doc_id, recs in sorted(_read_docs(path).items()):
        segs = sorted(recs, key=lambda r: int(r["seg_id"]))
        src = str(segs[0]["lang_pair"]).split("-")[0]
        dataset = f"wmt22-{src}"
        refs = sorted({t for r in segs for t in r["references"]})
        systems = sorted({t for r in segs for t in r["mt"]})
        for c in range(0, len(segs), WMT_CHUNK):
            chunk = segs[c : c + WMT_CHUNK]
            cid = f"{doc_id}#{c // WMT_CHUNK}"
            for ref in refs:
                text = _join([str(r["references"].get(ref, "")) for r in chunk], False)
                out.append(LabelledDoc(f"{cid}@ref-{ref}", doc_id, dataset, text, 0, None, "human"))
            for name in systems:
                text = _join([str(r["mt"].get(name, "")) for r in chunk], False)
                out.append(LabelledDoc(f"{cid}@{name}", doc_id, dataset, text, 1, src, name))
    return out


def load_mlqe(path: Path, rows_per_doc: int = MLQE_DOC_ROWS) -> list[LabelledDoc]:
    by_pair: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in reader:
            pair = row[col["lang_pair"]]
            by_pair.setdefault(pair, []).append((row[col["mt"]], row[col["postedit"]]))
    out: list[LabelledDoc] = []
    for pair in sorted(by_pair):
        src = pair.split("-")[0]
        rows = by_pair[pair]
        for d in range(0, len(rows) - rows_per_doc + 1, rows_per_doc):
            chunk = rows[d : d + rows_per_doc]
            group = f"{pair}:{d // rows_per_doc}"
            mt = _join([detokenize(m) for m, _ in chunk], False)
            pe = _join([detokenize(p) for _, p in chunk], False)
            out.append(LabelledDoc(f"{group}@mt", group, "mlqe", mt, 1, src, "mt"))
            out.append(LabelledDoc(f"{group}@pe", group, "mlqe", pe, 0, None, "postedit"))
    return out


def _label(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return 1 if value >= 0.5 else 0
    s = str(value).strip().lower()
    if s in ("mt", "machine", "1", "true", "yes"):
        return 1
    if s in ("human", "ht", "0", "false", "no"):
        return 0
    raise ValueError(f"unknown label {value!r}")


def iter_jsonl(path: Path) -> Iterator[LabelledDoc]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            doc_id = str(rec.get("id", n))
            label = _label(rec["label"])
            src = rec.get("source_lang") if label else None
            yield LabelledDoc(
                doc_id,
                str(rec.get("group", doc_id)),
                str(rec.get("dataset", "file")),
                str(rec["text"]),
                label,
                src,
                str(rec.get("system", "")),
                str(rec.get("origin") or ""),
            )


def write_jsonl(docs: list[LabelledDoc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            rec = {
                "id": d.doc_id,
                "group": d.group,
                "dataset": d.dataset,
                "text": d.text,
                "label": "mt" if d.label else "human",
                "source_lang": d.source_lang,
                "system": d.system,
            }
            if d.origin:
                rec["origin"] = d.origin
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
