"""Load a local seq2seq folder (T5, Marian, BART…) and rewrite sentences in batches.

Only local folders: ``local_files_only=True``, never a hub name. ``gain`` scores a rewrite
against the unchanged sentence with the model itself (mean token log-prob), the gate's
"does the model really prefer it" test.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrans.errors import ConfigError

if TYPE_CHECKING:
    from retrans.corrector.cues import Cue, CueAsk

DEFAULT_MARGIN = 0.5  # used when a model folder carries no calibration
INF = float("inf")


class Corrector:
    def __init__(self, model: Any, tokenizer: Any, path: Path, meta: dict[str, Any]) -> None:
        self.model = model
        self.tok = tokenizer
        self.path = path
        self.meta = meta
        self.margin = float(meta.get("margin", DEFAULT_MARGIN))
        self.batch_size = 16
        self.max_len = 128

    @classmethod
    def load(cls, path: Path, threads: int | None = None) -> Corrector:
        if not (path / "config.json").is_file():
            raise ConfigError("not a model folder (no config.json)", str(path))
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError:  # pragma: no cover - depends on the install
            raise ConfigError(
                "the model pass needs the model extra: pip install 'retrans[model]'", str(path)
            ) from None
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        if threads:
            torch.set_num_threads(threads)
        try:
            if (path / "retrans.json").is_file() and (path / "spiece.model").is_file():
                tok: Any = SpmTokenizer(path / "spiece.model")  # ids exactly as in training
            else:
                tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(path), local_files_only=True, dtype=torch.float32
            )
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load the model: {exc}".splitlines()[0], str(path)) from None
        model.eval()
        meta_path = path / "retrans.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        return cls(model, tok, path, meta)

    def _encode(self, texts: list[str]) -> Any:
        return self.tok(
            texts, return_tensors="pt", padding=True, truncation=True, max_length=self.max_len
        )

    def generate(self, sentences: list[str], beams: int = 1) -> list[str]:
        """The model's rewrite of each sentence (greedy by default), in batches by length."""
        import torch

        out: list[str] = [""] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self._encode([sentences[i] for i in idx])
                n_in = int(enc["input_ids"].shape[1])
                gen = self.model.generate(
                    **enc,
                    num_beams=beams,
                    do_sample=False,
                    max_new_tokens=min(self.max_len, int(n_in * 1.5) + 8),
                )
                texts = self.tok.batch_decode(gen, skip_special_tokens=True)
                for i, t in zip(idx, texts, strict=True):
                    out[i] = t.strip()
        return out

    @property
    def window(self) -> int:
        """Context words each side the model was trained on (0: whole sentences)."""
        return int(self.meta.get("spec", {}).get("window", 0) or 0)

    @property
    def cued(self) -> bool:
        """Whether the model was trained to read cues after its window (``cues.py``)."""
        return bool(self.meta.get("spec", {}).get("cues")) and self.window > 0

    @property
    def cue_margins(self) -> dict[str, float]:
        """The preference a cue needs, per kind (``cues.KINDS``: the packs' edits, the
        glossary's, the packs' advice), calibrated on real MT (``cues.calibrate_cues``);
        infinite where not calibrated, or where no margin there was right often enough:
        advice is then not even shown to the model. A calibration without a glossary margin
        (session 15's) gives the glossary the edits'; a single number (session 14's) is the
        margin of all."""
        from retrans.corrector.cues import KINDS

        m = self.meta.get("cue_margin")
        if isinstance(m, dict):
            m = {"glossary": m.get("edit"), **m}
            return {k: INF if m.get(k) is None else float(m[k]) for k in KINDS}
        return dict.fromkeys(KINDS, INF if m is None else float(m))

    @property
    def script_format(self) -> int:
        """The edit-script format the model was trained on (``window.from_script``): a folder
        that does not say (trained before session 7) writes format 1."""
        return int(self.meta.get("spec", {}).get("script", 1) or 1)

    def rewrite(
        self,
        sentences: list[str],
        focus: list[list[tuple[int, int]] | None] | None = None,
        cue_from: CueAsk | None = None,
    ) -> list[tuple[str, float]]:
        """(rewrite, preference) per sentence. A model trained on windows rewrites windows
        (around the ``focus`` spans of a sentence, or sliding over it where that is None)
        and the sentence's rewrite is their merge; its preference is the smallest of its
        changed windows' (every window's edit must be one the model really prefers).
        ``cue_from``: the packs and settings a cued model's cues come from (``cues.CueAsk``:
        the text's given or guessed source under the user's settings; None: every source's,
        a sentence alone)."""
        return [(new, g) for new, g, _base in self.rewrite_cued(sentences, focus, cue_from)]

    def rewrite_cued(
        self,
        sentences: list[str],
        focus: list[list[tuple[int, int]] | None] | None = None,
        cue_from: CueAsk | None = None,
    ) -> list[tuple[str, float, str]]:
        """``rewrite``'s (rewrite, preference) and, third, the sentence with only the cues
        that stood applied (the sentence itself where none did): the gate judges the
        model's own edits from there (``gate.judge_over``)."""
        k = self.window
        if k <= 0:
            outs = self.generate(sentences)
            gains = self.gain(sentences, outs)
            return [(o, g, s) for o, g, s in zip(outs, gains, sentences, strict=True)]
        from retrans.corrector.window import from_script, merge, plan

        foci = focus if focus is not None else [None] * len(sentences)
        plans = [plan(s, f, k) for s, f in zip(sentences, foci, strict=True)]
        ask = (cue_from, self.cue_margins["advice"] < INF)  # the cues the model is shown
        if self.cued:
            plans = [_cue_windows(s, p, k, *ask) for s, p in zip(sentences, plans, strict=True)]
        texts = list(
            dict.fromkeys(
                s[w.start : w.end] for s, p in zip(sentences, plans, strict=True) for w in p
            )
        )
        scripts = self.meta.get("spec", {}).get("target") == "edits"
        outs = self.generate(texts)
        stood: list[str | None] = [None] * len(texts)
        if scripts:
            gains = self.gain(texts, outs, scripts=True)
            if self.cued:
                keep = _sentence_cues(sentences, plans, *ask)
                outs, gains, stood = self._cued(texts, outs, gains, keep)
            fmt = self.script_format
            outs = [from_script(t, o, fmt) for t, o in zip(texts, outs, strict=True)]
            stood = [
                None if c is None else from_script(t, c, fmt)
                for t, c in zip(texts, stood, strict=True)
            ]
        else:
            gains = self.gain(texts, outs)
        done = dict(zip(texts, zip(outs, gains, stood, strict=True), strict=True))
        result = []
        for s, p in zip(sentences, plans, strict=True):
            pieces = [done[s[w.start : w.end]] for w in p]
            rewrites = [o for o, _g, _c in pieces]
            gains = [g for w, (o, g, _c) in zip(p, pieces, strict=True) if o != s[w.start : w.end]]
            if any(c is not None for _o, _g, c in pieces):
                # the cues that stood, each whole (a window owns only the edits that start in
                # its middle, and a sliding window can hold a cue from its context: a list's
                # edits were lost there, session 16), then each window's own edits
                cue_only = [
                    s[w.start : w.end] if c is None else c
                    for w, (_o, _g, c) in zip(p, pieces, strict=True)
                ]
                base = merge(s, p, cue_only, [True] * len(p))
                new = merge(s, p + p, cue_only + rewrites, [True] * len(p) + [False] * len(p))
            else:
                new, base = merge(s, p, rewrites), s
            result.append((new, min(gains) if new != s and gains else 0.0, base))
        return result

    def _cued(
        self,
        texts: list[str],
        outs: list[str],
        gains: list[float],
        keep: dict[str, set[Cue]],
    ) -> tuple[list[str], list[float], list[str | None]]:
        """A cued model decides the cues, it does not write them: each window's cues,
        written as the script they make, are scored against the empty script with the cues
        in the input (as ``gain`` does), and stand where the model prefers them by the
        margin of their kind (``cue_margins``). The model's own output of the bare window
        (always of the bare window: on a cued input a small model's greedy decoding learnt
        nothing useful in 3,000 CPU steps, *, ⇒ .* on human text, session 14) is kept beside
        them where it edits elsewhere and passes the gate's margin (*Poutine und* → *Putin
        and*), else the likelier of the two stands. ``keep``: the cues each window shows.
        Third: the script of the cues that stood per window (None where none did)."""
        from retrans.corrector.cues import MARK, with_cues
        from retrans.corrector.window import from_script, to_script

        fmt, margins = self.script_format, self.cue_margins
        cued = [with_cues(t, fmt, keep.get(t, ())) for t in texts]
        idx = [i for i, a in enumerate(cued) if MARK in a]
        stood: list[str | None] = [None] * len(texts)
        if not idx:
            return outs, gains, stood
        cands = [cued[i].split(MARK, 1)[1] for i in idx]
        cg = self.gain([cued[i] for i in idx], cands, scripts=True)
        outs, gains = list(outs), list(gains)
        for i, c, g in zip(idx, cands, cg, strict=True):
            t = texts[i]
            mine = from_script(t, outs[i], fmt)
            own = gains[i] if mine != t else 0.0
            if g < _need(margins, keep.get(t, ())) or g <= 0.0:
                continue
            both = _beside(t, from_script(t, c, fmt), mine) if own >= self.margin else None
            if both is not None:
                outs[i], gains[i], stood[i] = to_script(t, both, fmt), min(g, own), c
            elif g > own:
                outs[i], gains[i], stood[i] = c, g, c
        return outs, gains, stood

    def logprob(self, inputs: list[str], outputs: list[str]) -> list[float]:
        """Mean log-probability per target token of each output given its input."""
        import torch

        scores: list[float] = []
        with torch.inference_mode():
            for b in range(0, len(inputs), self.batch_size):
                enc = self._encode(inputs[b : b + self.batch_size])
                lab = self.tok(
                    text_target=outputs[b : b + self.batch_size],
                    return_tensors="pt",
                    padding=True,
                    truncation=True,
                    max_length=self.max_len,
                )["input_ids"]
                mask = lab != self.tok.pad_token_id
                labels = lab.masked_fill(~mask, -100)
                logits = self.model(**enc, labels=labels).logits
                lp = torch.log_softmax(logits.float(), dim=-1)
                tok_lp = lp.gather(-1, lab.unsqueeze(-1)).squeeze(-1) * mask
                scores.extend((tok_lp.sum(-1) / mask.sum(-1).clamp(min=1)).tolist())
        return scores

    def gain(self, inputs: list[str], outputs: list[str], scripts: bool = False) -> list[float]:
        """How much more the model likes each rewrite than the unchanged input (0 if same).
        With ``scripts`` the outputs are edit scripts and "unchanged" is the empty script (mean
        token log-probs: on held-out pairs this ranked right rewrites better than the
        log-odds of whole outputs, 30 against 14 of 64 kept at 90 % precision)."""
        if scripts:
            changed = [i for i, o in enumerate(outputs) if o]
        else:
            changed = [i for i, (a, o) in enumerate(zip(inputs, outputs, strict=True)) if a != o]
        gains = [0.0] * len(inputs)
        if not changed:
            return gains
        ins = [inputs[i] for i in changed]
        new = self.logprob(ins, [outputs[i] for i in changed])
        old = self.logprob(ins, [""] * len(ins) if scripts else ins)
        for i, n, o in zip(changed, new, old, strict=True):
            gains[i] = n - o
        return gains


class SpmTokenizer:
    """The few tokenizer calls the corrector makes, on the sentencepiece model it trained with
    (T5 ids: pad 0, eos 1), independent of how a transformers release converts tokenizers."""

    pad_token_id = 0
    eos_token_id = 1

    def __init__(self, model_file: Path) -> None:
        import sentencepiece as spm

        self.sp = spm.SentencePieceProcessor(model_file=str(model_file))

    def __call__(
        self,
        texts: list[str] | None = None,
        text_target: list[str] | None = None,
        max_length: int = 128,
        **_kw: Any,
    ) -> dict[str, Any]:
        import torch

        batch = text_target if text_target is not None else texts or []
        ids = [[*self.sp.encode(t)[: max_length - 1], 1] for t in batch]
        width = max(map(len, ids), default=1)
        input_ids = torch.tensor([i + [0] * (width - len(i)) for i in ids])
        return {"input_ids": input_ids, "attention_mask": (input_ids != 0).long()}

    def batch_decode(self, rows: Any, skip_special_tokens: bool = True) -> list[str]:
        out = []
        for row in rows.tolist():
            ids = [i for i in row if i != 0]
            if 1 in ids:
                ids = ids[: ids.index(1)]
            out.append(self.sp.decode(ids))
        return out


@lru_cache(maxsize=4)
def load_cached(path: str) -> Corrector:
    """One loaded model per folder and process (a pipeline checks many documents)."""
    return Corrector.load(Path(path), threads=2)


def _beside(text: str, cue: str, mine: str) -> str | None:
    """``text`` with the cue's edits and the model's own, where both edit and none of one
    overlaps one of the other; else None."""
    from retrans.corrector.align import align, apply_edits

    ours, theirs = align(text, mine), align(text, cue)
    if not ours or not theirs:
        return None
    if any(a.start <= b.end and b.start <= a.end for a in ours for b in theirs):
        return None
    return apply_edits(text, ours + theirs)


def _need(margins: dict[str, float], shown: Collection[Cue]) -> float:
    """The margin a window's cues need: the highest of the kinds it shows (a window with a
    pack's edit beside a glossary one needs the edits' margin)."""
    return max((margins[c[3]] for c in shown), default=INF)


def _cue_windows(
    sentence: str,
    windows: list[Any],
    k: int,
    cue_from: CueAsk | None = None,
    advice: bool = True,
) -> list[Any]:
    """``windows`` with, first, one around each cue of the sentence that no window holds
    whole (a scrambled list is longer than a sliding window's middle): a cued model can only
    make an edit whose cue it reads."""
    from retrans.corrector.cues import cues
    from retrans.corrector.window import Window, plan

    extra: list[Window] = []
    for s, e, _new, _kind in cues(sentence, cue_from, advice):
        if any(w.start <= s and e <= w.end for w in windows):
            continue
        extra.extend(w for w in plan(sentence, [(s, e)], k) if w not in extra)
    return extra + windows


def _sentence_cues(
    sentences: list[str],
    plans: list[list[Any]],
    cue_from: CueAsk | None = None,
    advice: bool = True,
) -> dict[str, set[Cue]]:
    """Per window text, the cues of its whole sentence that lie in it (window offsets)."""
    from retrans.corrector.cues import cues

    out: dict[str, set[Cue]] = {}
    for s, p in zip(sentences, plans, strict=True):
        found = cues(s, cue_from, advice)
        for w in p:
            out.setdefault(s[w.start : w.end], set()).update(
                (a - w.start, b - w.start, new, kind)
                for a, b, new, kind in found
                if w.start <= a and b <= w.end
            )
    return out
