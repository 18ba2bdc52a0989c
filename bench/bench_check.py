"""Benchmark: `retrans check` throughput per CPU second vs proselint and vs a bare one-pass
scan (tokenise + set lookup) of the same files, on MT and on human text, and the cold start
of `retrans check` on one short draft vs `python -c pass`. Prints figures; asserts nothing.

CPU seconds (user + sys of the child process), not wall time: the figures stay comparable on
a shared, loaded machine. Articles: WMT14 fr-en documents from ../shared/data (the onlineB
MT output and the human reference of the same documents), written to a temporary folder
and removed afterwards; without ../shared, the generated corpus (bench/corpus.py).

Run: .venv/bin/python bench/bench_check.py [--docs 176] [--runs 7] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WMT = ROOT.parent / "shared" / "data" / "wmt14_fr_en_docs.jsonl"

# The bare scan: read each file, split into words, look each up in a set — one pass, no rules.
BARE = r"""
import re, sys
from pathlib import Path
words = set(Path(sys.argv[1]).read_text().split())
tok = re.compile(r"\w+|[^\w\s]")
n = 0
for f in sorted(Path(sys.argv[2]).rglob("*.txt")):
    for w in tok.findall(f.read_text(encoding="utf-8").lower()):
        n += w in words
print(n)
"""


def cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """CPU seconds (user + sys) of one run of ``cmd``."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def best(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return min(cpu(cmd, env) for _ in range(runs))


def wmt_folders(tmp: Path, docs: int) -> dict[str, Path]:
    """MT and human versions of the same ``docs`` WMT14 documents, one file per document."""
    segs: dict[str, list[dict]] = {}
    with WMT.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["doc_id"] not in segs and len(segs) >= docs:
                continue
            segs.setdefault(rec["doc_id"], []).append(rec)
    out = {"MT": tmp / "mt", "human": tmp / "human"}
    for d in out.values():
        d.mkdir()
    for i, recs in enumerate(segs.values()):
        recs.sort(key=lambda r: r["seg_idx"])
        mt = "\n".join(r["mt"].get("onlineB.0") or "" for r in recs) + "\n"
        ref = "\n".join(r["reference"] or "" for r in recs) + "\n"
        (out["MT"] / f"{i:04d}.txt").write_text(mt, encoding="utf-8")
        (out["human"] / f"{i:04d}.txt").write_text(ref, encoding="utf-8")
    return out


def literal_words(path: Path) -> None:
    from retrans.rules.engine import load_rules

    words = {w for r in load_rules().rules for lit in r.literals for w in lit.split()}
    path.write_text("\n".join(sorted(words)), encoding="utf-8")


def floor_line(
    folder: Path, files: list[Path], t_p: float, runs: int, retrans: list[str], env: dict[str, str]
) -> str:
    """What 10× proselint leaves for the whole run, against what a check pays before any
    real work: its start on one article (imports, tables) plus, per article, the floor of
    work no check can skip in Python (bench/floor.py)."""
    one = Path(tempfile.mkdtemp(prefix="retrans-one-"))
    try:
        shutil.copy(files[0], one / files[0].name)
        t_one = best([*retrans, str(one)], runs, env)
    finally:
        shutil.rmtree(one, ignore_errors=True)
    from floor import floor_ms

    per = sum(floor_ms(folder).values()) / 1000  # seconds per article
    total = t_one + per * len(files)
    return (
        f"{'':>11}10x proselint leaves {t_p / 10:.3f} s; retrans on one article {t_one:.3f} s "
        f"+ the floor (tokenise and look up, literal scan, sentences: bench/floor.py) "
        f"{per * 1000:.3f} ms x {len(files)} = {total:.3f} s ({total / (t_p / 10):.0%} of it) "
        "before any detection, glossary, rule or output"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=176)
    ap.add_argument("--runs", type=int, default=3, help="runs per figure (the fastest counts)")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    tmp = Path(tempfile.mkdtemp(prefix="retrans-bench-"))
    try:
        if WMT.is_file():
            folders = wmt_folders(tmp, args.docs)
        else:
            from corpus import write_corpus

            write_corpus(tmp / "gen", 400_000)
            folders = {"generated": tmp / "gen"}
            print("../shared/data absent: generated corpus only (no human side)")
        literal_words(tmp / "words.txt")
        prose = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
        retrans = [str(BIN / "retrans"), "check", "--fail-on", "never", "--jobs", str(args.jobs)]
        cpu([*retrans, str(next(iter(folders.values())))], env)  # warm caches and .pyc
        print("CPU seconds, fastest of", args.runs, "runs (user+sys of the child process)")
        for label, folder in folders.items():
            files = sorted(folder.glob("*.txt"))
            mb = sum(f.stat().st_size for f in files) / 1e6
            t_r = best([*retrans, str(folder)], args.runs, env)
            t_b = best([sys.executable, "-c", BARE, str(tmp / "words.txt"), str(folder)], 3, env)
            line = (
                f"{label:>9}: {len(files)} docs {mb:.2f} MB | retrans {t_r:6.2f} s "
                f"{mb / t_r:5.2f} MB/cpu-s | bare scan {t_b:5.2f} s (retrans {t_r / t_b:4.1f}x)"
            )
            if prose:
                t_p = best([prose, "check", str(folder)], 1, env)
                line += f" | proselint {t_p:6.2f} s → retrans {t_p / t_r:4.1f}x faster"
            print(line)
            if prose:
                print(floor_line(folder, files, t_p, args.runs, retrans, env))
        if not prose:
            print("proselint not installed: pip install proselint to compare")
        for name in ("clean_en.txt", "fr_ceasefire_call.txt"):
            cold = [cpu([str(BIN / "retrans"), "check", str(ROOT / "samples" / name)], env)]
            cold += [cpu([str(BIN / "retrans"), "check", str(ROOT / "samples" / name)], env)]
            py = [cpu([sys.executable, "-c", "pass"], env) for _ in range(2)]
            for _ in range(5):
                cold.append(cpu([str(BIN / "retrans"), "check", str(ROOT / "samples" / name)], env))
                py.append(cpu([sys.executable, "-c", "pass"], env))
            c, p = statistics.median(cold), statistics.median(py)
            print(
                f"cold start check samples/{name}: median {c * 1000:.0f} ms CPU; "
                f"python -c pass {p * 1000:.0f} ms → {c / p:.1f}x"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
