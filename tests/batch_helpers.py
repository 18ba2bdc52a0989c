"""Shared helpers for the batch tests: a small generated archive of MT-style drafts."""

from __future__ import annotations

import io
import json
import random
import tarfile
from pathlib import Path

from retrans.batch.adapter import EngineOptions
from retrans.batch.runner import Driver, Spec, Stats

SUBJECTS = ["The minister", "Vladimir Poutine", "The mayor", "Olaf Scholz", "The council"]
CLAUSES = [
    "the talks would resume in Geneva",
    "3,5 million people were affected",
    "the budget would rise by 2.4%",
    "a telephone interview was planned for Thursday",
    "nobody knew what comes next : talks ?",
    "the bridge would open before the summer",
]


def draft(rng: random.Random, sentences: int = 3) -> str:
    return (
        f"Vladimir Poutine said that {rng.choice(CLAUSES)}. "
        + " ".join(
            f"{rng.choice(SUBJECTS)} said that {rng.choice(CLAUSES)}." for _ in range(sentences)
        )
        + "\n"
    )


def make_inputs(root: Path, files: int = 20, records: int = 20, members: int = 10) -> Path:
    """A folder with text files (one nested), a JSONL dump and a tar.gz archive."""
    rng = random.Random(5)
    src = root / "in"
    (src / "news" / "2024").mkdir(parents=True)
    for i in range(files):
        sub = src / "news" / ("2024" if i % 2 else "")
        (sub / f"a{i:03d}.txt").write_text(draft(rng), encoding="utf-8")
    with (src / "dump.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(records):
            rec = {"id": f"r{i}", "meta": {"n": i, "x": 1.50}, "text": draft(rng, 2)}
            fh.write(json.dumps(rec, ensure_ascii=bool(i % 2)) + "\n")
    with tarfile.open(src / "wire.tar.gz", "w:gz") as tf:
        for i in range(members):
            data = draft(rng).encode()
            info = tarfile.TarInfo(f"wire/m{i:03d}.md")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return src


def run(inputs: list[Path], out: Path, **kw: object) -> Stats:
    spec = Spec([str(p) for p in inputs], out, progress="none", engine=EngineOptions(), **kw)  # type: ignore[arg-type]
    return Driver(spec, out=io.StringIO(), err=io.StringIO()).run()


def tree(root: Path) -> dict[str, bytes]:
    """Every output file's bytes, the job's state folder left out."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".retrans-batch" not in p.parts
    }
