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

TYPES = ("substitution", "existence", "consistency", "script")
_RULE_KEYS = {
    "id",
    "type",
    "category",
    "severity",
    "message",
    "pattern",
    "phrase",
    "replacement",
    "case",
    "confidence",
    "near",
    "not_near",
    "window",
    "examples",
    "advice",
    "either",
    "replace",
    "script",
    "options",
    "note",
    "safe",
    "evidence",
    yamlio.LINE_KEY,
}
_PACK_KEYS = {"pack", "description", "source", "target", "prefix", "rules", "note", yamlio.LINE_KEY}


@dataclass
class Example:
    wrong: str | None = None
    right: str | None = None
    ok: str | None = None


@dataclass
class Rule:
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
    either: list[str] = field(default_factory=list)
    replace: bool = False
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
        if self.type not in ("substitution", "existence") or not self.pattern:
            return ()
        from retrans.rules.prefilter import required_literals

        return required_literals(self.pattern, self.flags)

    @cached_property
    def near_literals(self) -> tuple[str, ...]:
        """Literals one of which the text needs for the ``near`` context to ever match."""
        if not self.near:
            return ()
        from retrans.rules.prefilter import required_literals

        return required_literals(self.near, re.IGNORECASE)

    @cached_property
    def near_rx(self) -> re.Pattern[str] | None:
        return re.compile(self.near, re.IGNORECASE) if self.near else None

    @cached_property
    def not_near_rx(self) -> re.Pattern[str] | None:
        return re.compile(self.not_near, re.IGNORECASE) if self.not_near else None

    @cached_property
    def either_rx(self) -> list[re.Pattern[str]]:
        return [re.compile(p, self.flags) for p in self.either]

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
            start,
            end,
            self.id,
            self.category,
            self.severity,
            message or self.message,
            replacement,
            "rule",
            self.confidence if confidence is None else confidence,
            {"pack": self.pack, "pack_source": self.source},
        )

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for key in ("regex", "near_rx", "not_near_rx", "either_rx"):
            state.pop(key, None)
        return state

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__getstate__().items() if v not in (None, [], {}, "")}
        d["severity"] = self.severity.label
        d["examples"] = [{k: v for k, v in vars(e).items() if v is not None} for e in self.examples]
        return d


@dataclass
class Pack:
    id: str
    description: str
    source: str
    target: str
    prefix: str
    rules: list[Rule]
    file: str


def _phrase_pattern(phrases: Any, path: str, line: int | None) -> str:
    if isinstance(phrases, str):
        phrases = [phrases]
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
        raise DataError("'phrase' must be a phrase or a list of phrases", path, line)
    alts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"


def _compile_check(rx: str, what: str, rid: str, path: str, line: int | None, flags: int) -> None:
    try:
        re.compile(rx, flags)
    except re.error as exc:
        raise DataError(f"{rid}: bad {what} regex: {exc}", path, line) from None


def parse_rule(raw: Any, pack: dict[str, Any], path: str) -> Rule:
    line = yamlio.line_of(raw)
    if not isinstance(raw, dict):
        raise DataError("a rule must be a mapping", path, line)
    unknown = set(raw) - _RULE_KEYS
    rid = raw.get("id")
    if not isinstance(rid, str) or not re.fullmatch(r"[A-Z]{2,4}\d{3}", rid):
        raise DataError(f"bad or missing rule id {rid!r} (like FR001)", path, line)
    if unknown:
        raise DataError(f"{rid}: unknown key(s) {', '.join(sorted(map(str, unknown)))}", path, line)
    if not rid.startswith(pack["prefix"]):
        raise DataError(f"{rid}: id must start with the pack prefix {pack['prefix']}", path, line)
    rtype = raw.get("type", "substitution")
    if rtype not in TYPES:
        raise DataError(f"{rid}: type must be one of {', '.join(TYPES)}", path, line)
    try:
        severity = Severity.parse(str(raw.get("severity", "warning")))
    except ValueError as exc:
        raise DataError(f"{rid}: {exc}", path, line) from None
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise DataError(f"{rid}: missing message", path, line)
    case = raw.get("case", "preserve")
    if case not in ("preserve", "sensitive", "exact"):
        raise DataError(f"{rid}: case must be preserve, sensitive or exact", path, line)
    flags = 0 if case in ("sensitive", "exact") else re.IGNORECASE
    pattern = raw.get("pattern")
    if "phrase" in raw:
        if pattern is not None:
            raise DataError(f"{rid}: give 'pattern' or 'phrase', not both", path, line)
        pattern = _phrase_pattern(raw["phrase"], path, line)
    if rtype in ("substitution", "existence"):
        if not isinstance(pattern, str) or not pattern:
            raise DataError(f"{rid}: a {rtype} rule needs 'pattern' or 'phrase'", path, line)
        _compile_check(pattern, "pattern", rid, path, line, flags)
    replacement = raw.get("replacement")
    if rtype == "substitution" and not isinstance(replacement, str):
        raise DataError(f"{rid}: a substitution rule needs 'replacement'", path, line)
    if rtype == "substitution" and isinstance(pattern, str):
        try:
            re.compile(pattern, flags).sub(replacement, "")  # type: ignore[arg-type]
            _check_groups(pattern, replacement or "", flags)
        except (re.error, IndexError) as exc:
            raise DataError(f"{rid}: bad replacement: {exc}", path, line) from None
    either = raw.get("either") or []
    if rtype == "consistency":
        if not isinstance(either, list) or len(either) != 2:
            raise DataError(f"{rid}: a consistency rule needs 'either: [A, B]'", path, line)
        for rx in either:
            _compile_check(str(rx), "either", rid, path, line, flags)
    script = raw.get("script")
    if rtype == "script" and not isinstance(script, str):
        raise DataError(f"{rid}: a script rule needs 'script: NAME'", path, line)
    for key in ("near", "not_near"):
        if raw.get(key) is not None:
            _compile_check(str(raw[key]), key, rid, path, line, re.IGNORECASE)
    try:
        confidence = float(raw.get("confidence", 0.8))
        window = int(raw.get("window", 300))
    except (TypeError, ValueError):
        raise DataError(f"{rid}: confidence and window must be numbers", path, line) from None
    if not 0 <= confidence <= 1:
        raise DataError(f"{rid}: confidence must be between 0 and 1", path, line)
    examples = _examples(raw.get("examples"), rid, rtype, path, line)
    evidence = raw.get("evidence")
    if evidence is not None and (
        isinstance(evidence, bool)
        or not isinstance(evidence, (int, float))
        or not 0 <= evidence <= 1
    ):
        raise DataError(f"{rid}: evidence must be a probability between 0 and 1", path, line)
    return Rule(
        id=rid,
        type=rtype,
        category=str(raw.get("category", "style")),
        severity=severity,
        message=message.strip(),
        pack=pack["pack"],
        source=pack["source"],
        target=pack["target"],
        pattern=pattern,
        replacement=replacement,
        case=case,
        confidence=confidence,
        near=raw.get("near"),
        not_near=raw.get("not_near"),
        window=window,
        advice=raw.get("advice"),
        either=[str(x) for x in either],
        replace=bool(raw.get("replace", False)),
        script=script,
        options=yamlio.strip_lines(raw.get("options") or {}),
        examples=examples,
        safe=bool(raw.get("safe", False)),
        evidence=None if evidence is None else float(evidence),
        file=path,
        line=line or 0,
    )


def _check_groups(pattern: str, replacement: str, flags: int) -> None:
    groups = re.compile(pattern, flags).groups
    for m in re.finditer(r"\\(\d+)|\\g<(\d+)>", replacement):
        n = int(m.group(1) or m.group(2))
        if n > groups:
            raise re.error(f"invalid group reference {n}")


def _examples(raw: Any, rid: str, rtype: str, path: str, line: int | None) -> list[Example]:
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{rid}: every rule needs examples (wrong→right and ok)", path, line)
    out: list[Example] = []
    for ex in raw:
        eline = yamlio.line_of(ex, line)
        if not isinstance(ex, dict) or not ({"wrong", "ok"} & set(ex)):
            raise DataError(f"{rid}: an example has 'wrong' (and 'right') or 'ok'", path, eline)
        e = Example(ex.get("wrong"), ex.get("right"), ex.get("ok"))
        if e.wrong is not None and e.right is None and rtype == "substitution":
            raise DataError(f"{rid}: a 'wrong' example needs 'right'", path, eline)
        out.append(e)
    if not any(e.wrong is not None for e in out):
        raise DataError(f"{rid}: needs at least one 'wrong' example", path, line)
    if not any(e.ok is not None for e in out):
        raise DataError(f"{rid}: needs at least one 'ok' example (must not fire)", path, line)
    return out


def load_pack(path: Path, text: str | None = None) -> Pack:
    data = yamlio.load(path, text)
    p = str(path)
    if not isinstance(data, dict):
        raise DataError("a rule pack must be a mapping with 'pack' and 'rules'", p, 1)
    unknown = set(data) - _PACK_KEYS
    if unknown:
        raise DataError(f"unknown pack key(s) {', '.join(sorted(map(str, unknown)))}", p, 1)
    for key in ("pack", "source", "target", "prefix"):
        if not isinstance(data.get(key), str):
            raise DataError(f"pack needs '{key}'", p, 1)
    rules_raw = data.get("rules")
    if not isinstance(rules_raw, list):
        raise DataError("pack needs a 'rules' list", p, 1)
    rules = [parse_rule(r, data, p) for r in rules_raw]
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
