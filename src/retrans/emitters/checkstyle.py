"""Checkstyle XML: read by Jenkins (Warnings NG), GitLab plugins, reviewdog and many more."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from retrans.emitters import Result, register
from retrans.emitters._common import shown_message

_SEVERITY = {"error": "error", "warning": "warning", "info": "info"}


@register("checkstyle")
def emit(results: Iterable[Result], out: TextIO) -> None:
    root = ET.Element("checkstyle", version="4.3")
    files: dict[str, ET.Element] = {}
    for doc, findings in results:
        el = files.get(doc.path)
        if el is None:  # every file checked is listed, clean ones too
            el = files[doc.path] = ET.SubElement(root, "file", name=doc.path)
        for f in findings:
            line, col = doc.line_col(f.start)
            ET.SubElement(
                el,
                "error",
                line=str(line),
                column=str(col),
                severity=_SEVERITY[f.severity.label],
                message=f"{f.code} {shown_message(doc, f)}",
                source=f"retrans.{f.code}",
            )
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
