"""Entity plausibility: land borders, capitals and titles (filled in by the rule-pack issue)."""

from __future__ import annotations
