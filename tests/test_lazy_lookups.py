"""Lookups that skip loading: common words unpacked per shard, quotes overlapping a finding."""

from __future__ import annotations

from retrans import langid
from retrans.paths import glossary_dir


def test_lazy_common_words_match_the_lists() -> None:
    plain: dict[str, int] = {}
    for i, lang in enumerate(langid.LANGUAGES):
        for w in (glossary_dir() / "common" / f"{lang}.txt").read_text(encoding="utf-8").split():
            plain[w] = plain.get(w, 0) | (1 << i)
    common = langid.CommonWords(langid.CommonWords.pack(plain))
    assert all(common.get(w) == mask and w in common for w, mask in plain.items())
    assert "qzxqzx" not in common and common.get("qzxqzx", 0) == 0
    assert langid.is_common("the", "en") and not langid.is_common("и", "en")
    assert langid.is_common("и", "ru")


def test_a_short_lookup_unpacks_few_shards() -> None:
    common = langid.CommonWords(langid.CommonWords.pack({"alpha": 1, "beta": 2, "gamma": 4}))
    assert common.get("beta") == 2
    assert sum(s is not None for s in common._shards) == 1


def test_quote_overlap_test_matches_the_plain_one() -> None:
    import random

    from retrans.quotes import _overlap_test

    rnd = random.Random(7)
    for _ in range(300):
        spans = [(a, a + rnd.randint(0, 6)) for a in (rnd.randint(0, 40) for _ in range(5))]
        test = _overlap_test(spans)
        for s in range(0, 45, 3):
            e = s + rnd.randint(1, 8)
            assert test(s, e) == any(a < e and s < b for a, b in spans)
