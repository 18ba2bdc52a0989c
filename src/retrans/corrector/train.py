"""Train a small T5 corrector from scratch on (MT, corrected) pairs: seeded, with progress.

The sentencepiece vocabulary is trained here on the pairs themselves; the model config is
built locally (no hub). The output folder is a Hugging Face model folder (config.json,
model.safetensors, spiece.model, tokenizer files) plus ``retrans.json`` holding the gate's
calibrated margin, so ``--model DIR`` loads it like any local seq2seq model.
"""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from retrans.errors import InputError
from retrans.jsonlines import json_lines

Pair = tuple[str, str]
ARROW_TEXT = "lundi ⇒ Monday ¦ et ⇒ and"  # the edit scripts' marks reach the vocabulary
GLUE_TEXT = '? ⇒ ^? ¦ : ⇒ ^: ¦ « ⇒ "^ ¦ » ⇒ ^"'  # and format 2's glue mark (window.GLUE)


@dataclass
class TrainSpec:
    """Everything that decides the model; written into ``retrans.json`` with the figures."""

    vocab: int = 4000
    d_model: int = 192
    d_ff: int = 768
    layers: int = 3
    decoder_layers: int = 2
    heads: int = 4
    max_len: int = 64
    batch_tokens: int = 1600
    lr: float = 1e-3
    dropout: float = 0.1
    byte_fallback: bool = True  # off only for toy corpora (a test's), where it crowds out words
    pieces: str = "unigram"  # sentencepiece model type; "word" for toy corpora
    warmup: int = 300
    steps: int = 6000
    max_minutes: float | None = None
    stop_after: int | None = None  # stop at this step, the schedule still that of ``steps``
    seed: int = 0
    dev_every: int = 50  # one pair in this many is kept for calibration
    save_every: int = 500
    threads: int = 1  # on a busy shared CPU one thread trains 4x faster than two
    window: int = 6  # train on ±window words around each change (0: whole sentences)
    check_every: int = 250  # exact-match progress on held-out windows every this many steps
    target: str = "edits"  # the model writes an edit script ("lundi ⇒ Monday"), or "text"
    arch: str = "t5"  # or "marian" (sinusoidal positions: learns to copy much sooner)
    bf16: bool = False  # bfloat16 autocast (CPUs with AMX/AVX-512 BF16, GPUs); weights fp32
    criterion: str = "ter"  # the margin's "right": no further from the target by TER, or "exact"
    init: str | None = None  # start from this model folder ("default": the shipped one)
    oversample: dict[str, int] | None = None  # kind -> times its training pairs are used
    script: int = 2  # edit-script format (window.SCRIPT_FORMAT); folders without it: 1
    cues: bool = False  # the input carries the packs' and glossary's candidate edits (cues.py)
    cue_advice: bool = True  # … their advice too, not only their edits


def read_pairs(path: Path) -> list[Pair]:
    """Pairs from TSV (input, target[, …], header optional) or JSONL ({mt|input|source,
    pe|postedit|target|corrected}). Bad lines are an error naming the file and line."""
    pairs: list[Pair] = []
    if not path.is_file():
        raise InputError("pairs file not found", str(path))
    with path.open(encoding="utf-8") as f:
        if path.suffix == ".jsonl":
            for n, rec in json_lines(f, path):
                src = _first(rec, ("mt", "input", "source"))
                tgt = _first(rec, ("pe", "postedit", "target", "corrected"))
                if src is None or tgt is None:
                    raise InputError(f"line {n}: needs mt and pe (or input and target)", str(path))
                pairs.append((src, tgt))
        else:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            for n, row in enumerate(reader, 1):
                if n == 1 and row and row[0].lower() in ("input", "mt", "source"):
                    continue
                if not row:
                    continue
                if len(row) < 2:
                    raise InputError(f"line {n}: expected input<TAB>target", str(path))
                pairs.append((row[0], row[1]))
    if not pairs:
        raise InputError("no pairs", str(path))
    return pairs


def read_kinds(path: Path) -> list[str]:
    """The kind of each pair of ``read_pairs(path)`` (the third TSV column that ``retrans
    model synth`` writes: *typography*, *rules+glossary*…; "" where there is none)."""
    if path.suffix == ".jsonl":
        return [""] * len(read_pairs(path))
    kinds: list[str] = []
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for n, row in enumerate(reader, 1):
            if (n == 1 and row and row[0].lower() in ("input", "mt", "source")) or not row:
                continue
            kinds.append(row[2] if len(row) > 2 else "")
    return kinds


def oversampled(pairs: list[Pair], kinds: list[str], times: dict[str, int]) -> list[Pair]:
    """Each pair as many times as its kind says (a mixture *rules+typography* takes the
    largest of its parts'; other kinds once). Repeats are windowed again, so each gets its
    own jittered context. Why: a kind of ~1 % of the windows (typography) was never written
    by the model; see docs/MODEL.md, session 6."""
    out: list[Pair] = []
    for p, kind in zip(pairs, kinds, strict=True):
        out.extend([p] * max([times.get(k, 1) for k in kind.split("+")] + [1]))
    return out


def _first(rec: Any, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = rec.get(k) if isinstance(rec, dict) else None
        if isinstance(v, str):
            return v
    return None


def train_tokenizer(
    texts: list[str],
    out: Path,
    vocab: int,
    seed: int,
    byte_fallback: bool = True,
    pieces: str = "unigram",
) -> None:
    """A unigram sentencepiece model with T5's ids (pad 0, eos 1, unk 2), identity
    normalisation (text bytes round-trip) and byte fallback (no character is unknown)."""
    import io

    import sentencepiece as spm

    sample = list(texts)
    random.Random(seed).shuffle(sample)
    spm.set_random_generator_seed(seed)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sample[:200_000]),
        model_writer=model,
        vocab_size=vocab,
        model_type=pieces,
        normalization_rule_name="identity",
        byte_fallback=byte_fallback,
        character_coverage=0.9995,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        num_threads=2,
        minloglevel=2,
        hard_vocab_limit=False,  # small corpora (a test's) get a smaller vocabulary
    )
    (out / "spiece.model").write_bytes(model.getvalue())


def init_dir(init: str) -> Path:
    """The model folder ``--init`` names (``default``: the shipped one), checked before any
    work: it must hold a config, weights and the sentencepiece vocabulary it was trained with."""
    from retrans.corrector import default_model

    path = default_model() if init == "default" else Path(init)
    if path is None:
        raise InputError("--init: no default model is shipped; give a model folder", init)
    if not (path / "config.json").is_file():
        raise InputError("--init: not a model folder (no config.json)", str(path))
    if not (path / "spiece.model").is_file():
        raise InputError("--init: no spiece.model (a folder retrans model train wrote)", str(path))
    return path


def spec_from_init(spec: TrainSpec, path: Path) -> TrainSpec:
    """``spec`` with the architecture of the model in ``path`` (its ``config.json``): what
    the weights fix cannot be chosen again; the training options stay the caller's."""
    from dataclasses import replace

    try:
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"--init: unreadable config.json: {exc}", str(path)) from None
    kind = cfg.get("model_type")
    arch: dict[str, Any]
    if kind == "t5":
        arch = dict(
            d_model=cfg["d_model"],
            d_ff=cfg["d_ff"],
            layers=cfg["num_layers"],
            decoder_layers=cfg.get("num_decoder_layers", cfg["num_layers"]),
            heads=cfg["num_heads"],
            arch="t5",
        )
    elif kind == "marian":
        arch = dict(
            d_model=cfg["d_model"],
            d_ff=cfg["encoder_ffn_dim"],
            layers=cfg["encoder_layers"],
            decoder_layers=cfg["decoder_layers"],
            heads=cfg["encoder_attention_heads"],
            arch="marian",
        )
    else:
        raise InputError(f"--init: a T5 or Marian model is needed, not {kind!r}", str(path))
    old = _meta(path).get("spec", {})
    vocab = {k: old[k] for k in ("pieces", "byte_fallback", "max_len") if k in old}
    if spec.cues:  # a window and its cues: a scrambled list and its fix are ~70 pieces
        vocab["max_len"] = max(int(vocab.get("max_len", spec.max_len)), 128)
    return replace(spec, vocab=int(cfg["vocab_size"]), **arch, **vocab)


def _meta(path: Path) -> dict[str, Any]:
    meta_path = path / "retrans.json"
    if not meta_path.is_file():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return meta if isinstance(meta, dict) else {}


def load_init(path: Path) -> Any:
    """The weights to continue from, in float32 (shipped folders hold float16)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    try:
        return AutoModelForSeq2SeqLM.from_pretrained(
            str(path), local_files_only=True, dtype=torch.float32
        )
    except (OSError, ValueError) as exc:
        msg = f"--init: cannot load the model: {exc}".splitlines()[0]
        raise InputError(msg, str(path)) from None


def build_model(spec: TrainSpec, vocab_size: int) -> Any:
    if spec.arch == "marian":
        return _marian(spec, vocab_size)
    from transformers import T5Config, T5ForConditionalGeneration

    cfg = T5Config(  # type: ignore[call-arg,unused-ignore]
        vocab_size=vocab_size,
        d_model=spec.d_model,
        d_ff=spec.d_ff,
        d_kv=spec.d_model // spec.heads,
        num_layers=spec.layers,
        num_decoder_layers=spec.decoder_layers,
        num_heads=spec.heads,
        dropout_rate=spec.dropout,
        feed_forward_proj="relu",
        tie_word_embeddings=True,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    return T5ForConditionalGeneration(cfg)


def _marian(spec: TrainSpec, vocab_size: int) -> Any:
    """A Marian-style transformer: fixed sinusoidal positions on both sides, so from the first
    step output position i can find input position i (copying, most of a correction, is
    learnt in hundreds of steps, where T5's relative positions took thousands)."""
    from transformers import MarianConfig, MarianMTModel

    cfg = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=spec.d_model,
        encoder_ffn_dim=spec.d_ff,
        decoder_ffn_dim=spec.d_ff,
        encoder_layers=spec.layers,
        decoder_layers=spec.decoder_layers,
        encoder_attention_heads=spec.heads,
        decoder_attention_heads=spec.heads,
        dropout=spec.dropout,
        attention_dropout=0.0,
        activation_dropout=0.0,
        activation_function="gelu",
        max_position_embeddings=max(128, 2 * spec.max_len),
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=0,
        eos_token_id=1,
        forced_eos_token_id=1,
        decoder_start_token_id=0,
        bos_token_id=0,
    )
    return MarianMTModel(cfg)


def _batches(
    data: list[tuple[list[int], list[int]]], batch_tokens: int, rng: random.Random
) -> list[list[int]]:
    """Indices grouped by length (little padding), shuffled batch order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    out: list[list[int]] = []
    cur: list[int] = []
    width = 0
    for i in order:
        w = max(width, len(data[i][0]), len(data[i][1]))
        if cur and w * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, w = [], max(len(data[i][0]), len(data[i][1]))
        cur.append(i)
        width = w
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def _collate(data: list[tuple[list[int], list[int]]], idx: list[int]) -> tuple[Any, Any, Any]:
    import torch

    src = [data[i][0] for i in idx]
    tgt = [data[i][1] for i in idx]
    ls, lt = max(map(len, src)), max(map(len, tgt))
    x = torch.tensor([s + [0] * (ls - len(s)) for s in src])
    y = torch.tensor([t + [-100] * (lt - len(t)) for t in tgt])
    return x, (x != 0).long(), y


def _prepare(
    trainset: list[Pair],
    dev: list[Pair],
    out: Path,
    spec: TrainSpec,
    rng: random.Random,
    log: Callable[[str], None],
) -> tuple[Any, list[tuple[list[int], list[int]]], list[Pair]]:
    """The vocabulary (written to ``out``), the encoded training examples (windows and
    edit scripts as the spec says) and the probe's held-out (input, target) pairs."""
    import sentencepiece as spm

    if spec.init is not None:  # the init model's vocabulary, unchanged (its ids are the weights')
        src = init_dir(spec.init) / "spiece.model"
        if src.resolve() != (out / "spiece.model").resolve():
            shutil.copyfile(src, out / "spiece.model")
    else:
        train_tokenizer(
            [t for p in trainset for t in p]
            + ([ARROW_TEXT] * 100 if spec.target == "edits" else [])
            + ([GLUE_TEXT] * 100 if spec.target == "edits" and spec.script >= 2 else []),
            out,
            spec.vocab,
            spec.seed,
            spec.byte_fallback,
            spec.pieces,
        )
    sp = spm.SentencePieceProcessor(model_file=str(out / "spiece.model"))
    enc = lambda s: [*sp.encode(s)[: spec.max_len - 1], 1]  # noqa: E731
    if spec.window > 0:
        trainset = to_windows(trainset, spec.window, rng)
        log(f"windows: {len(trainset)} (±{spec.window} words around each change)")
    data = [(enc(a), enc(b)) for a, b in cued(targets(trainset, spec), spec, log)]
    probe = cued(targets(_probe(dev, spec), spec), spec)
    return sp, data, probe


def cued(
    pairs: list[Pair], spec: TrainSpec, log: Callable[[str], None] | None = None
) -> list[Pair]:
    """(input, target) pairs with the cues after each input, for a model trained with them."""
    if not spec.cues:
        return pairs
    from retrans.corrector.cues import with_cues

    out = [(with_cues(a, spec.script, advice=spec.cue_advice), b) for a, b in pairs]
    if log is not None:
        log(
            f"cues: {sum(a != c for (a, _), (c, _) in zip(pairs, out, strict=True))} windows hold some"
        )
    return out


def train(
    pairs: list[Pair],
    out: Path,
    spec: TrainSpec,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr, flush=True),
    kinds: list[str] | None = None,
) -> dict[str, Any]:
    """Train, save to ``out`` (checkpoints as it goes), calibrate the gate; return figures.
    ``kinds`` (one per pair) lets ``spec.oversample`` repeat the training pairs of a kind;
    the calibration split is drawn before, so it holds each pair once."""
    if spec.oversample and (kinds is None or len(kinds) != len(pairs) or not any(kinds)):
        raise InputError("--oversample needs the pairs' kinds (the third column of model synth)")
    try:
        import sentencepiece  # noqa: F401
        import torch
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise InputError(
            f"training needs the model extra ({exc.name} missing): pip install 'retrans[model]'"
        ) from None

    hf_logging.disable_progress_bar()
    torch.manual_seed(spec.seed)
    torch.set_num_threads(spec.threads)
    rng = random.Random(spec.seed)
    init = init_dir(spec.init) if spec.init is not None else None
    if init is not None:
        spec = spec_from_init(spec, init)
        model = load_init(init)  # before anything is written: ``out`` may be ``init`` itself
        log(f"init: {init} (step {_meta(init).get('figures', {}).get('step', '?')} there)")
    out.mkdir(parents=True, exist_ok=True)
    dev = [p for p in pairs if zlib.crc32(p[0].encode()) % spec.dev_every == 0]
    trainset = [p for p in pairs if zlib.crc32(p[0].encode()) % spec.dev_every != 0]
    if spec.oversample and kinds is not None:
        held = [zlib.crc32(p[0].encode()) % spec.dev_every == 0 for p in pairs]
        trainset = oversampled(
            trainset, [k for k, h in zip(kinds, held, strict=True) if not h], spec.oversample
        )
        log(f"oversampled {spec.oversample}: {len(trainset)} training pairs")
    log(f"pairs: {len(trainset)} train, {len(dev)} calibration")
    sp, data, probe = _prepare(trainset, dev, out, spec, rng, log)
    if init is None:
        model = build_model(spec, sp.get_piece_size())
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model: {n_params / 1e6:.2f} M parameters, vocab {sp.get_piece_size()}")
    opt = torch.optim.AdamW(model.parameters(), lr=spec.lr, weight_decay=0.01)

    def lr_at(step: int) -> float:
        warm = min(1.0, (step + 1) / spec.warmup)
        decay = 0.5 * (1 + math.cos(math.pi * min(1.0, step / max(1, spec.steps))))
        return spec.lr * warm * max(0.05, decay)

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    model.train()
    t0 = time.monotonic()
    step, epoch, ema = 0, 0, None
    done = False
    while not done:
        for idx in _batches(data, spec.batch_tokens, rng):
            x, mask, y = (t.to(device) for t in _collate(data, idx))
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            with torch.autocast(device, dtype=torch.bfloat16, enabled=spec.bf16):
                loss = model(input_ids=x, attention_mask=mask, labels=y).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
            elapsed = time.monotonic() - t0
            if step % 50 == 0 or step == 1:
                eta = elapsed / step * (spec.steps - step)
                log(
                    f"step {step}/{spec.steps} epoch {epoch} loss {ema:.3f} "
                    f"lr {lr_at(step):.2e} {elapsed / 60:.1f} min, eta {eta / 60:.1f} min"
                )
            if probe and step % spec.check_every == 0:
                log(f"step {step}: {_progress(model, sp, probe, device)}")
                model.train()
            if step % spec.save_every == 0:
                _save(model, out, spec, {"step": step, "loss": ema})
            over = spec.max_minutes is not None and elapsed > spec.max_minutes * 60
            over = over or (spec.stop_after is not None and step >= spec.stop_after)
            if step >= spec.steps or over:
                done = True
                break
        epoch += 1
    figures: dict[str, Any] = {"step": step, "loss": ema, "minutes": (time.monotonic() - t0) / 60}
    if probe:
        figures["probe"] = _progress(model, sp, probe, device)
        log(f"final: {figures['probe']}")
    model.to("cpu").to(torch.float16)  # half the bytes; loads back as float32
    _save(model, out, spec, figures)
    log("calibrating the gate's margin on held-out pairs")
    figures["calibration"] = calibrate(out, dev[:400], criterion=spec.criterion)
    _save_meta(out, spec, figures)
    log(f"saved to {out}")
    if spec.cues:
        log(
            "cued model: it takes no cue until its cue margin is set on real MT: retrans model "
            f"calibrate --pairs PAIRS --model {out} --cues-from FILE (MLQE-PE, WMT, pairs)"
        )
    return figures


def to_windows(pairs: list[Pair], k: int, rng: random.Random) -> list[Pair]:
    """Window pairs (``window.training_windows``) of sentence pairs; changed pairs also give
    one window of their clean side to copy, since most windows the model sees need none."""
    from retrans.corrector.window import training_windows

    out: list[Pair] = []
    for a, b in pairs:
        out.extend(training_windows(a, b, rng, k))
        if a != b and rng.random() < 0.3:
            out.extend(training_windows(b, b, rng, k))
    return out


def targets(pairs: list[Pair], spec: TrainSpec) -> list[Pair]:
    """(input, what the model writes): the corrected text, or its edit script."""
    if spec.target != "edits":
        return pairs
    from retrans.corrector.window import to_script

    return [(a, to_script(a, b, spec.script)) for a, b in pairs]


def _probe(dev: list[Pair], spec: TrainSpec) -> list[Pair]:
    """Held-out windows for progress checks: up to 150 needing a change, 50 to copy."""
    if not dev:
        return []
    wins = to_windows(dev, spec.window, random.Random(spec.seed)) if spec.window else dev
    fix = [p for p in wins if p[0] != p[1]][:150]
    return fix + [p for p in wins if p[0] == p[1]][:50]


def _progress(model: Any, sp: Any, probe: list[Pair], device: str) -> str:
    """Exact-match rates of greedy rewrites of the probe windows: fixed and copied."""
    import torch

    model.eval()
    outs: list[str] = []
    with torch.inference_mode():
        for b in range(0, len(probe), 50):
            rows = [[*sp.encode(a)[:127], 1] for a, _ in probe[b : b + 50]]
            width = max(map(len, rows))
            x = torch.tensor([r + [0] * (width - len(r)) for r in rows], device=device)
            gen = model.generate(
                input_ids=x, attention_mask=(x != 0).long(), max_new_tokens=int(width * 1.5) + 8
            )
            for row in gen.tolist():
                ids = [i for i in row if i != 0]
                outs.append(sp.decode(ids[: ids.index(1)] if 1 in ids else ids))
    fix = [(o, b) for o, (a, b) in zip(outs, probe, strict=True) if a != b and b]
    cop = [(o, b) for o, (a, b) in zip(outs, probe, strict=True) if a == b or not b]
    pct = lambda rows: 100 * sum(o == b for o, b in rows) / max(1, len(rows))  # noqa: E731
    return f"probe fixed {pct(fix):.1f} % of {len(fix)}, copied {pct(cop):.1f} % of {len(cop)}"


def _save(model: Any, out: Path, spec: TrainSpec, figures: dict[str, Any]) -> None:
    model.save_pretrained(str(out), safe_serialization=True)
    _save_meta(out, spec, figures)


def _save_meta(out: Path, spec: TrainSpec, figures: dict[str, Any]) -> None:
    from retrans.paths import atomic_write

    meta_path = out / "retrans.json"
    meta: dict[str, Any] = {}
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({"spec": asdict(spec), "figures": figures})
    cal = figures.get("calibration")
    if isinstance(cal, dict) and "margin" in cal:
        meta["margin"] = cal["margin"]
    atomic_write(meta_path, (json.dumps(meta, indent=1) + "\n").encode("utf-8"))


def recalibrate(
    model_dir: Path,
    pairs: list[Pair],
    criterion: str = "ter",
    cue_rows: list[Pair] | None = None,
) -> dict[str, Any]:
    """Calibrate a trained model's margin again on the held-out pairs of ``pairs`` (the same
    split as training's), e.g. after the gate's scoring changed; updates ``retrans.json``.
    With ``cue_rows`` (real MT, human version) a cued model's cue margin is set first
    (``cues.calibrate_cues``), then the margin with the cues it lets through."""
    from retrans.paths import atomic_write

    meta = json.loads((model_dir / "retrans.json").read_text(encoding="utf-8"))
    if cue_rows is not None:
        from retrans.corrector.cues import calibrate_cues
        from retrans.corrector.infer import Corrector

        cor = Corrector.load(model_dir)
        if not cor.cued:
            raise InputError("--cues-from: the model was not trained with --cues", str(model_dir))
        cal_cues = calibrate_cues(cor, cue_rows)
        meta["cue_margin"] = cal_cues["cue_margin"]
        meta.setdefault("figures", {})["cue_calibration"] = cal_cues
        atomic_write(
            model_dir / "retrans.json", (json.dumps(meta, indent=1) + "\n").encode("utf-8")
        )
    every = int(meta.get("spec", {}).get("dev_every", 50))
    dev = [p for p in pairs if zlib.crc32(p[0].encode()) % every == 0]
    cal = calibrate(model_dir, dev[:400], criterion=criterion)
    meta["margin"] = cal["margin"]
    meta.setdefault("figures", {})["calibration"] = cal
    atomic_write(model_dir / "retrans.json", (json.dumps(meta, indent=1) + "\n").encode("utf-8"))
    return cal


def margin_at(
    rows: list[tuple[float, bool]], precision: float, min_n: int = 1
) -> tuple[float, int]:
    """(margin, rows kept): the lowest preference at which the rows (preference, right),
    sorted highest first, at or above it are right at least ``precision`` of the time, with
    at least ``min_n`` of them; where none is, a margin above every row (nothing passes)."""
    margin, kept = max((g for g, _ in rows), default=1.0) + 1e-6, 0
    right = 0
    for n, (g, ok) in enumerate(rows, 1):
        right += ok
        if right / n >= precision and n >= min_n:
            margin, kept = g, n
    return margin, kept


def calibrate(
    model_dir: Path, dev: list[Pair], precision: float = 0.9, criterion: str = "ter"
) -> dict[str, Any]:
    """The smallest margin (mean log-prob of the rewrite minus that of the input) at which
    the model's rewrites of held-out pairs are right at least ``precision`` of the time.
    Identity pairs count too: any rewrite of a sentence that needed none is wrong. Right:
    the rewrite is the target (``exact``), or it is no further from the target than the
    input by TER (``ter``: a rewrite that fixes one of two errors counts). A cued model's
    rewrite made of cues alone does not count: the gate judges the model's own edits by this
    margin, and the cues that stood by theirs (``gate.judge_over``); a glossary cue taken at
    its own lower margin would otherwise set this one (session 16: 0.67 → 0.42)."""
    from retrans.corrector.infer import Corrector

    if not dev:
        return {"margin": 1.0, "n": 0}
    cor = Corrector.load(model_dir)
    outs, gains, own = [], [], []
    for (a, _b), (o, g, base) in zip(dev, cor.rewrite_cued([a for a, _ in dev]), strict=True):
        outs.append(o)
        gains.append(g)
        own.append(base == a or o != base)
    if criterion == "ter":
        from sacrebleu.metrics import TER

        ter = TER()
        score = lambda x, ref: ter.sentence_score(x, [ref]).score  # noqa: E731
        is_right = lambda a, b, o: score(o, b) <= score(a, b)  # noqa: E731
    else:
        is_right = lambda a, b, o: o == b  # noqa: E731
    rows = sorted(
        (
            (g, is_right(a, b, o))
            for (a, b), o, g, mine in zip(dev, outs, gains, own, strict=True)
            if o != a and mine
        ),
        reverse=True,
    )
    margin, best_n = margin_at(rows, precision)
    exact = sum(o == b for (_a, b), o in zip(dev, outs, strict=True))
    return {
        "margin": round(max(float(margin), 0.05), 4),
        "n": len(dev),
        "rewrites": len(rows),
        "kept_at_margin": best_n,
        "exact": exact,
        "criterion": criterion,
    }
