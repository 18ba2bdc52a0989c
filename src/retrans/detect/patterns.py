"""Hand-written interference evidence: calques, source-language name forms and typography.

Each entry names the source languages whose machine translation into English typically
leaves it behind.  The lists are generic knowledge of translation interference (they are
not mined from any document); the learned model decides how much each kind weighs, and
the source-language model spreads the evidence over the languages listed.

Regexes are case-insensitive unless ``cs`` is set, and are joined into one alternation per
case mode (non-capturing groups only).
"""

from __future__ import annotations

from typing import NamedTuple

SOURCE_LANGS: tuple[str, ...] = ("fr", "de", "es", "it", "ru", "uk", "ja", "zh")


class Pattern(NamedTuple):
    kind: str  # "calque" | "name" | "typography" | "topic" (source language only)
    langs: tuple[str, ...]
    regex: str
    cs: bool = False  # case-sensitive
    w: float = 1.0  # strength: 1 = strong evidence, 0.5 = weak (also seen in human English)
    trig: tuple[str, ...] = ()  # lowercase literals one of which every match contains
    # (default: derived from the regex; given where the derived ones would be too common)


FR = ("fr",)
DE = ("de",)
ES = ("es",)
IT = ("it",)
RU = ("ru",)
SLAV = ("ru", "uk")  # Russian and Ukrainian MT share these calques
UK = ("uk",)
JA = ("ja",)
ZH = ("zh",)
ROM = ("fr", "es", "it")
EUR = ("fr", "de", "es", "it", "ru", "uk")

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_NUMW = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
_NAT = (
    r"(?:American|French|Russian|German|British|Chinese|Ukrainian|Italian|Spanish|European|"
    r"Iranian|Israeli|Turkish|Japanese|Belgian|Swiss|Canadian|Algerian|Moroccan|Polish)"
)
_D = "0123456789"
_SP = (" ", "\u00a0", "\u202f")
_DIGIT_PAIRS_SPACE = tuple(f"{a}{sp}{b}" for a in _D for sp in _SP for b in _D)
_DIGIT_COMMA = tuple(f"{a},{b}" for a in _D for b in _D)
_SAY = (
    r"(?:announced|indicated|declared|affirmed|assured|estimated|explained|specified|"
    r"underlined|stressed|added|said|stated|recalled|judged|warned|insisted)"
)

CALQUES: list[Pattern] = [
    # --- French (and Romance) ------------------------------------------------------
    # "глава британской дипломатии": Russian and Ukrainian news say it too
    Pattern("calque", ("fr", "ru", "uk"), rf"\bthe head of (?:{_NAT} )?diplomacy\b"),
    Pattern("calque", ("fr", "ru", "uk"), rf"\b{_NAT} diplomacy chief\b"),
    Pattern("calque", FR, r"\bthe Westerners\b"),
    Pattern("calque", ("fr", "ru", "uk"), r"\btelephone (?:interview|interviews|exchange)\b"),
    Pattern("calque", ("fr", "de", "ru", "uk"), r"\bin the (?:framework|frame) of\b", w=0.5),
    Pattern("calque", ("fr", "de", "es", "it"), r"\bat the level of\b", w=0.5),
    Pattern("calque", ("fr", "ru", "uk"), r"\bit is (?:a )?question of\b"),
    Pattern("calque", FR, r"\bthe (?:President|Presidency) of the Republic\b"),
    Pattern("calque", FR, r"\bthe Hexagon\b"),
    Pattern("calque", ROM, r"\b(?:sanitary|health) (?:crisis|pass|passport|protocol)\b", w=0.5),
    Pattern("calque", ROM, r"\bsanitary (?:situation|measures|rules|restrictions)\b"),
    Pattern(
        "calque",
        ROM,
        rf"\bthe {_NUMW} (?:last|first|next|past) (?:days|weeks|months|years|hours)\b",
        w=0.5,
        trig=tuple(
            f" {a} {b}"
            for a in ("last", "first", "next", "past")
            for b in ("days", "weeks", "months", "years", "hours")
        ),
    ),
    Pattern(
        "calque",
        ("fr", "de", "es", "it", "ru", "uk"),
        rf"\bsince {_NUMW} (?:days|weeks|months|years)\b",
        w=0.5,
    ),
    Pattern(
        "calque",
        ROM,
        r"\b(?:a|some) (?:dozen|ten|twenty|thirty|forty|fifty|hundred|thousand)s? of\b",
        w=0.5,
        trig=tuple(
            f"{n}{s} of"
            for n in ("dozen", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "thousand")
            for s in ("", "s")
        ),
    ),
    Pattern("calque", ROM, r"\b\d+(?:[.,]\d+)? (?:millions|billions|milliards) of\b"),
    Pattern("calque", FR, r"\b\d+(?:[.,]\d+)? (?:milliards?|mds)\b", trig=("milliard", " mds")),
    Pattern("calque", ROM, r"\b(?:the|a|of|with|their|his|her) preoccupations?\b", w=0.5),
    Pattern("calque", ROM, r"\b(?:assist|assisted|assisting|assists) (?:at|to) (?:the|a|an)\b"),
    Pattern(
        "calque",
        ROM,
        r"\bthe actual (?:president|government|minister|situation|leader|director|head|mayor|coach)\b",
        w=0.5,
    ),
    Pattern("calque", ROM, r"\bpolitical formations?\b|\bthe formations? (?:led|headed) by\b"),
    Pattern("calque", ROM, r"\bin the measure (?:where|in which|that)\b"),
    Pattern("calque", FR, r"\b(?:the )?(?:ensemble|quasi-totality) of the\b"),
    Pattern("calque", ("fr", "ru", "uk"), r"\b(?:the )?totality of the\b"),  # "совокупность"
    Pattern("calque", FR, r"\b(?:European|French|Italian|Spanish) deputies\b", w=0.5),
    Pattern("calque", FR, r"\bthe (?:main|principal) (?:interested|concerned)\b"),
    Pattern(
        "calque",
        FR,
        r"\b(?:at|to) the (?:exit|outcome|issue) of (?:the|a|this|his|her)\b",
        trig=("exit of", "outcome of", "issue of"),
    ),
    Pattern("calque", FR, r"\bin (?:the )?(?:aim|goal) of\b", trig=("aim of", "goal of")),
    Pattern("calque", FR, r"\b(?:interpellated|interpelled)\b"),
    Pattern("calque", FR, r"\b(?:put|placed|indicted) (?:in|under) examination\b"),
    Pattern("calque", FR, r"\bcorrectional (?:court|tribunal)\b"),
    Pattern("calque", FR, r"\binstruction judges?\b"),
    Pattern("calque", FR, r"\bthe public ministry\b"),
    Pattern("calque", ROM, r"\benerg(?:etic|etical) transition\b"),
    Pattern("calque", FR, r"\b(?:made|make|making|do|did|doing) the point on\b"),
    Pattern("calque", FR, r"\bto pronounce (?:himself|herself|themselves|itself) on\b"),
    Pattern(
        "calque",
        FR,
        r"\b(?:realized|realised|realize|realise|realizes) (?:a|an) (?:study|survey|project|investment|operation|film|report)\b",
    ),
    Pattern("calque", FR, rf"[”\"»],? {_SAY} (?:on )?{_DAY} (?:the|a|an|[A-Z])", cs=True),
    Pattern("calque", ROM, rf"\bthe \d{{1,2}} {_MONTH}\b", w=0.5),
    Pattern("calque", ("fr", "it"), r"\b(?:the )?(?:judicial police)\b", w=0.5),
    Pattern("calque", ("fr", "it", "es"), r"\bthe (?:Minister|Ministry) of the Interior\b", w=0.5),
    # "манифестанты" gives the same word in MT from Russian
    Pattern(
        "calque",
        ("fr", "ru", "uk"),
        r"\b(?:manifestants|the manifestation|manifestations against)\b",
    ),
    Pattern("calque", ROM, r"\b(?:a|the) manifestation (?:of|in|against)\b"),
    Pattern("calque", ROM, r"\b(?:the|of|to) (?:syndicates|syndicate)\b", w=0.5),
    Pattern("calque", ROM, r"\b(?:the|of) ecologists\b", w=0.5),
    Pattern("calque", ROM, r"\b(?:\d+|several|many|of|hundreds of|thousands of) persons\b", w=0.5),
    Pattern("calque", ("fr", "de"), r"\bconcretely,"),
    Pattern("calque", ("fr", "de"), r"\b(?:held|hold|holds|holding) a speech\b"),
    Pattern(
        "calque",
        FR,
        r"\b\d{1,2} ?h ?\d{2}\b",
        w=0.5,
        trig=tuple(f"{d}{sp}h" for d in _D for sp in ("", " ")),
    ),
    Pattern("calque", FR, r"\bat \d{1,2}h\b", trig=tuple(f"{d}h" for d in _D)),
    # --- Spanish ---------------------------------------------------------------------
    Pattern("calque", ES, r"\b(?:the )?(?:President|Presidency) of the Government\b"),
    Pattern(
        "calque",
        ES,
        r"\bthe Executive\b(?! (?:Board|Committee|Director|Council|Office|Order|Branch))",
        cs=True,
        w=0.5,
    ),
    Pattern("calque", ES, r"\bautonomic\b"),
    Pattern("calque", ("es", "it"), r"\bin the (?:ambit|ambito) of\b"),
    Pattern("calque", ES, r"\b(?:the|this) same (?:that|which)\b", w=0.5),
    # --- Italian ---------------------------------------------------------------------
    Pattern("calque", IT, r"\bthe President of the Council\b"),
    Pattern(
        "calque",
        IT,
        r"\bthe [Pp]remier (?:Conte|Draghi|Meloni|Renzi|Berlusconi|Letta|Monti)\b",
        cs=True,
    ),
    Pattern("calque", IT, r"\b(?:to|with) the scope of\b", w=0.5),
    Pattern("calque", IT, r"\bthe (?:comune|comuni)\b"),
    # --- German ----------------------------------------------------------------------
    Pattern("calque", DE, r"\bit gives (?:no|many|several|\d+)\b", w=0.5),
    Pattern("calque", DE, r"\bthe Federal (?:Chancellor|Minister of)\b", cs=True),
    Pattern("calque", DE, r"\bthe (?:Handy|Handys)\b", cs=True),
    Pattern(
        "calque",
        DE,
        r"\b(?:became|become|becomes) (?:a|an) (?:letter|answer|prize|call|message|notice)\b",
    ),
    Pattern("calque", DE, r"\baccording to information (?:of|from) (?:the )?[A-Z]"),
    Pattern(
        "calque",
        DE,
        r"\b(?:Mio|Mrd|bzw|ca|z\.B|u\.a|d\.h)\.(?= ?\w)",
        cs=True,
        trig=("mio.", "mrd.", "bzw.", "ca.", "z.b.", "u.a.", "d.h."),
    ),
    Pattern(
        "calque", DE, r"\b(?:the )?Corona (?:crisis|pandemic|virus|measures)\b", cs=True, w=0.5
    ),
    # --- Russian ---------------------------------------------------------------------
    Pattern("calque", SLAV, r"\bthe RF\b", cs=True),
    Pattern("calque", SLAV, r"\b(?:the )?APU\b", cs=True),
    Pattern("calque", SLAV, r"\bin the nearest (?:future|time)\b"),
    Pattern("calque", SLAV, r"\bthe nearest (?:days|weeks|months|time)\b"),
    Pattern(
        "calque", SLAV, r"\bthe (?:Russian|Ukrainian|American|Chinese|Belarusian) side\b", w=0.5
    ),
    Pattern("calque", SLAV, r"\b(?:the )?press service of\b", w=0.5),
    Pattern(
        "calque",
        SLAV,
        r"\bMinistry of (?:Foreign Affairs|Defen[cs]e|Emergency Situations) of (?:the )?(?:Russian Federation|Russia|RF|Ukraine)\b",
    ),
    Pattern("calque", SLAV, r"\bin \d{4} year\b"),
    Pattern("calque", SLAV, r"\b\d+(?:[.,]\d+)? (?:mln|bln|thous|rub)\.?(?= )"),
    Pattern(
        "calque",
        SLAV,
        r"\bthe (?:head|chairman) of the (?:republic|region|administration|MFA)\b",
        w=0.5,
    ),
]

NAMES: list[Pattern] = [
    # French forms of names and places
    Pattern(
        "name",
        FR,
        r"\b(?:Poutine|Moscou|Pékin|Varsovie|Genève|Angleterre|Allemagne|Espagne|"
        r"Italie|Russie|Chine|Pologne|Écosse|Grèce|Turquie|Japon|Maroc|Algérie|Tunisie|"
        r"Égypte|Syrie|Liban|Israël|Koweït|Arabie saoudite|Mexique|Brésil|Pérou|Colombie|"
        r"Biélorussie|Crimée|Venise|Lisbonne|Athènes|Copenhague|Le Caire|Bagdad|Téhéran|"
        r"Jérusalem|Damas|Eltsine|Gorbatchev|Khrouchtchev|Staline|Lénine|Loukachenko|"
        r"Nétanyahou|Kadhafi|Ben Laden|Élisabeth|Benoît XVI|Jean-Paul II|Sébastopol|"
        r"Bachar|Ouïghours?|Ouzbékistan|Tchétchénie|"
        r"États-Unis|Etats-Unis|Royaume-Uni|Union européenne|Nouvelle-Zélande)\b",
        cs=True,
    ),
    Pattern("name", FR, r"\b(?:the )?(?:Pope|pope) François\b", cs=True),
    Pattern("name", ("fr", "es"), r"\bLondres\b", cs=True),
    Pattern("name", ("fr", "it"), r"\bBruxelles\b", cs=True, w=0.5),
    # German forms ("Peking" is not one: English keeps it, and older MT of French used it)
    Pattern(
        "name",
        DE,
        r"\b(?:Wladimir|Moskau|Warschau|Wien|München|Köln|Genf|Brüssel|"
        r"Venedig|Mailand|Neapel|Lissabon|Kopenhagen|Prag|Kiew|Charkiw|Athen|Kairo|"
        r"Damaskus|Deutschland|Frankreich|Russland|Spanien|Italien|Großbritannien|"
        r"Vereinigte Staaten|Polen|Türkei|Weißrussland|Selenskyj|Selenski|Lawrow|Medwedew|"
        r"Gorbatschow|Jelzin|Chruschtschow|Nawalny|Lukaschenko|Schoigu|Papst)\b",
        cs=True,
    ),
    # Spanish forms
    Pattern(
        "name",
        ES,
        r"\b(?:Vladímir|Moscú|Pekín|Varsovia|Viena|Ginebra|Bruselas|Milán|"
        r"Nápoles|Atenas|El Cairo|Estados Unidos|Reino Unido|Alemania|Rusia|Inglaterra|"
        r"Japón|Marruecos|Argelia|Turquía|Ucrania|Bielorrusia|Jruschov|Gorbachov|Navalni|"
        r"Benedicto XVI|Juan Pablo II)\b",
        cs=True,
    ),
    Pattern("name", ES, r"\b(?:the )?(?:Pope|pope) Francisco\b", cs=True),
    # Italian forms
    Pattern(
        "name",
        IT,
        r"\b(?:Mosca|Pechino|Londra|Parigi|Varsavia|Ginevra|Colonia|Venezia|"
        r"Firenze|Lisbona|Atene|Il Cairo|Stati Uniti|Regno Unito|Germania|Inghilterra|"
        r"Spagna|Cina|Giappone|Turchia|Ucraina|Bielorussia|Benedetto XVI|"
        r"Giovanni Paolo II)\b",
        cs=True,
    ),
    Pattern("name", IT, r"\b(?:the )?(?:Pope|pope) Francesco\b", cs=True),
    Pattern("name", ("es", "it"), r"\b(?:Francia|Polonia)\b", cs=True),
    # Russian transliterations (MT of Ukrainian produces them too: they do not tell ru from uk)
    Pattern(
        "name",
        SLAV,
        r"\b(?:Kharkov|Nikolaev|Lugansk|Zaporozhye|Dnepropetrovsk|Chernigov|"
        r"Rovno|Lvov|Artemovsk|Dnepr|Dmitriy|Yuriy|Aleksandr|Aleksey|Vasiliy|"
        r"Anatoliy|Valeriy|Nikolay|Evgeniy|Yevgeniy|Gennadiy|Vitaliy|Arkadiy|Grigoriy)\b",
        cs=True,
        w=0.5,
    ),
    Pattern("name", SLAV, r"\bVladimir Zelensk(?:y|iy|ii)\b", cs=True),
]

# Guillemets as a web page's arrows, not quotation marks: *« previous*, *next »*.
_ARROW_BEFORE = r"(?!(?:previous|prev|back|older|newer|first|home)\b)"
_ARROW_AFTER = r"(?<!next)(?<!more)(?<!older)(?<!newer)(?<!last)"

TYPOGRAPHY: list[Pattern] = [
    # French guillemets with (thin) spaces inside
    Pattern("typography", FR, rf"«\s{_ARROW_BEFORE}|{_ARROW_AFTER}\s»"),
    Pattern(
        "typography",
        ("fr", "es", "it", "ru", "uk"),
        rf"«(?=\S){_ARROW_BEFORE}|(?<=\S){_ARROW_AFTER}»",
    ),
    Pattern("typography", ("de", "ru", "uk"), r"„"),
    Pattern("typography", ES, r"[¿¡]"),
    Pattern(
        "typography",
        FR,
        r"[^\W\d_][\u00a0\u202f ][;:!?](?=\s|$)",
        trig=tuple(f"{sp}{p}" for sp in _SP for p in ";:!?"),
    ),  # space before ; : ! ?
    Pattern("typography", FR, r"(?m)[.!?,]\s?“(?:[.,;]|\s*$)"),  # closing quote turned opening
    Pattern(
        "typography",
        EUR,
        r"\b\d+,\d{1,2}\b(?!,\d)(?= ?(?:%|percent|per cent|euros?|€|million|billion|"
        r"km|kilometres|kilometers|degrees|points|tonnes|times|hours|years|dollars))",
        w=0.5,
        trig=_DIGIT_COMMA,
    ),
    Pattern(
        "typography",
        ("fr", "ru", "uk"),
        r"\b\d{1,3}(?:[\u00a0\u202f ]\d{3})+\b(?! ?(?:BC|AD))",
        w=0.5,
        trig=_DIGIT_PAIRS_SPACE,
    ),
    Pattern("typography", ("fr", "de", "es", "it"), r"\d[\u00a0\u202f ]?€", w=0.5),
    Pattern("typography", ("fr", "de", "es", "it", "ru", "uk"), r"\d[\u00a0\u202f ]%", w=0.5),
]

# Source-language cues that are not interference: honorifics kept as in the source, and
# topics (currencies, domestic services) that make one source language likelier once the
# text is judged machine-translated.  ``topic`` never raises the MT probability and never
# names a source on its own (news in any language mentions Kyiv, Beijing or the Duma): it only
# tips the balance between languages that have specific evidence.
CUES: list[Pattern] = [
    Pattern("name", JA, r"\b[A-Z][a-z]+-(?:san|sama|kun|chan|senpai)\b", cs=True),
    Pattern("name", JA, r"\b(?:Reiwa|Heisei|Showa) (?:\d|era)", cs=True),
    Pattern(
        "topic",
        JA,
        r"\b(?:yen|Tokyo|Osaka|Kyoto|Hokkaido|Okinawa|Fukuoka|Nagoya|Yokohama|prefectures?|"
        r"Shinkansen|Kishida|Nikkei|NHK|LDP)\b",
        w=0.5,
    ),
    Pattern(
        "topic",
        ZH,
        r"\b(?:RMB|Renminbi|Taobao|Alipay|WeChat Pay|Weibo)\b",
        w=0.5,
    ),
    Pattern(
        "topic",
        RU,
        r"\b(?:r[o]?ubles?|State Duma|Roskomnadzor|Rosstat|Sberbank|RIA Novosti|"
        r"Muscovites|St\.? Petersburg|Tatarstan|Bashkiria|Yekaterinburg|Novosibirsk)\b",
        w=0.5,
    ),
    Pattern(
        "topic",
        UK,
        r"\b(?:hryvnias?|UAH|Nova Poshta|Ukrposhta|Ukrzaliznytsia|PrivatBank|Monobank|Rozetka)\b",
        w=0.5,
    ),
]

ALL: list[Pattern] = CALQUES + NAMES + TYPOGRAPHY + CUES
