"""`retrans hook install`: a real git pre-commit hook that checks what is staged."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

BAD = "Vladimir Poutine said : no.\n"
GOOD = "Vladimir Putin said no.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # No global or system git config (a hooksPath there would hide the hook).
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q")
    git(r, "config", "user.email", "ed@example.org")
    git(r, "config", "user.name", "Editor")
    return r


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=check, timeout=300
    )


def commit(repo: Path, msg: str = "x") -> subprocess.CompletedProcess[str]:
    return git(repo, "commit", "-m", msg, check=False)


def install(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("hook", "install", *args, cwd=repo)


def test_install_writes_an_executable_hook(repo: Path) -> None:
    r = install(repo)
    assert r.returncode == 0, r.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK)
    assert "retrans hook run" in hook.read_text(encoding="utf-8")
    assert install(repo).returncode == 0  # reinstalling its own hook is fine


def test_a_staged_draft_with_a_finding_blocks_the_commit(repo: Path) -> None:
    install(repo)
    (repo / "draft.md").write_text(BAD, encoding="utf-8")
    git(repo, "add", "draft.md")
    r = commit(repo)
    assert r.returncode != 0
    assert "draft.md:1:1: GL101" in r.stdout + r.stderr
    assert "commit blocked" in r.stderr
    assert git(repo, "rev-list", "--all").stdout == ""  # nothing was committed


def test_a_clean_draft_and_other_files_pass(repo: Path) -> None:
    install(repo)
    (repo / "draft.txt").write_text(GOOD, encoding="utf-8")
    (repo / "code.py").write_text("x = 'Vladimir Poutine said : no.'\n", encoding="utf-8")
    git(repo, "add", ".")
    r = commit(repo)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_hook_checks_the_staged_content_not_the_work_tree(repo: Path) -> None:
    install(repo)
    draft = repo / "draft.md"
    draft.write_text(GOOD, encoding="utf-8")
    git(repo, "add", "draft.md")
    draft.write_text(BAD, encoding="utf-8")  # not staged
    assert commit(repo, "clean staged").returncode == 0
    git(repo, "add", "draft.md")
    draft.write_text(GOOD, encoding="utf-8")  # the fix is not staged
    r = commit(repo, "bad staged")
    assert r.returncode != 0
    assert "draft.md:1:1: GL101" in r.stdout + r.stderr


def test_retransignore_keeps_a_path_out_of_the_hook(repo: Path) -> None:
    install(repo)
    (repo / ".retransignore").write_text("wire/\n", encoding="utf-8")
    (repo / "wire").mkdir()
    (repo / "wire" / "copy.md").write_text(BAD, encoding="utf-8")
    git(repo, "add", ".")
    assert commit(repo).returncode == 0


def test_a_foreign_hook_is_kept_unless_forced(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\necho team hook\n", encoding="utf-8")
    r = install(repo)
    assert r.returncode == 2
    assert "--force" in r.stderr and "pre-commit" in r.stderr
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\necho team hook\n"
    r = install(repo, "--force")
    assert r.returncode == 0, r.stderr
    assert "retrans hook run" in hook.read_text(encoding="utf-8")
    assert (hook.parent / "pre-commit.bak").read_text(encoding="utf-8").endswith("team hook\n")


def test_uninstall_removes_only_its_own_hook(repo: Path) -> None:
    install(repo)
    assert run_cli("hook", "uninstall", cwd=repo).returncode == 0
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()


def test_install_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    r = run_cli("hook", "install", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("retrans: error: not inside a git repository")


def test_fix_exit_non_zero_on_fix_only_when_a_file_changed(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(BAD, encoding="utf-8")
    args = ("fix", "--in-place", "--no-backup", "--exit-non-zero-on-fix", "d.md")
    assert run_cli(*args, cwd=tmp_path).returncode == 1
    assert p.read_text(encoding="utf-8") == "Vladimir Putin said: no.\n"
    assert run_cli(*args, cwd=tmp_path).returncode == 0
