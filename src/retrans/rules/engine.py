"""Loading rule packs (disk-cached), selecting rules for a text, running one rule."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from retrans import paths
from retrans.document import Document
from retrans.errors import DataError
from retrans.findings import Finding
from retrans.rules import types
from retrans.rules.model import Pack, Rule, load_pack

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


# Words a title keeps in lowercase inside it (*Secretary of State*).
_TITLE_SMALL = frozenset(["a", "an", "and", "at", "for", "in", "of", "on", "the", "to"])


def title_case(repl: str) -> str:
    """``repl`` with each word capitalised but the small ones inside (``case: title``: a
    title before a name, *the prime minister X* → *Prime Minister X*)."""
    words = repl.split(" ")
    return " ".join(
        w if not w or (i and w in _TITLE_SMALL) else w[0].upper() + w[1:]
        for i, w in enumerate(words)
    )


def cased(case: str, found: str, repl: str) -> str:
    """The replacement as the rule's ``case`` setting writes it (``found``: the match)."""
    if case == "preserve":
        return preserve_case(found, repl)
    if case == "title":
        return title_case(repl)
    return repl


def inline_disabled(text: str) -> set[str]:
    """Codes disabled in the text itself (``<!-- retrans-disable FR001 -->``)."""
    out: set[str] = set()
    for m in _DISABLE.finditer(text):
        out.update(c.strip() for c in m.group(1).split(","))
    return out


def run_rule(rule: Rule, doc: Document, ctx: Any = None) -> list[Finding]:
    """The findings of one rule: its type's runner (``retrans.rules.types``)."""
    return types.get(rule.type).run(rule, doc, ctx)


@dataclass
class RuleSet:
    """Every loaded rule pack, in load order."""

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
        unsourced: Collection[str] = (),
    ) -> list[Rule]:
        """The rules of the packs for ``sources``, plus the ``unsourced`` codes of any other
        source pack (rules that are their own evidence: ``precision.unsourced``)."""
        return list(self.selected(lang, sources, disabled, disabled_packs, only_packs, unsourced))

    def selected(
        self,
        lang: str,
        sources: Iterable[str],
        disabled: Collection[str],
        disabled_packs: Collection[str],
        only_packs: Collection[str] | None = None,
        unsourced: Collection[str] = (),
    ) -> tuple[Rule, ...]:
        """:meth:`select` as a tuple, kept per arguments: a check selects twice per document
        (cleanup, rules) from hundreds of rules, always with the same arguments."""
        key = (
            lang,
            tuple(sources),
            frozenset(disabled),
            frozenset(disabled_packs),
            None if only_packs is None else frozenset(only_packs),
            frozenset(unsourced),
        )
        memo: dict[Any, tuple[Rule, ...]] = self.__dict__.setdefault("_selected", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = tuple(self._select(*key))
        return found

    def _select(
        self,
        lang: str,
        sources: Iterable[str],
        disabled: Collection[str],
        disabled_packs: Collection[str],
        only_packs: Collection[str] | None,
        unsourced: Collection[str],
    ) -> list[Rule]:
        want = set(sources) | {"*"}
        out: list[Rule] = []
        for pack in self.packs:
            if pack.id in disabled_packs or (only_packs is not None and pack.id not in only_packs):
                continue
            if pack.target not in (lang, "*"):
                continue
            if pack.source in want:
                out.extend(r for r in pack.rules if r.id not in disabled)
            elif unsourced:
                out.extend(r for r in pack.rules if r.id in unsourced and r.id not in disabled)
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

    def build() -> tuple[Any, ...]:
        from retrans.rules.rows import to_rows

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
        from retrans.rules.safety import check_user_packs  # only when the cache is built

        check_user_packs([p for p in packs if p.file in shipped], user)
        rs = RuleSet(packs)
        for rule in rs.rules:
            _ = rule.literals, rule.near_literals, rule.max_width  # kept in the cache
        return to_rows(rs)  # the form cheapest to load (rules/rows.py)

    from retrans.rules.rows import from_rows, pack_rows, unpack_rows

    if not use_cache:
        return from_rows(build())
    from retrans.blobs import disk_cached_blobs

    parts = disk_cached_blobs("rules-mapped", files, lambda: pack_rows(build()), "rows-5")
    return from_rows(unpack_rows(parts))
