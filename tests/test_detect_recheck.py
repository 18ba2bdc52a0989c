"""`check` reports MT101 on the same evidence as `detect` (issue 13), without changing `fix`."""

from __future__ import annotations

from retrans.config import Config
from retrans.detect import detect
from retrans.document import Document
from retrans.pipeline import Pipeline

# Own sentences: a French name form names the source, then the French packs find calques
# and a decimal comma that the detector's own patterns do not know.
TEXT = (
    "While the talks remain difficult between Paris and Moscow, the place is still for "
    "dialogue: Sergueï Lavrov and his guest will talk to each other on Monday. The Westerners "
    "want a quick agreement, and the ministry said that 2,5 million people had left the area.\n"
)


def _check(text: str, config: Config | None = None) -> tuple[list, object]:
    return Pipeline(config).check(Document(text=text))


def test_check_reports_the_detect_probability() -> None:
    findings, ctx = _check(TEXT)
    mt = [f for f in findings if f.code == "MT101"]
    same = detect(TEXT, [f for f in findings if f.code != "MT101"])
    assert mt and mt[0].confidence == same.probability
    assert mt[0].meta["source_lang"] == same.source_lang == "fr"
    assert ctx.detection.probability == same.probability
    # the rule packs added evidence the detect pass could not see
    first = detect(TEXT, ctx.detected_on)
    assert same.probability > first.probability


def test_no_pack_evidence_scores_once() -> None:
    plain = "The council met on Tuesday and approved the budget for the new library.\n"
    findings, ctx = _check(plain)
    assert ctx.detection is not None and ctx.detected_on is not None
    assert not [f for f in findings if f.code == "MT101"]


def test_disabled_mt101_stays_hidden() -> None:
    findings, _ = _check(TEXT, Config(disable={"MT101"}))
    assert not [f for f in findings if f.code == "MT101"]


def test_fix_keeps_the_first_guess() -> None:
    pipe = Pipeline()
    new, edits = pipe.fix(Document(text=TEXT))
    assert edits and new != TEXT
    findings, _ = pipe.check(Document(text=TEXT))
    applied = {(f.start, f.end, f.replacement) for f in edits}
    assert applied <= {(f.start, f.end, f.replacement) for f in findings}
