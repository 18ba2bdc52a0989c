"""What travels between the driver and the workers: items in, results out (both picklable)."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrans.batch.adapter import EngineOptions

FILE = "file"  # a whole document: a file of a folder, an archive member
RECORD = "record"  # one line of a JSONL stream


@dataclass
class Item:
    key: str  # ledger key, unique in the job
    source: str  # the input it comes from (a JSONL stream's key for records)
    kind: str  # FILE or RECORD
    fmt: str  # text, markdown or jsonl (a JSONL file item is edited line by line)
    label: str  # shown to people: path, archive:member or file.jsonl:LINE
    data: bytes = b""
    hash: str = ""
    seq: int = 0  # order within its source (a JSONL line number)
    out: str | None = None  # output path relative to --out (FILE items)
    error: str | None = None  # found unusable while enumerating: never sent to a worker


@dataclass(frozen=True)
class JobOptions:
    """Per-job settings every worker needs."""

    engine: EngineOptions
    fix: bool = True
    field: str = "text"
    id_field: str | None = None


@dataclass
class Result:
    key: str
    ok: bool
    output: bytes | None = None  # FILE: the file to write; RECORD: the new line / findings
    categories: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    edits: int = 0
    mt: float | None = None
    source_lang: str | None = None
    ms: float = 0.0
    error: str | None = None
    worker: str = ""  # host:pid of the process that ran it
    rss_mb: float = 0.0  # that process's peak resident memory so far
