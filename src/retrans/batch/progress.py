"""Progress: a rich bar on a terminal, plain periodic lines otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Plain:
    def __init__(self, stream: TextIO, every: float = 10.0) -> None:
        self.stream = stream
        self.every = every
        self.t0 = self.last = time.monotonic()

    def update(self, done: int, skipped: int, errors: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        self.stream.write(
            f"batch: {done} done, {skipped} skipped, {errors} errors, {rate:.1f} items/s\n"
        )
        self.stream.flush()

    def close(self) -> None:
        pass


class Rich:
    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[info]}"),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=None, info="")
        self.progress.start()
        self.t0 = time.monotonic()

    def update(self, done: int, skipped: int, errors: int, force: bool = False) -> None:
        rate = done / max(time.monotonic() - self.t0, 1e-9)
        self.progress.update(
            self.task,
            completed=done + skipped,
            info=f"{skipped} skipped · {errors} errors · {rate:.1f}/s",
        )

    def close(self) -> None:
        self.progress.stop()


def make(mode: str, stream: TextIO = sys.stderr, every: float = 10.0) -> Any:
    """``mode``: auto (rich on a terminal), rich, plain or none."""
    if mode == "auto":
        mode = "rich" if stream.isatty() else "plain"
    if mode == "rich":
        try:
            return Rich(stream)
        except ImportError:
            mode = "plain"
    if mode == "plain":
        return Plain(stream, every)
    return Plain(open_null(), every)


def open_null() -> TextIO:
    import os

    return open(os.devnull, "w")
