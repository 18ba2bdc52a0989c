"""The OpenAPI 3.0 schema of the API, written by hand (no pydantic) from the same constants
that ``options.py`` validates against."""

from __future__ import annotations

from typing import Any

from retrans.server.engine import FORMATS, PASSES, SEVERITIES

VERSION = "1.0.0"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


_CODE = {"type": "string", "pattern": "^[A-Za-z]+[0-9]*$", "minLength": 1}
_STR_LIST = {"type": "array", "items": _CODE}


def _options(
    sources: list[str], langs: list[str], packs: list[str], detect: bool
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "source": {
            "type": "string",
            "nullable": True,
            "enum": [*sources, None],
            "description": "Source language of the translation; guessed when unset.",
        },
        "lang": {
            "type": "string",
            "nullable": True,
            "enum": [*langs, None],
            "description": "Language of the text; identified when unset (a text in a "
            "language no rule pack serves is a 422 unsupported_language).",
        },
        "style": {
            "type": "string",
            "nullable": True,
            "minLength": 1,
            "description": "House style for names (a style the server's glossaries define: ap, nyt…).",
        },
        "select": {**_STR_LIST, "description": "Only these rule codes or prefixes (FR, GL101)."},
        "ignore": {**_STR_LIST, "description": "Not these rule codes or prefixes."},
        "packs": {
            "type": "array",
            "nullable": True,
            "items": {"type": "string", "enum": packs},
            "description": "Only these rule packs.",
        },
        "disable_packs": {"type": "array", "items": {"type": "string", "enum": packs}},
        "severity": {
            "type": "object",
            "additionalProperties": {"type": "string", "enum": list(SEVERITIES)},
            "propertyNames": _CODE,
            "description": "Severity overrides by rule code.",
        },
        "min_confidence": {
            "type": "number",
            "nullable": True,
            "minimum": 0,
            "maximum": 1,
            "description": "fix applies edits at or above this (default: the server's config).",
        },
        "passes": {
            "type": "object",
            "properties": {p: {"type": "boolean"} for p in PASSES},
            "additionalProperties": False,
        },
    }
    if detect:
        props["sentences"] = {"type": "boolean", "description": "Also score every sentence."}
        props["findings"] = {
            "type": "boolean",
            "description": "Use the engine's findings as evidence (default true).",
        }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "description": "Options as in retrans.toml, less those naming files "
        "(glossaries, rule_packs), which only the server's --config may set.",
    }


def _request(options: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "The draft (UTF-8)."},
            "format": {"type": "string", "enum": list(FORMATS), "default": "text"},
            "options": _ref(options),
            "id": {
                "oneOf": [{"type": "string"}, {"type": "integer"}],
                "nullable": True,
                "description": "Echoed back in the response (a CMS's story id).",
            },
        },
    }


FINDING: dict[str, Any] = {
    "type": "object",
    "required": ["line", "column", "start", "end", "code", "category", "severity", "message"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer"},
        "column": {"type": "integer"},
        "start": {"type": "integer", "description": "Character offset in 'text'."},
        "end": {"type": "integer"},
        "code": {"type": "string"},
        "category": {"type": "string"},
        "severity": {"type": "string", "enum": list(SEVERITIES)},
        "message": {"type": "string"},
        "original": {"type": "string"},
        "replacement": {"type": "string", "nullable": True},
        "source": {"type": "string"},
        "confidence": {"type": "number"},
    },
}

DETECTION: dict[str, Any] = {
    "type": "object",
    "required": ["mt_probability", "is_mt", "reasons"],
    "properties": {
        "text_lang": {"type": "string"},
        "mt_probability": {"type": "number"},
        "is_mt": {"type": "boolean"},
        "source_lang": {"type": "string", "nullable": True},
        "source_probability": {"type": "number"},
        "source_probabilities": {"type": "object", "additionalProperties": {"type": "number"}},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "evidence": {"type": "array", "items": {"type": "object"}},
        "sentences": {"type": "array", "items": {"type": "object"}},
    },
}

_ID = {"oneOf": [{"type": "string"}, {"type": "integer"}]}


def openapi(
    auth: bool = False,
    max_bytes: int = 1_000_000,
    sources: list[str] | None = None,
    packs: list[str] | None = None,
    langs: list[str] | None = None,
) -> dict[str, Any]:
    """The schema; ``sources`` and ``packs`` come from the loaded rule packs."""
    sources = sources or ["fr", "de", "es", "it", "ru"]
    packs = packs or []
    langs = langs or ["en"]
    errors = {
        "400": {"description": "The body is not valid JSON.", **_json(_ref("Error"))},
        "413": {"description": f"The body is over {max_bytes} bytes.", **_json(_ref("Error"))},
        "415": {"description": "The body is not sent as JSON.", **_json(_ref("Error"))},
        "422": {
            "description": "A missing or mistyped field, an unknown option, an option naming "
            "a file (option_not_allowed), a text or source in a language retrans does not "
            "serve (unsupported_language), an unknown rule, pack or style (invalid_option).",
            **_json(_ref("Error")),
        },
    }
    if auth:
        errors["401"] = {"description": "No or a wrong bearer token.", **_json(_ref("Error"))}

    def op(summary: str, req: str, resp: str, op_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "operationId": op_id,
            "summary": summary,
            "requestBody": {"required": True, **_json(_ref(req))},
            "responses": {"200": {"description": "OK", **_json(_ref(resp))}, **errors},
        }
        if auth:
            out["security"] = [{"bearer": []}]
        return out

    schema: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {
            "title": "retrans",
            "version": VERSION,
            "description": "Check and fix machine-translated news text; detect MT. Findings "
            "have the same fields as `retrans check --format json`.",
        },
        "paths": {
            "/v1/check": {
                "post": op(
                    "Findings (names, calques, typography, numbers, detection) for a draft.",
                    "CheckRequest",
                    "CheckResponse",
                    "check",
                )
            },
            "/v1/fix": {
                "post": op(
                    "The fixed draft and the edits applied.", "CheckRequest", "FixResponse", "fix"
                )
            },
            "/v1/detect": {
                "post": op(
                    "P(machine-translated), likely source language and reasons.",
                    "DetectRequest",
                    "Detection",
                    "detect",
                )
            },
            "/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness (no auth).",
                    "responses": {
                        "200": {
                            "description": "OK",
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["status"],
                                    "properties": {
                                        "status": {"type": "string"},
                                        "pid": {"type": "integer"},
                                        "auth": {"type": "boolean"},
                                    },
                                }
                            ),
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Options": _options(sources, langs, packs, detect=False),
                "DetectOptions": _options(sources, langs, packs, detect=True),
                "CheckRequest": _request("Options"),
                "DetectRequest": _request("DetectOptions"),
                "Finding": FINDING,
                "Detection": {**DETECTION, "properties": {**DETECTION["properties"], "id": _ID}},
                "CheckResponse": {
                    "type": "object",
                    "required": ["findings", "lang", "detection"],
                    "properties": {
                        "id": _ID,
                        "lang": {"type": "string"},
                        "sources": {"type": "array", "items": {"type": "string"}},
                        "findings": {"type": "array", "items": _ref("Finding")},
                        "detection": {**DETECTION, "nullable": True},
                    },
                },
                "FixResponse": {
                    "type": "object",
                    "required": ["text", "changed", "edits"],
                    "properties": {
                        "id": _ID,
                        "text": {"type": "string"},
                        "changed": {"type": "boolean"},
                        "lang": {"type": "string"},
                        "edits": {"type": "array", "items": _ref("Finding")},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
            }
        },
    }
    if auth:
        schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    return schema
