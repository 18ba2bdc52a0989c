"""The CLI called in-process through ``retrans.cli.main(argv)``: exit codes, --version,
--format, and one-line errors (file and line) for every bad config or data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrans import __version__
from retrans.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str, *parts: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("retrans: error: ") and "Traceback" not in err
    for part in parts:
        assert part in err, (part, err)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text("Vladimir Poutine spoke to the press on Monday.\n", encoding="utf-8")
    return p


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and out == f"retrans {__version__}\n"


def test_fix_diff_exits_1_only_when_something_would_change(
    capsys: pytest.CaptureFixture[str], draft: Path, tmp_path: Path
) -> None:
    code, out, _ = _run(capsys, "fix", "--diff", str(draft))
    assert code == 1 and "+Vladimir Putin spoke" in out
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister spoke to the press on Monday.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "fix", "--diff", str(clean))
    assert (code, out) == (0, "")
    code, out, _ = _run(capsys, "fix", str(draft))  # printing the fixed text is success
    assert code == 0 and out == "Vladimir Putin spoke to the press on Monday.\n"


def test_check_exit_codes_and_formats(capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    code, out, _ = _run(capsys, "check", str(draft))
    assert code == 1 and "GL101" in out
    code, _, _ = _run(capsys, "check", "--fail-on", "never", str(draft))
    assert code == 0
    code, out, _ = _run(capsys, "check", "--format", "jsonl", str(draft))
    assert code == 1 and '"code": "GL101"' in out
    code, _, err = _run(capsys, "check", "--format", "yaml", str(draft))
    assert code == 2 and "'yaml' is not one of" in err
    code, _, err = _run(capsys, "rules", "list", "--format", "sarif")
    assert code == 2


@pytest.mark.parametrize(
    ("toml", "line", "words"),
    [
        ('fail_on = "bogus"\n', 1, ["fail_on", "bogus", "error, warning, info, never"]),
        ('# house rules\nsource = "xx"\n', 2, ["source", "'xx'"]),
        ("min_confidence = 7\n", 1, ["min_confidence", "<= 1"]),
        ('severity = { TY003 = "loud" }\n', 1, ["severity", "loud"]),
        ("colour = 1\n", 1, ["colour", "unknown key"]),
        ('disable = "FR001"\n', 1, ["disable", "array"]),
        ('\ndisable = ["ZZ999"]\n', 2, ["ZZ999"]),
        ("passes = { spelling = false }\n", 1, ["passes", "spelling"]),
        ('packs = ["no-such-pack"]\n', 1, ["no-such-pack"]),
        ("min_confidence = = 1\n", 1, ["invalid TOML"]),
        ('[tool.retrans]\nfail_on = "bogus"\n', 2, ["fail_on"]),
        ('\nhouse_style = "bogus"\n', 2, ["house_style", "bogus", "ap"]),
    ],
)
def test_config_errors_name_file_and_line(
    capsys: pytest.CaptureFixture[str], draft: Path, toml: str, line: int, words: list[str]
) -> None:
    cfg = draft.parent / "retrans.toml"
    cfg.write_text(toml, encoding="utf-8")
    code, out, err = _run(capsys, "check", str(draft))
    assert code == 2 and out == ""
    _one_line(err, f"retrans.toml:{line}: ", *words)


def test_bad_source_option(capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    code, _, err = _run(capsys, "check", "--source", "xx", str(draft))
    assert code == 2
    _one_line(err, "--source", "'xx'")


def test_readme_config_block_works_in_retrans_toml(
    capsys: pytest.CaptureFixture[str], draft: Path
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n[tool.retrans]\n", 1)[1].split("```", 1)[0]
    for folder in ("names", "house-rules"):  # the folders the README's block names
        (draft.parent / folder).mkdir()
    (draft.parent / "names" / "ours.yaml").write_text(
        "entities:\n  - id: a-b\n    type: person\n    names: {en: Ann Bee}\n", encoding="utf-8"
    )
    (draft.parent / "house-rules" / "ours.yaml").write_text(_RULE, encoding="utf-8")
    (draft.parent / "retrans.toml").write_text("[tool.retrans]\n" + block, encoding="utf-8")
    code, out, err = _run(capsys, "check", str(draft))
    assert err == "" and code in (0, 1), err
    assert "GL101" in out
    # the same settings as a bare table
    (draft.parent / "retrans.toml").write_text(block, encoding="utf-8")
    code2, out2, err2 = _run(capsys, "check", str(draft))
    assert (code2, out2, err2) == (code, out, err)


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        (
            "entities:\n  - id: a-b\n    type: person\n    names: {en: A B}\n"
            "  - id: c-d\n    type: persn\n    names: {en: C D}\n",
            5,
            ["type", "persn", "person, place, organisation"],
        ),
        ("entities:\n  - id: a-b\n    type: person\n    nmes: {en: A B}\n", 2, ["nmes"]),
        ("entities:\n  - id: a-b\n    type: person\n    names: {en: [1, 2]}\n", 4, ["names"]),
    ],
)
def test_glossary_schema_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, yaml_text: str, line: int, words: list[str]
) -> None:
    g = tmp_path / "mine.yaml"
    g.write_text(yaml_text, encoding="utf-8")
    code, _, err = _run(capsys, "glossary", "check", "--no-strict", str(g))
    assert code == 2
    _one_line(err, f"mine.yaml:{line}: ", *words)


def test_house_style_schema_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "names.yaml").write_text(
        "entities:\n  - id: a-b\n    type: person\n    names: {en: A B}\n", encoding="utf-8"
    )
    (tmp_path / "styles" / "mine.yaml").write_text(
        "style: mine\nprefer:\n  a-b: {en: A B}\ncolour: red\n", encoding="utf-8"
    )
    code, _, err = _run(capsys, "glossary", "check", "--no-strict", str(tmp_path))
    assert code == 2
    _one_line(err, "mine.yaml:1: ", "colour")


_RULE = (
    "pack: mine\nsource: '*'\ntarget: en\nprefix: ZZ\nrules:\n"
    "  - id: ZZ001\n    message: m\n    pattern: 'colour'\n    replacement: color\n"
    "    examples: [{wrong: a colour, right: a color}, {ok: a hue}]\n"
)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("    message: m\n", "    message: m\n    severity: loud\n"), 6, ["severity", "loud"]),
        (("    message: m\n", "    message: m\n    confidence: 3\n"), 6, ["confidence", "<= 1"]),
        (("    message: m\n", "    message: m\n    type: consistency\n"), 6, ["type must be"]),
        (("    message: m\n", "    message: m\n    phrase: [a]\n"), 6, ["phrase"]),
        (("prefix: ZZ\n", "prefix: ZZ\nowner: me\n"), 1, ["owner"]),
        (("'colour'", "'(colour'"), 6, ["ZZ001", "bad pattern regex"]),
        (("    replacement: color\n", ""), 6, ["ZZ001", "replacement"]),
        (("id: ZZ001", "id: ZZ1"), 6, ["id"]),
    ],
)
def test_rule_pack_errors_name_file_and_line(
    capsys: pytest.CaptureFixture[str],
    draft: Path,
    change: tuple[str, str],
    line: int,
    words: list[str],
) -> None:
    packs = draft.parent / "packs"
    packs.mkdir()
    (packs / "mine.yaml").write_text(_RULE.replace(*change), encoding="utf-8")
    (draft.parent / "retrans.toml").write_text('rule_packs = ["packs"]\n', encoding="utf-8")
    code, _, err = _run(capsys, "check", str(draft))
    assert code == 2
    _one_line(err, f"mine.yaml:{line}: ", *words)
