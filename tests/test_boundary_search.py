r"""``after_boundary`` finds what a leading ``(?<![\w-])`` finds with ``finditer``."""

from __future__ import annotations

import random
import re

from retrans.boundary import after_boundary
from retrans.glossary.variants import _NAME
from retrans.rules.scripts.plausibility import _capital_rx, _title_rx

TEXTS = [
    "The French president Vladimir Putin met the Russian President Emmanuel Macron.",
    "XFrench president Russian President Vladimir Putin spoke; anti-French president Olaf.",
    "Kyiv, the Russian capital, and Paris, the German capital, were named. Berlin-Kyiv, the",
    "the French Prime Minister , Boris Johnson said; French\\npresident Joe Biden",
    "_German chancellor Angela Merkel 3Russian leader Xi Jinping -Chinese king Charles",
    "",
]


def _plain(rx: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, str]]]:
    full = re.compile(r"(?<![\w-])" + rx.pattern, rx.flags)
    return [(m.start(), m.end(), m.groupdict()) for m in full.finditer(text)]


def test_boundary_search_equals_the_lookbehind_pattern() -> None:
    rng = random.Random(2)
    words = [
        "French",
        "Russian",
        "president",
        "President",
        "leader",
        "Kyiv,",
        "the",
        "capital",
        "x-",
        "_",
        "9",
        "Vladimir",
        "Putin",
    ]
    texts = list(TEXTS)
    texts += [" ".join(rng.choice(words) for _ in range(40)) for _ in range(200)]
    texts += ["".join(rng.choice([*words, "", "-"]) for _ in range(40)) for _ in range(200)]
    for rx in (_title_rx(), _capital_rx(), _NAME):
        for text in texts:
            fast = [(m.start(), m.end(), m.groupdict()) for m in after_boundary(rx, text)]
            assert fast == _plain(rx, text)
    assert _plain(_title_rx(), TEXTS[1]) and _plain(_NAME, TEXTS[1])  # the texts exercise them
