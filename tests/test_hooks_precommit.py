"""The shipped .pre-commit-hooks.yaml, run by the real pre-commit tool on a real commit.

The fast test runs the manifest's hooks as `repo: local` with this interpreter (same entry,
arguments and file filters, no install); the slow one uses the repository exactly as another
project would (`repo: <url>`, pre-commit builds its own virtualenv and pip-installs retrans).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

pytest.importorskip("pre_commit")

BAD = "Vladimir Poutine said : no.\n"
GOOD = "Vladimir Putin said no.\n"
FIXED = "Vladimir Putin said: no.\n"


def manifest() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {h["id"]: h for h in hooks}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    monkeypatch.setenv("PRE_COMMIT_COLOR", "never")
    return dict(os.environ)


def sh(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900)
    if check and r.returncode != 0:
        raise AssertionError(f"{args} failed:\n{r.stdout}\n{r.stderr}")
    return r


def make_repo(path: Path, config: dict[str, Any]) -> Path:
    path.mkdir()
    sh(path, "git", "init", "-q")
    sh(path, "git", "config", "user.email", "ed@example.org")
    sh(path, "git", "config", "user.name", "Editor")
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    sh(path, "git", "add", ".pre-commit-config.yaml")
    sh(path, "git", "commit", "-q", "--no-verify", "-m", "config")
    sh(path, sys.executable, "-m", "pre_commit", "install")
    return path


def commit(repo: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(text, encoding="utf-8")
    sh(repo, "git", "add", name)
    return sh(repo, "git", "commit", "-m", f"add {name}", check=False)


def local_config(*ids: str) -> dict[str, Any]:
    """The manifest's hooks as local hooks running this interpreter's retrans."""
    hooks = []
    for hid in ids:
        h = dict(manifest()[hid])
        h.pop("additional_dependencies", None)
        assert h["entry"].startswith("retrans ")
        h["entry"] = f"{sys.executable} -m {h['entry']}"
        h["language"] = "system"
        hooks.append(h)
    return {"repos": [{"repo": "local", "hooks": hooks}]}


def check_flow(repo: Path) -> None:
    r = commit(repo, "bad.md", BAD)
    out = r.stdout + r.stderr  # git shows a hook's output on stderr
    assert r.returncode != 0, out
    assert "retrans check" in out and "Failed" in out
    assert "bad.md:1:1: GL101" in out
    sh(repo, "git", "rm", "-q", "--cached", "bad.md")
    r = commit(repo, "good.md", GOOD)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout + r.stderr


def fix_flow(repo: Path) -> None:
    r = commit(repo, "draft.txt", BAD)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "retrans fix" in out and "Failed" in out
    assert "- exit code: 1" in out  # the hook itself fails, not only pre-commit's file check
    assert (repo / "draft.txt").read_text(encoding="utf-8") == FIXED
    assert not (repo / "draft.txt.orig").exists()
    sh(repo, "git", "add", "draft.txt")
    r = sh(repo, "git", "commit", "-m", "fixed", check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert sh(repo, "git", "show", "HEAD:draft.txt").stdout == FIXED


def test_manifest_defines_both_hooks() -> None:
    hooks = manifest()
    assert set(hooks) == {"retrans-check", "retrans-fix"}
    for h in hooks.values():
        assert h["language"] == "python"
    assert "--exit-non-zero-on-fix" in hooks["retrans-fix"]["entry"]


def test_check_hook_blocks_a_draft_with_a_finding_and_passes_a_clean_one(
    tmp_path: Path, env: dict[str, str]
) -> None:
    check_flow(make_repo(tmp_path / "news", local_config("retrans-check")))


def test_fix_hook_rewrites_and_fails_once_then_passes(tmp_path: Path, env: dict[str, str]) -> None:
    fix_flow(make_repo(tmp_path / "news", local_config("retrans-fix")))


def _project_copy(dest: Path) -> str:
    """This checkout (committed or not) as a git repository pre-commit can clone."""
    files = sh(ROOT, "git", "ls-files", "-co", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    sh(dest, "git", "init", "-q")
    sh(dest, "git", "add", "-A")
    sh(dest, "git", "-c", "user.email=a@b", "-c", "user.name=ci", "commit", "-qm", "snapshot")
    return sh(dest, "git", "rev-parse", "HEAD").stdout.strip()


@pytest.mark.slow
def test_hooks_from_the_repository_as_another_project_uses_them(
    tmp_path: Path, env: dict[str, str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    proj = tmp_path / "retrans"
    proj.mkdir()
    rev = _project_copy(proj)
    config = {
        "repos": [
            {"repo": str(proj), "rev": rev, "hooks": [{"id": "retrans-check"}]},
        ]
    }
    check_flow(make_repo(tmp_path / "news", config))
    config["repos"][0]["hooks"] = [{"id": "retrans-fix"}]
    fix_flow(make_repo(tmp_path / "desk", config))
