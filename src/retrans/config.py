"""Configuration: ``retrans.toml`` or ``[tool.retrans]`` in ``pyproject.toml``, found from the
input's folder upward (like ruff); ``--config PATH`` overrides."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrans.errors import ConfigError
from retrans.findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_KEYS = {
    "disable",
    "severity",
    "packs",
    "disable_packs",
    "glossaries",
    "house_style",
    "style",
    "source",
    "lang",
    "min_confidence",
    "passes",
    "rule_packs",
    "fail_on",
    "protect_foreign_quotes",
}
PASS_NAMES = ("cleanup", "glossary", "names", "detect", "rules")


@dataclass
class Config:
    disable: set[str] = field(default_factory=set)
    severity: dict[str, Severity] = field(default_factory=dict)
    packs: set[str] | None = None
    disable_packs: set[str] = field(default_factory=set)
    glossaries: list[Path] = field(default_factory=list)
    rule_packs: list[Path] = field(default_factory=list)
    house_style: str | None = None
    source: str | None = None
    lang: str | None = None
    min_confidence: float = 0.5
    passes: dict[str, bool] = field(default_factory=dict)
    fail_on: str | None = None
    protect_foreign_quotes: bool = True  # no name edits inside quotes in another language
    path: Path | None = None

    def enabled(self, name: str) -> bool:
        return self.passes.get(name, True)


def find_config(start: Path) -> Path | None:
    from retrans.discovery import find_config as find  # only folders the user owns

    return find(start)


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    p = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", p) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", p) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", p) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("retrans", {})
    return parse_config(data, path)


def _strs(data: dict[str, Any], key: str, p: str) -> list[str]:
    v = data.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"'{key}' must be a list of strings", p)
    return list(v)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    p = str(path)
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}", p)
    base = path.parent
    cfg = Config(path=path)
    cfg.disable = set(_strs(data, "disable", p))
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError("'severity' must map rule codes to error/warning/info", p)
    for code, name in sev.items():
        try:
            cfg.severity[code] = Severity.parse(str(name))
        except ValueError as exc:
            raise ConfigError(f"severity.{code}: {exc}", p) from None
    if "packs" in data:
        cfg.packs = set(_strs(data, "packs", p))
    cfg.disable_packs = set(_strs(data, "disable_packs", p))
    cfg.glossaries = [base / g for g in _strs(data, "glossaries", p)]
    cfg.rule_packs = [base / g for g in _strs(data, "rule_packs", p)]
    style = data.get("house_style", data.get("style"))
    if style is not None and not isinstance(style, str):
        raise ConfigError("'house_style' must be a string", p)
    cfg.house_style = style
    for key in ("source", "lang", "fail_on"):
        v = data.get(key)
        if v is not None and not isinstance(v, str):
            raise ConfigError(f"'{key}' must be a string", p)
        setattr(cfg, key, v)
    try:
        cfg.min_confidence = float(data.get("min_confidence", 0.5))
    except (TypeError, ValueError):
        raise ConfigError("'min_confidence' must be a number", p) from None
    pfq = data.get("protect_foreign_quotes", True)
    if not isinstance(pfq, bool):
        raise ConfigError("'protect_foreign_quotes' must be true or false", p)
    cfg.protect_foreign_quotes = pfq
    passes = data.get("passes", {})
    if not isinstance(passes, dict) or not all(isinstance(v, bool) for v in passes.values()):
        raise ConfigError("'passes' must map pass names to true/false", p)
    bad = set(passes) - set(PASS_NAMES)
    if bad:
        raise ConfigError(
            f"unknown pass(es): {', '.join(sorted(bad))} (known: {', '.join(PASS_NAMES)})", p
        )
    cfg.passes = dict(passes)
    return cfg
