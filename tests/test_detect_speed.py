"""The detector's fast paths compute exactly what their plain statements compute: the inlined
token loop against the one-call-per-word reference, the windowed pattern search against a
whole-text ``finditer``. Equality, not closeness: the model's inputs must not move."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from retrans.detect.features import extract, pattern_evidence, scan, scan_reference
from retrans.detect.lexicon import lexicon, patterns
from retrans.detect.model import load_model
from retrans.detect.ngrams import ngram_keys, score, score_tokens

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_doc  # noqa: E402

# Our own sentences: foreign words, other scripts, titles, quotes, numbers, odd spacing.
CRAFTED = [
    "",
    "   ",
    "Mr. Dupont said «bonjour» to the mayor of Пекин on 3,5 million votes — it's done.",
    "The ministre des affaires étrangères left ; the Bundeskanzler stayed. de Gaulle spoke.",
    "NATO's head and the U.S. envoy met in Kyiv. Київ, Москва и Пекин: 北京 and 東京 too!",
    "Don't go. She'd said the Westerners' plan was «very» good... Really? Yes!",
    "a" * 60 + " " + "Zürich-Genève-Lausanne " * 5,
    "Mr. ½ cup, Ⅻ chapters, ٣ items, x² and ǅ; “Dr.” (Mr.) 3.5. The of the of the.",
]


def _texts() -> list[str]:
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    texts += [make_doc(rng) for _ in range(40)]
    texts.append(" ".join(texts[-10:]).replace("\n", " "))  # one long line
    return texts + CRAFTED


@pytest.mark.parametrize("i", range(len(_texts())))
def test_fast_scan_equals_reference(i: int) -> None:
    text = _texts()[i]
    assert scan(text, lexicon()) == scan_reference(text, lexicon())


def _pattern_evidence_everywhere(text: str) -> list[tuple[str, str, int, int]]:
    """Every curated pattern's ``finditer`` over the whole text: no triggers, no windows."""
    out = []
    for cp in patterns():
        out.extend(
            (cp.pattern.kind, m.group().strip(), m.start(), m.end())
            for m in cp.regex.finditer(text)
        )
    return out


@pytest.mark.parametrize("i", range(len(_texts())))
def test_windowed_patterns_equal_whole_text_search(i: int) -> None:
    text = _texts()[i] + " In 2019 year, the 3 March, since two weeks, 3,5 percent ; ok ? "
    fast = [(e.kind, e.text, e.start, e.end) for e in pattern_evidence(text)]
    assert fast == _pattern_evidence_everywhere(text)


@pytest.mark.parametrize("i", range(len(_texts())))
def test_rhythm_score_equals_reference(i: int) -> None:
    model = load_model()
    table = model.ngrams.get("rhythm", {})
    rhythm = extract(_texts()[i]).rhythm
    assert score_tokens(table, rhythm) == score(table, ngram_keys(rhythm))


def test_the_benchmark_floor_measures_each_step() -> None:
    """``bench/floor.py`` (the per-article work no Python check can skip, which
    ``bench_check.py`` sets against 10x proselint's budget) runs on a folder of drafts."""
    from floor import floor_ms

    steps = floor_ms(ROOT / "samples", passes=1)
    assert list(steps) == [
        "tokenise + one dict get per token",
        "the rules' literal automaton",
        "sentence split",
    ]
    assert all(ms >= 0 for ms in steps.values()) and sum(steps.values()) > 0
