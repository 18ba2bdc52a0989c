"""Batch jobs: clean whole archives (folders, JSONL dumps, tar/zip), resumable, in parallel.

The driver enumerates inputs lazily (``sources``), skips what the SQLite ledger says is done
(``ledger``), sends chunks of items to worker processes or a Dask cluster (``executors``,
``work``), writes every output atomically and ends with a report (``report``). Everything
that touches the core engine sits in ``adapter`` so a change of the core API is one edit.
"""
