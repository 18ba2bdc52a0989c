"""Inline control: a text switches rules off for a range, a line or the whole document.

Forms (HTML comments, so they work in Markdown and HTML and never show when rendered)::

    <!-- retrans-disable FR012 GL -->      off from here (codes or prefixes; none: every rule)
    <!-- retrans-enable FR012 -->          on again (no codes: every rule)
    <!-- retrans-disable-next-line TY003 --> off on the next line only
    retrans: disable FR012                   (a plain-text line) off for the whole document

A range with no ``retrans-enable`` runs to the end of the document, like ESLint's. Findings
are matched by where they start; a document-level finding (MT101, at offset 0 with no
length) is hidden only by a directive that names it (or its prefix), wherever it stands.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from retrans.document import Document
from retrans.findings import Finding

_CODE = re.compile(r"[A-Z]{2,4}\d{0,3}")
_DIRECTIVE = re.compile(r"<!--\s*retrans-(disable-next-line|disable|enable)\b(.*?)-->", re.S)
_WHOLE = re.compile(
    r"retrans:\s*disable\s+([A-Z]{2,4}\d{0,3}(?:\s*,\s*[A-Z]{2,4}\d{0,3})*)(?![\w-])"
)


def _codes(arg: str) -> frozenset[str]:
    """Leading codes of a directive's argument (``FR012, GL -- why`` → FR012, GL)."""
    out: set[str] = set()
    for tok in re.split(r"[\s,]+", arg.strip()):
        if not tok:
            continue
        if not _CODE.fullmatch(tok):
            break  # the rest is a reason, for the reader
        out.add(tok)
    return frozenset(out)


def matches(code: str, selectors: frozenset[str]) -> bool:
    """True when ``code`` is one of ``selectors`` or starts with one (a prefix like ``FR``)."""
    return any(code.startswith(s) for s in selectors)


@dataclass(frozen=True)
class _State:
    """What the inline directives switch off at one point of the text."""

    all_off: bool = False
    off: frozenset[str] = frozenset()
    back_on: frozenset[str] = frozenset()  # re-enabled inside an every-rule range

    def hides(self, code: str) -> bool:
        if matches(code, self.off):
            return True
        return self.all_off and not matches(code, self.back_on)


class Suppressions:
    """Where each code is switched off in one document."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        self.whole: frozenset[str] = frozenset()
        self.named: frozenset[str] = frozenset()  # every code a range names (document-level)
        self._offsets: list[int] = []
        self._states: list[_State] = []
        self._lines: dict[int, frozenset[str]] = {}  # line index → codes off (empty: all)
        self._line_starts: list[int] = []
        whole: set[str] = set()
        for m in _WHOLE.finditer(text):
            whole.update(c.strip() for c in m.group(1).split(","))
        self.whole = frozenset(whole)
        if "retrans-" not in text:
            return
        self._line_starts = [0, *(m.end() for m in re.finditer(r"\r\n|\n|\r", text))]
        state = _State()
        named: set[str] = set()
        code = _code_spans(doc)
        for m in _DIRECTIVE.finditer(text):
            if any(s <= m.start() < e for s, e in code):
                continue  # a directive shown as an example in Markdown code does nothing
            kind, codes = m.group(1), _codes(m.group(2))
            if kind == "disable-next-line":
                line = self._line_of(m.end()) + 1
                prev = self._lines.get(line)
                self._lines[line] = (
                    frozenset()
                    if not codes or prev == frozenset()
                    else (codes | (prev or frozenset()))
                )
                named |= codes
                continue
            if kind == "disable":
                named |= codes
                if codes:
                    state = _State(state.all_off, state.off | codes, state.back_on - codes)
                else:
                    state = _State(True, frozenset(), frozenset())
            elif codes:  # enable some
                state = _State(state.all_off, state.off - codes, state.back_on | codes)
            else:  # enable all
                state = _State()
            self._offsets.append(m.start())
            self._states.append(state)
        self.named = frozenset(named)

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) - 1

    def hides(self, f: Finding) -> bool:
        """True when an inline directive switches ``f`` off."""
        code = f.code
        if code in self.whole:
            return True
        if f.start == 0 and f.end == 0:  # about the whole document
            return matches(code, self.named)
        if self._lines:
            off = self._lines.get(self._line_of(f.start))
            if off is not None and (not off or matches(code, off)):
                return True
        i = bisect.bisect_right(self._offsets, f.start) - 1
        return i >= 0 and self._states[i].hides(code)


def _code_spans(doc: Document) -> list[tuple[int, int]]:
    """Fenced and inline code of a Markdown document."""
    if doc.fmt != "markdown" or ("`" not in doc.text and "~~~" not in doc.text):
        return []
    from retrans.formats import _FENCE, _lf, code_spans

    text = _lf(doc.text)  # CR LF Markdown too
    return [m.span() for m in _FENCE.finditer(text)] + code_spans(text)


def filter_findings(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` less those the document's inline directives switch off."""
    if "retrans" not in doc.text:
        return findings
    sup = Suppressions(doc)
    return [f for f in findings if not sup.hides(f)]
