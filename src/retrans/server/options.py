"""Request bodies → validated values. Every rejection is an ``ApiError`` with a JSON-ready
code and one-line message; nothing here touches the engine or the file system."""

from __future__ import annotations

import json
import math
from typing import Any

from retrans.server.engine import FORMATS, PASSES, SEVERITIES, Options

# Settings of retrans.toml that name files: accepted in a server's config, never in a request.
FILE_OPTIONS = frozenset({"config", "glossaries", "rule_packs", "weights", "path", "out"})
OPTION_KEYS = (
    "source",
    "lang",
    "style",
    "select",
    "ignore",
    "packs",
    "disable_packs",
    "severity",
    "min_confidence",
    "passes",
)
DETECT_KEYS = ("sentences", "findings")
BODY_KEYS = ("text", "format", "options", "id")


class ApiError(Exception):
    """An HTTP error with a stable machine-readable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


def _bad_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_bad_constant)
    except UnicodeDecodeError:
        raise ApiError(400, "bad_json", "the body is not UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None


def _invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise _invalid(f"options.{key} must be a list of non-empty strings")
    return tuple(sorted(set(value)))


def _opt_str(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _invalid(f"options.{key} must be a non-empty string or null")
    return value.strip()


def _options(raw: Any, extra: tuple[str, ...]) -> tuple[Options, dict[str, bool]]:
    if not isinstance(raw, dict):
        raise _invalid("options must be an object")
    files = sorted(set(raw) & FILE_OPTIONS)
    if files:
        raise ApiError(
            422,
            "option_not_allowed",
            f"option {files[0]!r} names a file: set it in the server's config, not per request",
        )
    unknown = sorted(set(raw) - set(OPTION_KEYS) - set(extra))
    if unknown:
        known = ", ".join((*OPTION_KEYS, *extra))
        raise ApiError(422, "unknown_option", f"unknown option {unknown[0]!r} (known: {known})")
    flags: dict[str, bool] = {}
    for key in extra:
        if key in raw:
            if not isinstance(raw[key], bool):
                raise _invalid(f"options.{key} must be true or false")
            flags[key] = raw[key]
    sev = raw.get("severity", {})
    if not isinstance(sev, dict) or not all(
        isinstance(v, str) and v.lower() in SEVERITIES for v in sev.values()
    ):
        raise _invalid("options.severity must map rule codes to error, warning or info")
    passes = raw.get("passes", {})
    if not isinstance(passes, dict) or not all(isinstance(v, bool) for v in passes.values()):
        raise _invalid("options.passes must map pass names to true or false")
    bad = sorted(set(passes) - set(PASSES))
    if bad:
        raise ApiError(
            422, "unknown_option", f"unknown pass {bad[0]!r} (known: {', '.join(PASSES)})"
        )
    mc = raw.get("min_confidence")
    if mc is not None and (
        isinstance(mc, bool)
        or not isinstance(mc, (int, float))
        or not math.isfinite(mc)
        or not 0 <= mc <= 1
    ):
        raise _invalid("options.min_confidence must be a number from 0 to 1")
    packs = raw.get("packs")
    opts = Options(
        source=_opt_str(raw.get("source"), "source"),
        lang=_opt_str(raw.get("lang"), "lang"),
        style=_opt_str(raw.get("style"), "style"),
        select=_str_list(raw.get("select", []), "select"),
        ignore=_str_list(raw.get("ignore", []), "ignore"),
        packs=None if packs is None else _str_list(packs, "packs"),
        disable_packs=_str_list(raw.get("disable_packs", []), "disable_packs"),
        severity=tuple(sorted((str(k).upper(), v.lower()) for k, v in sev.items())),
        min_confidence=None if mc is None else float(mc),
        passes=tuple(sorted(passes.items())),
    )
    return opts, flags


def parse_body(data: Any, detect: bool = False) -> tuple[str, str, Options, dict[str, bool], Any]:
    """(text, format, options, detect flags, id) of a /v1 request body."""
    if not isinstance(data, dict):
        raise _invalid("the body must be a JSON object with a 'text' field")
    unknown = sorted(set(data) - set(BODY_KEYS))
    if unknown:
        hint = " (options go inside 'options')" if unknown[0] in OPTION_KEYS else ""
        raise ApiError(
            422,
            "unknown_field",
            f"unknown field {unknown[0]!r}{hint} (known: {', '.join(BODY_KEYS)})",
        )
    text = data.get("text")
    if not isinstance(text, str):
        raise _invalid("'text' is required and must be a string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _invalid("'text' holds an unpaired surrogate (\\ud800-\\udfff)") from None
    fmt = data.get("format", "text")
    if fmt not in FORMATS:
        raise _invalid(f"'format' must be one of: {', '.join(FORMATS)}")
    ident = data.get("id")
    if isinstance(ident, bool) or (ident is not None and not isinstance(ident, (str, int))):
        raise _invalid("'id' must be a string or an integer")
    opts, flags = _options(data.get("options", {}), DETECT_KEYS if detect else ())
    return text, fmt, opts, flags, ident
