"""Machine-translation detection: is this text machine-translated, from which language, why.

Public API (stdlib only at run time; numpy is needed only to train and evaluate)::

    from retrans.detect import detect
    det = detect(text, findings=None, sentences=False, threshold=None)
    det.probability      # calibrated P(machine-translated)
    det.is_mt            # probability >= det.threshold (calibrated default, or the override)
    det.source_lang      # fr de es it ru uk ja zh, or None when the evidence is not specific
    det.source_prob, det.source_probs, det.reasons, det.text_lang, det.sentences
    det.to_dict()        # JSON-ready

``findings`` are the engine's findings for ``text`` (duck-typed: ``code``, ``start``, ``end``,
``meta["lang"]`` on GL101 name forms, ``meta["pack_source"]`` on rule-pack findings): they
add interference evidence.
"""

from __future__ import annotations

from retrans.detect.features import Evidence
from retrans.detect.model import Detection, Model, SentenceScore, detect, load_model

__all__ = ["Detection", "Evidence", "Model", "SentenceScore", "detect", "load_model"]
