"""`retrans batch`: outputs mirror inputs, JSONL bytes kept, archives cannot escape --out,
the ledger resumes, bad items are errors and the report is written."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batch_helpers import make_inputs, run, tree
from conftest import run_cli
from retrans.batch.jsonl import JsonlError, field_span, replace_field

# -- JSONL edited in place ---------------------------------------------------------------


def test_replace_field_keeps_every_other_byte() -> None:
    line = '{"b": 1.50, "text" :  "Vladimir Poutine", "c": [1e5, {"text": "inner"}], "d":"\\u00e9"}\r\n'
    new = replace_field(line, "text", "Vladimir Putin")
    assert new == line.replace('"Vladimir Poutine"', '"Vladimir Putin"')


def test_replace_field_keeps_ascii_escaping_and_last_duplicate_key() -> None:
    line = '{"text": "a", "text": "caf\\u00e9 \\u00ab x \\u00bb"}\n'
    new = replace_field(line, "text", "café “x”")
    assert new.startswith('{"text": "a", "text": "caf\\u00e9 \\u201cx\\u201d"}')
    assert json.loads(new)["text"] == "café “x”"
    with pytest.raises(JsonlError):
        replace_field('{"text": 3}', "text", "x")
    with pytest.raises(JsonlError):
        field_span('{"other": "x"}', "text")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.text(max_size=5), _json, max_size=4),
    st.text(max_size=20),
    st.text(max_size=20),
    st.booleans(),
)
def test_replace_field_property(obj: dict, old: str, value: str, ascii_: bool) -> None:
    obj = {k: v for k, v in obj.items() if k != "text"}
    obj["text"] = old
    line = json.dumps(obj, ensure_ascii=ascii_) + "\n"
    new = replace_field(line, "text", value)
    start, end = field_span(line, "text")
    assert new[:start] == line[:start]
    assert new.endswith(line[end:])
    assert json.loads(new) == {**obj, "text": value}


# -- whole jobs --------------------------------------------------------------------------


def test_outputs_mirror_inputs_and_jsonl_other_fields_are_untouched(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=4, records=6, members=3)
    stats = run([src], tmp_path / "out")
    out = tmp_path / "out"
    assert stats.failed_total == 0
    assert sorted(tree(out)) == sorted(
        ["dump.jsonl"]
        + [str(p.relative_to(src)) for p in src.rglob("*.txt")]
        + [f"wire/wire/m{i:03d}.md" for i in range(3)]  # an archive's members under its stem
    )
    before = (src / "dump.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    after = (out / "dump.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(before) == len(after)
    changed = 0
    for b, a in zip(before, after, strict=True):
        bs, be = field_span(b, "text")
        as_, ae = field_span(a, "text")
        assert b[:bs] == a[:as_] and b[be:] == a[ae:]  # id, meta (1.5 stays "1.50"), order
        changed += b != a
    assert changed, "the MT drafts were fixed"
    assert "Putin" in (out / "dump.jsonl").read_text(encoding="utf-8")
    fixed = (out / "news" / "a000.txt").read_text(encoding="utf-8")
    assert "Poutine" not in fixed


def test_single_archive_mirrors_members_and_check_mode_writes_findings(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=1, records=1, members=3)
    run([src / "wire.tar.gz"], tmp_path / "fixed")
    assert sorted(tree(tmp_path / "fixed")) == [f"wire/m{i:03d}.md" for i in range(3)]
    run([src / "dump.jsonl"], tmp_path / "checked", fix=False)
    rows = (tmp_path / "checked" / "dump.jsonl.findings.jsonl").read_text().splitlines()
    assert rows and all(json.loads(r)["record"] == 1 for r in rows)
    assert {json.loads(r)["code"] for r in rows} >= {"GL101"}


def _tar(path: Path, members: dict[str, bytes], symlink: str | None = None) -> None:
    with tarfile.open(path, "w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        if symlink:
            info = tarfile.TarInfo(symlink)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            tf.addfile(info)


def test_archive_members_cannot_escape_out(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tar"
    _tar(
        bad,
        {
            "../evil.txt": b"Vladimir Poutine said.\n",
            "ok/../../evil2.txt": b"x\n",
            "/tmp/abs-evil.txt": b"x\n",
            "good.txt": b"The minister said : yes.\n",
        },
        symlink="link.txt",
    )
    out = tmp_path / "job" / "out"
    stats = run([bad], out)
    assert not (tmp_path / "job" / "evil.txt").exists()
    assert not (tmp_path / "evil2.txt").exists()
    assert not Path("/tmp/abs-evil.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*evil*")) == []
    assert tree(out) == {"good.txt": b"The minister said: yes.\n"}
    assert stats.failed_total == 4  # three unsafe paths and a symlink, each named
    errors = [
        json.loads(r)["error"]
        for r in (out / ".retrans-batch" / "items.jsonl").read_text().splitlines()
        if json.loads(r)["status"] == "error"
    ]
    assert sum("unsafe member path" in e for e in errors) == 3
    assert any("not a regular file" in e for e in errors)


def test_zip_limits_and_corrupt_archives_are_errors_not_crashes(tmp_path: Path) -> None:
    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("one.txt", "The minister said : yes.\n")
        zf.writestr("big.txt", "x" * 5000)
        zf.writestr("../up.txt", "x\n")
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    from retrans.batch.sources import Limits

    stats = run([z, broken], tmp_path / "out", limits=Limits(max_item_bytes=1000))
    assert tree(tmp_path / "out") == {"a/one.txt": b"The minister said: yes.\n"}
    items = [
        json.loads(r)
        for r in (tmp_path / "out/.retrans-batch/items.jsonl").read_text().splitlines()
    ]
    errs = sorted(i["error"] for i in items if i["status"] == "error")
    assert len(errs) == 3 and stats.failed_total == 3
    assert any("over the item limit" in e for e in errs)
    assert any("corrupt archive" in e for e in errs)
    assert any("unsafe member path" in e for e in errs)


def test_jsonl_member_of_an_archive_is_edited_line_by_line(tmp_path: Path) -> None:
    z = tmp_path / "a.zip"
    body = '{"text": "Vladimir Poutine said : no.", "x": 1.50}\n\n{"y": 2}\n{"text": "fine."}'
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("d/dump.jsonl", body)
    run([z], tmp_path / "out")
    assert (tmp_path / "out" / "d" / "dump.jsonl").read_text() == body.replace(
        "Poutine said :", "Putin said:"
    )


def test_member_count_limit(tmp_path: Path) -> None:
    t = tmp_path / "many.tar"
    _tar(t, {f"d{i}.txt": b"ok.\n" for i in range(5)})
    from retrans.batch.sources import Limits

    stats = run([t], tmp_path / "out", limits=Limits(max_members=3))
    assert len(tree(tmp_path / "out")) == 3
    assert stats.failed_total == 1


def test_resume_skips_done_items_and_redoes_changed_ones(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=4, records=4, members=2)
    out = tmp_path / "out"
    first = run([src], out)
    total = first.processed
    again = run([src], out, resume=True)
    assert (again.processed, again.skipped) == (0, total)
    (src / "news" / "a000.txt").write_text("The mayor said : yes.\n", encoding="utf-8")
    lines = (src / "dump.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = json.dumps({"id": "r2", "text": "Olaf Scholz said : no."}) + "\n"
    (src / "dump.jsonl").write_text("".join(lines), encoding="utf-8")
    third = run([src], out, resume=True)
    assert (third.processed, third.skipped) == (2, total - 2)
    assert (out / "news" / "a000.txt").read_text() == "The mayor said: yes.\n"
    assert (out / "dump.jsonl").read_text().splitlines()[2] == (
        '{"id": "r2", "text": "Olaf Scholz said: no."}'
    )
    fresh = tmp_path / "fresh"
    run([src], fresh)
    assert tree(out) == tree(fresh)


def test_id_field_keys_survive_inserted_lines(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=0, records=5, members=0)
    dump = src / "dump.jsonl"
    out = tmp_path / "out"
    run([dump], out, id_field="id")
    dump.write_text('{"id": "new", "text": "The mayor said : yes."}\n' + dump.read_text())
    st = run([dump], out, id_field="id", resume=True)
    assert (st.processed, st.skipped) == (1, 5)
    fresh = tmp_path / "fresh"
    run([dump], fresh, id_field="id")
    assert tree(out) == tree(fresh)


def test_bad_items_are_errors_and_the_job_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The minister said : yes.\n")
    (src / "bin.txt").write_bytes(b"\x00\x01binary")
    (src / "latin1.txt").write_bytes("café".encode("latin-1"))
    (src / "d.jsonl").write_text('{"text": "ok : yes"}\nnot json\n{"text": 5}\n[1]\n')
    r = run_cli("batch", str(src), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert r.returncode == 1, r.stderr
    assert "5 errors" in r.stdout
    out = tmp_path / "out"
    assert (out / "a.txt").read_text() == "The minister said: yes.\n"
    assert (out / "d.jsonl").read_text() == '{"text": "ok: yes"}\nnot json\n{"text": 5}\n[1]\n'
    db = sqlite3.connect(out / ".retrans-batch" / "ledger.sqlite")
    errs = dict(db.execute("SELECT key, error FROM items WHERE status = 'error'").fetchall())
    assert len(errs) == 5
    assert any("binary" in e for e in errs.values())
    assert any("invalid UTF-8" in e for e in errs.values())
    assert any("invalid JSON" in e and ":2:" in e for e in errs.values())
    o2 = tmp_path / "o2"
    r = run_cli("batch", str(src), "--out", str(o2), "-j", "1", "--chunk", "1", "--max-errors", "1")
    assert r.returncode == 1
    assert "stopping after 1 errors" in r.stderr
    assert "stopped early" in r.stdout
    db = sqlite3.connect(o2 / ".retrans-batch" / "ledger.sqlite")
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] < 7


def test_output_inside_input_refuses_unless_in_place(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The minister said : yes.\n")
    (src / "d.jsonl").write_text('{"text": "The mayor said : no.", "n": 1.0}\n')
    for out in (src, src / "cleaned"):
        r = run_cli("batch", str(src), "--out", str(out), "-j", "1")
        assert r.returncode == 2
        assert r.stderr.startswith("retrans: error: ") and "--in-place" in r.stderr
        assert (src / "a.txt").read_text() == "The minister said : yes.\n"
    r = run_cli("batch", str(src), "--out", str(src), "-j", "1", "--in-place")
    assert r.returncode == 0, r.stderr
    assert (src / "a.txt").read_text() == "The minister said: yes.\n"
    assert (src / "d.jsonl").read_text() == '{"text": "The mayor said: no.", "n": 1.0}\n'
    r = run_cli("batch", str(src), "--out", str(src), "-j", "1", "--in-place", "--resume")
    assert r.returncode == 0 and "0 processed, 2 skipped" in r.stdout


def test_report_summarises_items_rules_and_mt_share(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, files=3, records=3, members=2)
    stats = run([src], tmp_path / "out")
    state = tmp_path / "out" / ".retrans-batch"
    items = [json.loads(r) for r in (state / "items.jsonl").read_text().splitlines()]
    assert len(items) == stats.processed == 3 + 3 + 2
    assert all(
        {"key", "status", "hash", "mt", "rules", "categories", "ms"} <= i.keys() for i in items
    )
    md = (state / "summary.md").read_text()
    assert "| GL101 |" in md and "MT share by source language" in md and "| fr |" in md
    page = (state / "report.html").read_text()
    assert page.count('class="bar"') >= 20 + 1  # the histogram's bins and the top rules
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org", "")


def test_progress_is_plain_lines_off_a_terminal(tmp_path: Path) -> None:
    import io as _io

    from batch_helpers import Driver, EngineOptions, Spec

    src = make_inputs(tmp_path, files=3, records=0, members=0)
    err, out = _io.StringIO(), _io.StringIO()
    spec = Spec(
        [str(src)], tmp_path / "out", engine=EngineOptions(), chunk_items=1, progress_every=0.0
    )
    Driver(spec, out=out, err=err).run()
    lines = err.getvalue().splitlines()
    assert len(lines) >= 3 and all(ln.startswith("batch: ") for ln in lines)
    assert lines[-1].startswith("batch: 3 done, 0 skipped, 0 errors")
    assert "3 items, 3 done, 0 errors" in out.getvalue()


def test_a_second_job_on_the_same_output_folder_exits_2(tmp_path: Path) -> None:
    from retrans.batch.ledger import Ledger

    src = make_inputs(tmp_path, files=1, records=0, members=0)
    out = tmp_path / "out"
    held = Ledger(out / ".retrans-batch" / "ledger.sqlite", fresh=True)
    try:
        r = run_cli("batch", str(src), "--out", str(out), "-j", "1")
        assert r.returncode == 2 and "another batch job" in r.stderr
    finally:
        held.close()
    assert run_cli("batch", str(src), "--out", str(out), "-j", "1").returncode == 0


def test_each_jsonl_output_is_written_as_soon_as_its_records_are_done(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.jsonl").write_text(
            "".join(f'{{"text": "The mayor said : {i}."}}\n' for i in range(5)) + "x" * 50 + "\n"
        )
    from retrans.batch.sources import Limits

    out = tmp_path / "out"
    seen: list[list[str]] = []
    import retrans.batch.runner as runner

    orig = runner.Driver._assemble

    def spy(self: runner.Driver, stream: runner.Stream) -> None:
        seen.append(sorted(p.name for p in out.glob("*.jsonl")))
        orig(self, stream)

    runner.Driver._assemble = spy  # type: ignore[method-assign]
    try:
        stats = run([src], out, chunk_items=2, limits=Limits(max_item_bytes=40))
    finally:
        runner.Driver._assemble = orig  # type: ignore[method-assign]
    assert seen == [[], ["a.jsonl"], ["a.jsonl", "b.jsonl"]]  # one by one, not all at the end
    assert stats.failed_total == 3  # the over-long line of each file
    for name in ("a", "b", "c"):
        lines = (out / f"{name}.jsonl").read_text().splitlines()
        assert lines[:5] == [f'{{"text": "The mayor said: {i}."}}' for i in range(5)]
        assert lines[5] == "x" * 50  # copied through untouched
