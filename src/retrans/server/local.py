"""Run ``retrans serve`` in a child process on a free loopback port: for tests, benchmarks
and scripts that want a real uvicorn rather than an in-process client."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """``with LocalServer(token_file=...) as srv: srv.url`` — started, healthy, then stopped."""

    def __init__(
        self,
        *args: str,
        token_file: Path | None = None,
        max_bytes: int | None = None,
        workers: int = 1,
        timeout: float = 120.0,
        log: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "retrans", "serve", "--port", str(self.port)]
        cmd += ["--workers", str(workers), "--log-level", "warning", *args]
        if token_file is not None:
            cmd += ["--token-file", str(token_file)]
        if max_bytes is not None:
            cmd += ["--max-bytes", str(max_bytes)]
        self.cmd = cmd
        self.timeout = timeout
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> LocalServer:
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"retrans serve exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as r:
                    if json.load(r).get("status") == "ok":
                        return self
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"retrans serve did not answer on {self.url}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        typ: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
