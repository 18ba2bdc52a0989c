"""YAML loading that remembers line numbers, so data errors can name file and line.

PyYAML is imported on first load only: with warm caches, ``retrans check`` never parses YAML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from retrans.errors import DataError

LINE_KEY = "__line__"


@cache
def _loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):
        """Adds ``__line__`` (1-based) to every mapping."""

    def construct_mapping(loader: Any, node: Any) -> dict[str, Any]:
        mapping = loader.construct_mapping(node, deep=True)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def load(path: Path, text: str | None = None) -> Any:
    """Parse a YAML data file; syntax errors become a DataError with file and line."""
    import yaml

    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DataError(f"invalid YAML: {exc.problem or exc.context}", str(path), line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", str(path)) from None


def line_of(obj: Any, default: int | None = None) -> int | None:
    if isinstance(obj, dict):
        return obj.get(LINE_KEY, default)
    return default


def strip_lines(obj: Any) -> Any:
    """A copy without the ``__line__`` keys (for display)."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != LINE_KEY}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


def line_at(data: Any, keys: list[str | int]) -> int | None:
    """The line of the innermost mapping on the path ``keys`` into ``data``."""
    line = line_of(data)
    node = data
    for k in keys:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            break
        line = line_of(node, line)
    return line
