"""Configuration: ``retrans.toml`` or ``[tool.retrans]`` in ``pyproject.toml``, found from the
input's folder upward (like ruff); ``--config PATH`` overrides."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrans.errors import ConfigError
from retrans.findings import Severity


def _tomllib() -> Any:
    """tomllib, imported when a TOML file is read (≈ 20 ms of cold start otherwise)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> Any:
    if name == "tomllib":
        return _tomllib()
    raise AttributeError(name)


@dataclass
class Config:
    """The settings of a run: the config file's, then the command line's."""

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
    model: str | None = None  # seq2seq corrector folder, or "default" (the model pass is off)
    model_all: bool = False  # the model reads every sentence, not only flagged ones
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # setting → line in the file
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)

    def error(self, message: str, key: str) -> ConfigError:
        """An error about setting ``key``, naming the config file and the setting's line."""
        return ConfigError(message, str(self.path or "config"), self.lines.get(key))


def _has_table(data: dict[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "retrans" in tool


def find_config(start: Path) -> Path | None:
    from retrans.discovery import find_config as find  # only folders the user owns

    return find(start)


def load_config(path: Path | None) -> Config:
    """The config in ``path`` (defaults when None). ``retrans.toml`` holds the settings bare or
    under ``[tool.retrans]`` (so the README's block can be copied as is)."""
    if path is None:
        return Config()
    p = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = _tomllib().loads(text)
    except FileNotFoundError:
        raise ConfigError("config file not found", p) from None
    except _tomllib().TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", p, _toml_error_line(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", p) from None
    section = None
    if path.name == "pyproject.toml" or _has_table(data):
        extra = sorted(set(data) - {"tool"}) if path.name != "pyproject.toml" else []
        if extra:
            raise ConfigError(f"settings outside [tool.retrans]: {', '.join(extra)}", p, 1)
        data = data.get("tool", {}).get("retrans", {})
        section = "tool.retrans"
    return parse_config(data, path, _key_lines(text, section))


def _toml_error_line(exc: Exception) -> int | None:
    m = re.search(r"\(at line (\d+)", str(exc))
    return int(m.group(1)) if m else None


def _key_lines(text: str, section: str | None) -> dict[str, int]:
    """Line of each top-level setting of the table (``[tool.retrans]`` or the bare file)."""
    lines: dict[str, int] = {}
    inside = section is None
    head = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
    key = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*[=.]")
    for i, line in enumerate(text.splitlines(), start=1):
        m = head.match(line)
        if m:
            name = m.group(1)
            prefix = f"{section}." if section else ""
            inside = name == section if section else False
            if name.startswith(prefix) and "." not in name[len(prefix) :] and name != section:
                lines.setdefault(name[len(prefix) :], i)  # [tool.retrans.severity]
            continue
        k = key.match(line)
        if inside and k:
            lines.setdefault(k.group(1), i)
    return lines


def parse_config(data: dict[str, Any], path: Path, lines: dict[str, int] | None = None) -> Config:
    """Validate settings against ``schema.ConfigSpec``; errors name file and line."""
    from retrans.schema import check_config

    lines = lines or {}
    spec = check_config(data, str(path), lines.get)
    base = path.parent
    return Config(
        disable=set(spec.disable),
        severity={code: Severity.parse(name) for code, name in spec.severity.items()},
        packs=set(spec.packs) if spec.packs is not None else None,
        disable_packs=set(spec.disable_packs),
        glossaries=[base / g for g in spec.glossaries],
        rule_packs=[base / g for g in spec.rule_packs],
        house_style=spec.house_style if spec.house_style is not None else spec.style,
        source=spec.source,
        lang=spec.lang,
        min_confidence=spec.min_confidence,
        passes=dict(spec.passes),
        fail_on=spec.fail_on,
        protect_foreign_quotes=spec.protect_foreign_quotes,
        model=spec.model if spec.model in (None, "default") else str(base / spec.model),
        model_all=spec.model_all,
        path=path,
        lines=dict(lines),
        select=list(spec.select) if spec.select is not None else None,
        ignore=list(spec.ignore),
        overrides=[dict(o) for o in spec.overrides],
    )
