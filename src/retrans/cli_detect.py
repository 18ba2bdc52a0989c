"""CLI commands of the MT detector: ``detect``, ``train-detector`` and ``eval detect``.

``register(app)`` adds them to the main typer app; everything heavy is imported inside the
commands so that ``retrans --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from retrans.detect.model import Detection

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
WMT_DEFAULT = DEFAULT_DATA / "wmt14_fr_en_docs.jsonl"
MLQE_DEFAULT = DEFAULT_DATA / "mlqe_pe_train_to_en.tsv"


class OutFmt(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


WeightsOpt = Annotated[
    Path | None,
    typer.Option("--weights", help="Detector weights (default: the shipped model)."),
]


def _fail(message: str, path: str | None = None) -> None:
    from retrans.errors import InputError

    raise InputError(message, path)


def _load(weights: Path | None) -> Any:
    from retrans.detect.model import load_model

    if weights is not None:
        if not weights.is_file():
            _fail("no such weights file", str(weights))
        try:
            return load_model(weights)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            _fail(f"cannot load detector weights: {exc}", str(weights))
    return load_model()


def _findings_for(pipe: Any, doc: Any) -> list[Any]:
    """The engine's findings on ``doc`` (glossary name forms, clean-up, rules)."""
    findings, _ctx = pipe.check(doc)
    return [f for f in findings if getattr(f, "code", "") != "MT101"]


def _text_block(label: str, det: Detection) -> str:
    verdict = "MT" if det.is_mt else "human"
    head = (
        f"{label}: {verdict} p={det.probability:.2f} · source {det.source_lang} "
        f"p={det.source_prob:.2f} · text {det.text_lang}"
    )
    lines = [head]
    lines.extend(f"  - {r}" for r in det.reasons)
    if det.sentences is not None:
        for s in det.sentences:
            snippet = s.text if len(s.text) <= 80 else s.text[:77] + "…"
            lines.append(f"    {s.probability:.2f}  [{s.start}:{s.end}] {snippet}")
    return "\n".join(lines) + "\n"


def detect_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or folders; - reads standard input.")],
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Also score every sentence.")
    ] = False,
    format: Annotated[OutFmt, typer.Option("--format", help="Output format.")] = OutFmt.text,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings/--no-findings",
            help="Run the glossary and rule passes first and use their findings as evidence.",
        ),
    ] = True,
    field: Annotated[str, typer.Option("--field", help="JSONL field holding the text.")] = "text",
    weights: WeightsOpt = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Config file for the engine's passes.")
    ] = None,
) -> None:
    """Per document: P(machine-translated), likely source language, and the top reasons."""
    from retrans import inputs
    from retrans.detect.model import detect
    from retrans.formats import detect_format, documents

    model = _load(weights)
    pipe = None
    if findings:
        from retrans.config import find_config, load_config
        from retrans.pipeline import Pipeline

        first = next((p for p in paths if p != "-"), ".")
        cfg_path = config or find_config(Path(first) if Path(first).exists() else Path("."))
        pipe = Pipeline(load_config(cfg_path))
    rows: list[dict[str, Any]] = []
    out = sys.stdout
    for inp in inputs.collect(paths):
        for doc in documents(inp.text, inp.path, detect_format(inp.path), field):
            found = _findings_for(pipe, doc) if pipe is not None else None
            det = detect(doc.text, found, sentences=sentences, model=model)
            label = doc.path if doc.record is None else f"{doc.path}:{doc.record}"
            if format is OutFmt.text:
                out.write(_text_block(label, det))
                continue
            row: dict[str, Any] = {"path": doc.path}
            if doc.record is not None:
                row["record"] = doc.record
            row.update(det.to_dict())
            if format is OutFmt.jsonl:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows.append(row)
    if format is OutFmt.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    out.flush()


def _progress(message: str) -> None:
    sys.stderr.write(f"train-detector: {message}\n")


def _check_file(p: Path) -> None:
    if not p.is_file():
        _fail("no such file", str(p))


def train_cmd(
    wmt: Annotated[
        Path, typer.Option("--wmt", help="WMT14 fr-en documents (JSONL).")
    ] = WMT_DEFAULT,
    mlqe: Annotated[
        Path, typer.Option("--mlqe", help="MLQE-PE to-English rows (TSV).")
    ] = MLQE_DEFAULT,
    out: Annotated[
        Path | None, typer.Option("--out", help="Weights file to write (default: the shipped one).")
    ] = None,
    format: Annotated[OutFmt, typer.Option("--format", help="Output format.")] = OutFmt.text,
) -> None:
    """Train the detector (document-grouped split) and print held-out metrics."""
    from retrans.detect.model import WEIGHTS_FILE

    train_from_files = _train_module().train_from_files

    for p in (wmt, mlqe):
        _check_file(p)
    target = out or WEIGHTS_FILE
    metrics = train_from_files(wmt, mlqe, target, progress=_progress)
    _print_metrics(metrics, format, f"held-out split; weights written to {target}")


def _train_module() -> Any:
    """The training module, which needs numpy (the ``train`` extra); scoring does not."""
    import importlib

    from retrans.errors import InputError

    try:
        return importlib.import_module("retrans.detect.train")
    except ImportError as exc:
        raise InputError(
            f"training and evaluation need numpy ({exc.name} missing): pip install 'retrans[train]'"
        ) from None


def _print_metrics(metrics: dict[str, Any], format: OutFmt, note: str) -> None:
    if format is not OutFmt.text:
        sys.stdout.write(json.dumps(metrics, indent=None if format is OutFmt.jsonl else 2) + "\n")
        return
    lines = [f"# {note}"]

    def block(name: str, m: dict[str, Any]) -> None:
        lines.append(
            f"{name}: documents {m.get('documents')}  AUC {m.get('auc', float('nan')):.4f}  "
            f"accuracy@0.5 {m.get('accuracy'):.4f}  balanced {m.get('balanced_accuracy', 0):.4f}  "
            f"Brier {m.get('brier'):.4f}  ECE {m.get('ece'):.4f}"
        )

    block("all", metrics)
    for ds, m in sorted(metrics.get("by_dataset", {}).items()):
        block(f"  {ds}", m)
    if "source_accuracy" in metrics:
        lines.append(
            f"source-language accuracy: {metrics['source_accuracy']:.4f} "
            f"on {metrics['source_documents']} MT documents"
        )
        for gold, row in metrics.get("source_confusion", {}).items():
            cells = " ".join(f"{k}={v}" for k, v in row.items())
            lines.append(f"  {gold}: {cells}")
    sys.stdout.write("\n".join(lines) + "\n")


def eval_detect_cmd(
    file: Annotated[
        Path | None,
        typer.Argument(help="Labelled JSONL: {text, label: mt|human, source_lang?} per line."),
    ] = None,
    wmt: Annotated[
        Path | None, typer.Option("--wmt", help="Evaluate on the held-out split of this file.")
    ] = None,
    mlqe: Annotated[
        Path | None, typer.Option("--mlqe", help="Evaluate on the held-out split of this file.")
    ] = None,
    weights: WeightsOpt = None,
    format: Annotated[OutFmt, typer.Option("--format", help="Output format.")] = OutFmt.text,
) -> None:
    """AUC, accuracy at the threshold and source-language accuracy on labelled documents.

    Without arguments: the held-out split of the developer data (../shared/data).
    """
    from retrans.detect.data_sources import iter_jsonl

    train = _train_module()
    evaluate, load_corpus = train.evaluate, train.load_corpus

    model = _load(weights)
    if file is not None:
        _check_file(file)
        try:
            docs = list(iter_jsonl(file))
        except (ValueError, KeyError) as exc:
            _fail(f"not a labelled JSONL file: {exc}", str(file))
        note = f"{file}"
    else:
        if wmt is None and mlqe is None:
            wmt, mlqe = WMT_DEFAULT, MLQE_DEFAULT
        for p in (wmt, mlqe):
            if p is not None:
                _check_file(p)
        docs = [d for d in load_corpus(wmt, mlqe) if d.is_test]
        note = "held-out split of " + ", ".join(str(p) for p in (wmt, mlqe) if p is not None)
    if not docs:
        _fail("no labelled documents", str(file) if file else None)
    _print_metrics(evaluate(model, docs), format, note)


def register(app: typer.Typer) -> None:
    """Add ``detect``, ``train-detector`` and ``eval detect`` to the main app."""
    app.command("detect")(detect_cmd)
    app.command("train-detector")(train_cmd)
    eval_app: typer.Typer | None = None
    for group in getattr(app, "registered_groups", []):
        if group.name == "eval" and group.typer_instance is not None:
            eval_app = group.typer_instance
            break
    if eval_app is None:
        eval_app = typer.Typer(no_args_is_help=True, help="Measure retrans on labelled data.")
        app.add_typer(eval_app, name="eval")
    eval_app.command("detect")(eval_detect_cmd)
