"""The command line as a user runs it: exit codes, output formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli, run_cli_process


def test_check_clean_sample_exits_0_with_no_findings() -> None:
    r = run_cli("check", str(SAMPLES / "clean_en.txt"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""


def test_check_mt_sample_exits_1_and_prints_locations() -> None:
    r = run_cli("check", str(SAMPLES / "fr_ceasefire_call.txt"))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    path = SAMPLES / "fr_ceasefire_call.txt"
    # The document-level detection comes first, then findings in text order.
    assert lines[0].startswith(f"{path}:1:1: MT101 likely machine-translated from fr")
    assert lines[1].startswith(f"{path}:1:1: CL101 ")


def test_fail_on_never_and_error_thresholds(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The minister said : no.\n", encoding="utf-8")
    assert run_cli("check", "--fail-on", "never", str(p)).returncode == 0
    assert run_cli("check", "--fail-on", "error", str(p)).returncode == 1


def test_json_columns_point_at_the_original_text() -> None:
    path = SAMPLES / "fr_ceasefire_call.txt"
    text = path.read_text(encoding="utf-8")
    r = run_cli("check", "--format", "json", str(path))
    rows = json.loads(r.stdout)
    assert rows
    lines = text.splitlines(keepends=True)
    for row in rows:
        assert set(row) >= {
            "path",
            "line",
            "column",
            "start",
            "end",
            "code",
            "category",
            "severity",
            "message",
            "original",
            "replacement",
            "source",
            "confidence",
        }
        assert text[row["start"] : row["end"]] == row["original"]
        line = lines[row["line"] - 1]
        col = row["column"] - 1
        assert line[col : col + len(row["original"])] == row["original"][: len(line) - col]


def test_jsonl_output_one_object_per_line() -> None:
    r = run_cli("check", "--format", "jsonl", str(SAMPLES / "fr_ceasefire_call.txt"))
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and all("code" in x for x in rows)


def test_stdin_check_and_fix() -> None:
    r = run_cli("fix", "-", stdin="He asked « why ? »\n")
    assert r.returncode == 0
    assert r.stdout == "He asked “why?”\n"


def test_fix_in_place_keeps_backup_and_diff(tmp_path: Path) -> None:
    p = tmp_path / "draft.txt"
    original = "Skip to content\nThe vote : passed.\n"
    p.write_text(original, encoding="utf-8")
    d = run_cli("fix", "--diff", str(p))
    assert "-Skip to content" in d.stdout and "+The vote: passed." in d.stdout
    assert p.read_text(encoding="utf-8") == original
    r = run_cli("fix", "--in-place", str(p))
    assert r.returncode == 0, r.stderr
    assert p.read_text(encoding="utf-8") == "The vote: passed.\n"
    assert (tmp_path / "draft.txt.orig").read_text(encoding="utf-8") == original


def test_fix_out_dir_for_a_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("Yes : no.\n", encoding="utf-8")
    (src / "sub" / "b.md").write_text("Why ?\n", encoding="utf-8")
    r = run_cli("fix", "--out", str(tmp_path / "out"), str(src))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Yes: no.\n"
    assert (tmp_path / "out" / "sub" / "b.md").read_text(encoding="utf-8") == "Why?\n"


def test_fix_several_inputs_to_stdout_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    r = run_cli("fix", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_jsonl_field_fixed_and_other_fields_passed_through() -> None:
    path = SAMPLES / "archive.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    r = run_cli("fix", "--field", "text", str(path))
    assert r.returncode == 0, r.stderr
    out = r.stdout.splitlines(keepends=True)
    assert len(out) == len(lines)
    first = json.loads(out[0])
    assert "Skip to content" not in first["text"]
    assert {k: v for k, v in first.items() if k != "text"} == {
        k: v for k, v in json.loads(lines[0]).items() if k != "text"
    }
    assert out[1] == lines[1] and out[2] == lines[2]  # untouched records keep their bytes
    c = run_cli("check", "--format", "json", str(path))
    rows = json.loads(c.stdout)
    assert rows and {row["line"] for row in rows} == {1}


def _one_line_error(r) -> None:  # type: ignore[no-untyped-def]
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path) -> None:
    _one_line_error(run_cli("check", str(tmp_path / "missing.txt")))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "image.bin").write_bytes(b"\x00\x01")
    _one_line_error(run_cli("check", str(empty_dir)))
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00\x01\x02")
    r = run_cli("check", str(binary))
    _one_line_error(r)
    assert "b.txt" in r.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\nline \xff two\n")
    r = run_cli("check", str(bad))
    _one_line_error(r)
    assert "bad.txt:2:" in r.stderr
    for name, data in (
        ("le.txt", "Poutine a parlé.".encode("utf-16")),  # Notepad's "Unicode"
        ("be.txt", b"\xfe\xff" + "Poutine".encode("utf-16-be")),
    ):
        (tmp_path / name).write_bytes(data)
        r = run_cli("fix", str(tmp_path / name))
        _one_line_error(r)
        assert f"{name}: UTF-16 text" in r.stderr and "save it as UTF-8" in r.stderr


def test_empty_file_no_findings(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    r = run_cli("check", str(p))
    assert r.returncode == 0 and r.stdout == ""


def test_unknown_rule_code_in_config(tmp_path: Path) -> None:
    (tmp_path / "retrans.toml").write_text('disable = ["ZZ999"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    r = run_cli("check", str(tmp_path / "a.txt"))
    _one_line_error(r)
    assert "retrans.toml" in r.stderr and "ZZ999" in r.stderr


def test_config_found_upward_disables_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.retrans]\ndisable = ["TY003"]\nseverity = { TY002 = "info" }\n', encoding="utf-8"
    )
    sub = tmp_path / "drafts"
    sub.mkdir()
    p = sub / "a.txt"
    p.write_text("He said « yes » : maybe.\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", str(p))
    codes = {(x["code"], x["severity"]) for x in json.loads(r.stdout)}
    assert ("TY002", "info") in codes
    assert not any(c == "TY003" for c, _ in codes)
    assert r.returncode == 0  # only info left: below the default warning threshold


def test_malformed_rule_pack_names_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "packs"
    pack.mkdir()
    (pack / "mine.yaml").write_text(
        "pack: mine\nsource: '*'\ntarget: en\nprefix: ZZ\nrules:\n"
        "  - id: ZZ001\n    type: substitution\n    message: x\n    pattern: '(unclosed'\n"
        "    replacement: y\n    examples: [{wrong: a, right: b}, {ok: c}]\n",
        encoding="utf-8",
    )
    (tmp_path / "retrans.toml").write_text('rule_packs = ["packs"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    r = run_cli("check", str(tmp_path / "a.txt"))
    _one_line_error(r)
    assert "mine.yaml:6:" in r.stderr


def test_a_user_rule_can_write_a_title_with_its_capitals(tmp_path: Path) -> None:
    """``case: title``: each word of the replacement capitalised, small words kept."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "titles.yaml").write_text(
        "pack: titles\nsource: '*'\ntarget: en\nprefix: ZZ\nrules:\n"
        "  - id: ZZ001\n    type: substitution\n    safe: true\n    message: a title\n"
        "    pattern: '\\bthe (chief of staff|lord mayor) (?=(?-i:[A-Z]))'\n"
        "    replacement: '\\1 '\n    case: title\n"
        "    examples:\n      - wrong: 'He met the chief of staff Ann Lee.'\n"
        "        right: 'He met Chief of Staff Ann Lee.'\n      - ok: 'He met the chief of staff.'\n",
        encoding="utf-8",
    )
    (tmp_path / "retrans.toml").write_text('rule_packs = ["packs"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "The lord mayor Ann Lee met the chief of staff Bo Kim.\n", encoding="utf-8"
    )
    r = run_cli("fix", str(tmp_path / "a.txt"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Lord Mayor Ann Lee met Chief of Staff Bo Kim.\n"


def test_malformed_glossary_names_file_and_line(tmp_path: Path) -> None:
    g = tmp_path / "names.yaml"
    g.write_text(
        "entities:\n  - id: ok-one\n    type: person\n    names: {en: A B}\n"
        "  - id: Bad Id\n    type: person\n    names: {en: C D}\n",
        encoding="utf-8",
    )
    (tmp_path / "retrans.toml").write_text('glossaries = ["names.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello there, world.\n", encoding="utf-8")
    r = run_cli("check", str(tmp_path / "a.txt"))
    _one_line_error(r)
    assert "names.yaml:5:" in r.stderr


def test_explain_and_rules_list() -> None:
    r = run_cli("explain", "TY002")
    assert r.returncode == 0 and "«" in r.stdout
    assert run_cli("explain", "NOPE1").returncode == 2
    # the replacement as written in the pack, a group reference with one backslash
    assert "  replacement: 'bill\\1'\n" in run_cli("explain", "FR377").stdout
    # a cleanup rule's examples span lines: each shows on one line, breaks as \n
    assert "  ✗ The talks ended.\\nFacebook\\nTwitter\\nEmail" in run_cli("explain", "CL104").stdout
    r = run_cli("rules", "list", "--format", "json")
    data = json.loads(r.stdout)
    assert data["counts"]["typography"] >= 3


def test_entry_point_as_a_process(tmp_path: Path) -> None:
    """`python -m retrans` exits with main()'s code; errors stay one line."""
    r = run_cli_process("--version")
    assert r.returncode == 0 and r.stdout.startswith("retrans ")
    (tmp_path / "retrans.toml").write_text('fail_on = "bogus"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    r = run_cli_process("check", str(tmp_path / "a.txt"))
    _one_line_error(r)
    assert "retrans.toml:1:" in r.stderr


def test_eval_ape_without_sacrebleu_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`eval ape --pipeline --no-model` needs no torch; without sacrebleu it says which
    extra to install instead of a traceback."""
    import sys

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Poutine spoke.\tPutin spoke.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sacrebleu", None)
    monkeypatch.setitem(sys.modules, "sacrebleu.metrics", None)
    r = run_cli("eval", "ape", str(pairs), "--pipeline", "--no-model")
    assert r.returncode == 2
    assert "sacrebleu" in r.stderr and "retrans[eval]" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("missing", "args", "says"),
    [
        (
            ("torch", "sentencepiece"),
            ("model", "train", "--pairs", "{pairs}", "--out", "{out}"),
            "retrans[model]",
        ),
        (
            ("distributed",),
            ("batch", "{dir}", "--out", "{out}", "--scheduler", "tcp://127.0.0.1:1"),
            "retrans[batch]",
        ),
    ],
)
def test_a_missing_extra_is_one_line_naming_it_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    missing: tuple[str, ...],
    args: tuple[str, ...],
    says: str,
) -> None:
    import sys

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Poutine spoke.\tPutin spoke.\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Poutine spoke.\n", encoding="utf-8")
    for name in missing:
        monkeypatch.setitem(sys.modules, name, None)
    fill = {"pairs": str(pairs), "out": str(tmp_path / "out"), "dir": str(tmp_path / "in")}
    r = run_cli(*(a.format(**fill) for a in args))
    assert r.returncode == 2, r.stderr
    assert says in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
