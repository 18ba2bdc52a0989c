"""``substitution``: a regex and its replacement (group references allowed)."""

from __future__ import annotations

import re
from typing import Any

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.scan import expand, rule_matches
from retrans.rules.types import Where, register
from retrans.rules.types._regex import context_ok, need_pattern


@register("substitution")
class Substitution:
    keys = frozenset({"pattern", "replacement", "case", "near", "not_near", "window"})
    uses_pattern = True

    def validate(self, raw: dict[str, Any], where: Where) -> None:
        rx = need_pattern(raw, where, "substitution")
        replacement = raw.get("replacement")
        if not isinstance(replacement, str):
            raise where.error("a substitution rule needs 'replacement'")
        try:
            rx.sub(replacement, "")
            for m in re.finditer(r"\\(\d+)|\\g<(\d+)>", replacement):
                if int(m.group(1) or m.group(2)) > rx.groups:
                    raise re.error(f"invalid group reference {m.group(1) or m.group(2)}")
        except (re.error, IndexError) as exc:
            raise where.error(f"bad replacement: {exc}") from None
        for ex in raw.get("examples") or []:
            if isinstance(ex, dict) and ex.get("wrong") is not None and ex.get("right") is None:
                raise where.error("a 'wrong' example needs 'right'", ex.get("__line__"))

    def run(self, rule: Rule, doc: Document, ctx: Any = None) -> list[Finding]:
        from retrans.rules.engine import cased
        from retrans.rules.safety import refeeds

        text = doc.text
        out: list[Finding] = []
        for m in rule_matches(rule, text, getattr(ctx, "trigger_hits", None)):
            s, e = m.span()
            if s == e or doc.is_protected(s, e) or not context_ok(rule, text, s, e):
                continue
            repl = cased(rule.case, m.group(), expand(m, rule.replacement or ""))
            if repl != m.group():  # an edit its own pattern would redo stays advice
                out.append(rule.finding(s, e, None if refeeds(rule, text, s, e, repl) else repl))
        return out
