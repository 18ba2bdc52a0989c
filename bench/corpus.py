"""A deterministic synthetic corpus of news drafts for benchmarks: most sentences are plain
English, about one in four carries an MT fault (a calque, a foreign name form, French
typography), and some documents carry page chrome or a repeated headline."""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = [
    "The minister",
    "Vladimir Poutine",
    "The head of American diplomacy",
    "Olaf Scholz",
    "Sergueï Lavrov",
    "The mayor",
    "The council",
    "Joe Biden",
    "The spokesperson",
    "Wolodymyr Selenskyj",
    "The committee",
    "Emmanuel Macron",
    "The union",
    "Pedro Sánchez",
    "The company",
]
VERBS = [
    "said on Monday that",
    "announced Wednesday that",
    "indicated that",
    "recalled that",
    "warned that",
    "stressed that",
    "confirmed that",
    "underlined that",
]
CLAUSES = [
    "the place is still for dialogue",
    "the talks would resume in Geneva",
    "3,5 million people were affected",
    "10 000 soldiers were massed nearby",
    "the Westerners would answer « firmly »",
    "the budget would rise by 2.4%",
    "a telephone interview was planned for Thursday",
    "the first appeal was strained",
    "the new line would open in 2029",
    "the region needed more buses",
    "the vote was realized without incidents",
    "nobody knew what comes next : talks ?",
    "prices had fallen for the third month",
    "the border with Pékin stayed closed",
]
PLAIN = [
    "the council approved the budget after a long debate",
    "prices for energy rose for the second month in a row",
    "officials expect the new bridge to open before the summer",
    "the company will hire about 200 engineers next year",
    "voters in the northern districts turned out in large numbers",
    "the report found that most schools lacked enough teachers",
    "rail services were suspended for several hours after the storm",
    "the court will hear the case again in the autumn",
    "local farmers said the dry spring had cut their harvest",
    "the museum plans to reopen its main gallery in March",
    "hospital staff worked through the night to clear the backlog",
    "the talks ended without an agreement on fishing rights",
]
CHROME = ["Skip to content", "Share this article:", "most popular", "Advertisement"]


def make_doc(rng: random.Random, size: int = 2048) -> str:
    parts: list[str] = []
    if rng.random() < 0.3:
        parts.append(rng.choice(CHROME) + "\n")
    headline = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS).split(' that')[0]} new plans"
    parts.append(headline + "\n\n")
    if rng.random() < 0.2:
        parts.append(headline + "\n\n")
    length = sum(len(p) for p in parts)
    while length < size:
        para = " ".join(
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
            f"{rng.choice(CLAUSES) if rng.random() < 0.25 else rng.choice(PLAIN)}."
            for _ in range(rng.randint(2, 5))
        )
        parts.append(para + "\n\n")
        length += len(para) + 2
    return "".join(parts)


def write_corpus(folder: Path, total_bytes: int = 2_200_000, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    written = 0
    i = 0
    while written < total_bytes:
        text = make_doc(rng)
        p = folder / f"doc{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        files.append(p)
        written += len(text.encode("utf-8"))
        i += 1
    return files
