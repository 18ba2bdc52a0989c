"""``repeated_blocks`` normalises blocks only where a key can decide, with the findings of the
plain statement (every block's key computed)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from retrans.document import Document
from retrans.rules.engine import load_rules
from retrans.rules.scripts.cleanup import _BLOCK, _norm, repeated_blocks


def _plain(text: str, min_chars: int) -> Iterator[tuple[int, int]]:
    prev_end, prev_key, prev_last = -1, "", ""
    for m in _BLOCK.finditer(text):
        block = m.group()
        key = _norm(block)
        gap = text[prev_end : m.start()] if prev_end >= 0 else ""
        single = "\n" not in block
        prose = single and block.rstrip().endswith((".", "!", "?", "…", '."', ".”"))
        if (
            not prose
            and key
            and len(key) >= min_chars
            and gap.strip() == ""
            and (key == prev_key or (single and key == prev_last))
        ):
            yield prev_end, m.end()
        else:
            prev_key, prev_last = key, _norm(block.rsplit("\n", 1)[-1])
        prev_end = m.end()


def _plain_heads(text: str, min_chars: int) -> Iterator[tuple[int, int]]:
    """Before the first line ending a sentence, a line equal to the non-blank line right
    above it (the break between them deleted with it), when the next non-blank line that
    differs is a sentence of eight words or more."""
    pos, prev_key, prev_end, pending = 0, None, 0, []
    for line in text.split("\n"):
        end = pos + len(line)
        if not line.strip():
            prev_key = None
        elif prev_key == _norm(line) and len(prev_key) >= min_chars:
            pending.append((prev_end, end))
        else:
            sentence = line.rstrip().endswith((".", "!", "?", "…", '."', ".”"))
            if pending and sentence and len(line.split()) >= 8:
                yield from pending
            pending = []
            if sentence:
                return
            prev_key = _norm(line)
        prev_end, pos = end, end + 1


def test_lazy_keys_give_the_plain_findings() -> None:
    rule = load_rules().by_code()["CL103"]  # script: repeated_blocks
    rng = random.Random(4)
    lines = [
        "Talks resume in Geneva",
        "Skip to content",
        "Talks resume in Geneva.",
        "Menu",
        "The minister said the talks would resume on Monday in Geneva",
        "The minister said the talks would resume on Monday in Geneva.",
        "—",
        " ",
        "",
    ]
    seps = ["\n", "\n\n", "\n \n", "\n\n\n", "\nx\n"]
    found = 0
    for _ in range(3000):
        parts = []
        for _ in range(rng.randrange(0, 8)):
            parts += [rng.choice(lines), rng.choice(seps)]
        text = "".join(parts)
        min_chars = int(rule.options.get("min_chars", 12))
        want = list(_plain_heads(text, min_chars)) + list(_plain(text, min_chars))
        got = [(f.start, f.end) for f in repeated_blocks(Document(text), rule)]
        assert got == want, text
        found += bool(want)
    assert found > 100  # the texts do repeat blocks
