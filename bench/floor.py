"""The floor of per-article work that no `retrans check` can skip, in Python: tokenise with
the detector's tokeniser and look each token up once in a warm dict (the detector's word
cache), the rules' one-pass literal scan (pyahocorasick, C), and sentence splitting. No
feature, language guess, glossary, rule regex or output. Prints CPU milliseconds per article
(the fastest of ``--passes`` passes over the folder, tables already loaded).

Run: .venv/bin/python bench/floor.py FOLDER [--passes 5]
bench/bench_check.py prints it next to the budget that 10× proselint leaves.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path


def floor_ms(folder: Path, passes: int = 5) -> dict[str, float]:
    """CPU ms per article of each floor step, the fastest of ``passes`` passes."""
    from retrans.detect.text import TOKEN_STRINGS
    from retrans.document import Document
    from retrans.rules.engine import load_rules
    from retrans.rules.scan import scanner_for

    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
    scanner = scanner_for(load_rules())
    cache = {tok: tok for t in texts for tok in TOKEN_STRINGS.findall(t)}

    def tokens() -> None:
        for t in texts:
            for tok in TOKEN_STRINGS.findall(t):
                cache.get(tok)

    def literals() -> None:
        for t in texts:
            scanner.scan(t.lower())

    def sentences() -> None:
        for t in texts:
            Document(t).sentences  # noqa: B018 (the split is the work)

    steps: dict[str, Callable[[], None]] = {
        "tokenise + one dict get per token": tokens,
        "the rules' literal automaton": literals,
        "sentence split": sentences,
    }
    out = {}
    for name, step in steps.items():
        times = []
        for _ in range(passes):
            t0 = time.process_time()
            step()
            times.append(time.process_time() - t0)
        out[name] = min(times) * 1000 / max(1, len(texts))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    steps = floor_ms(args.folder, args.passes)
    for name, ms in steps.items():
        print(f"{name}\t{ms:.4f}")
    print(f"total\t{sum(steps.values()):.4f}")


if __name__ == "__main__":
    main()
