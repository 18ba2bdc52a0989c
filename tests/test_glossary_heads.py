"""Glossary matching by first word (``Index.occurrences``) finds every occurrence the
Aho–Corasick automaton found that ``match.find`` can keep (a name's boundaries), and the
index loaded from the cache matches as a freshly built one."""

from __future__ import annotations

import pickle
import random

import pytest

from conftest import SAMPLES
from retrans.glossary.index import Index, get_index
from retrans.glossary.match import _lower_same_length


def _kept(text: str, low: str, index: Index, found: list[tuple[int, int, int]]) -> set:
    """What ``find`` keeps of (start, length, target): a name's start and end boundaries."""
    n, out = len(text), set()
    for at, length, ti in found:
        end = at + length
        start = end - len(index.targets[ti].form)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@#"):
            continue
        if end < n and (text[end].isalnum() or text[end] == "_"):
            continue
        out.add((start, end, ti))
    return out


def _by_automaton(index: Index, low: str) -> list[tuple[int, int, int]]:
    keys = {ti: key for key, ti in index.automaton.items()}
    return [(e + 1 - len(keys[ti]), len(keys[ti]), ti) for e, ti in index.automaton.iter(low)]


def _texts(index: Index) -> list[str]:
    rng = random.Random(7)
    forms = sorted(key for key, _ in index.automaton.items())
    seps = [" ", "  ", ", ", ".", "-", "'", "’", "_", "@", "#", "\n", "(", "»", "é", "3", ""]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 12)):
            f = rng.choice(forms)
            parts.append(rng.choice([f, f.upper(), f.title(), f[:-1], f + "s", "x" + f]))
            parts.append(rng.choice(seps))
        texts.append("".join(parts))
    texts += ["İzmir und İmamoğlu: i\u0307zmir", "ÉMMANUEL MACRON'S", "@putin #poutine _moscou"]
    return texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_occurrences_keep_what_the_automaton_kept(lang: str) -> None:
    fresh = get_index(lang, use_cache=False)  # the automaton built from the data
    loaded = pickle.loads(pickle.dumps(fresh))  # as the cache gives it: no automaton pickled
    assert not isinstance(loaded.automaton, type(fresh.automaton))
    texts = _texts(fresh)
    for text in texts:
        low = _lower_same_length(text)
        want = _kept(text, low, fresh, _by_automaton(fresh, low))
        assert _kept(text, low, fresh, fresh._by_heads(low)) == want, text
        assert _kept(text, low, loaded, loaded._by_heads(low)) == want, text
        assert _kept(text, low, loaded, loaded.occurrences(low)) == want, text
    assert not loaded.automaton._auto  # matched by first word so far
    loaded.__dict__["_scanned"] = 10**9  # a process that has matched much text: the automaton
    for text in texts[:50]:
        low = _lower_same_length(text)
        want = _kept(text, low, fresh, _by_automaton(fresh, low))
        assert _kept(text, low, loaded, loaded.occurrences(low)) == want, text
    assert loaded.automaton._auto is not None
    assert len(loaded.automaton) == len(fresh.automaton)  # built on demand, the same forms
