"""The job's ledger: one SQLite row per item, in the output folder, written by the driver only.

A row is committed after its output is on disk (outputs are written atomically first), so a
job killed at any moment and resumed redoes at most the items in flight, and never skips one.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from retrans.batch.items import Item, Result

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS items (
  key TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  seq INTEGER NOT NULL,
  label TEXT NOT NULL,
  hash TEXT NOT NULL,
  out_hash TEXT,
  status TEXT NOT NULL,          -- done | error
  findings INTEGER DEFAULT 0,
  edits INTEGER DEFAULT 0,
  categories TEXT,               -- JSON {category: count}
  rules TEXT,                    -- JSON {code: count}
  mt REAL,                       -- MT probability
  source_lang TEXT,
  ms REAL,                       -- processing time
  error TEXT,
  output BLOB,                   -- JSONL records: the field's edit / findings (NULL: none)
  run INTEGER,
  updated REAL
);
CREATE INDEX IF NOT EXISTS items_source ON items (source, seq);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started REAL, finished REAL, processed INTEGER, skipped INTEGER,
  errors INTEGER, jobs INTEGER, scheduler TEXT, status TEXT
);
"""


class Ledger:
    def __init__(self, path: Path, fresh: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = _lock(path.with_suffix(".lock"))
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        if fresh:
            self.db.execute("DELETE FROM items")
        self.run = int(
            self.db.execute(
                "INSERT INTO runs (started, status) VALUES (?, 'running')", (time.time(),)
            ).lastrowid
            or 0
        )

    def lookup(self, key: str) -> tuple[str, str | None, str, int, int] | None:
        """(hash, out_hash, status, seq, run) of ``key``, or None."""
        row = self.db.execute(
            "SELECT hash, out_hash, status, seq, run FROM items WHERE key = ?", (key,)
        ).fetchone()
        return tuple(row) if row else None

    def touch(self, key: str, seq: int) -> None:
        """A skipped item seen again (its line may have moved)."""
        self.db.execute("UPDATE items SET seq = ?, run = ? WHERE key = ?", (seq, self.run, key))

    def record(self, rows: list[tuple[Item, Result, str | None]]) -> None:
        """Commit results (item, result, hash of the written output) in one transaction."""
        now = time.time()
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT OR REPLACE INTO items (key, source, seq, label, hash, out_hash, status, "
            "findings, edits, categories, rules, mt, source_lang, ms, error, output, run, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    it.key,
                    it.source,
                    it.seq,
                    it.label,
                    it.hash,
                    out_hash,
                    "done" if r.ok else "error",
                    r.findings,
                    r.edits,
                    json.dumps(r.categories, sort_keys=True),
                    json.dumps(r.rules, sort_keys=True),
                    r.mt,
                    r.source_lang,
                    r.ms,
                    r.error,
                    r.output if it.kind == "record" else None,
                    self.run,
                    now,
                )
                for it, r, out_hash in rows
            ],
        )
        self.db.execute("COMMIT")

    def outputs(self, source: str, run: int) -> Iterator[tuple[int, bytes | None]]:
        """(seq, output) of a stream's records seen in this run, in line order (rows of
        records no longer in the input are left out)."""
        cur = self.db.cursor()
        yield from cur.execute(
            "SELECT seq, output FROM items WHERE source = ? AND status = 'done' "
            "AND output IS NOT NULL AND run = ? ORDER BY seq",
            (source, run),
        )

    def rows(self) -> Iterator[dict[str, Any]]:
        cur = self.db.cursor()
        cur.execute(
            "SELECT key, label, seq, status, hash, findings, edits, categories, rules, mt, "
            "source_lang, ms, error, run, kind FROM (SELECT *, CASE WHEN key = source THEN "
            "'file' ELSE 'record' END AS kind FROM items) ORDER BY source, seq, key"
        )
        names = [d[0] for d in cur.description]
        for row in cur:
            d = dict(zip(names, row, strict=True))
            d["categories"] = json.loads(d["categories"] or "{}")
            d["rules"] = json.loads(d["rules"] or "{}")
            yield d

    def finish(self, processed: int, skipped: int, errors: int, jobs: int, sched: str) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, processed = ?, skipped = ?, errors = ?, jobs = ?, "
            "scheduler = ?, status = 'finished' WHERE id = ?",
            (time.time(), processed, skipped, errors, jobs, sched, self.run),
        )

    def close(self) -> None:
        self.db.close()
        self._lock.close()


def _lock(path: Path) -> Any:
    """One job per output folder: a second one exits 2 instead of interleaving rows. The
    kernel drops the lock when the holder dies, even by SIGKILL."""
    from retrans.errors import InputError

    fh = path.open("a+")
    try:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # pragma: no cover - not POSIX
        pass
    except OSError:
        fh.close()
        raise InputError("another batch job is writing to this output folder", str(path)) from None
    return fh
