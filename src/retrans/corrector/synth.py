"""Synthetic training pairs: the project's own data run in reverse over clean English.

Each generator takes a clean sentence and returns an "MT-like" corrupted copy (or None when it
does not apply): glossary names back to their foreign forms, rule-pack examples reversed
(calques, false friends, source typography), untranslated words, scrambled appositive lists.
Pairs are (corrupted, clean); many sentences stay unchanged so the model learns to copy, which
is what keeps it from rewriting good text. Everything is seeded: same data, same pairs.
"""

from __future__ import annotations

import csv
import json
import random
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

Gen = Callable[[str, random.Random], "str | None"]
FOREIGN = ("fr", "de", "es", "it", "pt")

# Common news words a translation engine sometimes leaves in the source language.
UNTRANSLATED: dict[str, dict[str, str]] = {
    "Monday": {"fr": "lundi", "de": "Montag", "es": "lunes", "it": "lunedì"},
    "Tuesday": {"fr": "mardi", "de": "Dienstag", "es": "martes", "it": "martedì"},
    "Wednesday": {"fr": "mercredi", "de": "Mittwoch", "es": "miércoles", "it": "mercoledì"},
    "Thursday": {"fr": "jeudi", "de": "Donnerstag", "es": "jueves", "it": "giovedì"},
    "Friday": {"fr": "vendredi", "de": "Freitag", "es": "viernes", "it": "venerdì"},
    "Mr": {"fr": "M.", "de": "Herr", "es": "el señor", "it": "il signor"},
    "government": {"fr": "gouvernement", "de": "Regierung", "es": "gobierno", "it": "governo"},
    "minister": {"fr": "ministre", "de": "Minister", "es": "ministro", "it": "ministro"},
    "mayor": {"fr": "maire", "de": "Bürgermeister", "es": "alcalde", "it": "sindaco"},
    "city hall": {"fr": "mairie", "de": "Rathaus", "es": "ayuntamiento", "it": "municipio"},
    "percent": {"fr": "pour cent", "de": "Prozent", "es": "por ciento", "it": "per cento"},
    "million": {"fr": "millions", "de": "Millionen", "es": "millones", "it": "milioni"},
    "billion": {"fr": "milliards", "de": "Milliarden", "es": "mil millones", "it": "miliardi"},
    "police": {"fr": "gendarmerie", "de": "Polizei", "es": "policía", "it": "polizia"},
    "spokesperson": {"fr": "porte-parole", "de": "Sprecher", "es": "portavoz", "it": "portavoce"},
    "also": {"fr": "aussi", "de": "auch", "es": "también", "it": "anche"},
    "and": {"fr": "et", "de": "und", "es": "y", "it": "e"},
    "with": {"fr": "avec", "de": "mit", "es": "con", "it": "con"},
}

NATIONALITY = {
    "FR": "French",
    "DE": "German",
    "GB": "British",
    "IT": "Italian",
    "ES": "Spanish",
    "US": "American",
    "RU": "Russian",
    "UA": "Ukrainian",
    "PL": "Polish",
    "CN": "Chinese",
    "JP": "Japanese",
    "TR": "Turkish",
    "CA": "Canadian",
    "NL": "Dutch",
    "BE": "Belgian",
    "IN": "Indian",
    "BR": "Brazilian",
}
ROLES = ("foreign ministers", "defence ministers", "finance ministers", "leaders", "presidents")
CARRIERS = (
    "{a} then spoke with {lst} about the crisis.",
    "On Wednesday, {a} met {lst} in Brussels.",
    "{a} held talks with {lst} before the summit.",
    "The statement was signed by {lst} on Friday.",
)


@dataclass
class Resources:
    """What the generators draw on, loaded once from the project's glossaries and packs."""

    names: dict[str, list[str]] = field(default_factory=dict)  # English form → foreign forms
    name_rx: re.Pattern[str] | None = None
    swaps: list[tuple[re.Pattern[str], str, Any]] = field(
        default_factory=list
    )  # right → wrong, rule
    fixes: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # wrong → right
    examples: list[tuple[str, str]] = field(default_factory=list)  # (wrong, right) of the packs
    ok: list[str] = field(default_factory=list)  # sentences the rules must leave alone
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, nationality)
    groups: dict[str, str] = field(default_factory=dict)  # English form → kind of entity
    en_rx: re.Pattern[str] | None = None

    @classmethod
    def load(cls) -> Resources:
        from retrans.glossary.index import GlossaryData
        from retrans.rules.engine import load_rules

        res = cls()
        for ent in GlossaryData.load().entities:
            for kind in ("names", "short"):
                forms = ent.forms(kind)
                en = forms.get("en", [])
                if not en:
                    continue
                foreign = sorted(
                    {f for lang in FOREIGN for f in forms.get(lang, [])} - set(en) - {""}
                )
                foreign += [v for v in ent.variants if v not in en] if kind == "names" else []
                if foreign:
                    res.names.setdefault(en[0], []).extend(foreign)
            group = ent.type if ent.type != "place" else ent.id.split("-")[0]
            for kind in ("names", "short"):
                for en_form in ent.forms(kind).get("en", [])[:1]:
                    if len(en_form) > 2 and en_form[0].isupper():
                        res.groups.setdefault(en_form, f"{group}:{kind}")
            if ent.type == "person" and ent.country in NATIONALITY and ent.names.get("en"):
                res.people.append((ent.names["en"][0], NATIONALITY[ent.country]))
        if res.names:
            alts = sorted(res.names, key=len, reverse=True)
            res.name_rx = re.compile(r"\b(?:" + "|".join(map(re.escape, alts)) + r")\b")
        if res.groups:
            alts = sorted(res.groups, key=len, reverse=True)
            res.en_rx = re.compile(r"\b(?:" + "|".join(map(re.escape, alts)) + r")\b")
        for rule in load_rules().rules:
            for ex in rule.examples:
                if ex.ok:
                    res.ok.append(ex.ok)
                if ex.wrong and ex.right and ex.wrong != ex.right:
                    res.examples.append((ex.wrong, ex.right))
                    swap = _swap(ex.wrong, ex.right)
                    if swap:
                        res.swaps.append((*swap, rule))
                    fix = _swap(ex.right, ex.wrong)
                    if fix:
                        res.fixes.append(fix)
        return res


def _rule_fixes(rule: Any, wrong: str, right: str) -> bool:
    """Whether ``rule`` finds ``wrong`` and its replacement gives ``right`` back."""
    from retrans.document import Document
    from retrans.rules.engine import run_rule

    found = run_rule(rule, Document(wrong))
    return any(
        f.replacement is not None and wrong[: f.start] + f.replacement + wrong[f.end :] == right
        for f in found
    )


def _swap(wrong: str, right: str) -> tuple[re.Pattern[str], str] | None:
    """The differing middle of an example, widened to whole words: right span → wrong span."""
    p = 0
    while p < min(len(wrong), len(right)) and wrong[p] == right[p]:
        p += 1
    s = 0
    while s < min(len(wrong), len(right)) - p and wrong[-1 - s] == right[-1 - s]:
        s += 1
    while p > 0 and right[p - 1].isalnum():
        p -= 1
    while s > 0 and right[len(right) - s].isalnum():
        s -= 1
    r_mid, w_mid = right[p : len(right) - s], wrong[p : len(wrong) - s]
    words = re.findall(r"\w+", r_mid.lower())
    if len(r_mid.strip()) < 4 or not words or all(w in _STOP for w in words):
        return None  # a bare function word matches everywhere: noise, not an MT habit
    left = r"\b" if r_mid[0].isalnum() else ""
    tail = r"\b" if r_mid[-1].isalnum() else ""
    return re.compile(left + re.escape(r_mid) + tail), w_mid


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "so",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "each",
        "also",
        "more",
        "most",
        "some",
        "such",
        "into",
        "over",
        "after",
        "before",
        "about",
        "between",
        "during",
    ]
)


class Synth:
    """The error generator: ``corrupt(sentence)`` applies one or two generators."""

    def __init__(self, res: Resources | None = None) -> None:
        self.res = res or Resources.load()
        self.gens: dict[str, Gen] = {
            "glossary": self.glossary,
            "rules": self.rules,
            "typography": self.typography,
            "untranslated": self.untranslated,
        }

    def glossary(self, s: str, rng: random.Random) -> str | None:
        rx = self.res.name_rx
        found = list(rx.finditer(s)) if rx else []
        if not found:
            return None
        m = rng.choice(found)
        return s[: m.start()] + rng.choice(self.res.names[m.group(0)]) + s[m.end() :]

    def rules(self, s: str, rng: random.Random) -> str | None:
        """A rule's example read backwards (right words → wrong words), only where the rule
        itself then fires and writes the sentence back: the error keeps the rule's context.
        Until session 7 the words were swapped anywhere, so *said* became *indicated* in any
        sentence (the rule knows it only after a quote) and a model trained on it changed
        *indicated* outside a quote attribution."""
        hits = [h for h in self.res.swaps if h[0].search(s)]
        for rx, wrong, rule in rng.sample(hits, len(hits)):
            m = rx.search(s)
            out = s[: m.start()] + wrong + s[m.end() :] if m else s
            if out != s and _rule_fixes(rule, out, s):
                return out
        return None

    def typography(self, s: str, rng: random.Random) -> str | None:
        out = s
        if rng.random() < 0.5:
            out = re.sub(r"(?<=\w)([:;!?])(?=\s|$)", " \\1", out)
        if rng.random() < 0.5:
            out = re.sub(r"[“\"]([^”\"]{1,200})[”\"]", "« \\1 »", out)
        if rng.random() < 0.5:
            out = re.sub(r"(?<=\d)\.(?=\d)", ",", out)
        if rng.random() < 0.5:
            out = re.sub(r"(?<=\d),(?=\d{3}\b)", "\u202f", out)
        return out if out != s else None

    def untranslated(self, s: str, rng: random.Random) -> str | None:
        hits = [w for w in UNTRANSLATED if re.search(rf"\b{re.escape(w)}\b", s)]
        if not hits:
            return None
        w = rng.choice(hits)
        foreign = UNTRANSLATED[w][rng.choice(sorted(UNTRANSLATED[w]))]
        return re.sub(rf"\b{re.escape(w)}\b", foreign, s, count=1)

    def appositive(self, rng: random.Random) -> tuple[str, str] | None:
        """A scrambled list of (nationality, name) pairs, as MT from French writes it."""
        people = self.res.people
        if len(people) < 4:
            return None
        n = rng.choice((2, 3, 3))
        chosen: list[tuple[str, str]] = []
        for name, nat in rng.sample(people, min(len(people), 12)):
            if all(nat != c[1] for c in chosen):
                chosen.append((name, nat))
            if len(chosen) == n:
                break
        if len(chosen) < 2:
            return None
        role = rng.choice(ROLES)
        nats = [c[1] for c in chosen]
        names = [c[0] for c in chosen]
        right = f"the {_join(nats)} {role}, {_join(names)},"
        wrong = f"the {nats[0]} {role.title() if rng.random() < 0.5 else role}, {names[0]}, " + (
            ", ".join(f"{nat}, {name}" for name, nat in chosen[1:-1])
            + (", " if n > 2 else "")
            + f"and {nats[-1]}, {names[-1]},"
        )
        a = rng.choice(people)[0]
        carrier = rng.choice(CARRIERS)
        fill = lambda lst: (carrier.format(a=a, lst=lst)).replace(",,", ",").replace(", ", ", ")  # noqa: E731
        r, w = fill(right), fill(wrong)
        r = re.sub(r",(\s+(?:about|in|before|on)\b)", r"\1", r)
        w = re.sub(r",(\s+(?:about|in|before|on)\b)", r"\1", w)
        if r[0].islower():
            r, w = r[0].upper() + r[1:], w[0].upper() + w[1:]
        return w, r

    def boundary_swap(self, first: str, second: str, rng: random.Random) -> tuple[str, str] | None:
        """Two consecutive sentences whose entities of one kind (two countries, two people,
        two cities) the MT put in each other's place: (swapped pair, clean pair), each a
        two-sentence text. None when no such pair of entities is there."""
        rx = self.res.en_rx
        if rx is None:
            return None
        groups = self.res.groups
        a, b = list(rx.finditer(first)), list(rx.finditer(second))
        cands = [
            (x, y)
            for x in a
            for y in b
            if groups[x.group(0)] == groups[y.group(0)]
            and x.group(0) not in second
            and y.group(0) not in first
            and _the(first, x.start()) == _the(second, y.start())  # *the* United States
            and not _in_longer_name(first, x)
            and not _in_longer_name(second, y)
        ]
        if not cands:
            return None
        x, y = rng.choice(cands)
        f = first[: x.start()] + y.group(0) + first[x.end() :]
        s = second[: y.start()] + x.group(0) + second[y.end() :]
        return f"{f} {s}", f"{first} {second}"

    def corrupt(self, s: str, rng: random.Random) -> tuple[str, list[str]]:
        """The sentence with one or two errors, and the generators that made them."""
        names = list(self.gens)
        rng.shuffle(names)
        out, used = s, list[str]()
        want = 1 if rng.random() < 0.7 else 2
        for name in names:
            new = self.gens[name](out, rng)
            if new is not None and new != out:
                out, used = new, [*used, name]
                if len(used) == want:
                    break
        return out, used


_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr", "President", "Chancellor", "Minister"])


def _in_longer_name(text: str, m: re.Match[str]) -> bool:
    """*Radio New Zealand*, *Nouri al-Maliki*, *United States Conference*: a capitalised word
    before (other than the sentence's first) or after the match."""
    before = re.search(r"(\S+)\s+$", text[: m.start()])
    first = before is not None and not text[: before.start()].strip()
    word = before.group(1) if before is not None else ""
    cap_before = word[:1].isupper() and not first and word not in _TITLES
    return cap_before or re.match(r"[\s-]+[A-Z]", text[m.end() :]) is not None


def _the(text: str, at: int) -> bool:
    return text[max(0, at - 4) : at].lower() == "the "


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def held_out(text: str, every: int = 20) -> bool:
    """A stable split: one sentence in ``every`` is held out of training (by a hash of it)."""
    return zlib.crc32(text.encode("utf-8")) % every == 0


def _detok() -> Callable[[str], str]:
    try:
        from sacremoses import MosesDetokenizer
    except ImportError:
        from retrans.errors import InputError

        raise InputError(
            "MLQE-PE text is Moses-tokenised: install the 'eval' extra (sacremoses)"
        ) from None

    md = MosesDetokenizer("en")
    return lambda s: md.detokenize(s.split())


def mlqe_rows(path: Path) -> Iterator[tuple[str, str, float]]:
    """(MT, post-edit, HTER) of the MLQE-PE file, detokenised."""
    detok = _detok()
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) >= 5:
                yield detok(row[2]), detok(row[3]), float(row[4] or 0)


def wmt_references(path: Path) -> Iterator[str]:
    """The references of a WMT file, sentence by sentence, in file order."""
    for doc in wmt_documents(path):
        yield from doc


def wmt_documents(path: Path) -> Iterator[list[str]]:
    """The references of a WMT file, document by document, in order (consecutive sentences)."""
    doc: list[str] = []
    last: object = None
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            ref = rec.get("reference")
            if ref is None and rec.get("references"):
                ref = next(iter(rec["references"].values()))
            if rec.get("doc_id") != last and doc:
                yield doc
                doc = []
            last = rec.get("doc_id")
            if isinstance(ref, str) and ref.strip():
                doc.append(ref.strip())
    if doc:
        yield doc


def boundary_pairs(
    data: Path, seed: int = 0, split: str = "train", max_words: int = 40
) -> Iterator[tuple[str, str, str]]:
    """Entity swaps across a sentence boundary, from consecutive WMT reference sentences.
    A pair is held out when either sentence is (so no test pair's swap is trained on; its
    other sentence may be a training sentence on its own)."""
    rng = random.Random(seed)
    synth = Synth()
    want_test = split == "test"
    for f in sorted(data.glob("wmt*_docs.jsonl")):
        for doc in wmt_documents(f):
            for first, second in pairwise(doc):
                if (held_out(first) or held_out(second)) != want_test:
                    continue
                if max(len(first.split()), len(second.split())) > max_words:
                    continue
                swapped = synth.boundary_swap(first, second, rng)
                if swapped:
                    yield swapped[0], swapped[1], "boundary-swap"


def build_pairs(
    data: Path,
    seed: int = 0,
    identity: float = 0.35,
    max_words: int = 40,
    real_hter: float = 0.25,
    split: str = "train",
) -> Iterator[tuple[str, str, str]]:
    """(input, target, kind) pairs from the shared dev data. ``split`` ``train`` leaves out
    the held-out sentences; ``test`` yields only them (real MLQE pairs are not generated)."""
    rng = random.Random(seed)
    synth = Synth()
    want_test = split == "test"
    clean: list[str] = []
    real: list[tuple[str, str]] = []
    mlqe = data / "mlqe_pe_train_to_en.tsv"
    if mlqe.is_file():
        for mt, pe, hter in mlqe_rows(mlqe):
            if held_out(mt) != want_test:
                continue
            clean.append(pe)
            if hter <= real_hter and mt != pe:
                real.append((mt, pe))
    for f in sorted(data.glob("wmt*_docs.jsonl")):
        seen: set[str] = set()
        for ref in wmt_references(f):
            if ref not in seen and held_out(ref) == want_test:
                seen.add(ref)
                clean.append(ref)
    clean = [s for s in clean if 3 <= len(s.split()) <= max_words]
    rng.shuffle(clean)
    for s in clean:
        if rng.random() < identity:
            yield s, s, "copy"
            continue
        bad, used = synth.corrupt(s, rng)
        yield bad, s, "+".join(used) or "copy"
    if want_test:
        for _ in range(200):
            ap = synth.appositive(rng)
            if ap:
                yield ap[0], ap[1], "appositive"
        return
    for mt, pe in real:
        yield mt, pe, "real"
    yield from cue_copies(clean)
    for _ in range(3000):
        ap = synth.appositive(rng)
        if ap:
            yield ap[0], ap[1], "appositive"
    for _ in range(3):  # the packs' own examples, a few times each
        for wrong, right in synth.res.examples:
            yield wrong, right, "example"
        for ok in synth.res.ok:
            yield ok, ok, "example-ok"


def cue_copies(clean: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """Clean English in which the packs or the glossary propose an edit (``cues.py``): a
    cued model must learn to leave those alone, or it learns that a cue is always right
    (the synthetic errors are made from the cues' own tables)."""
    from retrans.corrector.cues import cues

    for s in clean:
        if cues(s):
            yield s, s, "copy-cue"


def write_pairs(
    path: Path,
    pairs: Iterator[tuple[str, str, str]],
    seed: int = 0,
    then: Iterable[tuple[str, str, str]] = (),
) -> int:
    """Write shuffled pairs as TSV (input, target, kind); returns the count. ``then``: pairs
    written after them, shuffled apart (the boundary swaps: the rows before them, and so any
    ``--limit`` slice of a test file and the calibration split, stay as they were)."""
    from retrans.paths import atomic_write

    ok = lambda p: "\t" not in p[0] + p[1] and "\n" not in p[0] + p[1]  # noqa: E731
    rows = [p for p in pairs if ok(p)]
    random.Random(seed).shuffle(rows)
    tail = [p for p in then if ok(p)]
    random.Random(seed + 1).shuffle(tail)
    rows += tail
    body = "".join(f"{a}\t{b}\t{k}\n" for a, b, k in rows)
    atomic_write(path, ("input\ttarget\tkind\n" + body).encode("utf-8"))
    return len(rows)
