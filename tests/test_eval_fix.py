"""``retrans eval fix``: the judge on hand-made pairs, the adapters, the command, the targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED, run_cli
from retrans.evaluate.data import Pair, load, sample
from retrans.evaluate.fix import FixEval, judge

DATA = SHARED / "data"


def _judge(mt: str, old: str, new: str, human: str) -> str:
    i = mt.index(old)
    return judge(mt, i, i + len(old), new, human).verdict


def test_lexical_edit_agrees_when_the_human_has_the_new_words() -> None:
    mt = "Vladimir Poutine will talk to the press on Friday."
    assert _judge(mt, "Poutine", "Putin", "Putin is to talk to reporters on Friday.") == "agree"
    assert _judge(mt, "Poutine", "Putin", "Poutine talks on Friday.") == "disagree"
    assert _judge(mt, "Poutine", "Putin", "The president speaks on Friday.") == "undecidable"


def test_an_edit_inside_a_longer_kept_phrase_is_a_disagreement() -> None:
    mt = "The Westerners have sent aid."
    assert _judge(mt, "The Westerners", "Westerners", "The Westerners sent aid.") == "disagree"
    assert _judge(mt, "The Westerners", "Westerners", "Westerners sent help.") == "agree"


def test_number_edits_are_judged_with_their_digits() -> None:
    mt = "About 3,5 million people have left."
    assert _judge(mt, "3,5", "3.5", "Some 3.5 million people left.") == "agree"
    assert _judge(mt, "3,5", "3.5", "Some 3,5 million people left.") == "disagree"
    # A bare digit is not telling: "13.5" is not "3.5".
    assert _judge(mt, "3,5", "3.5", "Some 13.5 million people left.") == "undecidable"


def test_a_whole_token_edit_is_its_own_context() -> None:
    mt = "The board asks 150 $ per pupil."
    assert _judge(mt, "150 $", "$150", "The board wants a $150 fee for each pupil.") == "agree"


def test_punctuation_edits_take_the_neighbouring_word_as_context() -> None:
    mt = "Will the talks succeed ? Nobody knows."
    assert _judge(mt, " ?", "?", "Will they succeed? No one knows.") == "agree"
    assert _judge(mt, " ?", "?", "Will they succeed ? No one knows.") == "disagree"


def test_straight_and_curly_quotes_are_one_choice() -> None:
    mt = "Moscow was « open to talks », he said."
    i = mt.index("« ")
    j = judge(mt, i, i + 2, "“", 'Moscow was "open to talks", he said.')
    assert j.verdict == "agree"


def _pairs_file(tmp_path: Path) -> Path:
    p = tmp_path / "pairs.tsv"
    rows = [
        ("mt", "human", "doc_id"),
        ("Vladimir Poutine spoke on Friday.", "Vladimir Putin spoke on Friday.", "a"),
        ("He said it was « very serious ».", 'He said it was "very serious".', "a"),
        ("The weather was fine in Paris.", "The weather was fine in Paris.", "b"),
    ]
    p.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return p


def test_generic_pairs_group_rows_by_document(tmp_path: Path) -> None:
    pairs = list(load(_pairs_file(tmp_path)))
    assert [(p.doc_id, len(p.mt)) for p in pairs] == [("a", 2), ("b", 1)]


def test_sample_is_reproducible() -> None:
    pairs = [Pair("x", str(i), s, None, ["m"], ["h"]) for i in range(20) for s in "ab"]
    one = sample(pairs, 5, 7, per_doc=1)
    assert [p.key for p in one] == [p.key for p in sample(pairs, 5, 7, per_doc=1)]
    assert len(one) == 5 and len({p.doc_id for p in one}) == 5


def test_eval_counts_agreeing_edits_per_code(tmp_path: Path) -> None:
    ev = FixEval({"*": "fr"})
    rep = ev.run(load(_pairs_file(tmp_path))).to_dict()
    assert rep["codes"]["GL101"]["agree"] == 1
    assert rep["totals"]["human_edits"] == 0
    assert rep["totals"]["human_sentences"] == 3


def test_cli_text_and_json(tmp_path: Path) -> None:
    pf = _pairs_file(tmp_path)
    res = run_cli("eval", "fix", str(pf), "--source", "fr")
    assert res.returncode == 0, res.stderr
    assert "GL101" in res.stdout and "decidable edits agreeing" in res.stdout
    res = run_cli("eval", "fix", str(pf), "--source", "fr", "--format", "json")
    rep = json.loads(res.stdout)
    assert rep["codes"]["GL101"]["applied"] == 1


def test_cli_bad_pairs_file_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("mt\tother\nx\ty\n", encoding="utf-8")
    res = run_cli("eval", "fix", str(bad))
    assert res.returncode == 2
    assert "bad.tsv" in res.stderr and "human" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


# The targets of issue 12 on a fixed sample of the dev data, for rule edits (everything but
# the glossary's GL codes, which issue 11 measures with the same command): at least 90 % of the
# decidable edits agree with the human, at most 1 edit per 1,000 human sentences, and more
# agreeing edits than the rules made before issue 12 on the same sample.
TARGET_AGREE = 0.90
TARGET_HUMAN_PER_1000 = 1.0
# Agreeing rule edits on this sample: 131 before issue 12 (95.6 % precision, 0.85 human edits
# per 1,000), 137 with the rules work on the old detector, 118 with the new detector (fewer
# source guesses: rule packs run only on a named source or the pack's own fingerprint), 143
# once source-pack rules measured precise anywhere run with no source named (0 disagreeing,
# 0.75 human edits per 1,000). The floor guards against a regression below that level.
RULE_AGREEING_FLOOR = 135


@pytest.mark.slow
def test_dev_data_meets_the_targets(tmp_path: Path) -> None:
    if not (DATA / "wmt14_fr_en_docs.jsonl").is_file():
        pytest.skip("no ../shared/data")
    out = tmp_path / "rep.json"
    res = run_cli("eval", "fix", "--systems", "3", "--limit", "300", "--out", str(out))
    assert res.returncode == 0, res.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    rules = {c: v for c, v in rep["codes"].items() if not c.startswith("GL")}
    agree = sum(v["agree"] for v in rules.values())
    disagree = sum(v["disagree"] for v in rules.values())
    human = sum(v["human_edits"] for v in rules.values())
    per_k = 1000 * human / rep["totals"]["human_sentences"]
    assert agree / max(1, agree + disagree) >= TARGET_AGREE, res.stdout
    assert per_k <= TARGET_HUMAN_PER_1000, res.stdout
    assert agree >= RULE_AGREEING_FLOOR, res.stdout
