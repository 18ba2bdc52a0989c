"""``retrans fix --interactive``: review each proposed edit, like ``git add -p``.

Each edit is shown in its line with rule, message and confidence; the editor answers with a
letter and Enter (a plain terminal or a pipe is enough: no curses, no raw mode). Accepted
edits are written when a file's review ends, or at ``q`` — atomically, so a reader never sees
half a file, and a file with nothing accepted is not touched.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from retrans.errors import InputError

if TYPE_CHECKING:
    from retrans.document import Document
    from retrans.findings import Finding
    from retrans.inputs import Input
    from retrans.selection import Resolver

HELP = """y - apply this edit
n - do not apply this edit
e - edit the replacement, then apply it
a - apply this edit and every later edit of this rule
d - skip this edit and every later edit of this rule
q - quit; write the edits accepted so far, skip the rest
? - print help
"""
_CONTEXT = 60  # characters of context each side on a long line


class _Quit(Exception):
    pass


def _context(doc: Document, f: Finding, replacement: str) -> tuple[str, str]:
    """The text around ``f`` before and after the edit, trimmed on long lines."""
    text = doc.text
    lo = max(text.rfind("\n", 0, f.start) + 1, f.start - _CONTEXT)
    hi = text.find("\n", f.end)
    hi = len(text) if hi < 0 else hi
    hi = min(hi, f.end + _CONTEXT)
    head = ("…" if lo > 0 and text[lo - 1] != "\n" else "") + text[lo : f.start]
    tail = text[f.end : hi] + ("…" if hi < len(text) and text[hi] != "\n" else "")
    return head + text[f.start : f.end] + tail, head + replacement + tail


class Review:
    """One session's state: answers that carry across files (``a`` and ``d``)."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.inp = stdin
        self.out = stdout
        self.accept_rules: set[str] = set()
        self.reject_rules: set[str] = set()
        self.kept: list[Finding] = []

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:  # end of input: stop, keeping what was accepted
            self.out.write("\n")
            raise _Quit
        return line.rstrip("\r\n")

    def file(self, doc: Document, edits: list[Finding]) -> list[Finding]:
        """The edits the editor accepts (raises _Quit with them in ``self.kept``)."""
        self.kept = []
        for n, f in enumerate(edits, 1):
            if f.code in self.accept_rules:
                self.kept.append(f)
                continue
            if f.code in self.reject_rules:
                continue
            self.show(doc, f, n, len(edits))
            while True:
                answer = self.ask(f"({n}/{len(edits)}) Apply this edit [y,n,e,a,d,q,?]? ")
                choice = answer.strip().lower()[:1]
                if choice == "y":
                    self.kept.append(f)
                elif choice == "n":
                    pass
                elif choice == "a":
                    self.accept_rules.add(f.code)
                    self.kept.append(f)
                elif choice == "d":
                    self.reject_rules.add(f.code)
                elif choice == "e":
                    orig = doc.text[f.start : f.end]
                    new = self.ask(f"Replace {orig!r} with (Enter keeps {f.replacement!r}): ")
                    self.kept.append(dataclasses.replace(f, replacement=new or f.replacement))
                elif choice == "q":
                    raise _Quit
                else:
                    self.out.write(HELP)
                    continue
                break
        return self.kept

    def show(self, doc: Document, f: Finding, n: int, total: int) -> None:
        line, col = doc.line_col(f.start)
        before, after = _context(doc, f, f.replacement or "")
        self.out.write(
            f"\n@@ {doc.path}:{line}:{col} @@ {f.code} {f.message} "
            f"(confidence {f.confidence:.2f}, {f.source})\n"
            f"-{before}\n+{after}\n"
        )


def review(
    items: list[Input],
    resolver: Resolver,
    backup: bool = True,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> bool:
    """Review every input's edits; write accepted ones. True when a file changed."""
    from retrans import formats
    from retrans.paths import atomic_write
    from retrans.resolve import apply, resolve

    for inp in items:
        if inp.path == "<stdin>":
            raise InputError("--interactive needs files, not standard input")
        if formats.detect_format(inp.path) == "jsonl":
            raise InputError("--interactive works on text and Markdown files", inp.path)
    session = Review(stdin or sys.stdin, stdout or sys.stdout)
    changed = False
    for inp in items:
        pipe = resolver.pipeline_for(inp.path)
        doc = next(formats.documents(inp.text, inp.path, formats.detect_format(inp.path)))
        findings, _ = pipe.check(doc)
        edits = resolve(findings, doc, pipe.config.min_confidence)
        quit_now = False
        try:
            kept = session.file(doc, edits)
        except _Quit:
            kept, quit_now = session.kept, True
        new = apply(inp.text, sorted(kept, key=lambda f: (f.start, f.end)))
        if new != inp.text:
            p = Path(inp.path)
            if backup:
                atomic_write(p.with_name(p.name + ".orig"), inp.text.encode("utf-8"))
            atomic_write(p, new.encode("utf-8"))
            changed = True
            session.out.write(f"{inp.path}: {len(kept)} of {len(edits)} edits written\n")
        elif edits:
            session.out.write(f"{inp.path}: unchanged\n")
        if quit_now:
            break
    session.out.flush()
    return changed
