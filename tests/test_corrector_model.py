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


def toy_spec(**changes: object) -> TrainSpec:
    """A tiny T5 on whole words: a toy corpus learns in seconds."""
    base: dict[str, object] = dict(
        vocab=100,
        pieces="word",
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
    return TrainSpec(**{**base, **changes})


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corrector")
    pairs = tmp / "pairs.tsv"
    rows = ["input\ttarget"] + [f"{WRONG}\t{RIGHT}"] * 30 + [f"{KEEP}\t{KEEP}"] * 30
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = toy_spec(steps=100)
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


def test_a_model_records_its_script_format_and_replays_in_it(tmp_path: Path) -> None:
    """New training writes format 2 (a space said with the glue mark, ``? ⇒ ^?``) and
    records it; a folder that does not say (the weights shipped until session 7) is format
    1, so its scripts replay exactly as before."""
    late, fixed = (
        "Why was the ferry so late ? Nobody knows.",
        "Why was the ferry so late? Nobody knows.",
    )
    pairs = tmp_path / "pairs.tsv"
    rows = [f"{late}\t{fixed}"] * 30 + [f"{KEEP}\t{KEEP}"] * 30
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = toy_spec(steps=80)
    out = tmp_path / "model"
    train(read_pairs(pairs), out, spec, log=lambda _m: None)
    assert json.loads((out / "retrans.json").read_text(encoding="utf-8"))["spec"]["script"] == 2
    cor = Corrector.load(out)
    assert cor.script_format == 2
    assert cor.generate([late]) == ["? ⇒ ^?"]  # the mark alone, no word repeated
    assert cor.rewrite([late])[0][0] == fixed
    # the same script read as format 1 writes the glue mark into the text: not what it meant
    cor.meta["spec"]["script"] = None
    assert cor.script_format == 1 and cor.rewrite([late])[0][0] != fixed


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


@pytest.fixture
def shipped_doc(tmp_path: Path) -> Path:
    """A file to run the shipped default model on (the test skips without one)."""
    from retrans.corrector import default_model

    if default_model() is None:
        pytest.skip("no default model shipped")
    return tmp_path / "in.txt"


def test_the_shipped_default_model_keeps_good_text_and_fixes_a_left_over_word(
    shipped_doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = shipped_doc
    good = "The rock formation above the bay attracts thousands of walkers every summer."
    doc.write_text(f"{good}\n\n{KEEP}\n", encoding="utf-8")
    assert main(["fix", str(doc), "--model", "default", "--model-all", "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"{good}\n\n{KEEP}\n"
    # a conjunction the MT left in German: the model's edit, applied through the gate
    doc.write_text("The council bought new buses und trams for the city.\n", encoding="utf-8")
    main(["check", str(doc), "--model", "default", "--model-all", "--format", "json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "MD001"]
    assert [(f["original"], f["replacement"]) for f in found] == [("und", "and")]


# Human English whose words the shipped model learnt to translate (*con*, *et*, *y*, *e*):
# session 9 found it writing *the with man*, *Smith and al.*, *the and axis*, *and / f*.
ENGLISH_HOMOGRAPHS = [
    "Police said the man would con the elderly out of their savings.",
    "He tried to con his way into the concert without a ticket.",
    "The con man fled with the money before the police arrived.",
    "They con investors with promises of quick returns, the regulator said.",
    "Fans flocked to the comic con in San Diego on Friday.",
    "The study by Smith et al. found no effect on the results.",
    "Plot the values on the y axis and the time on the x axis.",
    "Fishing play set: e / f light, sound and two rods in the box.",
]


def test_the_shipped_model_leaves_english_uses_of_source_words_alone(
    shipped_doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = shipped_doc
    text = "\n\n".join(ENGLISH_HOMOGRAPHS) + "\n"
    doc.write_text(text, encoding="utf-8")
    for extra in ([], ["--model-all"]):
        assert main(["fix", str(doc), "--model", "default", *extra, "--lang", "en"]) == 0
        assert capsys.readouterr().out == text


# Fine-tuning (``--init``): the tiny model above learns one more edit from new pairs.
LONG = "The council approved the new budget after a long debate."
SHORT = "The council approved the budget after a long debate."


def _loss(model_dir: Path, pairs: list[tuple[str, str]]) -> float:
    """The model's loss on one fixed batch of (input, edit script) pairs."""
    import sentencepiece as spm
    import torch
    from transformers import AutoModelForSeq2SeqLM

    from retrans.corrector.window import to_script

    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "spiece.model"))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir), local_files_only=True)
    model.eval()
    src = [[*sp.encode(a), 1] for a, _ in pairs]
    tgt = [[*sp.encode(to_script(a, b)), 1] for a, b in pairs]
    ls, lt = max(map(len, src)), max(map(len, tgt))
    x = torch.tensor([s + [0] * (ls - len(s)) for s in src])
    y = torch.tensor([t + [-100] * (lt - len(t)) for t in tgt])
    with torch.inference_mode():
        return float(model(input_ids=x, attention_mask=(x != 0).long(), labels=y).loss)


def _finetune(
    init: Path, out: Path, rows: list[str], steps: int = 60, stop_after: int | None = None
) -> dict[str, object]:
    pairs = out.parent / f"{out.name}.tsv"
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = TrainSpec(
        init=str(init),
        d_model=32,  # ignored: the architecture is the init model's
        layers=1,
        steps=steps,
        stop_after=stop_after,
        warmup=5,
        lr=1e-2,
        batch_tokens=4000,
        save_every=10_000,
        dev_every=10_000_000,
    )
    return train(read_pairs(pairs), out, spec, log=lambda _m: None)


def test_init_goes_on_training_a_model_with_its_vocabulary(
    tiny_model: Path, tmp_path: Path
) -> None:
    rows = [f"{LONG}\t{SHORT}"] * 20 + [f"{WRONG}\t{RIGHT}"] * 10 + [f"{SHORT}\t{SHORT}"] * 10
    out = tmp_path / "tuned"
    assert _finetune(tiny_model, out, rows)["step"] == 60
    # the same vocabulary, byte for byte, and the same architecture (not --d-model 32)
    assert (out / "spiece.model").read_bytes() == (tiny_model / "spiece.model").read_bytes()
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    old = json.loads((tiny_model / "config.json").read_text(encoding="utf-8"))
    assert (cfg["d_model"], cfg["num_layers"]) == (64, 2)
    assert cfg["vocab_size"] == old["vocab_size"]
    assert json.loads((out / "retrans.json").read_text(encoding="utf-8"))["spec"]["init"] == str(
        tiny_model
    )
    # it started from the init's weights and learnt the new edit
    batch = [(LONG, SHORT), (WRONG, RIGHT)]
    assert _loss(out, batch) < _loss(tiny_model, batch) / 2
    before, after = Corrector.load(tiny_model), Corrector.load(out)
    assert before.generate([LONG]) == [""]  # the init model keeps the sentence
    assert after.generate([LONG]) == ["new ⇒"]
    assert after.generate([WRONG]) == ["Poutine ⇒ Putin ¦ to ⇒"]  # and still knows the old one
    # seeded: the same run again gives the same weights
    again = tmp_path / "again"
    _finetune(tiny_model, again, rows)
    assert (again / "model.safetensors").read_bytes() == (out / "model.safetensors").read_bytes()


def test_stop_after_replays_a_run_cut_short_with_its_schedule(
    tiny_model: Path, tmp_path: Path
) -> None:
    """A run that --max-minutes stopped at step k is replayed by --steps N --stop-after k:
    the same weights every time, and not those of a k-step run (whose schedule decays sooner)."""
    rows = [f"{LONG}\t{SHORT}"] * 10 + [f"{WRONG}\t{RIGHT}"] * 10
    a, b, short = tmp_path / "a", tmp_path / "b", tmp_path / "short"
    assert _finetune(tiny_model, a, rows, steps=60, stop_after=12)["step"] == 12
    _finetune(tiny_model, b, rows, steps=60, stop_after=12)
    _finetune(tiny_model, short, rows, steps=12)
    weights = (a / "model.safetensors").read_bytes()
    assert weights == (b / "model.safetensors").read_bytes()
    assert weights != (short / "model.safetensors").read_bytes()
    assert json.loads((a / "retrans.json").read_text(encoding="utf-8"))["spec"]["stop_after"] == 12


def test_init_from_a_bad_folder_is_one_line_and_exit_2(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(f"{WRONG}\t{RIGHT}\n", encoding="utf-8")
    no_vocab = tmp_path / "no_vocab"
    no_vocab.mkdir()
    (no_vocab / "config.json").write_text("{}", encoding="utf-8")
    for bad, says in ((tmp_path / "missing", "no config.json"), (no_vocab, "no spiece.model")):
        args = ["model", "train", "--pairs", str(pairs), "--out", str(tmp_path / "o")]
        assert main([*args, "--init", str(bad)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert str(bad) in err and says in err and "--init" in err
    assert not (tmp_path / "o").exists()


def test_oversample_repeats_the_training_pairs_of_a_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from retrans.corrector.train import oversampled, read_kinds

    pairs = tmp_path / "pairs.tsv"
    rows = [
        "input\ttarget\tkind",
        "Why so late ?\tWhy so late?\ttypography",
        "He phoned to me ?\tHe phoned me?\trules+typography",
        "The mayor spoke.\tThe mayor spoke.\tcopy",
    ]
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kinds = read_kinds(pairs)
    assert kinds == ["typography", "rules+typography", "copy"]
    out = oversampled(read_pairs(pairs), kinds, {"typography": 3, "rules": 2})
    assert [a for a, _b in out].count("Why so late ?") == 3
    assert [a for a, _b in out].count("He phoned to me ?") == 3  # the larger of its kinds
    assert [a for a, _b in out].count("The mayor spoke.") == 1
    # pairs without kinds, or a bad count: one line, exit 2, nothing written
    bare = tmp_path / "bare.tsv"
    bare.write_text("Why so late ?\tWhy so late?\n", encoding="utf-8")
    for file, value, says in (
        (bare, "typography=3", "kinds"),
        (pairs, "typography=x", "KIND=TIMES"),
    ):
        args = ["model", "train", "--pairs", str(file), "--out", str(tmp_path / "o")]
        assert main([*args, "--oversample", value]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and says in err
    assert not (tmp_path / "o").exists()


def test_eval_ape_pipeline_measures_fix_with_and_without_the_model(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``eval ape --pipeline`` runs what ``retrans fix`` runs: the glossary alone fixes the
    name but leaves the stray "to"; with the model on, the model fixes the rest of the
    sentence the glossary flagged; the model alone (the issue's figure) stays beside them."""
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(f"{WRONG}\t{RIGHT}\tmixed\n{KEEP}\t{KEEP}\tcopy\n", encoding="utf-8")
    args = ["eval", "ape", str(pairs), "--model", str(tiny_model), "--pipeline"]
    assert main([*args, "--source", "fr"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "model alone" in line and "fix" in line)
    assert header.split() == ["model", "alone", "fix", "--no-model", "fix", "--model"]
    row = next(line for line in out.splitlines() if line.strip().startswith("mixed (1)"))
    assert row.split()[2:] == ["1", "(100.0", "%)", "0", "(0.0", "%)", "1", "(100.0", "%)"]
    broken = next(line for line in out.splitlines() if line.startswith("correct sentences"))
    assert broken.split()[-3:] == ["0", "0", "0"]
    assert "the model adds to fix: +1 fixed" in out
    # the same through the library: fix --no-model leaves "to" (the glossary fixed the name)
    from retrans.corrector.ape import fixed_by_pipeline

    assert fixed_by_pipeline([WRONG, KEEP], None, "fr") == [
        WRONG.replace("Poutine", "Putin"),
        KEEP,
    ]
    assert fixed_by_pipeline([WRONG, KEEP], tiny_model, "fr") == [RIGHT, KEEP]
    # --no-model: only what fix does without it
    assert main([*args, "--no-model"]) == 0
    out = capsys.readouterr().out
    assert any(line.split() == ["fix", "--no-model"] for line in out.splitlines())


def test_fix_without_model_all_reads_a_left_over_word_no_other_pass_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No rule or glossary entry flags *und*: the model, which learnt left-over words best,
    reads the words around it in a plain ``fix`` too, not only under ``--model-all``."""
    from retrans.corrector import default_model

    if default_model() is None:
        pytest.skip("no default model shipped")
    doc = tmp_path / "in.txt"
    doc.write_text(f"The council bought new buses und trams for the city.\n\n{KEEP}\n", "utf-8")
    assert main(["fix", str(doc), "--no-model", "--lang", "en"]) == 0
    assert "buses und trams" in capsys.readouterr().out  # nothing else fixes it
    assert main(["fix", str(doc), "--model", "default", "--lang", "en"]) == 0
    assert (
        capsys.readouterr().out
        == f"The council bought new buses and trams for the city.\n\n{KEEP}\n"
    )


# The same cue (*cabinet ⇒ office*, a false friend of the French pack, advice) in two
# sentences: a ministry's office in one, the government's cabinet in the other.
CUE_FIX = "The minister received the journalists in his cabinet at the ministry."
CUE_FIXED = "The minister received the journalists in his office at the ministry."
CUE_KEEP = "In his cabinet, he also took on the portfolio of defence."


def test_a_cued_model_reads_the_cue_and_decides_from_the_sentence(tmp_path: Path) -> None:
    """A model trained with ``--cues`` reads, after its window, the edits the packs and the
    glossary propose there, and makes one only where its training says the sentence wants
    it: the same cue is applied in one sentence and left in the other."""
    from retrans.config import Config
    from retrans.corrector.cues import (
        MARK,
        CueAsk,
        calibrate_cues,
        cue_scores,
        settings_of,
        with_cues,
    )

    assert with_cues(CUE_FIX).endswith(MARK + "cabinet ⇒ office")
    assert with_cues(CUE_KEEP).endswith(MARK + "cabinet ⇒ office")
    assert with_cues(KEEP) == KEEP  # no cue: the window alone
    pairs = tmp_path / "pairs.tsv"
    rows = ["input\ttarget"]
    rows += [f"{CUE_FIX}\t{CUE_FIXED}", f"{CUE_KEEP}\t{CUE_KEEP}", f"{KEEP}\t{KEEP}"] * 20
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = toy_spec(steps=120, cues=True)
    out = tmp_path / "model"
    train(read_pairs(pairs), out, spec, log=lambda _m: None)
    meta = json.loads((out / "retrans.json").read_text(encoding="utf-8"))
    assert meta["spec"]["cues"] is True
    cor = Corrector.load(out)
    assert cor.cued
    # not yet calibrated on real MT: no cue is taken (the synthetic pairs always say yes)
    assert [new for new, _g in cor.rewrite([CUE_FIX, CUE_KEEP])] == [CUE_FIX, CUE_KEEP]
    # the cue margins from "real" pairs: the cue (the Russian pack's advice) is right in one
    # sentence, wrong in the other
    real = [(CUE_FIX, CUE_FIXED), (CUE_KEEP, CUE_KEEP)]
    (g_fix, d_fix, a_fix), (g_keep, d_keep, a_keep) = cue_scores(cor, real, advice=True)
    assert a_fix == a_keep == {"advice"} and d_fix < 0 < d_keep and g_fix > g_keep
    assert cue_scores(cor, real) == []  # edits only: this advice is not shown
    nothing = calibrate_cues(cor, [], min_n=1)
    # nothing decided: no cue
    assert nothing["cue_margin"] == {"edit": None, "glossary": None, "advice": None}
    cal = calibrate_cues(cor, real, min_n=1)
    assert cal["advice"]["decidable"] == 2
    assert cal["advice"]["right_at_margin"] == cal["advice"]["kept_at_margin"] == 1
    assert cal["cue_margin"]["edit"] is None
    cor.meta["cue_margin"] = cal["cue_margin"]
    got = [new for new, _gain in cor.rewrite([CUE_FIX, CUE_KEEP, KEEP])]
    assert got == [CUE_FIXED, CUE_KEEP, KEEP]
    # the cues of the text's source only: a French text is not offered the Russian advice
    assert cor.rewrite([CUE_FIX], cue_from=CueAsk(("fr",)))[0][0] == CUE_FIX
    assert cor.rewrite([CUE_FIX], cue_from=CueAsk(("ru",)))[0][0] == CUE_FIXED
    # nor the advice of a rule the user turned off
    off = CueAsk(("ru",), settings_of(Config(disable={"RU119"})))
    assert cor.rewrite([CUE_FIX], cue_from=off)[0][0] == CUE_FIX
    # advice without a margin of its own is not shown to the model at all
    cor.meta["cue_margin"] = {"edit": cal["cue_margin"]["advice"], "advice": None}
    assert cor.rewrite([CUE_FIX])[0][0] == CUE_FIX


def test_cue_calibration_of_a_model_without_cues_is_one_line_and_exit_2(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(f"input\ttarget\n{WRONG}\t{RIGHT}\n", encoding="utf-8")
    before = (tiny_model / "retrans.json").read_bytes()
    args = ["model", "calibrate", "--pairs", str(pairs), "--model", str(tiny_model)]
    assert main([*args, "--cues-from", str(pairs)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--cues" in err
    assert (tiny_model / "retrans.json").read_bytes() == before
