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


class OutFmt(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


WeightsOpt = Annotated[
    Path | None,
    typer.Option("--weights", help="Detector weights (default: the shipped model)."),
]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--threshold",
        min=0.0,
        max=1.0,
        help="Call a text MT from this probability (default: the model's calibrated one).",
    ),
]
DataOpt = Annotated[
    Path, typer.Option("--data", help="Developer data directory (WMT14, WMT22, MLQE files).")
]
ExtraOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--extra",
        help="Extra labelled JSONL to train on (e.g. tools/roundtrip_apertium.py output); "
        "rows with an origin are training-only.",
    ),
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
        f"{label}: {verdict} p={det.probability:.2f} (threshold {det.threshold:.2f}) · "
        f"source {det.source_lang or 'unknown'} p={det.source_prob:.2f} · text {det.text_lang}"
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
    threshold: ThresholdOpt = None,
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
            det = detect(doc.prose, found, sentences=sentences, model=model, threshold=threshold)
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
    sys.stderr.write(f"detector: {message}\n")


def _check_file(p: Path) -> None:
    if not p.is_file():
        _fail("no such file", str(p))


def _numpy_module(name: str) -> Any:
    """A training/evaluation module, which needs numpy (the ``train`` extra); scoring does not.
    BLAS runs on one thread: the fits are small, and threads fight over shared cores."""
    import importlib
    import os

    from retrans.errors import InputError

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise InputError(
            f"training and evaluation need numpy ({exc.name} missing): pip install 'retrans[train]'"
        ) from None


def _corpus_docs(data: Path, extra: list[Path] | None = None) -> list[Any]:
    train = _numpy_module("retrans.detect.train")
    if not data.is_dir():
        _fail("no such data directory", str(data))
    docs = train.load_corpus(data)
    if not docs:
        _fail("no labelled data files (wmt14_fr_en_docs.jsonl, wmt22_*_en_docs.jsonl…)", str(data))
    from retrans.detect.data_sources import iter_jsonl

    for path in extra or []:
        _check_file(path)
        try:
            docs.extend(iter_jsonl(path))
        except (ValueError, KeyError) as exc:
            _fail(f"not a labelled JSONL file: {exc}", str(path))
    return list(docs)


def _cache(enabled: bool) -> Path | None:
    from retrans.paths import cache_dir

    return cache_dir() / "detector-features" if enabled else None


CacheOpt = Annotated[
    bool, typer.Option("--cache/--no-cache", help="Keep extracted features on disk.")
]


def train_cmd(
    data: DataOpt = DEFAULT_DATA,
    out: Annotated[
        Path | None, typer.Option("--out", help="Weights file to write (default: the shipped one).")
    ] = None,
    cache: CacheOpt = True,
    extra: ExtraOpt = None,
) -> None:
    """Train the detector on every document of the developer data; write the weights."""
    from retrans.detect.model import WEIGHTS_FILE

    train = _numpy_module("retrans.detect.train")
    docs = _corpus_docs(data, extra)
    weights, tables = train.train_docs(docs, cache=_cache(cache))
    target = out or WEIGHTS_FILE
    train.write_model(weights, tables, target)
    sys.stdout.write(
        f"trained on {len(docs)} documents; threshold {weights['threshold']:.3f}; "
        f"weights written to {target}\n"
    )


class Protocol(str, Enum):
    cv = "cv"
    loso = "loso"
    lotso = "lotso"


def _eval_file(file: Path, weights: Path | None, threshold: float | None, fmt: OutFmt) -> None:
    from retrans.detect.data_sources import iter_jsonl

    ev = _numpy_module("retrans.detect.evaluate")
    _check_file(file)
    try:
        docs = list(iter_jsonl(file))
    except (ValueError, KeyError) as exc:
        _fail(f"not a labelled JSONL file: {exc}", str(file))
    if not docs:
        _fail("no labelled documents", str(file))
    m = ev.evaluate_model(_load(weights), docs, threshold)
    if fmt is not OutFmt.text:
        sys.stdout.write(json.dumps(m, indent=None if fmt is OutFmt.jsonl else 2) + "\n")
        return
    lines = [f"# shipped model on {file}", ev._HEAD, ev._line("all", m)]
    sys.stdout.write("\n".join(lines) + "\n")


def eval_detect_cmd(
    file: Annotated[
        Path | None,
        typer.Argument(help="Labelled JSONL ({text, label: mt|human, source_lang?} per line)."),
    ] = None,
    protocol: Annotated[
        list[Protocol] | None,
        typer.Option("--protocol", help="cv (grouped by document), loso, lotso; default all."),
    ] = None,
    data: DataOpt = DEFAULT_DATA,
    weights: WeightsOpt = None,
    threshold: ThresholdOpt = None,
    cache: CacheOpt = True,
    ablation: Annotated[
        bool,
        typer.Option(
            "--ablation", help="Leave-one-system-out AUC without each feature group in turn."
        ),
    ] = False,
    format: Annotated[OutFmt, typer.Option("--format", help="Output format.")] = OutFmt.text,
    extra: ExtraOpt = None,
) -> None:
    """Measure the detector where it has not been trained.

    With FILE: the shipped model on that labelled file.  Without: retrain under grouped
    cross-validation, leave-one-system-out and leave-one-test-set-out on the developer data
    and report AUC, accuracy at the threshold, false alarms on human documents, ECE and
    source-language accuracy, for documents and sentences, by test set and by era.
    """
    if file is not None:
        _eval_file(file, weights, threshold, format)
        return
    ev = _numpy_module("retrans.detect.evaluate")
    corpus = ev.build_corpus(_corpus_docs(data, extra), _cache(cache), _progress)
    if ablation:
        _ablation(ev, corpus, format)
        return
    results: dict[str, Any] = {}
    lines: list[str] = []
    for proto in protocol or list(Protocol):
        pr = ev.run(corpus, proto.value, say=_progress)
        if threshold is not None:
            pr.threshold = [threshold] * len(pr.threshold)
        res = {"by_set": ev.summarize(corpus, pr, ev.by_dataset)}
        res["by_era"] = ev.summarize(corpus, pr, ev.by_era)
        res["by_run"] = ev.per_run(corpus, pr)
        results[proto.value] = res
        lines += ev.report_lines(f"{proto.value}, by test set", res["by_set"])
        lines += ev.report_lines(f"{proto.value}, by era", res["by_era"])
        lines += ev.source_lines(res["by_set"])
        if proto is Protocol.loso:
            lines += ev.run_lines(res["by_run"])
    if format is not OutFmt.text:
        sys.stdout.write(json.dumps(results, indent=None if format is OutFmt.jsonl else 2) + "\n")
    else:
        sys.stdout.write("\n".join(lines).lstrip("\n") + "\n")


def _ablation(ev: Any, corpus: Any, fmt: OutFmt) -> None:
    from retrans.detect.features import GROUPS

    groups = [g for g in GROUPS if g != "length"] + ["rhythm"]
    groups = [
        g for g in groups if g not in _numpy_module("retrans.detect.train").Config().drop_groups
    ]
    rows = dict(ev.ablation(corpus, groups, ev.ABLATION_SYSTEMS, _progress))
    if fmt is not OutFmt.text:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    eras = sorted({k for r in rows.values() for k in r})
    lines = [f"# leave-one-system-out document AUC without each group ({', '.join(eras)})"]
    lines.append(f"{'left out':<16}" + "".join(f"{e:>9}" for e in eras))
    for g, r in rows.items():
        lines.append(f"{g:<16}" + "".join(f"{r.get(e) or float('nan'):>9.4f}" for e in eras))
    sys.stdout.write("\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    """Add ``detect``, ``train-detector`` and ``eval detect`` to the main app."""
    app.command("detect")(detect_cmd)
    app.command("train-detector")(train_cmd)
    from retrans.cli_eval import eval_group

    eval_group(app).command("detect")(eval_detect_cmd)
