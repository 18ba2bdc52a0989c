"""Bulk paths give what their per-item statements give: a packed table once every shard is
unpacked, the rules a text's literals let run, the rhythm score from a complete table."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from retrans.detect.ngrams import ngram_keys, score, score_tokens
from retrans.packed import PackedDict, PackedMapping
from retrans.rules.engine import load_rules
from retrans.rules.scan import live_rules, rules_to_run

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("whole", [False, True])
def test_a_packed_table_answers_alike_before_and_after_it_is_complete(whole: bool) -> None:
    rng = random.Random(3)
    words = {f"w{rng.randrange(10**6)}": rng.random() for _ in range(3000)}
    packed = PackedDict.pack(words, n=64, whole=whole)
    if whole:  # a pickled copy keeps its whole blob; a reader of old pickles gets none
        packed = pickle.loads(pickle.dumps(packed))
        assert packed._whole is not None
        assert pickle.loads(pickle.dumps(PackedDict.pack(words, n=64)))._whole is None
    probes = [*words, "absent", "w-1", ""]
    rng.shuffle(probes)
    seen = []
    for k in probes:  # crosses the point where the rest is unpacked at once
        seen.append((packed.get(k), k in packed))
    assert packed.complete is not None and len(packed.complete) == len(words)
    assert seen == [(words.get(k), k in words) for k in probes]
    assert [(packed.get(k), k in packed) for k in probes] == seen


def test_a_short_lookup_leaves_the_table_incomplete() -> None:
    packed = PackedDict.pack({"alpha": 1.0, "beta": 2.0}, n=64)
    assert packed.get("beta") == 2.0 and packed.get("gamma") is None
    assert packed.complete is None


def test_rhythm_score_from_a_complete_table_equals_the_plain_score() -> None:
    rng = random.Random(5)
    vocab = ["the", "of", "W", "C", ",", ".", "N", "is", "a"]
    sents = [[rng.choice(vocab) for _ in range(rng.randrange(0, 30))] for _ in range(40)]
    table = {k: rng.uniform(-2, 2) for k in ngram_keys(sents) if rng.random() < 0.7}
    packed = PackedMapping.pack(table)
    assert packed.complete is None
    expected = score(table, ngram_keys(sents))
    assert score_tokens(packed, sents) == expected
    packed._packed._unpack_all()
    assert packed.complete is not None
    assert score_tokens(packed, sents) == expected == score_tokens(table, sents)


def test_rules_to_run_are_the_selected_rules_whose_literals_occur() -> None:
    rs = load_rules()
    rng = random.Random(7)
    lits = sorted({lit for r in rs.rules for lit in (*r.literals, *r.near_literals)})
    for sources in ([], ["fr"], ["de", "ru"]):
        sel = rs.selected("en", sources, set(), set())
        assert list(sel) == rs.select("en", sources, set(), set())
        for _ in range(20):
            hits = {lit: [0] for lit in rng.sample(lits, rng.randrange(0, 60))}
            live, near = live_rules(rs, hits)
            for cleanup in (True, False):
                plain = [
                    r
                    for r in sel
                    if (r.pack == "cleanup") == cleanup
                    and (not r.literals or any(lit in hits for lit in r.literals))
                    and (not r.near_literals or any(lit in hits for lit in r.near_literals))
                ]
                assert rules_to_run(sel, cleanup, live, near) == plain


def test_tokens_after_space_give_the_tokens_of_token_re() -> None:
    from retrans.detect.text import TOKEN_RE, TOKENS_AFTER_SPACE

    rng = random.Random(9)
    parts = ["word", "l'été", "don’t", "x-ray", "3,5", "12.000", "_", "__", " ", "  ", "\n", "\t"]
    parts += ["«", "»", "—", ".", "²", "Київ", "北京", "e\u0301", "\u00a0", "\u202f", "a_b", ""]
    for _ in range(2000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 25)))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert TOKENS_AFTER_SPACE.findall(text, start, end) == TOKEN_RE.findall(text, start, end)


def test_token_strings_give_the_tokens_of_token_re_and_their_kind() -> None:
    """The detector's loop reads plain token strings and tells a token's kind by its first
    character: the same tokens, the same kinds as ``TOKEN_RE``'s groups."""
    from retrans.detect.text import TOKEN_RE, TOKEN_STRINGS

    def kind(tok: str) -> int:
        return 1 if tok[0].isdecimal() else 0 if tok[0].isalnum() else 2

    rng = random.Random(10)
    parts = ["word", "l'été", "don’t", "x-ray", "3,5", "12.000", "_", "__", " ", "  ", "\n", "\t"]
    parts += ["«", "»", "—", ".", "²", "Київ", "北京", "e\u0301", "\u00a0", "\u202f", "a_b", ""]
    parts += ["٣", "½", "Ⅻ", "१२", "x²", "ǅ", "\u0301", "-", "'", "’s"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 25)))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        groups = TOKEN_RE.findall(text, start, end)
        toks = TOKEN_STRINGS.findall(text, start, end)
        assert toks == ["".join(g) for g in groups]
        assert [kind(t) for t in toks] == [next(i for i, g in enumerate(gs) if g) for gs in groups]


def test_the_glossary_automaton_from_the_disk_cache_finds_what_a_built_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrans.glossary.index import _automaton_of, _LazyAutomaton, get_index

    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path))
    fresh = get_index("en", use_cache=False)  # its own automaton, built in memory
    get_index("en")  # written to the disk cache
    cached = get_index("en")  # read from it: a lazy automaton
    assert isinstance(cached.automaton, _LazyAutomaton)
    low = (ROOT / "samples" / "fr_ceasefire_call.txt").read_text(encoding="utf-8").lower()
    want = fresh._by_automaton(low)
    assert want and cached._by_automaton(low) == want  # built, then written to the cache
    assert list(tmp_path.glob("glossary-automaton-*.pickle"))
    again = _automaton_of(cached.automaton._heads, cached.automaton._odd)  # read back
    assert sorted(again[0].items()) == sorted(fresh.automaton.items())
    assert again[1] == {ti: len(k) for k, ti in fresh.automaton.items()}


def test_repeated_trigrams_and_shares_equal_their_plain_sums() -> None:
    from collections import Counter

    from retrans.detect.features import repeated_trigrams

    rng = random.Random(1)
    for _ in range(3000):
        words = [rng.choice("abcde") for _ in range(rng.randrange(0, 60))]
        tri = Counter(zip(words, words[1:], words[2:], strict=False))
        plain = sum(c for c in tri.values() if c > 1) / len(tri) if tri else 0.0
        assert repeated_trigrams(words) == plain
