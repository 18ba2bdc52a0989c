"""The typer-free entry (``retrans.fastcli``), ``--jobs`` and the portable disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from retrans import fastcli, paths
from retrans.cli import main as typer_main


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--help"],
        ["check"],
        ["check", "--format", "nope", "x.txt"],
        ["check", "--jobs", "0", "x.txt"],
        ["check", "--bogus", "x.txt"],
        ["fix", "-i", "x.txt"],
        ["rules"],
        ["--version"],
    ],
)
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    assert fastcli.parse(argv) is None


def test_plain_forms_are_parsed() -> None:
    cmd, kw = fastcli.parse(
        ["check", "a.txt", "--format=json", "--select", "FR", "--select=GL1", "-j", "2", "-"]
    ) or ("", {})
    assert cmd == "check"
    assert kw == {"paths": ["a.txt", "-"], "format": "json", "select": ["FR", "GL1"], "jobs": 2}


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(SAMPLES)],
        ["check", "--format", "jsonl", "--fail-on", "never", str(SAMPLES)],
        ["check", "--ignore", "FR", str(SAMPLES / "fr_ceasefire_call.txt")],
        ["fix", str(SAMPLES / "fr_ceasefire_call.txt")],
        ["fix", "--diff", str(SAMPLES)],
        ["check", "missing.txt"],
    ],
)
def test_fast_entry_prints_what_typer_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert fastcli.parse(argv) is not None
    code_fast = fastcli.main(argv)
    fast = capsys.readouterr()
    code_typer = typer_main(argv)
    slow = capsys.readouterr()
    assert (code_fast, fast.out, fast.err) == (code_typer, slow.out, slow.err)


def test_jobs_output_is_identical(tmp_path: Path) -> None:
    one = run_cli("check", "--format", "jsonl", str(SAMPLES))
    two = run_cli("check", "--format", "jsonl", "--jobs", "2", str(SAMPLES))
    assert one.stdout and (one.returncode, one.stdout) == (two.returncode, two.stdout)
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("fix", "--out", str(a), str(SAMPLES)).returncode == 0
    assert run_cli("fix", "-j", "2", "--out", str(b), str(SAMPLES)).returncode == 0
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_jobs_share_the_work_and_keep_order_and_errors(tmp_path: Path) -> None:
    """Many inputs, shared in chunks between this process and the pool, and one bad input
    among them: every job count prints the same findings in the same order, then the same
    error at the bad input's place, with the same exit code (2)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(100):  # chunks of three inputs: the bad one is not first in its chunk
        (tmp_path / f"d{i:02d}.txt").write_text(texts[i % len(texts)] + f"Line {i}.\n")
    (tmp_path / "d41x.jsonl").write_text('{"text": "Poutine a dit."}\n{broken\n')
    runs = [run_cli("check", "--format", "jsonl", "--jobs", j, str(tmp_path)) for j in "123"]
    assert runs[0].returncode == 2 and "d41x.jsonl:2" in runs[0].stderr
    assert '"path": "' + str(tmp_path / "d41.txt") in runs[0].stdout  # the inputs before it
    assert '"path": "' + str(tmp_path / "d42.txt") not in runs[0].stdout  # none after
    for r in runs[1:]:
        assert (r.returncode, r.stdout, r.stderr) == (
            runs[0].returncode,
            runs[0].stdout,
            runs[0].stderr,
        )


def test_cache_is_reused_by_a_checkout_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    homes = [tmp_path / "one", tmp_path / "two"]
    for home in homes:
        (home / "data").mkdir(parents=True)
        (home / "data" / "x.yaml").write_text("same content\n")
    builds: list[str] = []
    got = []
    for home in homes:
        monkeypatch.setattr(paths, "_HOME", str(home))
        data = home / "data" / "x.yaml"

        def build(data: Path = data) -> dict[str, str]:
            builds.append(str(data))
            return {"file": str(data), "other": "/elsewhere/x"}

        got.append(paths.disk_cached("test-kind", [data], build, str(home / "data")))
    assert len(builds) == 1  # the second checkout loaded the first one's cache
    # … and paths inside the cached value point into the checkout that loaded it
    assert got[1] == {"file": str(homes[1] / "data" / "x.yaml"), "other": "/elsewhere/x"}


def test_fsync_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--out of many files: no fsync per file, one sync at the end; --in-place: durable."""
    import os

    # Warm up first: creating the cache's per-user key is (rightly) durable.
    assert fastcli.main(["fix", "--out", str(tmp_path / "warm"), str(SAMPLES)]) == 0
    calls: list[str] = []
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync"))
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"))
    assert fastcli.main(["fix", "--out", str(tmp_path / "out"), str(SAMPLES)]) == 0
    assert calls == ["sync"]
    assert (tmp_path / "out" / "fr_ceasefire_call.txt").is_file()
    calls.clear()
    draft = tmp_path / "draft.txt"
    draft.write_text((SAMPLES / "fr_ceasefire_call.txt").read_text(encoding="utf-8"))
    assert fastcli.main(["fix", "--in-place", "--no-backup", str(draft)]) == 0
    assert draft.read_text(encoding="utf-8") != (SAMPLES / "fr_ceasefire_call.txt").read_text(
        encoding="utf-8"
    )
    assert calls == ["fsync", "fsync"]  # the file, then its folder entry
