"""``existence``: a regex whose every match is advice (no replacement; ``advice:`` says what to
write instead)."""

from __future__ import annotations

from typing import Any

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scan import rule_matches
from retrans.rules.types import Where, register
from retrans.rules.types._regex import context_ok, need_pattern


@register("existence")
class Existence:
    keys = frozenset({"pattern", "case", "near", "not_near", "window", "advice"})
    uses_pattern = True

    def validate(self, raw: dict[str, Any], where: Where) -> None:
        need_pattern(raw, where, "existence")

    def run(self, rule: Rule, doc: Document, ctx: Any = None) -> list[Finding]:
        text = doc.text
        msg = f"{rule.message} ({rule.advice})" if rule.advice else rule.message
        out: list[Finding] = []
        for m in rule_matches(rule, text, getattr(ctx, "trigger_hits", None)):
            s, e = m.span()
            if s == e or doc.is_protected(s, e) or not context_ok(rule, text, s, e):
                continue
            out.append(rule.finding(s, e, None, msg))
        return out
