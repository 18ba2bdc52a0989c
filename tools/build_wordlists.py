"""Build the small word lists the MT detector ships (src/retrans/detect/data/wordlists.json).

Run once, commit the output; the runtime needs no ``wordfreq``::

    .venv/bin/pip install wordfreq  # dev only
    .venv/bin/python tools/build_wordlists.py

Contents (all lowercase):

* ``en``: the most frequent English words with their Zipf frequency (one decimal), used for
  lexical-frequency features and to tell English words from foreign ones;
* ``foreign[L]``: frequent words of language L that are rare in English (candidates for
  untranslated words) for the product's source languages and a few neighbours;
* ``stop[L]``: the most frequent words of L, for text-language identification.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "retrans" / "detect" / "data" / "wordlists.json"
EN_SIZE = 40000
FOREIGN_LANGS = ["fr", "de", "es", "it", "pt", "ro", "nl"]
STOP_LANGS = ["en", "fr", "de", "es", "it", "pt", "ro", "nl"]
FOREIGN_TOP = 6000
STOP_TOP = 120
ALPHA = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def main() -> int:
    try:
        from wordfreq import top_n_list, zipf_frequency
    except ImportError:  # pragma: no cover - dev tool
        print("build_wordlists: wordfreq is not installed", file=sys.stderr)
        return 2
    en: dict[str, float] = {}
    for w in top_n_list("en", EN_SIZE):
        if ALPHA.match(w):
            en[w] = round(zipf_frequency(w, "en"), 1)
    foreign: dict[str, list[str]] = {}
    for lang in FOREIGN_LANGS:
        words = []
        for w in top_n_list(lang, FOREIGN_TOP):
            if len(w) < 2 or not ALPHA.match(w):
                continue
            z_l = zipf_frequency(w, lang)
            z_en = zipf_frequency(w, "en")
            # Clearly foreign: rare in English, or (function words like "la", "des", "und")
            # far more frequent in L than in English.
            if z_en < 2.6 or (z_l - z_en >= 2.2 and z_en < 4.8):
                words.append(w)
        foreign[lang] = sorted(words)
    stop = {lang: top_n_list(lang, STOP_TOP) for lang in STOP_LANGS}
    data = {
        "source": "wordfreq 3.x (Apache-2.0 code; data CC-BY-SA 4.0), derived lists",
        "en": en,
        "foreign": foreign,
        "stop": {k: sorted(w for w in v if ALPHA.match(w)) for k, v in stop.items()},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    print(
        f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB): en={len(en)} "
        + " ".join(f"{k}={len(v)}" for k, v in foreign.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
