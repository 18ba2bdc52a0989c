"""Fuzzing ``check`` and ``fix`` over raw bytes, Markdown, HTML and JSONL (slow set).

Every input must end in one of two ways: a result, or a ``RetransError`` (one line, exit 2).
Never another exception, never a hang (each example runs under a wall-clock alarm), never
growth (``fix`` grows a text by at most what its edits announce, and is idempotent).

``RETRANS_FUZZ_EXAMPLES`` sets the examples per format (default 1000: about four minutes).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrans.errors import RetransError
from retrans.formats import decode, documents, dump_jsonl, parse_jsonl
from retrans.pipeline import Pipeline

pytestmark = pytest.mark.slow

PIPE = Pipeline(lang="en", source="fr")
EXAMPLES = int(os.environ.get("RETRANS_FUZZ_EXAMPLES", "1000"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TIMEOUT_S = 60  # per example: a hang, not slowness (inputs are a few KB)

WORDS = [
    "Vladimir Poutine",
    "Sergueï Lavrov",
    "Pékin",
    "Hô-Chi-Minh-Ville",
    "Ho Chi Minh City",
    "the telephone interview",
    "the head of American diplomacy",
    "3,5 million",
    "10 000",
    "« ",
    " »",
    " :",
    " ?",
    "@",
    "a@b.org",
    "https://ex.org/Poutine",
    "www.",
    "`",
    "``",
    "```",
    "~~~",
    "---",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<script>",
    "</script>",
    "<kbd>",
    "<style>",
    "&amp;",
    "](",
    "[x]: y",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    ". ",
    "\u2028",
    "\ufeff",
    "e\u0301",
]
pieces = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
texts = st.lists(pieces, max_size=40).map("".join)


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def fail(*_: object) -> None:
        raise TimeoutError(f"no result in {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _run(text: str, fmt: str) -> None:
    with alarm(TIMEOUT_S):
        for doc in documents(text, "fuzz", fmt):
            PIPE.check(doc)
            src = doc.text
            once, edits = PIPE.fix(doc)
            grow = sum(max(0, len(e.replacement or "") - (e.end - e.start)) for e in edits)
            assert len(once) <= len(src) + grow + 40, "fix grew the text"
            again = next(iter(documents(once, "fuzz", fmt if fmt != "jsonl" else "text")))
            assert PIPE.fix(again)[0] == once, "fix is not idempotent"


@SETTINGS
@given(st.binary(max_size=2000))
def test_fuzz_bytes(data: bytes) -> None:
    try:
        text = decode(data, "fuzz")
    except RetransError:
        return
    _run(text, "text")


@SETTINGS
@given(texts)
def test_fuzz_markdown(text: str) -> None:
    _run(text, "markdown")


@SETTINGS
@given(texts)
def test_fuzz_html(text: str) -> None:
    _run("<html><body><p>" + text + "</p></body></html>", "html")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.dictionaries(st.text(max_size=5), json_values, max_size=4), texts),
        max_size=5,
    ),
    st.booleans(),
)
def test_fuzz_jsonl(records: list[tuple[dict[str, object], str]], ascii_only: bool) -> None:
    lines = []
    for extra, text in records:
        obj = {**extra, "text": text}
        lines.append(json.dumps(obj, ensure_ascii=ascii_only) + "\n")
    raw = "".join(lines)
    try:
        recs = parse_jsonl(raw, "fuzz.jsonl", "text")
    except RetransError:
        return
    with alarm(TIMEOUT_S):
        fixed = {r.line: PIPE.fix(r.doc)[0] for r in recs if r.doc is not None}
    out = dump_jsonl(recs, "text", fixed)
    out_lines = out.split("\n")
    for before, after, rec in zip(raw.split("\n"), out_lines, recs, strict=False):
        if rec.doc is None:
            continue
        a, b = json.loads(before), json.loads(after)
        assert b["text"] == fixed[rec.line]
        a.pop("text"), b.pop("text")
        assert a == b, "another field changed"
