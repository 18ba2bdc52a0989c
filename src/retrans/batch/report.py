"""The job's report, built from the ledger: per-item JSONL, a summary printed at the end,
Markdown, and a self-contained HTML page (inline SVG charts, no scripts, no network)."""

from __future__ import annotations

import html
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

BINS = 20


@dataclass
class Summary:
    items: int = 0
    done: int = 0
    errors: int = 0
    findings: int = 0
    edits: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    hist: list[int] = field(default_factory=lambda: [0] * BINS)
    scored: int = 0
    mt_by_lang: Counter[str] = field(default_factory=Counter)
    error_samples: list[tuple[str, str]] = field(default_factory=list)
    run: dict[str, Any] = field(default_factory=dict)

    @property
    def mt_items(self) -> int:
        return sum(self.mt_by_lang.values())


def _atomic_text(path: Path, text: str) -> None:
    from retrans.paths import atomic_write

    atomic_write(path, text.encode("utf-8"))


def write(state: Path, ledger: Any, stats: Any, spec: Any, out: TextIO) -> dict[str, Path]:
    """items.jsonl, summary.md and report.html in ``state``; the summary printed to ``out``."""
    import tempfile

    s = Summary()
    s.run = {
        "processed": stats.processed,
        "skipped": stats.skipped,
        "errors_this_run": stats.errors,
        "wall_s": round(stats.wall, 3),
        "items_per_s": round(stats.processed / stats.wall, 2) if stats.wall else 0.0,
        "executor": stats.executor,
        "jobs": spec.jobs,
        "mode": "fix" if spec.fix else "check",
        "stopped_early": stats.stopped,
        "driver_peak_mb": round(stats.driver_rss, 1),
        "workers": len(stats.worker_rss),
        "worker_peak_mb": round(max(stats.worker_rss.values(), default=0.0), 1),
    }
    items_path = state / "items.jsonl"
    fd, tmp = tempfile.mkstemp(dir=state, prefix=".items.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for row in ledger.rows():
            _add(s, row)
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, items_path)
    md, text = markdown(s), plain(s)
    _atomic_text(state / "summary.md", md)
    _atomic_text(state / "report.html", to_html(s))
    out.write(text)
    out.write(f"report: {state / 'report.html'}  (also summary.md, items.jsonl)\n")
    out.flush()
    return {
        "items": items_path,
        "markdown": state / "summary.md",
        "html": state / "report.html",
        "ledger": state / "ledger.sqlite",
    }


def _add(s: Summary, row: dict[str, Any]) -> None:
    s.items += 1
    if row["status"] == "error":
        s.errors += 1
        if len(s.error_samples) < 20:
            s.error_samples.append((row["label"], row["error"] or ""))
        return
    s.done += 1
    s.findings += row["findings"] or 0
    s.edits += row["edits"] or 0
    s.rules.update(row["rules"])
    s.categories.update(row["categories"])
    mt = row["mt"]
    if mt is not None:
        s.scored += 1
        s.hist[min(int(mt * BINS), BINS - 1)] += 1
        if mt >= 0.5:
            s.mt_by_lang[row["source_lang"] or "unknown"] += 1


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def plain(s: Summary) -> str:
    r = s.run
    lines = [
        f"batch ({r['mode']}, {r['executor']}, jobs {r['jobs']}): {s.items} items, "
        f"{s.done} done, {s.errors} errors; this run {r['processed']} processed, "
        f"{r['skipped']} skipped in {r['wall_s']:.1f} s ({r['items_per_s']:.1f} items/s)",
        f"findings {s.findings}, edits {s.edits}; machine-translated "
        f"{s.mt_items}/{s.scored} ({_pct(s.mt_items, s.scored)})"
        + (
            " · " + ", ".join(f"{k} {v}" for k, v in s.mt_by_lang.most_common())
            if s.mt_by_lang
            else ""
        ),
    ]
    lines.append(
        f"memory: driver peak {r['driver_peak_mb']:.0f} MB; {r['workers']} worker(s), "
        f"largest peak {r['worker_peak_mb']:.0f} MB"
    )
    if s.rules:
        lines.append("top rules: " + ", ".join(f"{k} {v}" for k, v in s.rules.most_common(8)))
    for label, err in s.error_samples[:5]:
        lines.append(f"error: {err or label}")
    if r["stopped_early"]:
        lines.append("stopped early (--max-errors): run again with --resume")
    return "\n".join(lines) + "\n"


def markdown(s: Summary) -> str:
    r = s.run
    out = [
        "# retrans batch report",
        "",
        f"- mode: {r['mode']}, executor: {r['executor']}, jobs: {r['jobs']}",
        f"- items: {s.items} ({s.done} done, {s.errors} errors)",
        f"- this run: {r['processed']} processed, {r['skipped']} skipped, "
        f"{r['wall_s']:.1f} s, {r['items_per_s']:.1f} items/s",
        f"- memory: driver peak {r['driver_peak_mb']:.0f} MB, {r['workers']} worker(s), "
        f"largest worker peak {r['worker_peak_mb']:.0f} MB",
        f"- findings: {s.findings}, edits: {s.edits}",
        f"- machine-translated (p ≥ 0.5): {s.mt_items} of {s.scored} scored "
        f"({_pct(s.mt_items, s.scored)})",
        "",
        "## MT share by source language",
        "",
        "| source | items | share of scored |",
        "|---|---:|---:|",
    ]
    out += [f"| {k} | {v} | {_pct(v, s.scored)} |" for k, v in s.mt_by_lang.most_common()]
    out += ["", "## MT probability histogram", "", "| p | items |", "|---|---:|"]
    out += [f"| {i / BINS:.2f}–{(i + 1) / BINS:.2f} | {n} |" for i, n in enumerate(s.hist)]
    out += ["", "## Findings by rule", "", "| rule | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in s.rules.most_common(30)]
    out += ["", "## Findings by category", "", "| category | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in s.categories.most_common()]
    if s.error_samples:
        out += ["", "## Errors (first 20)", ""]
        out += [f"- `{label}`: {err}" for label, err in s.error_samples]
    return "\n".join(out) + "\n"


def _bars_svg(
    values: list[int], labels: list[str], title: str, width: int = 560, height: int = 260
) -> str:
    """A vertical bar chart as inline SVG."""
    left, bottom, top = 40, 40, 28
    n = max(len(values), 1)
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max(values, default=0) or 1
    bw = plot_w / n
    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{e(title)}">',
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{e(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10">0</text>',
    ]
    step = max(1, n // 10)
    for i, (v, lab) in enumerate(zip(values, labels, strict=True)):
        h = plot_h * v / peak
        x = left + i * bw
        parts.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{max(bw - 2, 1):.1f}" height="{h:.1f}" fill="#3b6fb6">'
            f"<title>{e(lab)}: {v}</title></rect>"
        )
        if i % step == 0 or n <= 12:
            parts.append(
                f'<text x="{x + bw / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                f'font-size="10">{e(lab)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _hbars_svg(pairs: list[tuple[str, int]], title: str, width: int = 560) -> str:
    """A horizontal bar chart (top rules) as inline SVG."""
    row, top, left = 20, 28, 80
    height = top + row * max(len(pairs), 1) + 10
    peak = max((v for _, v in pairs), default=0) or 1
    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{e(title)}">',
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14" '
        f'font-weight="bold">{e(title)}</text>',
    ]
    for i, (k, v) in enumerate(pairs):
        y = top + i * row
        w = (width - left - 60) * v / peak
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12">{e(k)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
            f'fill="#c0622f"/><text x="{left + w + 4:.1f}" y="{y + 14}" '
            f'font-size="11">{v}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(s: Summary) -> str:
    e = html.escape
    r = s.run
    hist = _bars_svg(
        s.hist,
        [f"{i / BINS:.2f}" for i in range(BINS)],
        "MT probability (items per bin)",
    )
    rules = _hbars_svg(s.rules.most_common(15), "Top rules (findings)")
    langs = "".join(
        f"<tr><td>{e(k)}</td><td>{v}</td><td>{_pct(v, s.scored)}</td></tr>"
        for k, v in s.mt_by_lang.most_common()
    )
    cats = "".join(f"<tr><td>{e(k)}</td><td>{v}</td></tr>" for k, v in s.categories.most_common())
    errs = "".join(f"<li><code>{e(label)}</code>: {e(err)}</li>" for label, err in s.error_samples)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>retrans batch report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; }}
.cards {{ display: flex; gap: 1em; flex-wrap: wrap; }}
.card {{ border: 1px solid #ccc; border-radius: 6px; padding: .6em 1em; }}
.card b {{ display: block; font-size: 1.5em; }}
.charts {{ display: flex; gap: 2em; flex-wrap: wrap; margin-top: 1em; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ddd; padding: .2em .6em; }}
</style></head><body>
<h1>retrans batch report</h1>
<div class="cards">
<div class="card"><b>{s.items}</b>items</div>
<div class="card"><b>{s.errors}</b>errors</div>
<div class="card"><b>{s.findings}</b>findings</div>
<div class="card"><b>{s.edits}</b>edits</div>
<div class="card"><b>{_pct(s.mt_items, s.scored)}</b>machine-translated</div>
<div class="card"><b>{r["items_per_s"]:.1f}/s</b>{r["processed"]} in {r["wall_s"]:.1f} s
({e(str(r["executor"]))}, jobs {r["jobs"]})</div>
</div>
<div class="charts">
<figure id="histogram">{hist}</figure>
<figure id="rules">{rules}</figure>
</div>
<h2>MT share by source language</h2>
<table><tr><th>source</th><th>items</th><th>share of scored</th></tr>{langs}</table>
<h2>Findings by category</h2>
<table><tr><th>category</th><th>count</th></tr>{cats}</table>
{"<h2>Errors (first 20)</h2><ul>" + errs + "</ul>" if errs else ""}
</body></html>
"""
