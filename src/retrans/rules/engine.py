"""Running rules over a document: each rule type turns regex matches into findings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from retrans import paths
from retrans.document import Document
from retrans.errors import DataError
from retrans.findings import Finding
from retrans.rules.model import Pack, Rule, load_pack
from retrans.rules.safety import check_user_packs, refeeds

_DISABLE = re.compile(
    r"retrans(?:-disable|:\s*disable)\s+([A-Z]{2,4}\d{3}(?:\s*,\s*[A-Z]{2,4}\d{3})*)"
)


def preserve_case(found: str, repl: str) -> str:
    """Carry the match's capitalisation (Title or UPPER) onto the replacement."""
    letters = [c for c in found if c.isalpha()]
    if not repl or not letters:
        return repl
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return repl.upper()
    first_found = letters[0]
    for i, c in enumerate(repl):
        if c.isalpha():
            if first_found.isupper() and c.islower():
                return repl[:i] + c.upper() + repl[i + 1 :]
            if first_found.islower() and c.isupper() and repl[i + 1 : i + 2].islower():
                # "The Westerners" mid-sentence keeps the data's capital only for names.
                return repl
            return repl
    return repl


def inline_disabled(text: str) -> set[str]:
    """Codes disabled in the text itself (``<!-- retrans-disable FR001 -->``)."""
    out: set[str] = set()
    for m in _DISABLE.finditer(text):
        out.update(c.strip() for c in m.group(1).split(","))
    return out


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    if rule.near_rx is None and rule.not_near_rx is None:
        return True
    lo, hi = max(0, start - rule.window), min(len(text), end + rule.window)
    if rule.near_rx is not None and not rule.near_rx.search(text, lo, hi):
        return False
    return not (rule.not_near_rx is not None and rule.not_near_rx.search(text, lo, hi))


def run_rule(rule: Rule, doc: Document) -> list[Finding]:
    text = doc.text
    if rule.type in ("substitution", "existence"):
        out: list[Finding] = []
        for m in rule.regex.finditer(text):
            s, e = m.span()
            if s == e or doc.is_protected(s, e) or not _context_ok(rule, text, s, e):
                continue
            if rule.type == "existence":
                msg = f"{rule.message} ({rule.advice})" if rule.advice else rule.message
                out.append(rule.finding(s, e, None, msg))
                continue
            repl = m.expand(rule.replacement or "")
            if rule.case == "preserve":
                repl = preserve_case(m.group(), repl)
            if repl != m.group():  # an edit its own pattern would redo stays advice
                out.append(rule.finding(s, e, None if refeeds(rule, text, s, e, repl) else repl))
        return out
    if rule.type == "consistency":
        return _consistency(rule, doc)
    from retrans.rules.scripts import get_script

    return list(get_script(rule.script or "")(doc, rule))


def _consistency(rule: Rule, doc: Document) -> list[Finding]:
    a, b = (
        [m for m in rx.finditer(doc.text) if not doc.is_protected(*m.span())]
        for rx in rule.either_rx
    )
    if not a or not b:
        return []
    major, minor = (a, b) if len(a) >= len(b) else (b, a)
    repl_text = major[0].group()
    out = []
    for m in minor:
        repl = preserve_case(m.group(), repl_text) if rule.replace else None
        msg = f"{rule.message}: '{m.group()}' and '{repl_text}' in one text"
        out.append(rule.finding(m.start(), m.end(), repl, msg))
    return out


@dataclass
class RuleSet:
    packs: list[Pack]

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    def by_code(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def select(
        self,
        lang: str,
        sources: Iterable[str],
        disabled: set[str],
        disabled_packs: set[str],
        only_packs: set[str] | None = None,
    ) -> list[Rule]:
        want = set(sources) | {"*"}
        out: list[Rule] = []
        for pack in self.packs:
            if pack.id in disabled_packs or (only_packs is not None and pack.id not in only_packs):
                continue
            if pack.target not in (lang, "*") or pack.source not in want:
                continue
            out.extend(r for r in pack.rules if r.id not in disabled)
        return out


def pack_files(extra: list[Path] | None = None) -> list[Path]:
    files = paths.yaml_files(paths.packs_dir())
    for p in extra or []:
        files.extend(paths.yaml_files(p))
    return files


@cache
def load_rules(extra: tuple[Path, ...] = (), use_cache: bool = True) -> RuleSet:
    """Every rule pack: from the disk cache unless a pack has changed."""
    files = pack_files(list(extra))

    def build() -> RuleSet:
        packs = [load_pack(f) for f in files]
        seen: dict[str, str] = {}
        for pack in packs:
            for r in pack.rules:
                if r.id in seen:
                    raise DataError(
                        f"rule id {r.id} also defined in {seen[r.id]}", pack.file, r.line
                    )
                seen[r.id] = pack.file
        shipped = {str(f) for f in paths.yaml_files(paths.packs_dir())}
        user = [p for p in packs if p.file not in shipped]  # ids reused, self-feeding, slow regexes
        check_user_packs([p for p in packs if p.file in shipped], user)
        rs = RuleSet(packs)
        for rule in rs.rules:
            _ = rule.literals, rule.near_literals  # computed once, kept in the cache
        return rs

    return paths.disk_cached("rules", files, build, use_cache=use_cache)
