"""``check`` and ``detect`` on the same evidence.

The pipeline's ``detect`` pass runs before the rule packs (their source gate needs its
guess), so it sees the glossary's name forms but not the packs' calques and typography.
``retrans detect`` scores the text with every final finding.  After the last pass,
:func:`recheck` scores again with the final findings, only when they carry evidence the
first score did not see, so that the reported ``MT101`` (probability, source, reasons) is the
one ``detect`` gives.  The packs' gate keeps the first guess: which edits ``fix`` makes does
not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from retrans.detect.features import finding_evidence

_BIG = 1 << 62


def evidence_key(findings: Sequence[Any] | None) -> list[tuple[Any, ...]]:
    """What the detector takes from ``findings`` (kind, languages, span, weight), in order."""
    return [
        (e.kind, e.langs, e.start, e.end, e.weight)
        for e in finding_evidence([f for f in findings or () if f.code != "MT101"], 0, _BIG)
    ]


def recheck(
    text: str,
    detection: Any,
    seen: Sequence[Any] | None,
    final: Sequence[Any],
    score: Callable[..., Any] | None = None,
) -> Any:
    """The detection of ``text`` on the ``final`` findings (``MT101`` left out).

    ``detection`` was computed on ``seen``; it is returned as it is when ``final`` carries the
    same evidence (the common case: no rule-pack hit), so the second score costs nothing then.
    """
    if evidence_key(seen) == evidence_key(final):
        return detection
    if score is None:
        from retrans.detect.model import detect

        score = detect
    return score(text, findings=[f for f in final if f.code != "MT101"])
