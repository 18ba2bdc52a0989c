"""``script``: a rule that needs code, registered in ``retrans.rules.scripts`` by name."""

from __future__ import annotations

from typing import Any

from retrans.document import Document
from retrans.findings import Finding
from retrans.rules.model import Rule
from retrans.rules.types import Where, register


@register("script")
class Script:
    keys = frozenset({"script", "options", "pattern", "replacement", "advice"})
    uses_pattern = False

    def validate(self, raw: dict[str, Any], where: Where) -> None:
        if not isinstance(raw.get("script"), str):
            raise where.error("a script rule needs 'script: NAME'")

    def run(self, rule: Rule, doc: Document, ctx: Any = None) -> list[Finding]:
        from retrans.rules.scripts import get_script

        fn = get_script(rule.script or "")
        if getattr(fn, "wants_context", False):
            return list(fn(doc, rule, ctx))
        return list(fn(doc, rule))
