"""Rule packs as data: parsing and validation (errors name file and line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from retrans import yamlio
from retrans.errors import DataError
from retrans.findings import Finding, Severity
from retrans.rules import types
from retrans.rules.types._regex import compile_check

# Keys every rule may have; each rule type adds its own (``retrans.rules.types``).
_COMMON_KEYS = {
    "id",
    "type",
    "category",
    "severity",
    "message",
    "confidence",
    "examples",
    "advice",
    "note",
    "safe",
    "evidence",
    yamlio.LINE_KEY,
}


@dataclass
class Example:
    """A rule's example: text it changes (``wrong`` → ``right``) or leaves (``ok``)."""

    wrong: str | None = None
    right: str | None = None
    ok: str | None = None


@dataclass
class Rule:
    """One rule of a pack, as its YAML file gives it (docs/FORMATS.md)."""

    id: str
    type: str
    category: str
    severity: Severity
    message: str
    pack: str
    source: str
    target: str
    pattern: str | None = None
    replacement: str | None = None
    case: str = "preserve"
    confidence: float = 0.8
    near: str | None = None
    not_near: str | None = None
    window: int = 300
    advice: str | None = None
    script: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    safe: bool = False  # safe by construction: may edit before it is measured
    evidence: float | None = None  # edits only when MT from its source is this likely
    file: str = ""
    line: int = 0

    @cached_property
    def regex(self) -> re.Pattern[str]:
        assert self.pattern is not None
        return re.compile(self.pattern, self.flags)

    @property
    def flags(self) -> int:
        return 0 if self.case in ("sensitive", "exact") else re.IGNORECASE

    @cached_property
    def literals(self) -> tuple[str, ...]:
        """Lowercased literals one of which any match contains (empty: always run)."""
        from retrans.rules import types
        from retrans.rules.prefilter import required_literals

        if not types.get(self.type).uses_pattern or not self.pattern:
            return ()

        return required_literals(self.pattern, self.flags)

    @cached_property
    def max_width(self) -> int | None:
        """The longest match of ``pattern`` (None: unbounded), for ``rules/scan.py``."""
        from retrans.rules.scan import max_width

        return max_width(self.pattern, self.flags) if self.pattern else None

    @cached_property
    def max_reach(self) -> int | None:
        """How far past a match's start matching may read (None: unbounded), for
        ``rules/scan.py``'s window searches."""
        from retrans.rules.scan import max_reach

        return max_reach(self.pattern, self.flags) if self.pattern else None

    @cached_property
    def trigger_chars(self) -> str:
        """Punctuation marks one of which every match holds, for a rule without literals
        ("" when none is known), for ``rules/scan.py``."""
        from retrans.rules.scan import trigger_chars

        return trigger_chars(self.pattern, self.flags) if self.pattern else ""

    @cached_property
    def line_reach(self) -> int | None:
        """How far past its line matching may read, for a pattern whose matches hold no
        newline (None otherwise), for ``rules/scan.py``'s line windows."""
        from retrans.rules.scan import line_reach

        return line_reach(self.pattern, self.flags) if self.pattern else None

    @cached_property
    def near_literals(self) -> tuple[str, ...]:
        """Literals one of which the text needs for the rule to ever match: the ``near``
        context's; without one, those the pattern's lookarounds need
        (``prefilter.context_literals``: "ukraine" for ``[Tt]he (?=Ukraine…)``)."""
        from retrans.rules import types
        from retrans.rules.prefilter import context_literals, required_literals

        if self.near:
            return required_literals(self.near, re.IGNORECASE)
        if not types.get(self.type).uses_pattern or not self.pattern:
            return ()
        return context_literals(self.pattern, self.flags)

    @cached_property
    def near_rx(self) -> re.Pattern[str] | None:
        return re.compile(self.near, re.IGNORECASE) if self.near else None

    @cached_property
    def not_near_rx(self) -> re.Pattern[str] | None:
        return re.compile(self.not_near, re.IGNORECASE) if self.not_near else None

    def finding(
        self,
        start: int,
        end: int,
        replacement: str | None,
        message: str | None = None,
        confidence: float | None = None,
    ) -> Finding:
        """A finding of this rule (scripts pass their own message and confidence)."""
        return Finding(
            start=start,
            end=end,
            code=self.id,
            category=self.category,
            severity=self.severity,
            message=message or self.message,
            replacement=replacement,
            source="rule",
            confidence=self.confidence if confidence is None else confidence,
            meta={"pack": self.pack, "pack_source": self.source},
        )

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for key in ("regex", "near_rx", "not_near_rx"):
            state.pop(key, None)
        return state


class _Examples:
    """``Rule.examples``: a rule loaded from the cache keeps its examples packed (bytes,
    ``rules.rows``) until they are asked for, in their place in the rule's state. A check
    never asks: ≈ 2,000 objects a run not built (≈ 3 % of a check of one draft)."""

    def __get__(self, rule: Rule | None, owner: type | None = None) -> Any:
        if rule is None:
            return self
        state = rule.__dict__
        try:
            value = state["examples"]
        except KeyError:
            raise AttributeError("examples") from None
        if type(value) is bytes:
            from retrans.rules.rows import unpack_examples

            value = state["examples"] = unpack_examples(value)
        return value

    def __set__(self, rule: Rule, value: Any) -> None:
        rule.__dict__["examples"] = value


Rule.examples = _Examples()  # type: ignore[assignment]  # after @dataclass made its methods


@dataclass
class Pack:
    """The rules of one pack file, for one source and target language."""

    id: str
    description: str
    source: str
    target: str
    prefix: str
    rules: list[Rule]
    file: str


def _head(raw: Any, pack: dict[str, Any], path: str) -> tuple[str, types.RuleType, types.Where]:
    """The rule's id and type, checked: everything else is checked against them."""
    rid = raw["id"]
    where = types.Where(rid, path, yamlio.line_of(raw))
    unknown = set(raw) - _COMMON_KEYS - types.type_keys()
    if unknown:
        raise where.error(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if not rid.startswith(pack["prefix"]):
        raise where.error(f"id must start with the pack prefix {pack['prefix']}")
    rtype = raw.get("type", "substitution")
    if rtype not in types.TYPES:
        raise where.error(f"type must be one of {', '.join(types.TYPES)}")
    return rid, types.get(rtype), where


def parse_rule(raw: Any, pack: dict[str, Any], path: str) -> Rule:
    """One rule of a pack already checked against ``schema.RulePackSpec`` (types, enums,
    ranges): what is left are the checks a schema cannot make (regexes, the id's prefix)."""
    rid, rtype, where = _head(raw, pack, path)
    message = raw["message"]
    if not message.strip():
        raise where.error("missing message")
    rtype.validate(raw, where)
    for key in ("near", "not_near"):
        if raw.get(key) is not None:
            compile_check(str(raw[key]), key, where, re.IGNORECASE)
    severity = Severity.parse(raw.get("severity", "warning"))
    confidence = float(raw.get("confidence", 0.8))
    window = int(raw.get("window", 300))
    case = raw.get("case", "preserve")
    return Rule(
        id=rid,
        type=raw.get("type", "substitution"),
        category=str(raw.get("category", "style")),
        severity=severity,
        message=message.strip(),
        pack=pack["pack"],
        source=pack["source"],
        target=pack["target"],
        pattern=raw.get("pattern"),
        replacement=raw.get("replacement"),
        case=case,
        confidence=confidence,
        near=raw.get("near"),
        not_near=raw.get("not_near"),
        window=window,
        advice=raw.get("advice"),
        script=raw.get("script"),
        options=yamlio.strip_lines(raw.get("options") or {}),
        examples=_examples(raw.get("examples"), where),
        safe=bool(raw.get("safe", False)),
        evidence=None if raw.get("evidence") is None else float(raw["evidence"]),
        file=path,
        line=where.line or 0,
    )


def _examples(raw: Any, where: types.Where) -> list[Example]:
    if not isinstance(raw, list) or not raw:
        raise where.error("every rule needs examples (wrong→right and ok)")
    out: list[Example] = []
    for ex in raw:
        if not isinstance(ex, dict) or not ({"wrong", "ok"} & set(ex)):
            raise where.error("an example has 'wrong' (and 'right') or 'ok'", yamlio.line_of(ex))
        out.append(Example(ex.get("wrong"), ex.get("right"), ex.get("ok")))
    if not any(e.wrong is not None for e in out):
        raise where.error("needs at least one 'wrong' example")
    if not any(e.ok is not None for e in out):
        raise where.error("needs at least one 'ok' example (must not fire)")
    return out


def load_pack(path: Path, text: str | None = None) -> Pack:
    from retrans import schema

    data = yamlio.load(path, text)
    p = str(path)
    if not isinstance(data, dict):
        raise DataError("a rule pack must be a mapping with 'pack' and 'rules'", p, 1)
    schema.check_data(data, schema.RulePackSpec, p, yamlio.strip_lines, yamlio.line_at)
    rules = [parse_rule(r, data, p) for r in data["rules"]]
    seen: dict[str, int] = {}
    for r in rules:
        if r.id in seen:
            raise DataError(f"duplicate rule id {r.id} (first at line {seen[r.id]})", p, r.line)
        seen[r.id] = r.line
    return Pack(
        data["pack"],
        str(data.get("description", "")),
        data["source"],
        data["target"],
        data["prefix"],
        rules,
        p,
    )
