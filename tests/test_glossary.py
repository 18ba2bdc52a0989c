"""Name glossaries: both directions, house styles, consistency, guards, CLI and cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from retrans.config import Config
from retrans.document import Document
from retrans.formats import protected_spans
from retrans.glossary.index import get_index
from retrans.pipeline import Pipeline

LANGS = ("en", "fr", "de", "es", "it", "pt", "ru")


def fix(
    text: str,
    lang: str | None = None,
    style: str | None = None,
    fmt: str = "text",
    config: Config | None = None,
) -> str:
    pipe = Pipeline(config, lang=lang, style=style, passes={"rules": False, "cleanup": False})
    return pipe.fix(Document(text, fmt=fmt, protected=protected_spans(text, fmt)))[0]


def test_english_text_gets_english_names() -> None:
    out = fix("Vladimir Poutine spoke with Sergueï Lavrov and Wolodymyr Selenskyj.", "en")
    assert out == "Vladimir Putin spoke with Sergei Lavrov and Volodymyr Zelensky."


def test_french_text_gets_french_names() -> None:
    out = fix("Le président Vladimir Putin a appelé Beijing et the United States hier soir.", "fr")
    assert "Vladimir Poutine" in out and "Pékin" in out and "les États-Unis" in out


def test_german_text_gets_german_names() -> None:
    out = fix("Präsident Vladimir Putin reiste nach Beijing und traf dort den Minister.", "de")
    assert "Wladimir Putin" in out and "Peking" in out


def test_possessive_and_all_caps() -> None:
    assert fix("Poutine's spokesman said no.", "en") == "Putin's spokesman said no."
    assert fix("POUTINE SPEAKS TO LAWROW", "en") == "PUTIN SPEAKS TO LAVROV"


def test_house_style_choice() -> None:
    text = "Volodymyr Zelensky met the press. Zelensky said the talks went well."
    assert fix(text, "en") == text  # the default house style keeps Zelensky
    ap = fix(text, "en", style="ap")
    assert ap == "Volodymyr Zelenskyy met the press. Zelenskyy said the talks went well."


def test_unknown_style_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Vladimir Poutine spoke.\n", encoding="utf-8")
    r = run_cli("check", "--style", "nosuch", str(p))
    assert r.returncode == 2 and "nosuch" in r.stderr and r.stderr.count("\n") == 1


def test_two_spellings_of_one_person_unified() -> None:
    out = fix("Sergey Lavrov arrived. Later, Sergei Lavrov spoke to reporters.", "en")
    assert out == "Sergei Lavrov arrived. Later, Sergei Lavrov spoke to reporters."


def test_unknown_name_variants_are_reported_not_fixed() -> None:
    text = (
        "Anatoly Kravchuk visited the plant. Workers told Anatoli Kravchuk about wages, "
        "and Anatoly Kravchuk promised a raise."
    )
    pipe = Pipeline(lang="en", passes={"rules": False, "cleanup": False, "detect": False})
    findings, _ = pipe.check(Document(text))
    gl104 = [f for f in findings if f.code == "GL104"]
    assert len(gl104) == 1 and text[gl104[0].start : gl104[0].end] == "Anatoli Kravchuk"
    assert gl104[0].replacement is None
    assert fix(text, "en") == text


@pytest.mark.parametrize(
    "text",
    [
        "Sri Lanka said the boat had sunk. A Sri Lankan fisherman was rescued.",
        "New Caledonians voted again, and New Caledonia stays French.",
        "Crowds in New Zealand cheered as a New Zealander won the race.",
        # a noun and its plural (session 10: the fortunes files)
        "Two New Yorkers said every New Yorker knew the story.",
        "The District Attorney met the District Attorneys of three counties.",
        "A Liberal Democrat said the Liberal Democratic vote held.",  # noun and adjective
        "The Liberal Democrats lost; the Liberal Democratic leader resigned.",
        # diacritics only: one spelling, as GL103 reads the glossary's names (Yaounde)
        "Francois Hollande spoke. François Hollande left. Marie-Hélène Dupuis, Marie-Helene Dupuis.",
        # a capitalised auxiliary opening a question is no first name
        "Was Wilder right? Was Wilde wrong? Nobody knew.",
    ],
)
def test_a_place_and_its_people_are_not_two_spellings(text: str) -> None:
    pipe = Pipeline(lang="en", passes={"rules": False, "cleanup": False, "detect": False})
    findings, _ = pipe.check(Document(text))
    assert not [f for f in findings if f.code == "GL104"]


def test_name_variants_compare_within_buckets_not_all_pairs() -> None:
    """Thousands of distinct names: variants are still found, and only close ones."""
    from retrans.glossary.variants import _variant_pairs

    pairs = sorted(
        {(f"Firstname{i:05d}".replace("0", "o"), f"Surname{i:05d}") for i in range(3000)}
    )
    pairs = sorted([*pairs, ("Anatoly", "Kravchuk"), ("Anatoli", "Kravchuk"), ("Ana", "Navalny")])
    got = {(pairs[i], pairs[j]) for i, j in _variant_pairs(pairs)}
    assert (("Anatoli", "Kravchuk"), ("Anatoly", "Kravchuk")) in got
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in got)


def test_poutine_the_dish_is_left_alone() -> None:
    for text in (
        "We had poutine with extra gravy after the game.",
        "Poutine is a dish of fries, cheese curds and gravy from Quebec.",
        "The best Poutine in Montreal comes with a rich gravy.",
    ):
        assert fix(text, "en") == text


def test_part_of_a_longer_unknown_name_is_left_alone(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "entities:\n  - id: city-x\n    type: place\n    names: {en: [Parisa], fr: [Parisse]}\n",
        encoding="utf-8",
    )
    cfg = Config(glossaries=[g])
    assert fix("Parisse Hilton arrived late.", "en", config=cfg) == "Parisse Hilton arrived late."
    assert (
        fix("They flew to Parisse from Moscou on Monday.", "en", config=cfg)
        == "They flew to Parisa from Moscow on Monday."
    )


def test_urls_emails_hashtags_and_code_untouched() -> None:
    text = (
        "See https://ex.org/Poutine and write to Poutine@ex.org about #Poutine; "
        "the field is `Poutine`."
    )
    assert fix(text, "en", fmt="markdown") == text


def test_foreign_quotation_left_as_quoted() -> None:
    text = (
        "The banner read « Vladimir Poutine, ennemi de la paix et de la liberté » in large letters."
    )
    assert "Poutine" in fix(text, "en")
    off = Config(protect_foreign_quotes=False)
    assert "Putin" in fix(text, "en", config=off)


def test_clean_english_sample_gets_no_glossary_edits() -> None:
    text = (SAMPLES / "clean_en.txt").read_text(encoding="utf-8")
    assert fix(text, "en") == text


def test_index_is_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    g = tmp_path / "g.yaml"
    g.write_text(
        "entities:\n  - id: a-b\n    type: person\n    names: {en: [Abc Def], fr: [Abç Déf]}\n",
        encoding="utf-8",
    )
    idx = get_index("en", extra=(g,))
    assert any(t.replacement == "Abc Def" for t in idx.targets)
    files = list((tmp_path / "cache").glob("glossary-en-*.pickle"))
    assert len(files) == 1
    g.write_text(g.read_text(encoding="utf-8").replace("Abc Def", "Abc Deff"), encoding="utf-8")
    idx2 = get_index("en", extra=(g,))
    assert any(t.replacement == "Abc Deff" for t in idx2.targets)
    assert len(list((tmp_path / "cache").glob("glossary-en-*.pickle"))) == 2


def test_glossary_list_counts_and_languages() -> None:
    r = run_cli("glossary", "list", "--format", "json")
    data = json.loads(r.stdout)
    assert data["count"] >= 1500
    by_type = data["by_type"]
    assert by_type["person"] >= 300
    assert by_type["organisation"] >= 100
    assert by_type["place"] >= 240 + 400
    for ent in data["entities"]:
        assert set(LANGS) <= set(ent["names"]), ent["id"]


def test_glossary_check_reports_conflicts_with_file_and_line(tmp_path: Path) -> None:
    g = tmp_path / "mine.yaml"
    g.write_text(
        "entities:\n  - id: fake-putin\n    type: person\n"
        "    names: {en: [Vladimir Putin], fr: [Vlad P]}\n",
        encoding="utf-8",
    )
    r = run_cli("glossary", "check", "--no-strict", str(g))
    assert r.returncode == 2
    assert "mine.yaml:2:" in r.stderr and "vladimir-putin" in r.stderr
    assert run_cli("glossary", "check").returncode == 0


def test_glossary_show_and_import(tmp_path: Path) -> None:
    r = run_cli("glossary", "show", "Poutine")
    assert r.returncode == 0 and "vladimir-putin" in r.stdout
    csv = tmp_path / "names.csv"
    csv.write_text(
        "id,type,lang,name,variants\nana-lopez,person,en,Ana Lopez,Ana López|A. Lopez\n"
        "ana-lopez,person,fr,Ana Lopès,\n",
        encoding="utf-8",
    )
    out = tmp_path / "names.yaml"
    r = run_cli("glossary", "import", str(csv), "--out", str(out))
    assert r.returncode == 0, r.stderr
    r = run_cli("glossary", "check", "--no-strict", str(out))
    assert r.returncode == 0, r.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,lang,name\nx,animal,en,Rex\n", encoding="utf-8")
    r = run_cli("glossary", "import", str(bad), "--out", str(tmp_path / "b.yaml"))
    assert r.returncode == 2 and "bad.csv:2:" in r.stderr


def test_stale_caches_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retrans.paths import disk_cached

    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.txt"
    for i in range(7):
        data.write_text(f"version {i}", encoding="utf-8")
        assert disk_cached("thing", [data], lambda i=i: i) == i
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 4
    assert disk_cached("thing", [data], lambda: -1) == 6  # the newest is still cached
