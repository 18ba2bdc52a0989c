"""JUnit XML: one test suite per file, one failing test case per finding (as ruff does), so
CI test reports list each fault; a clean file is one passing case."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.emitters._common import shown_message


@register("junit")
def emit(results: Iterable[Result], out: TextIO) -> None:
    suites: dict[str, list[tuple[str, str, str]]] = {}
    for doc, findings in results:
        cases = suites.setdefault(doc.path, [])
        for f in findings:
            line, col = doc.line_col(f.start)
            cases.append((f"{doc.path}:{line}:{col}", f.code, shown_message(doc, f)))
    root = ET.Element("testsuites", name="retrans")
    total = failed = 0
    for path, cases in suites.items():
        n_fail = len(cases)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(max(n_fail, 1)),
            failures=str(n_fail),
            errors="0",
            skipped="0",
        )
        if not cases:
            ET.SubElement(suite, "testcase", name=path, classname="retrans")
            total += 1
            continue
        for case in cases:
            where, code, msg = case
            tc = ET.SubElement(suite, "testcase", name=f"retrans.{code}", classname=where)
            fail = ET.SubElement(tc, "failure", message=msg, type=code)
            fail.text = f"{where}: {code} {msg}"
        total += n_fail
        failed += n_fail
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
