"""tools/mine_calques.py: MT n-grams absent from every human text, and the rules they led to."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

DATA = SHARED / "data"
TOOL = ROOT / "tools" / "mine_calques.py"


@pytest.mark.skipif(not (DATA / "wmt14_fr_en_docs.jsonl").exists(), reason="no ../shared/data")
def test_candidates_are_absent_from_every_human_text_and_the_rules_found_them() -> None:
    out = subprocess.run(
        [sys.executable, str(TOOL), "--top", "40"], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 40 and all(len(row) == 5 for row in rows)
    spec = importlib.util.spec_from_file_location("mine_calques", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    human = tool.human_grams(DATA)
    for segs, outs, gram, _codes, _text in rows:
        assert int(segs) >= 4 and int(outs) >= int(segs)
        assert gram not in human
    codes = {row[2]: row[3] for row in rows}
    assert codes["it has added"] == "FR372"  # the rule this n-gram led to fires on it
