"""The bodies of ``check`` and ``fix``, free of typer, so the fast entry (``fastcli``) and the
typer app run the same code. Each returns the exit code (0 or 1); user errors raise
``RetransError`` (exit 2, printed by the caller).

``jobs > 1`` checks or fixes files in a process pool: each worker builds its pipelines once,
results come back in input order, so the output is the same as with one job.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrans.errors import InputError

if TYPE_CHECKING:
    from retrans.document import Document
    from retrans.findings import Finding
    from retrans.inputs import Input
    from retrans.pipeline import Pipeline
    from retrans.selection import Resolver

FAIL_ON = ("error", "warning", "info", "never")
MAX_BYTES = 128 * 1024 * 1024  # generous, but /dev/zero is not read forever
INPUT_FORMATS = ("auto", "text", "markdown", "jsonl")


def _docs(inp: Input, input_format: str, field: str) -> list[Document]:
    from retrans.formats import detect_format, documents

    f = detect_format(inp.path, None if input_format == "auto" else input_format)
    return list(documents(inp.text, inp.path, f, field))


def _check_one(
    res: Resolver, inp: Input, fail_on: str | None, input_format: str, field: str
) -> tuple[list[tuple[Document, list[Finding]]], bool]:
    """Findings of every document of one input, and whether any is at or above --fail-on."""
    from retrans.findings import Severity

    pipe = res.pipeline_for(inp.path)  # nearest config, overrides, selection
    name = fail_on or pipe.config.fail_on or "warning"
    threshold = None if name == "never" else Severity.parse(name)
    failed = False
    out = []
    for doc in _docs(inp, input_format, field):
        findings, _ = pipe.check(doc)
        if threshold is not None and any(f.severity >= threshold for f in findings):
            failed = True
        out.append((doc, findings))
    return out, failed


def check(
    paths: list[str],
    format: str = "text",
    fail_on: str | None = None,
    config: Path | None = None,
    source: str | None = None,
    lang: str | None = None,
    style: str | None = None,
    field: str = "text",
    input_format: str = "auto",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    show_settings: bool = False,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
    model: str | None = None,
    no_model: bool = False,
    model_all: bool = False,
) -> int:
    """Report findings; 1 when one is at or above --fail-on."""
    from retrans import emitters, inputs

    resolver_args = (config, select, ignore, source, lang, style, model, no_model, model_all)
    res = _start(resolver_args)
    if show_settings:
        sys.stdout.write(res.show(next((p for p in paths if p != "-"), "<stdin>")))
        return 0
    failed = False
    items = inputs.collect(paths, max_bytes)
    emit = emitters.get(format)

    def results() -> Iterator[tuple[Document, list[Finding]]]:
        nonlocal failed
        for docs, bad in _map(
            _check_task,
            [(inp, fail_on, input_format, field) for inp in items],
            jobs,
            res,
            resolver_args,
            lambda a: _check_one(res, *a),
        ):
            failed = failed or bad
            yield from docs

    emit(results(), sys.stdout)
    sys.stdout.flush()
    return 1 if failed else 0


def fixed_text(pipe: Pipeline, inp: Input, input_format: str, field: str) -> str:
    """The fixed text of one input (JSONL: records that do not change keep their bytes)."""
    from retrans import formats

    fmt = formats.detect_format(inp.path, None if input_format == "auto" else input_format)
    if fmt == "jsonl":
        records = formats.parse_jsonl(inp.text, inp.path, field)
        fixed = {r.line: pipe.fix(r.doc)[0] for r in records if r.doc is not None}
        return formats.dump_jsonl(records, field, fixed)
    doc = next(formats.documents(inp.text, inp.path, fmt, field))
    return pipe.fix(doc)[0]


def fix(
    paths: list[str],
    out: Path | None = None,
    in_place: bool = False,
    no_backup: bool = False,
    diff: bool = False,
    config: Path | None = None,
    source: str | None = None,
    lang: str | None = None,
    style: str | None = None,
    field: str = "text",
    input_format: str = "auto",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    interactive: bool = False,
    exit_non_zero_on_fix: bool = False,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
    model: str | None = None,
    no_model: bool = False,
    model_all: bool = False,
) -> int:
    """Print the fixed text (one input), write --out DIR, --in-place, or --diff."""
    from retrans import fileio, inputs, render

    resolver_args = (config, select, ignore, source, lang, style, model, no_model, model_all)
    res = _start(resolver_args)
    items = inputs.collect(paths, max_bytes, regular_only=in_place or interactive)
    if interactive:
        from retrans.interactive import review

        changed = review(items, res, backup=not no_backup)
        return 1 if changed and exit_non_zero_on_fix else 0
    if out is not None and not diff:
        fileio.check_outputs(items, out)  # two inputs, one output name: refuse before writing
    if len(items) > 1 and not (out or in_place or diff):
        raise InputError("several inputs: use --out DIR, --in-place or --diff")
    if in_place and any(i.path == "<stdin>" for i in items):
        raise InputError("--in-place needs files, not standard input")
    changed = False
    news = _map(
        _fix_task,
        [(inp, input_format, field) for inp in items],
        jobs,
        res,
        resolver_args,
        lambda a: fixed_text(res.pipeline_for(a[0].path), *a),
    )
    for inp, new in zip(items, news, strict=True):
        changed = changed or new != inp.text
        if diff:
            sys.stdout.write(render.unified_diff(inp.path, inp.text, new))
        elif out is not None:
            # one file: durable at once; many: one flush at the end (below)
            data = fileio.encode(new, inp.path, inp.bom)
            fileio.write_out(out / inp.rel, data, durable=len(items) == 1)
        elif in_place:
            if new != inp.text:  # an unchanged file and its backup are left alone
                data = fileio.encode(new, inp.path, inp.bom)
                fileio.rewrite(inp.path, inp.raw, data, backup=not no_backup)
        else:  # the same bytes as --out would write: a BOM read is a BOM written
            sys.stdout.write("\ufeff" + new if inp.bom else new)
    sys.stdout.flush()
    if out is not None and len(items) > 1:
        from retrans.paths import sync_all

        sync_all()
    # --diff: like `ruff format --diff`, 1 when something would change
    return 1 if (diff or exit_non_zero_on_fix) and changed else 0


# --- the process pool -------------------------------------------------------------------------

_WORKER_RESOLVER: Resolver | None = None


def _resolver(
    config: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    source: str | None,
    lang: str | None,
    style: str | None,
    model: str | None = None,
    no_model: bool = False,
    model_all: bool = False,
) -> Resolver:
    from retrans.selection import Resolver

    return Resolver(
        config, select=select, ignore=ignore, source=source, lang=lang, style=style,
        model=model, no_model=no_model, model_all=model_all,
    )  # fmt: skip


def _start(resolver_args: tuple[Any, ...]) -> Resolver:
    """The resolver ``check`` and ``fix`` run with, once the language options are valid."""
    from retrans import inputs

    inputs.check_languages(resolver_args[3], resolver_args[4])  # source, lang
    return _resolver(*resolver_args)


def _init_worker(resolver_args: tuple[Any, ...]) -> None:
    global _WORKER_RESOLVER
    if _WORKER_RESOLVER is None:  # forked workers inherit the parent's warm resolver
        _WORKER_RESOLVER = _resolver(*resolver_args)


def _check_task(args: tuple[Any, ...]) -> Any:
    assert _WORKER_RESOLVER is not None
    return _check_one(_WORKER_RESOLVER, *args)


def _fix_task(args: tuple[Any, ...]) -> str:
    assert _WORKER_RESOLVER is not None
    inp = args[0]
    return fixed_text(_WORKER_RESOLVER.pipeline_for(inp.path), *args)


def _run_chunk(task: Any, chunk: list[Any]) -> list[tuple[bool, Any]]:
    """``task`` on each of ``chunk``: (True, result) or (False, the error), so an error is
    raised at its input's place in the output and the inputs before it still report."""
    out: list[tuple[bool, Any]] = []
    for a in chunk:
        try:
            out.append((True, task(a)))
        except Exception as e:  # raised by _share, in input order
            out.append((False, e))
    return out


def _map(
    task: Any, args: list[Any], jobs: int, res: Resolver, resolver_args: Any, local: Any
) -> Iterator[Any]:
    """``local(a)`` for each of ``args`` in order. With jobs > 1 (and several inputs), the
    first input runs here (loading the data), then this process and ``jobs - 1`` pool
    workers share the rest in small chunks: the workers are forked with the loaded pipeline
    (elsewhere each builds one resolver), and this process, whose caches are warm, checks
    a chunk whenever the next result in input order is not back yet. Results and errors
    come out in input order, as with one job."""
    if jobs <= 1 or len(args) < 3:
        for a in args:
            yield local(a)
        return
    global _WORKER_RESOLVER
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    yield local(args[0])
    rest = args[1:]
    workers = min(jobs - 1, len(rest) - 1)
    # a few inputs per message (less IPC), small enough that the last chunks balance
    size = max(1, min(8, len(rest) // (jobs * 16)))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    fork = sys.platform == "linux"
    if fork:
        _WORKER_RESOLVER = res
        gc.freeze()  # the loaded data stays shared, not copied by the collector's writes
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    run = partial(_run_chunk, task)
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(resolver_args,)
        ) as pool:
            yield from _share(chunks, pool, run, local, 3 * workers)
    finally:
        _WORKER_RESOLVER = None
        if fork:
            gc.unfreeze()


def _share(chunks: list[list[Any]], pool: Any, run: Any, local: Any, queued: int) -> Iterator[Any]:
    """The results of ``chunks`` in order: the pool keeps ``queued`` chunks not yet done, and
    this process takes the next chunk itself whenever the next result is not back yet."""
    from concurrent.futures import Future

    results: dict[int, Any] = {}  # chunk -> its (ok, value) list, or the pool's Future of it
    waiting: list[Future[Any]] = []
    assigned = 0
    for k in range(len(chunks)):
        while True:
            waiting = [f for f in waiting if not f.done()]
            while len(waiting) < queued and assigned < len(chunks):
                fut = pool.submit(run, chunks[assigned])
                results[assigned] = fut
                waiting.append(fut)
                assigned += 1
            got = results.get(k)
            if got is not None and (not isinstance(got, Future) or got.done()):
                break
            if assigned >= len(chunks):
                break  # all handed out: wait for the pool
            results[assigned] = _run_chunk(local, chunks[assigned])
            assigned += 1
        got = results.pop(k)
        for ok, value in got.result() if isinstance(got, Future) else got:
            if not ok:
                raise value
            yield value
