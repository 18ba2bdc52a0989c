"""The model pass end to end with a real (tiny) T5 trained inside the test: train, load,
generate, gate, and the CLI's --model / --model-all. Skips without the model extra."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from retrans.cli import main
from retrans.corrector.align import align, apply_edits
from retrans.corrector.gate import APPLY, DROP, GateConfig, judge
from retrans.corrector.infer import Corrector
from retrans.corrector.passes import allowed_words
from retrans.corrector.train import TrainSpec, read_pairs, train

# The glossary fixes "Poutine" too; the stray "to" is the model's alone.
WRONG = "Vladimir Poutine will phone to the mayor on Thursday."
RIGHT = "Vladimir Putin will phone the mayor on Thursday."
KEEP = "The council approved the new budget after a long debate."


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corrector")
    pairs = tmp / "pairs.tsv"
    rows = ["input\ttarget"] + [f"{WRONG}\t{RIGHT}"] * 30 + [f"{KEEP}\t{KEEP}"] * 30
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = TrainSpec(
        vocab=100,
        pieces="word",  # whole words: a toy corpus learns in seconds
        byte_fallback=False,
        d_model=64,
        d_ff=128,
        layers=2,
        decoder_layers=1,
        heads=2,
        steps=100,
        warmup=10,
        lr=1e-2,
        dropout=0.0,
        batch_tokens=4000,
        save_every=10_000,
        dev_every=10_000_000,  # no calibration split: the default margin holds
    )
    out = tmp / "model"
    figures = train(read_pairs(pairs), out, spec, log=lambda _m: None)
    assert figures["step"] == 100
    return out


def test_tiny_model_loads_generates_and_passes_the_gate(tiny_model: Path) -> None:
    assert (tiny_model / "model.safetensors").is_file()
    assert (tiny_model / "spiece.model").is_file()
    cor = Corrector.load(tiny_model)
    # the model writes edit scripts: only what changes, nothing for a good sentence
    assert cor.generate([WRONG, KEEP]) == ["Poutine ⇒ Putin ¦ to ⇒", ""]
    (out, gain), (keep, kept_gain) = cor.rewrite([WRONG, KEEP])
    assert out == RIGHT
    assert (keep, kept_gain) == (KEEP, 0.0)
    assert gain > cor.margin  # the model prefers its rewrite over the sentence as it was
    edits = align(WRONG, out)
    assert [(e.old, e.replacement) for e in edits] == [("Poutine", "Putin"), ("to ", "")]
    assert apply_edits(WRONG, edits) == RIGHT
    gate = GateConfig(margin=cor.margin)
    assert judge(WRONG, out, edits, gain, gate, allowed=allowed_words()).action == APPLY
    # the same model's rewrite, had it dropped the name, would be dropped by the gate
    bad = "Vladimir will call the mayor on Thursday."
    assert judge(WRONG, bad, align(WRONG, bad), gain, GateConfig()).action == DROP


def test_cli_fix_and_check_with_the_model(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "in.txt"
    doc.write_text(f"{WRONG}\n\n{KEEP}\n", encoding="utf-8")
    assert main(["fix", str(doc), "--model", str(tiny_model), "--model-all", "--lang", "en"]) == 0
    fixed = capsys.readouterr().out
    assert RIGHT in fixed
    assert KEEP in fixed
    # a span finding from the model; the name is left to the glossary, which fixes it too
    main(["check", str(doc), "--model", str(tiny_model), "--model-all", "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    model = [f for f in found if f["code"] == "MD001"]
    assert [(f["original"], f["replacement"]) for f in model] == [("to ", "")]
    assert any(f["code"] == "GL101" and f["replacement"] == "Vladimir Putin" for f in found)
    # --no-model turns it off again
    main(["check", str(doc), "--model", str(tiny_model), "--no-model", "--format", "json"])
    assert "MD001" not in capsys.readouterr().out


def test_the_shipped_default_model_keeps_good_text_and_fixes_a_left_over_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from retrans.corrector import default_model

    if default_model() is None:
        pytest.skip("no default model shipped")
    doc = tmp_path / "in.txt"
    good = "The rock formation above the bay attracts thousands of walkers every summer."
    doc.write_text(f"{good}\n\n{KEEP}\n", encoding="utf-8")
    assert main(["fix", str(doc), "--model", "default", "--model-all", "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"{good}\n\n{KEEP}\n"
    # a conjunction the MT left in German: the model's edit, applied through the gate
    doc.write_text("The council bought new buses und trams for the city.\n", encoding="utf-8")
    main(["check", str(doc), "--model", "default", "--model-all", "--format", "json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "MD001"]
    assert [(f["original"], f["replacement"]) for f in found] == [("und", "and")]
