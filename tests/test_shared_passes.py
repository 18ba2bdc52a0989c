"""Work one pass shares with another gives what each would compute alone: the words the
language identifier counted, reused by the glossary's first-name search; glossary targets
unpacked once per process."""

from __future__ import annotations

import random
import re

from retrans.glossary import match
from retrans.glossary.index import PackedTargets, Target
from retrans.langid import identify, words_of

_WORDS = re.compile(r"[^\W\d_]+")
PIECES = ["ali", "jean", "anna", "li", "Ana", " ", "-", "1", "_", "é", "x", "²", "İ", "\n", "'"]


def _first_name_starts_plain(text: str, names: frozenset[str]) -> list[int] | None:
    low = text.lower()
    if len(low) != len(text):
        return None
    return sorted(
        i
        for name in set(_WORDS.findall(low)) & names
        for i in range(len(low))
        if low.startswith(name, i)
    )


def test_words_of_a_text_are_its_words_identified_or_not() -> None:
    rng = random.Random(5)
    names = frozenset(["ali", "jean", "anna", "li", "ana", "jean-pierre"])
    for k in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(30)))
        if k % 2:
            identify(text)  # the identifier's own count of this text's words is reused
        low = text.lower()
        assert set(words_of(low)) == set(_WORDS.findall(low))
        assert match._first_name_starts(text, names) == _first_name_starts_plain(text, names)


def test_a_target_is_unpacked_once_and_read_alike() -> None:
    putin = Target("putin", "person", "Poutine", "Putin", "GL101", "fr", (), "names", False, "", "")
    targets = [putin, putin._replace(entity="moscow", form="Moscou", replacement="Moscow")]
    packed = PackedTargets.pack(targets)
    assert [packed[0], packed[1], packed[-1], packed[0]] == [*targets, targets[1], targets[0]]
    assert packed[0] is packed[0]
    assert packed[0:2] == targets
