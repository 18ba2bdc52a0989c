"""Inline control: each directive form switches off exactly what it names, where it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from retrans.formats import detect_format, documents
from retrans.pipeline import Pipeline

LINE = "Vladimir Poutine said : no."  # GL101 at column 1, TY003 at column 22


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    # English, no repeated-block finding: short texts full of directives fool language id.
    return Pipeline(lang="en", passes={"detect": False, "cleanup": False})


def found(pipe: Pipeline, text: str, path: str = "draft.md") -> set[tuple[int, str]]:
    doc = next(documents(text, path, detect_format(path)))
    findings, _ = pipe.check(doc)
    return {(doc.line_col(f.start)[0], f.code) for f in findings}


def both(line: int) -> set[tuple[int, str]]:
    return {(line, "GL101"), (line, "TY003")}


def test_without_directives_every_line_reports_both(pipe: Pipeline) -> None:
    assert found(pipe, f"{LINE}\n\n{LINE}\n") == both(1) | both(3)


@pytest.mark.parametrize("path", ["draft.md", "page.html"])
def test_range_disables_the_named_code_only_between_disable_and_enable(
    pipe: Pipeline, path: str
) -> None:
    text = (
        f"<p>{LINE}</p>\n"
        "<!-- retrans-disable GL101 -->\n"
        f"<p>{LINE}</p>\n"
        "<!-- retrans-enable -->\n"
        f"<p>{LINE}</p>\n"
    )
    assert found(pipe, text, path) == both(1) | {(3, "TY003")} | both(5)


def test_range_with_several_codes_and_a_reason(pipe: Pipeline) -> None:
    text = f"<!-- retrans-disable GL101, TY003 -- quoting the wire copy -->\n{LINE}\n"
    assert found(pipe, text) == set()


def test_range_without_codes_disables_every_rule(pipe: Pipeline) -> None:
    text = f"{LINE}\n<!-- retrans-disable -->\n{LINE}\n<!-- retrans-enable -->\n{LINE}\n"
    assert found(pipe, text) == both(1) | both(5)


def test_range_without_enable_runs_to_the_end(pipe: Pipeline) -> None:
    text = f"{LINE}\n\n<!-- retrans-disable TY003 -->\n\n{LINE}\n\n{LINE}\n"
    assert found(pipe, text) == both(1) | {(5, "GL101"), (7, "GL101")}


def test_enable_with_a_code_reenables_only_that_code(pipe: Pipeline) -> None:
    text = (
        "<!-- retrans-disable -->\n"
        f"{LINE}\n"
        "<!-- retrans-enable TY003 -->\n"
        f"{LINE}\n"
        "<!-- retrans-enable -->\n"
        f"{LINE}\n"
    )
    assert found(pipe, text) == {(4, "TY003")} | both(6)


def test_a_prefix_disables_every_code_it_starts(pipe: Pipeline) -> None:
    text = f"<!-- retrans-disable GL -->\n{LINE}\n<!-- retrans-enable GL -->\n{LINE}\n"
    assert found(pipe, text) == {(2, "TY003")} | both(4)


@pytest.mark.parametrize("path", ["draft.md", "page.html"])
def test_disable_next_line_hides_the_named_code_on_the_next_line_only(
    pipe: Pipeline, path: str
) -> None:
    text = f"<!-- retrans-disable-next-line TY003 -->\n{LINE}\n{LINE}\n"
    assert found(pipe, text, path) == {(2, "GL101")} | both(3)


def test_disable_next_line_without_codes_hides_the_whole_next_line(pipe: Pipeline) -> None:
    text = f"{LINE} <!-- retrans-disable-next-line -->\n{LINE}\n{LINE}\n"
    assert found(pipe, text) == both(1) | both(3)


def test_plain_text_line_disables_for_the_whole_document(pipe: Pipeline) -> None:
    text = f"{LINE}\n\nretrans: disable TY003\n\n{LINE}\n"
    assert found(pipe, text, "draft.txt") == {(1, "GL101"), (5, "GL101")}


def test_document_level_detection_is_hidden_only_when_named() -> None:
    pipe = Pipeline()
    text = (
        "Vladimir Poutine and Sergueï Lavrov said : the telephone interview was useful.\n\n"
        "The head of American diplomacy will travel to Pékin.\n"
    )
    assert any(code == "MT101" for _, code in found(pipe, text))
    hidden = found(pipe, text + "\n<!-- retrans-disable MT101 -->\n")
    assert not any(code == "MT101" for _, code in hidden)
    assert any(code == "GL101" for _, code in hidden)
    other = found(pipe, text + "\n<!-- retrans-disable TY003 -->\n")
    assert any(code == "MT101" for _, code in other)


def test_fix_leaves_a_disabled_range_alone(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(
        f"{LINE}\n\n<!-- retrans-disable GL101 -->\n{LINE}\n<!-- retrans-enable -->\n",
        encoding="utf-8",
    )
    r = run_cli("fix", str(p))
    assert r.returncode == 0, r.stderr
    assert r.stdout == (
        "Vladimir Putin said: no.\n\n<!-- retrans-disable GL101 -->\n"
        "Vladimir Poutine said: no.\n<!-- retrans-enable -->\n"
    )


def test_a_directive_shown_in_markdown_code_does_nothing(pipe: Pipeline) -> None:
    text = f"Write `<!-- retrans-disable -->` to switch rules off.\n\n```\n<!-- retrans-disable -->\n```\n\n{LINE}\n"
    assert found(pipe, text) == both(7)
