"""``retrans serve``: run the HTTP API and review page on uvicorn (the ``server`` extra)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from retrans.errors import InputError


def serve_cmd(
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on (0.0.0.0 for every one).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=0, max=65535)] = 8000,
    workers: Annotated[
        int,
        typer.Option("--workers", help="Worker processes (each loads the pipeline once).", min=1),
    ] = 1,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Require 'Authorization: Bearer TOKEN' (first line)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Config file (retrans.toml) for every request.")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest request body accepted (413 above).", min=1)
    ] = 1_000_000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve POST /v1/check, /v1/fix, /v1/detect, GET /health, /openapi.json and the review
    page at / (Ctrl-C stops)."""
    try:
        import uvicorn

        from retrans.server import app as server_app
    except ImportError as exc:
        raise InputError(
            f"'retrans serve' needs the server extra ({exc.name} missing): "
            "pip install 'retrans[server]'"
        ) from None
    from retrans.config import load_config

    # Fail here, once, with one line, rather than in every worker.
    if token_file is not None:
        server_app.read_token(token_file)
    load_config(config)
    os.environ[server_app.ENV_CONFIG] = str(config.resolve()) if config else ""
    os.environ[server_app.ENV_TOKEN_FILE] = str(token_file.resolve()) if token_file else ""
    os.environ[server_app.ENV_MAX_BYTES] = str(max_bytes)
    uvicorn.run(
        "retrans.server.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        limit_concurrency=256,
        timeout_graceful_shutdown=10,
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app (starlette and uvicorn load only when it runs)."""
    app.command("serve")(serve_cmd)
