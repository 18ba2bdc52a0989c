"""Adapters: the team's dev data (and generic pairs) as aligned MT/human documents.

Every adapter yields :class:`Pair` objects: one MT document and the human version of it,
segment by segment, so that an edit can be judged against the human segment it belongs to
rather than the whole article (a common word is somewhere in any article).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrans.errors import InputError
from retrans.jsonlines import json_lines

# Default source language of each data set (``--source given``).
WMT22_LANGS = ("ru", "uk", "ja")
MLQE_LANGS = ("et", "ne", "ro", "ru", "si")


@dataclass
class Pair:
    """One MT document, its human version (aligned segments) and what it came from."""

    dataset: str  # wmt14-fr, wmt22-ru, mlqe-ro, pairs…
    doc_id: str
    system: str  # the MT system ("" when unknown)
    source_lang: str | None  # the translation's source language, when the data says
    mt: list[str]
    human: list[str]
    origlang: str | None = None
    extra_human: list[list[str]] = field(default_factory=list)  # further references

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.doc_id}/{self.system}"


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as f:
        for n, rec in json_lines(f, path):
            if not isinstance(rec, dict):
                raise InputError(f"line {n}: a record must be a JSON object", str(path))
            yield n, rec


def _grouped(path: Path) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    docs: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for n, rec in _jsonl(path):
        if "doc_id" not in rec:
            raise InputError(f"line {n}: no 'doc_id'", str(path))
        docs.setdefault(str(rec["doc_id"]), []).append((n, rec))
    return docs


def wmt14(path: Path) -> Iterator[Pair]:
    """WMT14 fr-en documents: every system's output against the reference."""
    for doc_id, recs in _grouped(path).items():
        recs.sort(key=lambda r: int(r[1].get("seg_idx", 0)))
        systems = sorted({s for _, r in recs for s in (r.get("mt") or {})})
        human = [str(r.get("reference") or "") for _, r in recs]
        lang = str(recs[0][1].get("lang_pair", "fr-en")).split("-")[0]
        for sysname in systems:
            mt = [str((r.get("mt") or {}).get(sysname) or "") for _, r in recs]
            yield Pair(
                f"wmt14-{lang}", doc_id, sysname, lang, mt, human, recs[0][1].get("origlang")
            )


def wmt22(path: Path) -> Iterator[Pair]:
    """WMT22 X-en documents: every system against the first reference (others kept too)."""
    for doc_id, recs in _grouped(path).items():
        recs.sort(key=lambda r: int(r[1].get("seg_id", 0)))
        first = recs[0][1]
        lang = str(first.get("lang_pair", "xx-en")).split("-")[0]
        refs = sorted({k for _, r in recs for k in (r.get("references") or {})})
        if not refs:
            continue
        humans = [[str((r.get("references") or {}).get(k) or "") for _, r in recs] for k in refs]
        systems = sorted({s for _, r in recs for s in (r.get("mt") or {})})
        for sysname in systems:
            mt = [str((r.get("mt") or {}).get(sysname) or "") for _, r in recs]
            yield Pair(
                f"wmt22-{lang}",
                doc_id,
                sysname,
                lang,
                mt,
                humans[0],
                first.get("origlang"),
                humans[1:],
            )


def _detok() -> object:
    try:
        from sacremoses import MosesDetokenizer
    except ImportError:  # pragma: no cover - the eval extra brings it
        raise InputError(
            "MLQE-PE text is Moses-tokenised: install the 'eval' extra (sacremoses)", None
        ) from None
    return MosesDetokenizer("en")


def mlqe(path: Path, doc_size: int = 10) -> Iterator[Pair]:
    """MLQE-PE rows (mt vs post-edit), detokenised, ``doc_size`` rows of one pair per document.

    The data has no document ids; consecutive rows of one language pair make a pseudo-document
    so that document-level evidence (the detector) has some text to go on.
    """
    md = _detok()
    rows: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or not {"lang_pair", "mt", "postedit"} <= set(header):
            raise InputError("line 1: needs columns lang_pair, mt, postedit", str(path))
        i_lp, i_mt, i_pe = header.index("lang_pair"), header.index("mt"), header.index("postedit")
        for n, row in enumerate(reader, 2):
            if len(row) != len(header):
                raise InputError(f"line {n}: {len(row)} fields, expected {len(header)}", str(path))
            rows.setdefault(row[i_lp], []).append((row[i_mt], row[i_pe]))
    for lp in sorted(rows):
        lang = lp.split("-")[0]
        items = rows[lp]
        for k in range(0, len(items), doc_size):
            chunk = items[k : k + doc_size]
            mt = [md.detokenize(m.split()) for m, _ in chunk]  # type: ignore[attr-defined]
            pe = [md.detokenize(p.split()) for _, p in chunk]  # type: ignore[attr-defined]
            yield Pair(f"mlqe-{lang}", f"{lp}:{k // doc_size}", "", lang, mt, pe)


def pairs_file(path: Path) -> Iterator[Pair]:
    """Generic pairs: TSV with a header ``mt, human[, doc_id][, source]`` or JSONL records.

    Rows sharing a ``doc_id`` are one document (in file order); without it each row is one.
    """
    recs: list[tuple[int, dict[str, str]]] = []
    if path.suffix in (".jsonl", ".ndjson", ".json"):
        recs = [(n, {k: str(v) for k, v in r.items() if v is not None}) for n, r in _jsonl(path)]
    else:
        with path.open(encoding="utf-8") as f:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None) or []
            for n, row in enumerate(reader, 2):
                if len(row) != len(header):
                    raise InputError(
                        f"line {n}: {len(row)} fields, expected {len(header)}", str(path)
                    )
                recs.append((n, dict(zip(header, row, strict=False))))
    docs: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for n, r in recs:
        if "mt" not in r or "human" not in r:
            raise InputError(f"line {n}: needs fields 'mt' and 'human'", str(path))
        docs.setdefault(r.get("doc_id") or f"row{n}", []).append((n, r))
    name = path.stem
    for doc_id, rows in docs.items():
        src = rows[0][1].get("source") or None
        mt = [r["mt"] for _, r in rows]
        human = [r["human"] for _, r in rows]
        yield Pair(name, doc_id, "", src, mt, human)


def load(path: Path, doc_size: int = 10) -> Iterator[Pair]:
    """The adapter for ``path`` chosen by name and content."""
    if not path.is_file():
        raise InputError("no such file", str(path))
    name = path.name.lower()
    if name.startswith("wmt14"):
        return wmt14(path)
    if name.startswith("wmt22"):
        return wmt22(path)
    if name.startswith("mlqe"):
        return mlqe(path, doc_size)
    return pairs_file(path)


def sample(
    pairs: list[Pair], limit: int | None, seed: int, per_doc: int | None = None
) -> list[Pair]:
    """A reproducible sample: at most ``per_doc`` systems per document, then ``limit`` pairs."""
    rng = random.Random(seed)
    if per_doc is not None:
        by_doc: dict[tuple[str, str], list[Pair]] = {}
        for p in pairs:
            by_doc.setdefault((p.dataset, p.doc_id), []).append(p)
        pairs = []
        for group in by_doc.values():
            pairs.extend(rng.sample(group, min(per_doc, len(group))))
    if limit is not None and len(pairs) > limit:
        pairs = rng.sample(pairs, limit)
    return sorted(pairs, key=lambda p: p.key)


def default_files(root: Path) -> list[Path]:
    """The dev data files present under ``root`` (``../shared/data``)."""
    names = ["wmt14_fr_en_docs.jsonl"]
    names += [f"wmt22_{lang}_en_docs.jsonl" for lang in WMT22_LANGS]
    names += ["mlqe_pe_train_to_en.tsv"]
    return [root / n for n in names if (root / n).is_file()]
