"""Settings per file, like ruff: nearest config, per-path overrides, rule selection, provenance.

Each input gets the config file nearest to it (``--config`` wins over all), then the
``[[overrides]]`` of that file whose ``paths`` globs (gitignore syntax, relative to the config's
folder) match it, then the command line. ``select`` / ``ignore`` take codes or prefixes
(``FR``, ``GL1``, ``ALL``); as in ruff the more specific selector wins (``ignore = ["FR"]`` with
``select = ["FR012"]`` keeps FR012), and on a tie ``ignore`` wins. Every value remembers where
it came from, which ``--show-settings`` prints.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrans.config import Config, find_config, load_config, parse_config
from retrans.errors import ConfigError

if TYPE_CHECKING:
    from retrans.pipeline import Pipeline


@cache
def _attrs() -> dict[str, str]:
    """Config key → Config attribute (msgspec loads only when a config file is read)."""
    from retrans.schema import ConfigSpec

    attrs = {k: k for k in ConfigSpec.__struct_fields__ if k != "overrides"}
    attrs["style"] = "house_style"
    return attrs


# In an override these add to the file's values; every other key replaces.
_EXTEND = {"disable", "ignore", "disable_packs", "severity", "passes"}
_SELECTOR = re.compile(r"ALL|[A-Z]{1,4}\d{0,3}")
_SHOWN = (
    "select",
    "ignore",
    "disable",
    "severity",
    "packs",
    "disable_packs",
    "glossaries",
    "rule_packs",
    "house_style",
    "source",
    "lang",
    "min_confidence",
    "fail_on",
    "passes",
    "protect_foreign_quotes",
)


def selector_matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(code: str, selectors: list[str]) -> int:
    """Length of the longest selector matching ``code`` (-1: none; ``ALL`` counts as 0)."""
    best = -1
    for s in selectors:
        if selector_matches(code, s):
            best = max(best, 0 if s == "ALL" else len(s))
    return best


def enabled(code: str, select: list[str] | None, ignore: list[str]) -> bool:
    """Whether ``code`` is on: selected (no ``select``: every code) and not ignored more
    specifically."""
    sel = _specificity(code, select) if select is not None else 0
    ign = _specificity(code, ignore)
    return sel >= 0 and sel > ign


def check_selectors(selectors: list[str], known: set[str], origin: str) -> None:
    for s in selectors:
        if not _SELECTOR.fullmatch(s):
            raise ConfigError(f"bad rule selector {s!r} (a code like FR012 or a prefix)", origin)
        if not any(selector_matches(c, s) for c in known):
            raise ConfigError(f"unknown rule code or prefix {s!r}", origin)


@dataclass
class Settings:
    """The resolved config of one input and where each value came from."""

    config: Config
    origin: dict[str, str] = field(default_factory=dict)
    file: Path | None = None
    applied: tuple[int, ...] = ()  # indexes of the overrides that matched


@cache
def _raw_keys(path: Path) -> frozenset[str]:
    """The keys a config file sets (for provenance); load_config has validated it already."""
    from retrans import config as _config

    data = _config.tomllib.loads(path.read_text(encoding="utf-8"))
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("retrans", {})
    return frozenset(data)


@cache
def _load(path: Path | None) -> Config:
    return load_config(path)


@cache
def _find_config(folder: Path) -> Path | None:
    return find_config(folder)


def _relative(path: str, cfg_file: Path) -> str | None:
    """``path`` relative to the config's folder (None: outside it)."""
    try:
        return Path(path).absolute().relative_to(cfg_file.parent.absolute()).as_posix()
    except ValueError:
        return None


_SPECS: dict[tuple[Path, int], Any] = {}


def _spec_for(cfg_file: Path, i: int, ov: dict[str, Any]) -> Any:
    key = (cfg_file, i)
    if key not in _SPECS:
        _SPECS[key] = _override_spec(ov.get("paths"), f"{cfg_file} overrides[{i}]")
    return _SPECS[key]


def _override_spec(paths: Any, where: str) -> Any:
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise ConfigError("each [[overrides]] needs 'paths', a list of globs", where)
    try:
        import pathspec
    except ImportError:  # pragma: no cover - the gates extra is missing
        raise ConfigError(
            "[[overrides]] needs the pathspec package: pip install 'retrans[gates]'", where
        ) from None
    return pathspec.GitIgnoreSpec.from_lines(paths)


class Resolver:
    """Settings and a pipeline for each input, built once per distinct config."""

    def __init__(
        self,
        config: Path | None = None,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        source: str | None = None,
        lang: str | None = None,
        style: str | None = None,
        model: str | None = None,
        no_model: bool = False,
        model_all: bool = False,
    ) -> None:
        self.config_path = config
        for cached in (_raw_keys, _load, _find_config):
            cached.cache_clear()  # config files read afresh by each command (tests, servers)
        self.cli: dict[str, Any] = {}
        if select is not None:
            self.cli["select"] = _split(select)
        if ignore:
            self.cli["ignore"] = _split(ignore)
        for name, value in (("source", source), ("lang", lang), ("house_style", style)):
            if value is not None:
                self.cli[name] = value
        if model is not None:  # the seq2seq pass (--model DIR or 'default')
            self.cli["model"] = model if model == "default" else str(Path(model))
        if model_all:
            self.cli["model_all"] = True
        if no_model:
            self.cli["model"] = None
        self._pipes: dict[tuple[str, tuple[int, ...]], Pipeline] = {}

    def config_file(self, path: str) -> Path | None:
        """The config that governs ``path``: ``--config``, else the nearest one above it."""
        if self.config_path is not None:
            return self.config_path
        p = Path(path)
        if path == "<stdin>" or not p.exists():
            start = p.parent if path != "<stdin>" and p.parent.exists() else Path(".")
        else:
            start = p if p.is_dir() else p.parent
        return _find_config(start.absolute())

    def _key(self, path: str) -> tuple[str, tuple[int, ...]]:
        """What makes two inputs' settings equal: their config file and matching overrides."""
        cfg_file = self.config_file(path)
        if cfg_file is None or not _load(cfg_file).overrides:
            return (str(cfg_file), ())
        rel = _relative(path, cfg_file)
        ovs = _load(cfg_file).overrides
        hits = tuple(
            i
            for i, ov in enumerate(ovs)
            if rel is not None and _spec_for(cfg_file, i, ov).match_file(rel)
        )
        return (str(cfg_file), hits)

    def settings_for(self, path: str) -> Settings:
        cfg_file = self.config_file(path)
        base = _load(cfg_file)
        cfg = copy.deepcopy(base)
        origin = {name: "default" for name in _SHOWN}
        if cfg_file is not None:
            for k in _raw_keys(cfg_file):
                if k in _attrs():
                    origin[_attrs()[k]] = str(cfg_file)
        applied: list[int] = []
        if cfg_file is not None and base.overrides:
            applied = self._apply_overrides(cfg, origin, cfg_file, path)
        for name, value in self.cli.items():
            if name == "ignore":
                cfg.ignore = [*cfg.ignore, *value]
                origin[name] = _join(origin[name], "--ignore")
            else:
                setattr(cfg, name, value)
                flag = "--style" if name == "house_style" else f"--{name}"
                origin[name] = f"{flag} (command line)"
        return Settings(cfg, origin, cfg_file, tuple(applied))

    def _apply_overrides(
        self, cfg: Config, origin: dict[str, str], cfg_file: Path, path: str
    ) -> list[int]:
        rel = _relative(path, cfg_file)
        if rel is None:
            return []  # outside the config's folder (--config elsewhere)
        applied = []
        for i, ov in enumerate(cfg.overrides):
            where = f"{cfg_file} overrides[{i}]"
            if not _spec_for(cfg_file, i, ov).match_file(rel):
                continue
            rest = {k: v for k, v in ov.items() if k != "paths"}
            if "overrides" in rest:
                raise ConfigError("overrides cannot nest", where)
            part = parse_config(rest, cfg_file)  # validates keys and types
            label = f"{where} ({', '.join(ov['paths'])})"
            for key in rest:
                attr = _attrs()[key]
                value = getattr(part, attr)
                if key in _EXTEND:
                    old = getattr(cfg, attr)
                    if isinstance(old, dict):
                        value = {**old, **value}
                    elif isinstance(old, set):
                        value = old | value
                    else:
                        value = [*old, *value]
                    origin[attr] = _join(origin[attr], label)
                else:
                    origin[attr] = label
                setattr(cfg, attr, value)
            applied.append(i)
        return applied

    def pipeline_for(self, path: str) -> Pipeline:
        """The pipeline for ``path``'s settings (one per distinct config and overrides)."""
        key = self._key(path)
        pipe = self._pipes.get(key)
        if pipe is None:
            pipe = self._pipes[key] = build_pipeline(self.settings_for(path))
        return pipe

    def show(self, path: str) -> str:
        """``--show-settings``: the resolved settings of ``path``, each with its origin."""
        st = self.settings_for(path)
        pipe = build_pipeline(st)
        known = _known(pipe)
        on = sum(1 for c in known if c not in pipe.config.disable)
        lines = [
            f"# settings for {path}",
            f"# config file: {st.file or '(none: defaults)'}",
        ]
        if st.applied:
            lines.append(f"# overrides applied: {', '.join(map(str, st.applied))}")
        width = 0
        rows = []
        for name in _SHOWN:
            value = _toml(getattr(st.config, name))
            rows.append((f"{name} = {value}", st.origin.get(name, "default")))
            width = max(width, len(rows[-1][0]))
        lines.extend(f"{left:<{width}}  # {where}" for left, where in rows)
        lines.append(f"# rules enabled: {on} of {len(known)}")
        return "\n".join(lines) + "\n"


def _known(pipe: Pipeline) -> set[str]:
    from retrans.pipeline import BUILTIN_CODES

    return set(BUILTIN_CODES) | set(pipe.rules.by_code())


def build_pipeline(st: Settings) -> Pipeline:
    """A pipeline for resolved settings; ``select``/``ignore`` become disabled codes."""
    from retrans.discovery import check_paths
    from retrans.pipeline import Pipeline

    cfg = copy.copy(st.config)
    cfg.disable = set(cfg.disable)
    check_paths(cfg)  # a missing glossary/pack path: one clear line, never silently ignored
    # Values given on the command line go in as such, so errors name the option, not the file.
    given = {
        k: getattr(cfg, attr)
        for k, attr in (("source", "source"), ("lang", "lang"), ("style", "house_style"))
        if st.origin.get(attr, "").endswith("(command line)")
    }
    pipe = Pipeline(cfg, **given)
    if cfg.select is not None or cfg.ignore:
        known = _known(pipe)
        if cfg.select is not None:
            check_selectors(cfg.select, known, st.origin.get("select", "select"))
        check_selectors(cfg.ignore, known, st.origin.get("ignore", "ignore"))
        cfg.disable |= {c for c in known if not enabled(c, cfg.select, cfg.ignore)}
    return pipe


def _split(values: list[str]) -> list[str]:
    """``--select FR,GL --select TY`` → [FR, GL, TY]."""
    return [v.strip().upper() for item in values for v in item.split(",") if v.strip()]


def _join(old: str, new: str) -> str:
    return new if old == "default" else f"{old} + {new}"


def _toml(value: Any) -> str:
    import json  # here: only --show-settings formats values

    if value is None:
        return "(unset)"
    if isinstance(value, set):
        value = sorted(value)
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{k} = {_toml(getattr(v, 'label', v))}" for k, v in sorted(value.items()))
        return "{ " + ", ".join(items) + " }" if value else "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
