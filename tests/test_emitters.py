"""CI output formats: SARIF (validated against the 2.1.0 schema), GitHub annotations,
checkstyle and JUnit XML."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, run_cli
from retrans import emitters
from retrans.document import Document
from retrans.emitters.github import escape_data, escape_property
from retrans.findings import Finding, Severity

SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
DRAFT = "Vladimir Poutine said : no.\nThe head of American diplomacy spoke.\n"
# ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message — no raw , : in values.
GH_LINE = re.compile(
    r"::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=[^,:\r\n]+::[^\r\n]*"
)


def _validator():  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _check(tmp_path: Path, fmt: str, *names: str) -> tuple[int, str]:
    paths = []
    for name in names:
        p = tmp_path / name
        p.write_text(DRAFT if "draft" in name else "A clean sentence.\n", encoding="utf-8")
        paths.append(name)
    r = run_cli("check", "--format", fmt, *paths, cwd=tmp_path)
    assert r.stderr == "", r.stderr
    return r.returncode, r.stdout


def test_every_format_is_registered() -> None:
    for name in ("sarif", "github", "checkstyle", "junit"):
        assert name in emitters.FORMATS
        assert callable(emitters.get(name))


def test_sarif_validates_and_carries_rules_locations_and_fixes(tmp_path: Path) -> None:
    rc, out = _check(tmp_path, "sarif", "draft.md", "clean.txt")
    assert rc == 1
    log = json.loads(out)
    _validator().validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"GL101", "TY003", "FR015"}
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    by_code = {r["ruleId"]: r for r in results}
    gl = by_code["GL101"]
    region = gl["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 1)
    assert (region["endLine"], region["endColumn"]) == (1, 17)
    assert gl["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "draft.md"
    change = gl["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["insertedContent"]["text"] == "Vladimir Putin"
    assert DRAFT[region["charOffset"] : region["charOffset"] + region["charLength"]] == (
        "Vladimir Poutine"
    )
    fr = next(r for r in rules if r["id"] == "FR015")
    assert fr["shortDescription"]["text"]
    assert fr["defaultConfiguration"]["level"] == "warning"
    assert "✗" in fr["help"]["text"]  # the rule's examples
    assert run["columnKind"] == "unicodeCodePoints"
    # The schema does reject a broken log: the validation above is not vacuous.
    broken = dict(log, version="2.0")
    assert not _validator().is_valid(broken)


def test_sarif_of_a_clean_run_is_valid_and_empty(tmp_path: Path) -> None:
    rc, out = _check(tmp_path, "sarif", "clean.txt")
    assert rc == 0
    log = json.loads(out)
    _validator().validate(log)
    assert log["runs"][0]["results"] == []


def test_github_lines_follow_the_workflow_command_syntax(tmp_path: Path) -> None:
    rc, out = _check(tmp_path, "github", "draft.md")
    assert rc == 1
    lines = out.splitlines()
    assert lines
    for line in lines:
        assert GH_LINE.fullmatch(line), line
    assert any(
        ln.startswith(
            "::error file=draft.md,line=1,col=1,endLine=1,endColumn=17,title=retrans GL101::"
        )
        for ln in lines
    )
    assert any(ln.startswith("::warning ") and "FR015" in ln for ln in lines)


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    doc = Document("x\ny said : no\n", path="odd,dir:1/a.md")
    f = Finding(8, 10, "TY003", "typography", Severity.INFO, "two\nlines 100%", ":")
    out = io.StringIO()
    emitters.get("github")([(doc, [f])], out)
    assert out.getvalue() == (
        "::notice file=odd%2Cdir%3A1/a.md,line=2,col=7,endLine=2,endColumn=9,"
        "title=retrans TY003::TY003 two%0Alines 100%25 → :\n"
    )


def test_checkstyle_lists_every_file_with_its_errors(tmp_path: Path) -> None:
    rc, out = _check(tmp_path, "checkstyle", "draft.md", "clean.txt")
    assert rc == 1
    root = ET.fromstring(out)
    assert root.tag == "checkstyle"
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"draft.md", "clean.txt"}
    assert files["clean.txt"].findall("error") == []
    errs = files["draft.md"].findall("error")
    gl = next(e for e in errs if e.get("source") == "retrans.GL101")
    assert (gl.get("line"), gl.get("column"), gl.get("severity")) == ("1", "1", "error")


def test_junit_has_a_failing_case_per_finding_and_a_passing_case_per_clean_file(
    tmp_path: Path,
) -> None:
    rc, out = _check(tmp_path, "junit", "draft.md", "clean.txt")
    assert rc == 1
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"draft.md", "clean.txt"}
    clean = suites["clean.txt"].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None
    cases = suites["draft.md"].findall("testcase")
    assert all(c.find("failure") is not None for c in cases)
    assert int(root.get("failures", "0")) == len(cases) == int(suites["draft.md"].get("failures"))
    assert any(c.get("name") == "retrans.GL101" for c in cases)


def test_sample_in_every_format_exits_like_text() -> None:
    sample = str(SAMPLES / "fr_ceasefire_call.txt")
    for fmt in ("sarif", "junit"):
        r = run_cli("check", "--format", fmt, sample)
        assert r.returncode == 1, r.stderr
        assert r.stdout
