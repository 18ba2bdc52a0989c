"""`retrans fix --interactive` driven through a pseudo-terminal, as an editor would use it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

DRAFT = "Vladimir Poutine said : no.\nThe head of American diplomacy spoke.\n"
PROMPT = "Apply this edit [y,n,e,a,d,q,?]? "


def spawn(cwd: Path, *files: str):  # type: ignore[no-untyped-def]
    env = dict(os.environ, TERM="dumb", COLUMNS="100")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "retrans", "fix", "--interactive", *files],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=120,
    )
    return child


def answer(child, reply: str) -> str:  # type: ignore[no-untyped-def]
    child.expect_exact(PROMPT)
    shown = str(child.before)
    child.sendline(reply)
    return shown


def finish(child) -> str:  # type: ignore[no-untyped-def]
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def test_accept_reject_and_edit_do_what_they_say(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_text(DRAFT, encoding="utf-8")
    inode = p.stat().st_ino
    child = spawn(tmp_path, "d.txt")
    shown = answer(child, "y")
    # Each edit in its line, with rule, message and confidence.
    assert "GL101" in shown and "confidence 0.95" in shown
    assert "-Vladimir Poutine said : no." in shown
    assert "+Vladimir Putin said : no." in shown
    shown = answer(child, "n")
    assert "TY003" in shown
    # Nothing is written before the review of the file ends.
    assert p.read_text(encoding="utf-8") == DRAFT
    shown = answer(child, "e")
    assert "FR015" in shown
    child.expect_exact("with (Enter keeps 'The top US diplomat'): ")
    child.sendline("The secretary of state")
    out = finish(child)
    assert "2 of 3 edits written" in out
    assert p.read_text(encoding="utf-8") == (
        "Vladimir Putin said : no.\nThe secretary of state spoke.\n"
    )
    assert (tmp_path / "d.txt.orig").read_text(encoding="utf-8") == DRAFT
    # Written atomically: a new file renamed over the old one, no temporary file left behind.
    assert p.stat().st_ino != inode
    assert sorted(x.name for x in tmp_path.iterdir()) == ["d.txt", "d.txt.orig"]


def test_quit_writes_what_was_accepted_so_far_and_stops(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    child = spawn(tmp_path, "a.txt", "b.txt")
    answer(child, "y")
    answer(child, "q")
    out = finish(child)
    assert "1 of 3 edits written" in out
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "Vladimir Putin said : no.\nThe head of American diplomacy spoke.\n"
    )
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == DRAFT  # never reached
    assert not (tmp_path / "b.txt.orig").exists()


def test_accept_all_of_a_rule_carries_to_the_next_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    child = spawn(tmp_path, "a.txt", "b.txt")
    answer(child, "n")  # GL101 in a.txt
    answer(child, "a")  # TY003: this and every later one
    answer(child, "n")  # FR015 in a.txt
    shown = answer(child, "n")  # GL101 in b.txt: TY003 was not asked again
    assert "GL101" in shown
    shown = answer(child, "n")  # FR015 in b.txt
    assert "FR015" in shown and "TY003" not in shown
    finish(child)
    expected = "Vladimir Poutine said: no.\nThe head of American diplomacy spoke.\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == expected
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == expected


def test_rejecting_everything_leaves_the_file_untouched(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(DRAFT, encoding="utf-8")
    inode = p.stat().st_ino
    child = spawn(tmp_path, "d.md")
    answer(child, "?")  # help, then the same question again
    child.expect_exact("q - quit")
    for _ in range(3):
        answer(child, "n")
    out = finish(child)
    assert "unchanged" in out
    assert p.read_text(encoding="utf-8") == DRAFT
    assert p.stat().st_ino == inode
    assert not (tmp_path / "d.md.orig").exists()
