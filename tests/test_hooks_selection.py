"""Selection like ruff (--select/--ignore, prefixes), config per file (nearest wins),
per-path overrides, --show-settings provenance, and .retransignore."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

BAD = "Vladimir Poutine said : no.\nThe head of American diplomacy spoke.\n"  # GL101 TY003 FR015


def codes(out: str) -> list[tuple[str, str]]:
    """(file name, code) of each text-format line, MT101 left out."""
    rows = []
    for line in out.splitlines():
        where, _, rest = line.partition(": ")
        code = rest.split(" ", 1)[0]
        if code != "MT101":
            rows.append((Path(where.split(":")[0]).name, code))
    return sorted(rows)


def write(p: Path, text: str = BAD) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_select_and_ignore_take_codes_and_prefixes(tmp_path: Path) -> None:
    write(tmp_path / "d.md")
    r = run_cli("check", "--select", "GL,TY", "d.md", cwd=tmp_path)
    assert codes(r.stdout) == [("d.md", "GL101"), ("d.md", "TY003")]
    r = run_cli("check", "--select", "GL,TY", "--ignore", "TY003", "d.md", cwd=tmp_path)
    assert codes(r.stdout) == [("d.md", "GL101")]
    r = run_cli("check", "--ignore", "GL", "--ignore", "TY", "d.md", cwd=tmp_path)
    assert codes(r.stdout) == [("d.md", "FR015")]


def test_a_more_specific_select_beats_a_broader_ignore(tmp_path: Path) -> None:
    write(tmp_path / "retrans.toml", 'ignore = ["FR", "TY"]\n')
    write(tmp_path / "d.md")
    r = run_cli("check", "d.md", cwd=tmp_path)
    assert codes(r.stdout) == [("d.md", "GL101")]
    r = run_cli("check", "--select", "FR015,GL", "d.md", cwd=tmp_path)
    assert codes(r.stdout) == [("d.md", "FR015"), ("d.md", "GL101")]


def test_an_unknown_selector_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "d.md")
    r = run_cli("check", "--select", "ZZ9", "d.md", cwd=tmp_path)
    assert r.returncode == 2
    assert (
        r.stderr == "retrans: error: --select (command line): unknown rule code or prefix 'ZZ9'\n"
    )


def test_nearest_config_wins_per_file(tmp_path: Path) -> None:
    write(tmp_path / "retrans.toml", 'disable = ["TY003"]\n')
    write(tmp_path / "desk" / "retrans.toml", 'disable = ["GL101"]\n')
    write(tmp_path / "a.md")
    write(tmp_path / "desk" / "b.md")
    r = run_cli("check", ".", cwd=tmp_path)
    assert codes(r.stdout) == [
        ("a.md", "FR015"),
        ("a.md", "GL101"),
        ("b.md", "FR015"),
        ("b.md", "TY003"),
    ]


def test_overrides_apply_to_the_paths_they_name(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.retrans]\n"
        'disable = ["FR015"]\n'
        "[[tool.retrans.overrides]]\n"
        'paths = ["wire/**/*.md"]\n'
        'disable = ["GL101"]\n'
        'severity = { TY003 = "info" }\n',
    )
    write(tmp_path / "wire" / "afp" / "w.md")
    write(tmp_path / "own.md")
    r = run_cli("check", ".", cwd=tmp_path)
    assert codes(r.stdout) == [
        ("own.md", "GL101"),
        ("own.md", "TY003"),
        ("w.md", "TY003"),  # GL101 off there, FR015 off everywhere
    ]
    # The wire copy's only finding is info now: it alone does not fail the check.
    assert run_cli("check", "wire", cwd=tmp_path).returncode == 0


def test_show_settings_says_where_each_value_came_from(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "retrans.toml",
        'house_style = "ap"\nignore = ["TY"]\n[[overrides]]\npaths = ["wire/"]\nsource = "fr"\n',
    )
    write(tmp_path / "wire" / "w.md")
    r = run_cli("check", "--show-settings", "--select", "GL,TY", "wire/w.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = {ln.split(" = ")[0]: ln for ln in r.stdout.splitlines() if " = " in ln}
    assert lines["house_style"].startswith('house_style = "ap"')
    assert lines["house_style"].endswith(f"# {cfg.resolve()}")
    assert lines["select"].startswith('select = ["GL", "TY"]')
    assert lines["select"].endswith("# --select (command line)")
    assert lines["source"].endswith(f"# {cfg.resolve()} overrides[0] (wire/)")
    assert lines["min_confidence"].endswith("# default")
    assert "# rules enabled: " in r.stdout


def test_retransignore_skips_paths_in_folders_and_named_files(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository root: ignore files above it do not count
    write(tmp_path / ".retransignore", "archive/\n*.draft.md\n!keep.draft.md\n")
    write(tmp_path / "archive" / "old.md")
    write(tmp_path / "x.draft.md")
    write(tmp_path / "keep.draft.md")
    write(tmp_path / "a.md")
    r = run_cli("check", ".", cwd=tmp_path)
    assert {name for name, _ in codes(r.stdout)} == {"a.md", "keep.draft.md"}
    r = run_cli("check", "archive/old.md", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "")


def test_a_bad_override_is_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    cfg = write(tmp_path / "retrans.toml", '[[overrides]]\ndisable = ["GL101"]\n')
    write(tmp_path / "d.md")
    r = run_cli("check", "d.md", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("retrans: error: ")
    assert f"{cfg.resolve()} overrides[0]" in r.stderr and "'paths'" in r.stderr
    assert r.stderr.count("\n") == 1
