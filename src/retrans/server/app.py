"""The ASGI app: JSON API under /v1, health, OpenAPI schema and the review page.

Starlette rather than FastAPI: the API is three small endpoints whose validation lives in
``options.py`` and whose schema is written by hand in ``schema.py``, so FastAPI's pydantic
(a compiled dependency and ~0.2 s more import per worker) would buy nothing.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from retrans.errors import ConfigError, RetransError
from retrans.server.engine import Engine, OptionError
from retrans.server.options import ApiError, parse_body, parse_json
from retrans.server.schema import openapi

DEFAULT_MAX_BYTES = 1_000_000
ENV_CONFIG = "RETRANS_SERVE_CONFIG"
ENV_TOKEN_FILE = "RETRANS_SERVE_TOKEN_FILE"
ENV_MAX_BYTES = "RETRANS_SERVE_MAX_BYTES"
_SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_STATIC = {
    "index.html": "text/html; charset=utf-8",
    "review.css": "text/css; charset=utf-8",
    "review.js": "text/javascript; charset=utf-8",
}


@dataclass(frozen=True)
class Settings:
    """What the operator chose when starting the server (never changed by a request)."""

    config: Path | None = None
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def read_token(path: Path) -> str:
    """The bearer token in ``path`` (first line, stripped); an empty file is an error."""
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read token file: {exc}", str(path)) from None
    if not token or not token[0].strip():
        raise ConfigError("the token file is empty", str(path))
    return token[0].strip()


def settings_from_env() -> Settings:
    """Settings passed by ``retrans serve`` to each worker through the environment."""
    cfg = os.environ.get(ENV_CONFIG) or None
    tok = os.environ.get(ENV_TOKEN_FILE) or None
    return Settings(
        config=Path(cfg) if cfg else None,
        token=read_token(Path(tok)) if tok else None,
        max_bytes=int(os.environ.get(ENV_MAX_BYTES) or DEFAULT_MAX_BYTES),
    )


def dumps(data: Any) -> bytes:
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere: escape everything instead
        return json.dumps(data, ensure_ascii=True, allow_nan=False).encode("ascii")


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        dumps(data),
        status_code=status,
        media_type="application/json",
        headers={**_SECURITY_HEADERS, **(headers or {})},
    )


def error_response(exc: ApiError, headers: dict[str, str] | None = None) -> Response:
    return json_response(exc.body(), exc.status, headers)


def _static_files() -> dict[str, bytes]:
    """The review page's files, read once at start-up from the package."""
    root = resources.files("retrans.server") / "static"
    return {name: (root / name).read_bytes() for name in _STATIC}


Handler = Callable[[Request], Awaitable[Response]]
Work = Callable[[Engine, dict[str, Any]], dict[str, Any]]


def _check(eng: Engine, a: dict[str, Any]) -> dict[str, Any]:
    return eng.check(a["text"], a["fmt"], a["opts"])


def _fix(eng: Engine, a: dict[str, Any]) -> dict[str, Any]:
    return eng.fix(a["text"], a["fmt"], a["opts"])


def _detect(eng: Engine, a: dict[str, Any]) -> dict[str, Any]:
    return eng.detect(
        a["text"],
        a["fmt"],
        a["opts"],
        sentences=a.get("sentences", False),
        findings=a.get("findings", True),
    )


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"the body is over the limit of {limit} bytes")


async def read_body(request: Request, limit: int) -> Any:
    """The request's JSON body, refused unless it is JSON and at most ``limit`` bytes."""
    ctype = request.headers.get("content-type", "")
    mime = ctype.split(";", 1)[0].strip().lower()
    if mime != "application/json" and not mime.endswith("+json"):
        raise ApiError(
            415,
            "unsupported_media_type",
            "send the body as JSON (Content-Type: application/json)",
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return parse_json(b"".join(chunks))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    err = ApiError(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))
    return error_response(err, dict(exc.headers or {}))


async def server_error(request: Request, exc: Exception) -> Response:
    return error_response(ApiError(500, "internal_error", "internal error (see server log)"))


class _Service:
    """What the handlers share: the operator's settings, the engine and the cached schema."""

    def __init__(self, settings: Settings, engine: Engine | None) -> None:
        self.settings = settings
        self.engine = engine
        self.schema: bytes | None = None
        self.static = _static_files()
        self.token = settings.token.encode("utf-8") if settings.token else None

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        if self.engine is None:
            self.engine = await run_in_threadpool(self._load)
        yield

    def _load(self) -> Engine:
        eng = Engine(self.settings.config)
        eng.warm()
        return eng

    def authorise(self, request: Request) -> None:
        if self.token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), self.token
        ):
            raise ApiError(401, "unauthorized", "a valid 'Authorization: Bearer TOKEN' is needed")

    def api(self, work: Work, detect: bool = False) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                self.authorise(request)
                body = await read_body(request, self.settings.max_bytes)
                text, fmt, opts, flags, ident = parse_body(body, detect)
                args = {"text": text, "fmt": fmt, "opts": opts, **flags}
                result = await run_in_threadpool(work, cast(Engine, self.engine), args)
            except ApiError as exc:
                headers = {"www-authenticate": "Bearer"} if exc.status == 401 else None
                return error_response(exc, headers)
            except OptionError as exc:
                return error_response(ApiError(422, exc.code, str(exc)))
            except RetransError as exc:
                return error_response(ApiError(422, "invalid_option", str(exc)))
            if ident is not None:
                result = {"id": ident, **result}
            return json_response(result)

        return endpoint

    async def health(self, request: Request) -> Response:
        return json_response(
            {
                "status": "ok" if self.engine is not None else "loading",
                "pid": os.getpid(),
                "auth": self.token is not None,
            }
        )

    async def openapi_json(self, request: Request) -> Response:
        if self.schema is None:  # lists the loaded packs and source languages
            eng = self.engine
            self.schema = dumps(
                openapi(
                    auth=self.token is not None,
                    max_bytes=self.settings.max_bytes,
                    sources=list(eng.sources) if eng else None,
                    packs=list(eng.packs) if eng else None,
                    langs=list(eng.langs) if eng else None,
                )
            )
        return Response(self.schema, media_type="application/json", headers=_SECURITY_HEADERS)

    def page(self, name: str) -> Handler:
        async def endpoint(request: Request) -> Response:
            headers = {**_SECURITY_HEADERS, "cache-control": "no-cache"}
            if name == "index.html":
                headers["content-security-policy"] = _PAGE_CSP
            return Response(self.static[name], media_type=_STATIC[name], headers=headers)

        return endpoint

    def routes(self) -> list[Route]:
        return [
            Route("/", self.page("index.html"), methods=["GET"]),
            Route("/static/review.css", self.page("review.css"), methods=["GET"]),
            Route("/static/review.js", self.page("review.js"), methods=["GET"]),
            Route("/health", self.health, methods=["GET"]),
            Route("/openapi.json", self.openapi_json, methods=["GET"]),
            Route("/v1/check", self.api(_check), methods=["POST"]),
            Route("/v1/fix", self.api(_fix), methods=["POST"]),
            Route("/v1/detect", self.api(_detect, detect=True), methods=["POST"]),
        ]


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> Starlette:
    """The app; the engine (pipelines, glossaries, detector) loads once, at start-up."""
    service = _Service(settings or Settings(), engine)
    return Starlette(
        routes=service.routes(),
        lifespan=service.lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )


def app_from_env() -> Starlette:
    """uvicorn factory (``--factory``) used by ``retrans serve``: one app per worker."""
    return create_app(settings_from_env())
