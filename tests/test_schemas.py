"""The JSON Schema files editors use are generated from the schemas the loaders use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_schema_files_are_current() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "write_schemas.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_rule_pack_schema_lists_the_rule_types() -> None:
    from retrans.rules.types import TYPES

    schema = json.loads((ROOT / "docs/schemas/rule-pack.schema.json").read_text("utf-8"))
    assert schema["$defs"]["RuleSpec"]["properties"]["type"]["enum"] == list(TYPES)
