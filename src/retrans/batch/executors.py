"""Where chunks run: in the driver (one job), a local process pool, or a Dask cluster.

Each executor offers ``submit(chunk)`` → future, ``wait_any(futures)`` → finished ones and
``slots`` (chunks to keep in flight: enough to keep workers busy, few enough for flat memory).
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any

from retrans.batch.items import Item, JobOptions, Result
from retrans.batch.work import process_chunk


class Inline:
    """One job: run in the driver process, no pickling."""

    slots = 1
    label = "inline"

    def __init__(self, opts: JobOptions) -> None:
        self.opts = opts

    def submit(self, chunk: list[Item]) -> cf.Future[list[Result]]:
        fut: cf.Future[list[Result]] = cf.Future()
        fut.set_result(process_chunk(self.opts, chunk))
        return fut

    def wait_any(self, futs: set[Any]) -> set[Any]:
        return set(futs)

    def close(self, cancel: bool = False) -> None:
        pass


class LocalPool:
    """``jobs`` worker processes (spawned: the driver may hold threads and a database)."""

    label = "local"

    def __init__(self, opts: JobOptions, jobs: int) -> None:
        import multiprocessing as mp

        self.opts = opts
        self.slots = 2 * jobs
        self._new = lambda: cf.ProcessPoolExecutor(
            max_workers=jobs, mp_context=mp.get_context("spawn")
        )
        self.pool = self._new()

    def submit(self, chunk: list[Item]) -> cf.Future[list[Result]]:
        try:
            return self.pool.submit(process_chunk, self.opts, chunk)
        except cf.BrokenExecutor:  # a worker died: a fresh pool for the rest of the job
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()
            return self.pool.submit(process_chunk, self.opts, chunk)

    def wait_any(self, futs: set[Any]) -> set[Any]:
        done, _ = cf.wait(futs, return_when=cf.FIRST_COMPLETED)
        return done

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel)


class DaskCluster:
    """An existing Dask distributed scheduler; the ledger and outputs stay with the driver."""

    label = "dask"

    def __init__(self, opts: JobOptions, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            from retrans.errors import InputError

            raise InputError(
                "--scheduler needs the batch extra (dask.distributed): pip install 'retrans[batch]'"
            ) from None

        self.opts = opts
        self.client = Client(address, set_as_default=False)
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = 2 * threads
        self.workers = len(self.client.nthreads())
        # concurrent.futures-compatible futures, bound to this client (not a global default)
        self.pool = self.client.get_executor(pure=False)

    def submit(self, chunk: list[Item]) -> Any:
        return self.pool.submit(process_chunk, self.opts, chunk)

    def wait_any(self, futs: set[Any]) -> set[Any]:
        done, _ = cf.wait(futs, return_when=cf.FIRST_COMPLETED)
        return done

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel)
        self.client.close()


def make(opts: JobOptions, jobs: int, scheduler: str | None) -> Inline | LocalPool | DaskCluster:
    if scheduler:
        return DaskCluster(opts, scheduler)
    if jobs <= 1:
        return Inline(opts)
    return LocalPool(opts, jobs)
