"""The driver: enumerate → skip what the ledger has → chunks to workers → write outputs
atomically → commit to the ledger → assemble JSONL outputs → report."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from retrans.batch import adapter, executors, progress, report
from retrans.batch.items import FILE, RECORD, Item, JobOptions, Result
from retrans.batch.jsonl import apply_edit
from retrans.batch.ledger import Ledger
from retrans.batch.sources import Enumerator, Limits, Stream, inside, plan, read_lines

STATE_DIR = ".retrans-batch"  # hidden: never enumerated as input, even with --in-place


@dataclass
class Spec:
    inputs: list[str]
    out: Path
    fix: bool = True
    field_name: str = "text"
    id_field: str | None = None
    glob: str | None = None
    resume: bool = False
    in_place: bool = False
    jobs: int = 1
    scheduler: str | None = None
    max_errors: int = 0  # 0: never stop early
    chunk_items: int = 16
    chunk_bytes: int = 1 << 20
    limits: Limits = field(default_factory=Limits)
    engine: adapter.EngineOptions = field(default_factory=adapter.EngineOptions)
    progress: str = "auto"
    progress_every: float = 10.0


@dataclass
class Stats:
    processed: int = 0
    skipped: int = 0
    errors: int = 0
    wall: float = 0.0
    stopped: bool = False
    executor: str = ""
    failed_total: int = 0
    reports: dict[str, Path] = field(default_factory=dict)
    worker_rss: dict[str, float] = field(default_factory=dict)  # peak MB per worker process
    driver_rss: float = 0.0


def fingerprint(spec: Spec) -> bytes:
    """What the outputs depend on besides the input bytes: a change redoes every item."""
    cfg = adapter.config_bytes(spec.engine.config)
    return json.dumps(
        {
            "version": adapter.version(),
            "fix": spec.fix,
            "field": spec.field_name,
            "config": hashlib.blake2b(cfg, digest_size=16).hexdigest(),
            "source": spec.engine.source,
            "lang": spec.engine.lang,
            "style": spec.engine.style,
        },
        sort_keys=True,
    ).encode()


def validate(spec: Spec) -> list[Any]:
    from retrans.errors import InputError

    sources = plan(spec.inputs)
    if spec.out.exists() and not spec.out.is_dir():
        raise InputError("--out must be a folder", str(spec.out))
    if not spec.in_place:
        for src in sources:
            if src.kind == "folder" and inside(spec.out, src.path):
                raise InputError(
                    "the output folder is, or is inside, this input: choose another --out "
                    "or say --in-place",
                    str(src.path),
                )
    return sources


class Driver:
    def __init__(self, spec: Spec, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.spec = spec
        # Looked up now, not at import: the CLI may run in-process with redirected streams.
        self.stdout = out or sys.stdout
        self.stderr = err or sys.stderr
        self.stats = Stats()
        self.out_real = os.path.realpath(spec.out)
        self.inflight: set[str] = set()
        self.retried: set[str] = set()
        # JSONL streams: records sent but not committed, and which ones are fully read, so
        # each stream's output is assembled as soon as its last record is done.
        self.streams: dict[str, Stream] = {}
        self.pending: dict[str, int] = {}
        self.open_stream: str | None = None
        self.closed: set[str] = set()
        self.assembled: set[str] = set()

    def run(self) -> Stats:
        spec = self.spec
        t0 = time.perf_counter()
        sources = validate(spec)
        spec.out.mkdir(parents=True, exist_ok=True)
        state = spec.out / STATE_DIR
        self.ledger = Ledger(state / "ledger.sqlite", fresh=not spec.resume)
        self.fp = fingerprint(spec)
        enum = Enumerator(sources, self.fp, spec.out, spec.glob, spec.id_field, spec.limits)
        enum.on_stream = lambda st: self.streams.__setitem__(st.key, st)
        opts = JobOptions(spec.engine, spec.fix, spec.field_name, spec.id_field)
        ex = executors.make(opts, spec.jobs, spec.scheduler)
        self.stats.executor = ex.label
        self.bar = progress.make(spec.progress, self.stderr, spec.progress_every)
        futs: dict[Any, list[Item]] = {}
        try:
            chunk: list[Item] = []
            size = 0
            for item in enum:
                if self.stats.stopped:
                    break
                if self.open_stream is not None and item.source != self.open_stream:
                    self._close_stream(self.open_stream)  # its last line has been read
                if item.kind == RECORD:
                    self.open_stream = item.source
                if not self._wanted(item):
                    continue
                if item.kind == RECORD:
                    self.pending[item.source] = self.pending.get(item.source, 0) + 1
                chunk.append(item)
                self.inflight.add(item.key)
                size += len(item.data)
                if len(chunk) >= spec.chunk_items or size >= spec.chunk_bytes:
                    self._submit(ex, futs, chunk)
                    chunk, size = [], 0
            if chunk and not self.stats.stopped:
                self._submit(ex, futs, chunk)
            while futs:
                self._collect(ex, futs)
        finally:
            ex.close(cancel=self.stats.stopped)
            self.bar.update(self.stats.processed, self.stats.skipped, self.stats.errors, True)
            self.bar.close()
        if not self.stats.stopped:
            for stream in enum.streams:  # the rest: the last one, empty ones
                if stream.key not in self.assembled:
                    self._assemble(stream)
        self.stats.wall = time.perf_counter() - t0
        from retrans.batch.work import peak_rss_mb

        self.stats.driver_rss = peak_rss_mb()
        self.ledger.finish(
            self.stats.processed,
            self.stats.skipped,
            self.stats.errors,
            spec.jobs,
            spec.scheduler or self.stats.executor,
        )
        self.stats.reports = report.write(state, self.ledger, self.stats, spec, self.stdout)
        self.stats.failed_total = self.ledger.db.execute(
            "SELECT COUNT(*) FROM items WHERE status = 'error'"
        ).fetchone()[0]
        self.ledger.close()
        return self.stats

    # -- scheduling ------------------------------------------------------------------------

    def _wanted(self, item: Item) -> bool:
        """False when the ledger says the item is done with these bytes (--resume)."""
        row = self.ledger.lookup(item.key)
        if row is not None:
            h, out_hash, status, _seq, run = row
            if run == self.ledger.run or item.key in self.inflight:
                item.key = f"{item.key}@L{item.seq}"
                item.error = item.error or f"{item.label}:{item.seq}: duplicate id"
            elif self.spec.resume and status == "done" and item.error is None:
                same = h == item.hash or (self.spec.in_place and out_hash == item.hash)
                if same:
                    self.ledger.touch(item.key, item.seq)
                    self.stats.skipped += 1
                    return False
        elif item.key in self.inflight:
            item.key = f"{item.key}@L{item.seq}"
            item.error = item.error or f"{item.label}:{item.seq}: duplicate id"
        if item.error is not None:
            res = Result(item.key, False, error=item.error)
            item.data = b""
            self._commit([(item, res)])
            return False
        return True

    def _submit(self, ex: Any, futs: dict[Any, list[Item]], chunk: list[Item]) -> None:
        while len(futs) >= ex.slots:
            self._collect(ex, futs)
        if self.stats.stopped:
            return
        futs[ex.submit(chunk)] = chunk

    def _collect(self, ex: Any, futs: dict[Any, list[Item]]) -> None:
        for fut in ex.wait_any(set(futs)):
            chunk = futs.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # a worker died (a crash, out of memory, a lost node)
                if len(chunk) > 1 or chunk[0].key not in self.retried:
                    # Once more, one item per chunk, so one poisonous item fails alone.
                    for it in chunk:
                        self.retried.add(it.key)
                        futs[ex.submit([it])] = [it]
                    continue
                why = f"{chunk[0].label}: worker failed: {type(exc).__name__}: {exc}"
                results = [Result(chunk[0].key, False, error=why)]
            self._commit(list(zip(chunk, results, strict=True)))
            for it in chunk:
                self.inflight.discard(it.key)

    def _commit(self, pairs: list[tuple[Item, Result]]) -> None:
        rows: list[tuple[Item, Result, str | None]] = []
        for it, res in pairs:
            if res.worker:
                old = self.stats.worker_rss.get(res.worker, 0.0)
                self.stats.worker_rss[res.worker] = max(old, res.rss_mb)
            out_hash = None
            if res.ok and it.kind == FILE and it.out is not None:
                out_hash = self._write_file(it, res)
            elif res.ok and self.spec.fix:  # a record: what its line reads after the fix
                line = apply_edit(it.data, res.output) if res.output else it.data
                out_hash = hashlib.blake2b(self.fp + line, digest_size=16).hexdigest()
            rows.append((it, res, out_hash))
            if res.ok:
                self.stats.processed += 1
            else:
                self.stats.errors += 1
                self.stats.processed += 1
        self.ledger.record(rows)
        for it, _res, _h in rows:
            if it.kind == RECORD and it.key in self.inflight and it.source in self.pending:
                self.pending[it.source] -= 1
                self._ready(it.source)
        me = self.spec.max_errors
        if me and self.stats.errors >= me and not self.stats.stopped:
            self.stats.stopped = True
            self.stderr.write(f"retrans batch: stopping after {self.stats.errors} errors\n")
        self.bar.update(self.stats.processed, self.stats.skipped, self.stats.errors)

    def _close_stream(self, key: str) -> None:
        self.closed.add(key)
        self.open_stream = None
        self._ready(key)

    def _ready(self, key: str) -> None:
        """Assemble a stream's output once it is fully read and none of its records is out."""
        if (
            key in self.closed
            and self.pending.get(key, 0) == 0
            and key not in self.assembled
            and not self.stats.stopped
            and key in self.streams
        ):
            self.assembled.add(key)
            self._assemble(self.streams[key])

    # -- outputs ---------------------------------------------------------------------------

    def target(self, rel: str) -> Path:
        """``--out``/``rel``, refusing any path that resolves outside ``--out``."""
        from retrans.errors import InputError

        path = Path(self.out_real, rel)
        parent = os.path.realpath(path.parent)
        if not (parent == self.out_real or parent.startswith(self.out_real + os.sep)):
            raise InputError("output path escapes --out", rel)
        return Path(parent, path.name)

    def _write_file(self, it: Item, res: Result) -> str | None:
        from retrans.paths import atomic_write

        assert it.out is not None
        rel = it.out if self.spec.fix else it.out + ".findings.jsonl"
        data = res.output or b""
        res.output = None
        try:
            path = self.target(rel)
            if not (self.spec.in_place and path.is_file() and path.read_bytes() == data):
                atomic_write(path, data)
        except (OSError, adapter.input_error()) as exc:
            res.ok = False
            res.error = f"{it.label}: cannot write output: {exc}"
            return None
        return hashlib.blake2b(self.fp + data, digest_size=16).hexdigest()

    def _assemble(self, stream: Stream) -> None:
        """Write a JSONL stream's output: input lines in order, each replaced by its record's
        new line (fix) or its findings (check); streamed to a temporary file, then renamed."""
        spec = self.spec
        rel = stream.out if spec.fix else stream.out + ".findings.jsonl"
        path = self.target(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a killed run
            stale.unlink(missing_ok=True)
        outs = iter(self.ledger.outputs(stream.key, self.ledger.run))
        nxt = next(outs, None)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as dst, stream.path.open("rb") as src:
                limit = spec.limits.max_item_bytes
                for n, raw in enumerate(_raw_lines(src, limit), 1):
                    while nxt is not None and nxt[0] < n:
                        nxt = next(outs, None)
                    new = nxt[1] if nxt is not None and nxt[0] == n else None
                    if spec.fix:
                        if new is not None and isinstance(raw, bytes):
                            dst.write(apply_edit(raw, new))
                        elif isinstance(raw, bytes):
                            dst.write(raw)
                        else:
                            raw(dst)  # an over-long line, copied through in pieces
                    else:
                        if not isinstance(raw, bytes):
                            raw(_Null())
                        if new is not None:
                            dst.write(new)
                dst.flush()
                os.fsync(dst.fileno())
            if stream.path.exists() and path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


class _Null:
    def write(self, data: bytes) -> int:
        return len(data)


def _raw_lines(fh: Any, limit: int) -> Any:
    """Like ``read_lines`` but an over-long line comes back as a function that copies it."""
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            first = raw

            def copy(dst: Any, first: bytes = first) -> None:
                dst.write(first)
                part = first
                while part and not part.endswith(b"\n"):
                    part = fh.readline(1 << 20)
                    dst.write(part)

            yield copy
            continue
        yield raw


__all__ = ["STATE_DIR", "Driver", "Spec", "Stats", "read_lines"]
