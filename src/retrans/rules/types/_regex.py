"""Helpers shared by the regex rule types: checking a pattern, near/not_near context."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retrans.rules.model import Rule
    from retrans.rules.types import Where


def compile_check(rx: str, what: str, where: Where, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(rx, flags)
    except re.error as exc:
        raise where.error(f"bad {what} regex: {exc}") from None


def flags_of(raw: dict[str, Any]) -> int:
    return 0 if raw.get("case", "preserve") in ("sensitive", "exact") else re.IGNORECASE


def need_pattern(raw: dict[str, Any], where: Where, kind: str) -> re.Pattern[str]:
    pattern = raw.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise where.error(f"a {kind} rule needs 'pattern'")
    return compile_check(pattern, "pattern", where, flags_of(raw))


def context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    """The rule's ``near`` regex matches within ``window`` of the hit, ``not_near`` does not."""
    if rule.near_rx is None and rule.not_near_rx is None:
        return True
    lo, hi = max(0, start - rule.window), min(len(text), end + rule.window)
    if rule.near_rx is not None and not rule.near_rx.search(text, lo, hi):
        return False
    return not (rule.not_near_rx is not None and rule.not_near_rx.search(text, lo, hi))
