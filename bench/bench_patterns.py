"""Benchmark: does any rule's regex slow down more than linearly on long input?

Each built-in rule's pattern runs over each of its own examples, and each line of a
multi-line one, repeated ``--small`` and ``--large`` times (an example is text that the
pattern was written to read, so a repeat is the adversarial input most like what it meets:
a page of share buttons, a list of numbers). A linear pattern takes about ``large / small`` times longer on the large text;
the rules whose time grows faster are printed, worst first, with the growth to compare.
CL104 once grew quadratically (4,000 button lines: 2 s) and nothing else caught it: the
regex safety test looks for nested repeats, not for a scan restarted at every line.

Prints figures; asserts nothing. Run: .venv/bin/python bench/bench_patterns.py [--top 10]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

if TYPE_CHECKING:
    from retrans.rules.model import Example


def seconds(rx: re.Pattern[str], text: str, runs: int = 3) -> float:
    """The fastest of ``runs`` full scans of ``text``."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        for _m in rx.finditer(text):
            pass
        best = min(best, time.perf_counter() - t)
    return best


def units(examples: Sequence[Example]) -> list[str]:
    """What to repeat: each example, and each line of a multi-line one on its own (a page
    of share buttons is one button line many times)."""
    out: list[str] = []
    for ex in examples:
        text = ex.wrong or ex.ok or ""
        if not text:
            continue
        out.append(text if text.endswith("\n") else text + " ")
        if "\n" in text.strip("\n"):
            out += sorted({line + "\n" for line in text.split("\n") if line.strip()})
    return out


def main() -> None:
    from retrans.rules.engine import load_rules

    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--large", type=int, default=1600)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    linear = args.large / args.small
    rows: list[tuple[float, float, str, str]] = []
    n = 0
    t0 = time.perf_counter()
    for rule in load_rules().rules:
        if not rule.pattern:
            continue
        rx = re.compile(rule.pattern, rule.flags)
        for unit in units(rule.examples):
            small = seconds(rx, unit * args.small)
            large = seconds(rx, unit * args.large)
            n += 1
            # below ~0.2 ms the clock's noise decides the ratio: count those as linear
            growth = large / max(small, 2e-4)
            rows.append((growth, large, rule.id, unit[:48]))
    rows.sort(reverse=True)
    print(
        f"{n} examples and example lines of {len({r[2] for r in rows})} rules, repeated ×{args.small} and "
        f"×{args.large} (linear growth: {linear:.0f}×) in {time.perf_counter() - t0:.1f} s"
    )
    for growth, large, code, text in rows[: args.top]:
        flag = "  <- superlinear" if growth > 2 * linear else ""
        print(
            f"{code:<7} growth {growth:6.1f}×  {large * 1000:7.2f} ms at ×{args.large}  {text!r}{flag}"
        )


if __name__ == "__main__":
    main()
