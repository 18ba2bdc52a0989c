"""Write one JSON Schema per data format (docs/schemas/*.json) from ``retrans.schema``.

Editors use them for completion and checks (e.g. a ``# yaml-language-server: $schema=…``
comment in a glossary, or Even Better TOML's schema setting for ``retrans.toml``).

    python tools/write_schemas.py          # rewrite the files
    python tools/write_schemas.py --check  # exit 1 if a file is out of date (CI, tests)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from generated import write_or_check  # noqa: E402
from retrans.schema import SCHEMAS  # noqa: E402

OUT = ROOT / "docs" / "schemas"


def render(name: str) -> str:
    spec = SCHEMAS[name]
    schema = msgspec.json.schema(spec)
    if name == "rule-pack":  # rule types are a registry, not a Literal: list them for editors
        from retrans.rules.types import TYPES

        schema["$defs"]["RuleSpec"]["properties"]["type"]["enum"] = list(TYPES)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"retrans {name}",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the files are current")
    args = ap.parse_args(argv)
    files = {OUT / f"{name}.schema.json": render(name) for name in SCHEMAS}
    stale = write_or_check(files, args.check, ROOT)
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run tools/write_schemas.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
