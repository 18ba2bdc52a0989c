"""``eval fix``: do the edits ``retrans fix`` makes agree with what a human did?

For each (MT, human) pair the MT document goes through ``Pipeline.fix``; every applied edit is
judged against the human version of its segment:

* **agree** — the human segment has the edit's result (with local context) and not the
  original wording;
* **disagree** — it kept the original wording and does not have the result;
* **undecidable** — both or neither (the human rewrote the passage).

The human text goes through ``fix`` too: every edit there is one a careful editor did not
need (reported per 1,000 human sentences).

Local context: a *lexical* edit (the words change: *Poutine* → *Putin*) is judged on the
whole words it touches; a *form* edit (punctuation, spacing, digits, case: *3,5* → *3.5*,
``« `` → ``“``) on the whitespace-delimited chunks around the change, one chunk further on
each side when that is too short to be telling (a bare ``1`` or ``?`` is in every text).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from retrans.document import Document
from retrans.evaluate.data import Pair

SEP = "\n\n"  # segments become paragraphs of one document
_WORDS = re.compile(r"\w+")


@dataclass
class Judged:
    verdict: str  # agree | disagree | undecidable
    before: str  # the original wording with its context
    after: str  # the edited wording with the same context


def _changed(orig: str, repl: str) -> tuple[int, int, int]:
    """Common prefix length and the end of the changed part in ``orig`` and in ``repl``."""
    p = 0
    while p < min(len(orig), len(repl)) and orig[p] == repl[p]:
        p += 1
    q = 0
    while q < min(len(orig), len(repl)) - p and orig[-1 - q] == repl[-1 - q]:
        q += 1
    return p, len(orig) - q, len(repl) - q


def _word_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    while s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
        s -= 1
    while e < len(text) and (text[e].isalnum() or text[e] == "_"):
        e += 1
    return s, e


def _chunk_bounds(text: str, s: int, e: int, extra: int) -> tuple[int, int]:
    """Extend [s, e) to whole whitespace-delimited chunks, then ``extra`` chunks each side.

    A change that is whitespace at its edge (" ?" → "?") or empty takes the chunk beyond the
    whitespace as its context; a whole-chunk change ("150 $" → "$150") is its own context.
    """
    empty = s == e
    left_ws = s > 0 and text[s - 1].isspace() and (empty or text[s].isspace())
    right_ws = e < len(text) and text[e].isspace() and (empty or text[e - 1].isspace())
    extra_left = extra + 1 if left_ws or (empty and s == 0) else extra
    extra_right = extra + 1 if right_ws or (empty and e >= len(text)) else extra
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    for _ in range(extra_left):
        t = s
        while t > 0 and text[t - 1].isspace() and text[t - 1] != "\n":
            t -= 1
        if t == s or t == 0:
            break
        while t > 0 and not text[t - 1].isspace():
            t -= 1
        s = t
    while e < len(text) and not text[e].isspace():
        e += 1
    for _ in range(extra_right):
        t = e
        while t < len(text) and text[t].isspace() and text[t] != "\n":
            t += 1
        if t == e or t == len(text):
            break
        while t < len(text) and not text[t].isspace():
            t += 1
        e = t
    return s, e


def _alnum(s: str) -> int:
    return sum(c.isalnum() for c in s)


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def plain_quotes(text: str) -> str:
    """Curly and straight English quotes are one choice of house style, not a correction."""
    return text.translate(_QUOTES)


def _pattern(phrase: str, lexical: bool) -> re.Pattern[str]:
    body = re.escape(phrase.strip())
    if lexical:
        body = re.sub(r"(?:\\\s)+", r"\\s+", body)
        return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
    left = r"(?<![\w.,])" if phrase[:1].isalnum() else ""
    right = r"(?![\w]|[.,]\d)" if phrase[-1:].isalnum() else ""
    return re.compile(left + body + right)


def _present(rx: re.Pattern[str], text: str, mask: list[tuple[int, int]]) -> bool:
    return any(not any(a <= m.start() and m.end() <= b for a, b in mask) for m in rx.finditer(text))


def judge(mt: str, start: int, end: int, replacement: str, human: str) -> Judged:
    """The verdict on one edit of ``mt`` against the ``human`` version of the same segment."""
    orig = mt[start:end]
    p, oe, re_ = _changed(orig, replacement)
    cs, ce = start + p, start + oe  # the changed characters in mt
    new = replacement[p:re_]
    ws, we = _word_bounds(mt, cs, ce)
    before_w = mt[ws:we]
    after_w = mt[ws:cs] + new + mt[ce:we]
    wb = [w.lower() for w in _WORDS.findall(before_w)]
    wa = [w.lower() for w in _WORDS.findall(after_w)]
    lexical = wb != wa and min(_alnum(before_w), _alnum(after_w)) >= 3
    if lexical:
        before, after = before_w, after_w
    else:
        extra = 0
        while True:
            s, e = _chunk_bounds(mt, cs, ce, extra)
            before = mt[s:e]
            after = mt[s:cs] + new + mt[ce:e]
            short = min(_alnum(before), _alnum(after))
            if extra >= 2 or short >= 4 or (short >= 2 and any(c.isdigit() for c in after)):
                break
            extra += 1
        before, after = before.strip(), after.strip()
    shown = Judged("undecidable", before, after)
    before, after, human = plain_quotes(before), plain_quotes(after), plain_quotes(human)
    if not before or not after or before == after:
        return shown
    rx_b, rx_a = _pattern(before, lexical), _pattern(after, lexical)
    spans_a = [m.span() for m in rx_a.finditer(human)]
    spans_b = [m.span() for m in rx_b.finditer(human)]
    has_after = _present(rx_a, human, spans_b if after in before else [])
    has_before = _present(rx_b, human, spans_a if before in after else [])
    if has_after and not has_before:
        shown.verdict = "agree"
    elif has_before and not has_after:
        shown.verdict = "disagree"
    return shown


@dataclass
class CodeStats:
    applied: int = 0
    agree: int = 0
    disagree: int = 0
    undecidable: int = 0
    human: int = 0  # edits on human text

    @property
    def decided(self) -> int:
        return self.agree + self.disagree

    @property
    def precision(self) -> float | None:
        return self.agree / self.decided if self.decided else None

    def add(self, other: CodeStats) -> None:
        self.applied += other.applied
        self.agree += other.agree
        self.disagree += other.disagree
        self.undecidable += other.undecidable
        self.human += other.human

    def to_dict(self) -> dict[str, Any]:
        prec = self.precision
        return {
            "applied": self.applied,
            "agree": self.agree,
            "disagree": self.disagree,
            "undecidable": self.undecidable,
            "precision": None if prec is None else round(prec, 4),
            "human_edits": self.human,
        }


@dataclass
class Report:
    codes: dict[str, CodeStats] = field(default_factory=dict)
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def stats(self, code: str) -> CodeStats:
        return self.codes.setdefault(code, CodeStats())

    def totals(self) -> CodeStats:
        tot = CodeStats()
        for st in self.codes.values():
            tot.add(st)
        return tot

    def to_dict(self) -> dict[str, Any]:
        tot = self.totals()
        mt_sents = sum(d["mt_sentences"] for d in self.datasets.values())
        hu_sents = sum(d["human_sentences"] for d in self.datasets.values())
        return {
            "totals": {
                **tot.to_dict(),
                "mt_documents": sum(d["mt_documents"] for d in self.datasets.values()),
                "human_documents": sum(d["human_documents"] for d in self.datasets.values()),
                "mt_sentences": mt_sents,
                "human_sentences": hu_sents,
                "applied_per_1000_mt_sentences": _per_k(tot.applied, mt_sents),
                "human_edits_per_1000_sentences": _per_k(tot.human, hu_sents),
                "seconds": round(self.seconds, 1),
            },
            "datasets": self.datasets,
            "codes": {c: self.codes[c].to_dict() for c in sorted(self.codes)},
            "examples": self.examples,
        }


def _per_k(n: int, sents: int) -> float | None:
    return round(1000 * n / sents, 3) if sents else None


def _join(segments: list[str]) -> tuple[str, list[int]]:
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for seg in segments:
        starts.append(pos)
        parts.append(seg)
        pos += len(seg) + len(SEP)
    return SEP.join(parts), starts


def _sentences(text: str) -> int:
    return len(Document(text).sentences)


def _segment_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


class FixEval:
    """Runs ``fix`` over pairs with one pipeline per source setting and collects the verdicts."""

    def __init__(
        self,
        source_for: dict[str, str | None],
        style: str | None = None,
        config: Any = None,
        keep_examples: int = 0,
        human: bool = True,
        gated: bool = True,
        skip: tuple[str, ...] = (),
    ) -> None:
        self.source_for = source_for  # dataset → source language (None: let the detector guess)
        self.style = style
        self.config = config
        self.keep_examples = keep_examples
        self.human = human
        passes = {name: False for name in skip}  # passes left out (a pack measured alone)
        if not gated:
            passes["precision"] = False  # ungated: every rule edits
        self.passes = passes or None
        self._pipes: dict[str | None, Any] = {}
        self._human_done: set[tuple[str, str, int]] = set()
        self.report = Report()

    def _pipe(self, source: str | None) -> Any:
        if source not in self._pipes:
            from retrans.pipeline import Pipeline

            self._pipes[source] = Pipeline(
                self.config, source=source, lang="en", style=self.style, passes=self.passes
            )
        return self._pipes[source]

    def _source(self, pair: Pair) -> str | None:
        for key in (pair.dataset, pair.dataset.split("-")[0], "*"):
            if key in self.source_for:
                src = self.source_for[key]
                if src == "given":
                    return pair.source_lang
                return src
        return None

    def _ds(self, name: str) -> dict[str, Any]:
        return self.report.datasets.setdefault(
            name,
            {
                "mt_documents": 0,
                "human_documents": 0,
                "mt_sentences": 0,
                "human_sentences": 0,
                "applied": 0,
                "agree": 0,
                "disagree": 0,
                "undecidable": 0,
                "human_edits": 0,
                "source": None,
            },
        )

    def add(self, pair: Pair) -> None:
        src = self._source(pair)
        pipe = self._pipe(src)
        ds = self._ds(pair.dataset)
        ds["source"] = src or "guess"
        text, starts = _join(pair.mt)
        _, edits = pipe.fix(Document(text, pair.key, "text", "en"))
        ds["mt_documents"] += 1
        ds["mt_sentences"] += _sentences(text)
        for ed in edits:
            seg = _segment_of(starts, ed.start)
            human = pair.human[seg] if seg < len(pair.human) else ""
            j = judge(text, ed.start, ed.end, ed.replacement or "", human)
            st = self.report.stats(ed.code)
            st.applied += 1
            ds["applied"] += 1
            setattr(st, j.verdict, getattr(st, j.verdict) + 1)
            ds[j.verdict] += 1
            if self.keep_examples and j.verdict != "agree":
                self._example(ed.code, j, pair, seg)
        if self.human:
            for hi, segs in enumerate([pair.human, *pair.extra_human]):
                key = (pair.dataset, pair.doc_id, hi)
                if key in self._human_done:
                    continue
                self._human_done.add(key)
                self._add_human(pipe, pair, segs, ds)

    def _add_human(self, pipe: Any, pair: Pair, segs: list[str], ds: dict[str, Any]) -> None:
        text, _ = _join(segs)
        _, edits = pipe.fix(Document(text, pair.key + "/human", "text", "en"))
        ds["human_documents"] += 1
        ds["human_sentences"] += _sentences(text)
        for ed in edits:
            self.report.stats(ed.code).human += 1
            ds["human_edits"] += 1
            if self.keep_examples:
                j = Judged("human", text[ed.start : ed.end], ed.replacement or "")
                self._example(ed.code, j, pair, -1, text[max(0, ed.start - 40) : ed.end + 40])

    def _example(
        self, code: str, j: Judged, pair: Pair, seg: int, context: str | None = None
    ) -> None:
        same = [e for e in self.report.examples if e["code"] == code]
        if len(same) >= self.keep_examples:
            return
        ex: dict[str, Any] = {
            "code": code,
            "verdict": j.verdict,
            "before": j.before,
            "after": j.after,
            "doc": pair.key,
        }
        if seg >= 0 and seg < len(pair.human):
            ex["human"] = pair.human[seg]
        if context is not None:
            ex["context"] = context
        self.report.examples.append(ex)

    def run(self, pairs: Iterable[Pair]) -> Report:
        t0 = time.perf_counter()
        for pair in pairs:
            self.add(pair)
        self.report.seconds += time.perf_counter() - t0
        return self.report


def format_text(rep: dict[str, Any]) -> str:
    """The report as an aligned table: per data set, then per rule code."""
    lines = []
    head = f"{'':<14}{'docs':>6}{'sents':>8}{'applied':>9}{'agree':>7}{'disagr':>7}{'undec':>7}"
    head += f"{'prec':>7}{'hu.docs':>8}{'hu.sents':>9}{'hu.edits':>9}{'hu/1k':>7}  source"
    lines.append(head)

    def prec(a: int, d: int) -> str:
        return f"{100 * a / (a + d):6.1f}%" if a + d else "     - "

    for name, d in sorted(rep["datasets"].items()):
        hk = 1000 * d["human_edits"] / d["human_sentences"] if d["human_sentences"] else 0.0
        lines.append(
            f"{name:<14}{d['mt_documents']:>6}{d['mt_sentences']:>8}{d['applied']:>9}"
            f"{d['agree']:>7}{d['disagree']:>7}{d['undecidable']:>7}"
            f"{prec(d['agree'], d['disagree'])}{d['human_documents']:>8}"
            f"{d['human_sentences']:>9}{d['human_edits']:>9}{hk:>7.2f}  {d['source']}"
        )
    t = rep["totals"]
    hk = t["human_edits_per_1000_sentences"] or 0.0
    lines.append(
        f"{'total':<14}{t['mt_documents']:>6}{t['mt_sentences']:>8}{t['applied']:>9}"
        f"{t['agree']:>7}{t['disagree']:>7}{t['undecidable']:>7}{prec(t['agree'], t['disagree'])}"
        f"{t['human_documents']:>8}{t['human_sentences']:>9}{t['human_edits']:>9}{hk:>7.2f}"
    )
    lines.append("")
    lines.append(
        f"{'code':<8}{'applied':>9}{'agree':>7}{'disagr':>7}{'undec':>7}{'prec':>7}{'human':>7}"
    )
    for code, c in sorted(rep["codes"].items()):
        lines.append(
            f"{code:<8}{c['applied']:>9}{c['agree']:>7}{c['disagree']:>7}{c['undecidable']:>7}"
            f"{prec(c['agree'], c['disagree'])}{c['human_edits']:>7}"
        )
    lines.append("")
    lines.append(
        f"{t['seconds']}s · decidable edits agreeing: {prec(t['agree'], t['disagree']).strip()}"
        f" · human edits per 1,000 sentences: {hk:.2f}"
    )
    if rep.get("examples"):
        lines.append("")
        for ex in rep["examples"]:
            lines.append(f"{ex['code']} {ex['verdict']}: {ex['before']!r} → {ex['after']!r}")
            if "human" in ex:
                lines.append(f"    human: {ex['human']}")
            if "context" in ex:
                lines.append(f"    text: {ex['context']!r}")
    return "\n".join(lines) + "\n"
