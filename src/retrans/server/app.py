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
from typing import Any

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


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> Starlette:
    """The app; the engine (pipelines, glossaries, detector) loads once, at start-up."""
    settings = settings or Settings()
    state: dict[str, Any] = {"engine": engine}
    static = _static_files()
    token = settings.token.encode("utf-8") if settings.token else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if state["engine"] is None:

            def load() -> Engine:
                eng = Engine(settings.config)
                eng.warm()
                return eng

            state["engine"] = await run_in_threadpool(load)
        yield

    def authorise(request: Request) -> None:
        if token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), token
        ):
            raise ApiError(401, "unauthorized", "a valid 'Authorization: Bearer TOKEN' is needed")

    async def read_body(request: Request) -> Any:
        ctype = request.headers.get("content-type", "")
        mime = ctype.split(";", 1)[0].strip().lower()
        if mime != "application/json" and not mime.endswith("+json"):
            raise ApiError(
                415,
                "unsupported_media_type",
                "send the body as JSON (Content-Type: application/json)",
            )
        limit = settings.max_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise ApiError(413, "too_large", f"the body is over the limit of {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "too_large", f"the body is over the limit of {limit} bytes")
            chunks.append(chunk)
        return parse_json(b"".join(chunks))

    Handler = Callable[[Request], Awaitable[Response]]

    def api(
        work: Callable[[Engine, dict[str, Any]], dict[str, Any]], detect: bool = False
    ) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                authorise(request)
                text, fmt, opts, flags, ident = parse_body(await read_body(request), detect)
                eng: Engine = state["engine"]
                args = {"text": text, "fmt": fmt, "opts": opts, **flags}
                result = await run_in_threadpool(work, eng, args)
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

    async def health(request: Request) -> Response:
        eng = state["engine"]
        return json_response(
            {
                "status": "ok" if eng is not None else "loading",
                "pid": os.getpid(),
                "auth": token is not None,
            }
        )

    async def openapi_json(request: Request) -> Response:
        if "schema" not in state:  # lists the loaded packs and source languages
            eng: Engine | None = state["engine"]
            state["schema"] = dumps(
                openapi(
                    auth=token is not None,
                    max_bytes=settings.max_bytes,
                    sources=list(eng.sources) if eng else None,
                    packs=list(eng.packs) if eng else None,
                    langs=list(eng.langs) if eng else None,
                )
            )
        return Response(state["schema"], media_type="application/json", headers=_SECURITY_HEADERS)

    def page(name: str) -> Handler:
        async def endpoint(request: Request) -> Response:
            headers = {**_SECURITY_HEADERS, "cache-control": "no-cache"}
            if name == "index.html":
                headers["content-security-policy"] = _PAGE_CSP
            return Response(static[name], media_type=_STATIC[name], headers=headers)

        return endpoint

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        codes = {404: "not_found", 405: "method_not_allowed"}
        err = ApiError(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))
        return error_response(err, dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        return error_response(ApiError(500, "internal_error", "internal error (see server log)"))

    routes = [
        Route("/", page("index.html"), methods=["GET"]),
        Route("/static/review.css", page("review.css"), methods=["GET"]),
        Route("/static/review.js", page("review.js"), methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route(
            "/v1/check",
            api(lambda e, a: e.check(a["text"], a["fmt"], a["opts"])),
            methods=["POST"],
        ),
        Route(
            "/v1/fix",
            api(lambda e, a: e.fix(a["text"], a["fmt"], a["opts"])),
            methods=["POST"],
        ),
        Route(
            "/v1/detect",
            api(
                lambda e, a: e.detect(
                    a["text"],
                    a["fmt"],
                    a["opts"],
                    sentences=a.get("sentences", False),
                    findings=a.get("findings", True),
                ),
                detect=True,
            ),
            methods=["POST"],
        ),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )


def app_from_env() -> Starlette:
    """uvicorn factory (``--factory``) used by ``retrans serve``: one app per worker."""
    return create_app(settings_from_env())
