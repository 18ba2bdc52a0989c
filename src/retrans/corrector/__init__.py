"""The seq2seq corrector: a small model that rewrites flagged sentences, behind a strict gate.

Nothing here imports torch or transformers at module import; ``infer`` and ``train`` load them
inside the functions that need them, so the base CLI starts as fast with the extra installed.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent / "default"


def available() -> bool:
    """True when the ``model`` extra (torch, transformers, sentencepiece) is importable."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in ("torch", "transformers", "sentencepiece"))


def default_model() -> Path | None:
    """The model shipped in the package, if one was good enough to ship."""
    return DEFAULT_DIR if (DEFAULT_DIR / "config.json").is_file() else None
