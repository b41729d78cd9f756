"""Name tables for the actors stage: countries and demonyms, well-known groups, actor nouns.

Pure data (plus two tiny look-up helpers), no NLP. The actor stage
(:mod:`eventcoder.extract.actors`) turns these into regular expressions once.

Actor names follow ACLED's conventions:

* state forces: ``Military Forces of Mali``, ``Police Forces of Mali``, ``Government of Mali``
  (``the`` before a few country names: ``Military Forces of the United States``);
* crowds and victims: ``Protesters (Mali)``, ``Rioters (Mali)``, ``Civilians (Mali)``;
* unnamed armed men: ``Unidentified Armed Group (Mali)``;
* communal militias: ``Dogon Ethnic Militia (Mali)``; ethnic groups as associated actors:
  ``Fulani Ethnic Group (Mali)``;
* named groups by their (ACLED) name, e.g. ``JNIM: Group for Support of Islam and Muslims``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- Countries ---------------------------------------------------------------
# ACLED country name -> demonyms / adjectives and other names of the country as found in news text.
COUNTRIES: dict[str, list[str]] = {
    "Afghanistan": ["Afghan", "Afghans"],
    "Albania": ["Albanian"],
    "Algeria": ["Algerian"],
    "Angola": ["Angolan"],
    "Argentina": ["Argentine", "Argentinian"],
    "Armenia": ["Armenian"],
    "Australia": ["Australian"],
    "Azerbaijan": ["Azerbaijani", "Azeri"],
    "Bahrain": ["Bahraini"],
    "Bangladesh": ["Bangladeshi"],
    "Belarus": ["Belarusian"],
    "Belgium": ["Belgian"],
    "Benin": ["Beninese"],
    "Bolivia": ["Bolivian"],
    "Brazil": ["Brazilian"],
    "Burkina Faso": ["Burkinabe", "Burkinabè", "Burkinab\u00e9"],
    "Burundi": ["Burundian"],
    "Cambodia": ["Cambodian"],
    "Cameroon": ["Cameroonian"],
    "Canada": ["Canadian"],
    "Central African Republic": ["Central African", "CAR"],
    "Chad": ["Chadian"],
    "Chile": ["Chilean"],
    "China": ["Chinese"],
    "Colombia": ["Colombian"],
    "Democratic Republic of Congo": ["Congolese", "DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "Republic of Congo": ["Congo-Brazzaville", "Republic of the Congo"],
    "Cuba": ["Cuban"],
    "Djibouti": ["Djiboutian"],
    "Ecuador": ["Ecuadorian"],
    "Egypt": ["Egyptian"],
    "El Salvador": ["Salvadoran"],
    "Eritrea": ["Eritrean"],
    "Ethiopia": ["Ethiopian"],
    "France": ["French"],
    "Gabon": ["Gabonese"],
    "Gambia": ["Gambian"],
    "Georgia": ["Georgian"],
    "Germany": ["German"],
    "Ghana": ["Ghanaian"],
    "Greece": ["Greek"],
    "Guatemala": ["Guatemalan"],
    "Guinea": ["Guinean"],
    "Guinea-Bissau": ["Bissau-Guinean"],
    "Haiti": ["Haitian"],
    "Honduras": ["Honduran"],
    "India": ["Indian"],
    "Indonesia": ["Indonesian"],
    "Iran": ["Iranian"],
    "Iraq": ["Iraqi"],
    "Israel": ["Israeli"],
    "Italy": ["Italian"],
    "Ivory Coast": ["Ivorian", "Cote d'Ivoire", "C\u00f4te d'Ivoire", "C\u00f4te d\u2019Ivoire"],
    "Japan": ["Japanese"],
    "Jordan": ["Jordanian"],
    "Kenya": ["Kenyan"],
    "Lebanon": ["Lebanese"],
    "Liberia": ["Liberian"],
    "Libya": ["Libyan"],
    "Madagascar": ["Malagasy"],
    "Malawi": ["Malawian"],
    "Mali": ["Malian"],
    "Mauritania": ["Mauritanian"],
    "Mexico": ["Mexican"],
    "Morocco": ["Moroccan"],
    "Mozambique": ["Mozambican"],
    "Myanmar": ["Burmese", "Burma", "Myanmar's"],
    "Nepal": ["Nepali", "Nepalese"],
    "Netherlands": ["Dutch", "The Netherlands", "Holland"],
    "Nicaragua": ["Nicaraguan"],
    "Niger": ["Nigerien", "Nigérien"],
    "Nigeria": ["Nigerian"],
    "North Korea": ["North Korean"],
    "Pakistan": ["Pakistani"],
    "Palestine": ["Palestinian", "Palestinian Territory"],
    "Peru": ["Peruvian"],
    "Philippines": ["Filipino", "Philippine"],
    "Poland": ["Polish"],
    "Qatar": ["Qatari"],
    "Russia": ["Russian"],
    "Rwanda": ["Rwandan"],
    "Saudi Arabia": ["Saudi"],
    "Senegal": ["Senegalese"],
    "Sierra Leone": ["Sierra Leonean"],
    "Somalia": ["Somali"],
    "South Africa": ["South African"],
    "South Korea": ["South Korean"],
    "South Sudan": ["South Sudanese"],
    "Spain": ["Spanish"],
    "Sri Lanka": ["Sri Lankan"],
    "Sudan": ["Sudanese"],
    "Syria": ["Syrian"],
    "Tanzania": ["Tanzanian"],
    "Thailand": ["Thai"],
    "Togo": ["Togolese"],
    "Tunisia": ["Tunisian"],
    "Turkey": ["Turkish", "T\u00fcrkiye", "Turkiye"],
    "Uganda": ["Ugandan"],
    "Ukraine": ["Ukrainian"],
    "United Arab Emirates": ["Emirati", "UAE"],
    "United Kingdom": ["British", "UK", "U.K.", "Britain", "Great Britain"],
    "United States": ["American", "US", "U.S.", "USA", "United States of America", "America"],
    "Venezuela": ["Venezuelan"],
    "Yemen": ["Yemeni"],
    "Zambia": ["Zambian"],
    "Zimbabwe": ["Zimbabwean"],
}

# ACLED writes "Military Forces of the United States" but "Civilians (United States)".
THE_COUNTRIES = {"United States", "United Kingdom", "Democratic Republic of Congo", "Republic of Congo",
                 "Central African Republic", "Netherlands", "Philippines", "United Arab Emirates", "Gambia"}

# Other spellings of country names (e.g. GeoNames') -> ACLED's.
COUNTRY_SPELLINGS: dict[str, str] = {
    "Democratic Republic of the Congo": "Democratic Republic of Congo",
    "DR Congo": "Democratic Republic of Congo",
    "DRC": "Democratic Republic of Congo",
    "Republic of the Congo": "Republic of Congo",
    "The Netherlands": "Netherlands",
    "Palestinian Territory": "Palestine",
    "Czechia": "Czech Republic",
    "Timor Leste": "East Timor",
    "Eswatini": "eSwatini",
    "Cote d'Ivoire": "Ivory Coast",
    "C\u00f4te d'Ivoire": "Ivory Coast",
    "USA": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Burma": "Myanmar",
    "T\u00fcrkiye": "Turkey",
}

# --- Ethnic and communal groups --------------------------------------------
ETHNIC_GROUPS: list[str] = [
    "Fulani", "Peul", "Peulh", "Fula", "Dogon", "Bambara", "Tuareg", "Touareg", "Songhai", "Dozo", "Bozo",
    "Mossi", "Hausa", "Kanuri", "Tiv", "Berom", "Jukun", "Tarok", "Idoma", "Igbo", "Yoruba", "Ijaw",
    "Hema", "Lendu", "Banyamulenge", "Nande", "Twa", "Luba", "Teke", "Yaka",
    "Nuer", "Dinka", "Murle", "Shilluk", "Misseriya", "Masalit", "Massalit", "Zaghawa", "Fur", "Nuba",
    "Hawiye", "Darod", "Habar Gidir", "Abgaal", "Marehan", "Ogaden", "Dir",
    "Amhara", "Oromo", "Tigrayan", "Somali", "Afar", "Gumuz", "Gedeo", "Guji", "Konso",
    "Pokot", "Turkana", "Samburu", "Borana", "Gabra", "Kalenjin", "Kikuyu", "Luo", "Maasai",
    "Hutu", "Tutsi", "Anglophone", "Arab", "Baggara", "Rohingya", "Kachin", "Karen", "Shan",
    "Zarma", "Djerma", "Toubou", "Tebu", "Gorane", "Sara",
]

# --- Well-known named groups -----------------------------------------------
# (canonical name, inter code, alias patterns (regex, matched case-insensitively unless all-caps)).
# "{c}" in a name is the country of the event (ACLED's country-specific actors).
KNOWN_GROUPS: list[tuple[str, int, list[str]]] = [
    # Sahel and West Africa
    ("JNIM: Group for Support of Islam and Muslims", 2,
     [r"JNIM", r"GSIM", r"Jama['’]?a?t\s+Nusr[ae]t\s+al-Islam\s+wal?-Muslimin", r"Group\s+(?:for|to)\s+(?:the\s+)?Support\s+(?:of\s+)?Islam\s+and\s+Muslims"]),
    ("Islamic State (West Africa) - Lake Chad Faction", 2,
     [r"ISWAP", r"Islamic\s+State(?:'s)?\s+(?:in\s+)?West\s+Africa(?:\s+Province)?", r"IS\s+West\s+Africa(?:\s+Province)?"]),
    ("Islamic State Sahel Province", 2,
     [r"ISSP", r"ISGS", r"Islamic\s+State\s+(?:in\s+the\s+)?(?:Greater\s+)?Sahara", r"Islamic\s+State\s+(?:in\s+the\s+)?Sahel(?:\s+Province)?", r"IS\s+Sahel(?:\s+Province)?"]),
    ("Boko Haram - Jamaatu Ahli is-Sunna lid-Dawati wal-Jihad", 2,
     [r"Boko\s+Haram", r"JAS", r"Jama['’]?atu\s+Ahlis?[\s-]+Sunna"]),
    ("AQIM: Al Qaeda in the Islamic Maghreb", 2, [r"AQIM", r"al[-\s]Qa['’]?eda\s+in\s+the\s+Islamic\s+Maghreb"]),
    ("Ansaroul Islam", 2, [r"Ansar(?:oul|ul|ul)?\s+Islam"]),
    ("MNLA: National Movement for the Liberation of Azawad", 2,
     [r"MNLA", r"National\s+Movement\s+for\s+the\s+Liberation\s+of\s+(?:the\s+)?Azawad"]),
    ("CMA: Coordination of Azawad Movements", 2, [r"CMA", r"Coordination\s+of\s+(?:the\s+)?Azawad\s+Movements"]),
    ("Dan Na Ambassagou", 4, [r"Dan\s+Na\s+Ambassagou"]),
    ("Dozo Communal Militia ({c})", 4, [r"Dozos?(?:\s+(?:hunters?|militia(?:s|men)?|fighters))?"]),
    ("VDP: Volunteers for the Defense of the Homeland", 3,
     [r"VDP", r"Volunteers\s+for\s+the\s+Defen[cs]e\s+of\s+the\s+(?:Homeland|Fatherland)"]),
    ("Koglweogo Militia", 4, [r"Koglweogo"]),
    ("CJTF: Civilian Joint Task Force", 3, [r"CJTF", r"Civilian\s+Joint\s+Task\s+Force"]),
    ("Ambazonian Separatists", 2, [r"Ambazonian?\s+(?:separatists?|fighters|rebels|militias?|forces)", r"Amba\s+(?:boys|fighters)"]),
    # Central and East Africa
    ("M23: March 23 Movement", 2, [r"M23", r"March\s+23\s+Movement", r"Mouvement\s+du\s+23[\s-]+mars"]),
    ("ADF: Allied Democratic Forces", 2, [r"ADF", r"Allied\s+Democratic\s+Forces"]),
    ("CODECO: Cooperative for the Development of Congo", 4, [r"CODECO"]),
    ("Al Shabaab", 2, [r"al[-\s]?Shabaa?b", r"Shabaa?b"]),
    ("ATMIS: African Union Transition Mission in Somalia", 8, [r"ATMIS", r"African\s+Union\s+Transition\s+Mission\s+in\s+Somalia"]),
    ("AMISOM: African Union Mission in Somalia", 8, [r"AMISOM", r"African\s+Union\s+Mission\s+in\s+Somalia"]),
    ("Rapid Support Forces", 2, [r"RSF", r"Rapid\s+Support\s+Forces?", r"Janjaweed"]),
    ("TPLF: Tigray People's Liberation Front", 2, [r"TPLF", r"Tigray\s+People['’]?s\s+Liberation\s+Front", r"Tigray(?:an)?\s+(?:Defen[cs]e\s+)?[Ff]orces", r"TDF"]),
    ("OLA: Oromo Liberation Army", 2, [r"OLA", r"Oromo\s+Liberation\s+Army"]),
    ("Fano Militia", 4, [r"Fano(?:\s+(?:militia(?:s|men)?|fighters|forces))?"]),
    # Middle East and Asia
    ("Islamic State (Mozambique)", 2, [r"Islamic\s+State\s+Mozambique(?:\s+Province)?", r"ISM", r"Ahl\s+al[-\s]Sunnah?\s+wal?[-\s]Jama['’]?a"]),
    ("Islamic State ({c})", 2, [r"Islamic\s+State", r"ISIS", r"ISIL", r"Daesh", r"IS"]),
    ("Al Qaeda", 2, [r"al[-\s]Qa['’]?[ie]da"]),
    ("Ansar Allah (Houthis)", 2, [r"Houthis?", r"Huthis?", r"Ansar\s*Allah"]),
    ("Hezbollah", 2, [r"Hezbollah", r"Hizbullah", r"Hizbollah"]),
    ("Hamas Movement", 2, [r"Hamas"]),
    ("HTS: Hayat Tahrir al-Sham", 2, [r"HTS", r"Hay['’]?at\s+Tahrir\s+al[-\s]Sham"]),
    ("SDF: Syrian Democratic Forces", 2, [r"SDF", r"Syrian\s+Democratic\s+Forces"]),
    ("PKK: Kurdistan Workers Party", 2, [r"PKK", r"Kurdistan\s+Workers['’]?\s+Party"]),
    ("Islamic Resistance in Iraq", 2, [r"Islamic\s+Resistance\s+in\s+Iraq"]),
    ("Taliban", 2, [r"(?<!Pakistani\s)Taliban"]),
    ("TTP: Tehreek-i-Taliban Pakistan", 2,
     [r"TTP", r"Pakistani\s+Taliban", r"Teh?r(?:ee|i)k[-\s]+[ie][-\s]+Taliban(?:[-\s]+Pakistan)?"]),
    ("AQAP: Al Qaeda in the Arabian Peninsula", 2, [r"AQAP", r"al[-\s]Qa['’]?eda\s+in\s+the\s+Arabian\s+Peninsula"]),
    ("AA: Arakan Army", 2, [r"Arakan\s+Army"]),
    ("PDF: People's Defense Force", 2, [r"People['’]?s\s+Defen[cs]e\s+Forces?"]),
    ("NPA: New People's Army", 2, [r"NPA", r"New\s+People['’]?s\s+Army"]),
    # Latin America
    ("ELN: National Liberation Army", 2, [r"ELN"]),
    ("FARC Dissidents", 2, [r"FARC(?:[-\s]+EP)?(?:\s+dissidents?)?"]),
    ("Clan del Golfo", 2, [r"Clan\s+del\s+Golfo", r"Gulf\s+Clan", r"AGC"]),
    # External / other forces (inter 8)
    ("Wagner Group", 8, [r"Wagner(?:\s+Group)?(?:\s+(?:mercenaries|fighters|forces|paramilitaries))?", r"Africa\s+Corps"]),
    ("United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA)", 8,
     [r"MINUSMA", r"(?:UN|United\s+Nations)\s+(?:peacekeeping\s+)?[Mm]ission\s+in\s+Mali",
      r"United\s+Nations\s+Multidimensional\s+Integrated\s+Stabili[sz]ation\s+Mission\s+in\s+Mali"]),
    ("MONUSCO: United Nations Organization Stabilization Mission in the Democratic Republic of Congo", 8, [r"MONUSCO"]),
    ("MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic", 8, [r"MINUSCA"]),
    ("UNMISS: United Nations Mission in South Sudan", 8, [r"UNMISS"]),
    ("UNIFIL: United Nations Interim Force in Lebanon", 8, [r"UNIFIL"]),
    ("G5 Sahel Joint Force", 8, [r"G5(?:\s+Sahel)?(?:\s+(?:joint\s+)?forces?|\s+troops)?", r"\u201cG5\s+force\u201d"]),
    ("ECOWAS: Economic Community of West African States", 8, [r"ECOWAS", r"Economic\s+Community\s+of\s+West\s+African\s+States"]),
    ("African Union", 8, [r"African\s+Union", r"AU(?=\s+(?:Commission|envoy|mission|troops|summit|Peace))", r"AU"]),
    ("European Union", 8, [r"European\s+Union", r"EU"]),
    ("NATO: North Atlantic Treaty Organization", 8, [r"NATO", r"Nato", r"North\s+Atlantic\s+Treaty\s+Organi[sz]ation"]),
    ("ICRC: International Committee of the Red Cross", 8, [r"ICRC", r"International\s+Committee\s+of\s+the\s+Red\s+Cross"]),
    ("United Nations", 8, [r"United\s+Nations", r"UN(?=\s+(?:Security\s+Council|Secretary|envoy|agency|officials?|experts?|peacekeep|mission|troops|report|human))", r"UN"]),
    ("Military Forces of France", 8, [r"(?:Operation\s+)?Barkhane(?:\s+(?:force|troops|soldiers))?", r"Operation\s+Serval"]),
]

# UN peacekeepers without a name: the mission of the country, when we know it.
UN_MISSIONS: dict[str, str] = {
    "Mali": "United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA)",
    "Democratic Republic of Congo": "MONUSCO: United Nations Organization Stabilization Mission in the Democratic Republic of Congo",
    "Central African Republic": "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
    "South Sudan": "UNMISS: United Nations Mission in South Sudan",
    "Lebanon": "UNIFIL: United Nations Interim Force in Lebanon",
    "Somalia": "ATMIS: African Union Transition Mission in Somalia",
}

# --- Nouns for kinds of actors ---------------------------------------------
POLICE_NOUNS = [r"riot\s+police(?:men)?", r"counter-terrorism\s+department", r"CTD", r"anti-riot\s+(?:police|forces|units?)", r"counter-terrorism\s+police",
                r"police(?:\s+(?:officers?|forces?|units?|men))?", r"policem[ae]n", r"policewom[ae]n", r"gendarmes?",
                r"gendarmerie", r"constabulary", r"paramilitary\s+police"]
MILITARY_NOUNS = [r"(?:security|armed|defen[cs]e|government|state|regular|special|elite)\s+forces", r"soldiers?",
                  r"troops", r"army", r"military", r"armed\s+forces", r"servicem[ae]n", r"navy", r"marines",
                  r"air\s+force", r"airforce", r"warplanes?", r"fighter\s+jets?", r"jets", r"military\s+aircraft",
                  r"helicopter\s+gunships?", r"gunships?", r"paratroopers", r"commandos", r"special\s+forces",
                  r"junta", r"mutineers", r"national\s+guard", r"coast\s+guard", r"peacekeepers", r"forces"]
GOVERNMENT_NOUNS = [r"government", r"authorities", r"(?:foreign|interior|defen[cs]e|security|justice)\s+ministry",
                    r"ministry\s+of\s+(?:foreign\s+affairs|the\s+interior|interior|defen[cs]e|security|justice)",
                    r"(?:foreign|interior|defen[cs]e|prime)\s+minister", r"minister", r"president", r"presidency",
                    r"prime\s+minister", r"cabinet", r"regime", r"governor", r"state\s+department", r"white\s+house",
                    r"kremlin", r"envoy", r"ambassador", r"embassy", r"officials", r"administration"]
PROTESTER_NOUNS = [r"protesters", r"protestors", r"protester", r"demonstrators", r"marchers", r"strikers",
                   r"striking\s+(?:workers|teachers|doctors|nurses|drivers)", r"activists", r"crowds?", r"rally",
                   r"opposition\s+supporters", r"supporters"]
RIOTER_NOUNS = [r"rioters", r"mobs?", r"angry\s+(?:youths|residents|crowds?)", r"looters", r"vigilantes", r"lynch\s+mob"]
ARMED_NOUNS = [r"gunm[ae]n", r"armed\s+(?:men|groups?|individuals|assailants|bandits|attackers|elements|militants)",
               r"unidentified\s+(?:armed\s+)?(?:men|assailants|attackers|gunmen|individuals)",
               r"unknown\s+(?:armed\s+)?(?:men|assailants|attackers|gunmen)", r"assailants", r"attackers?",
               r"militants?", r"insurgents?", r"insurgency", r"jihadists?", r"jihadis", r"islamists?",
               r"islamist\s+(?:groups?|militants|fighters|forces|insurgents)", r"terrorists?", r"terrorist\s+groups?",
               r"rebels?", r"rebel\s+(?:groups?|fighters|forces|movements?)", r"fighters", r"bandits", r"kidnappers",
               r"abductors", r"suicide\s+bombers?", r"bombers?", r"extremists", r"militiam[ae]n", r"militias?",
               r"separatists", r"armed\s+group", r"resistance\s+(?:groups?|fighters|forces|movements?)", r"non-state\s+armed\s+groups?", r"combatants", r"raiders"]
CRIMINAL_NOUNS = [(r"gangs?|gang\s+members|gangsters|extortion\s+gangs?|criminal\s+gangs?", "Unidentified Gang ({c})"),
                  (r"smugglers?|traffickers?", "Smugglers ({c})"),
                  (r"criminals|cartels?|criminal\s+groups?|robbers|armed\s+robbers|drug\s+lords?|narcos", "Unidentified Criminal Group ({c})")]
# civilians, with the ACLED-style label of the sub-group when it is worth keeping as an associated actor.
CIVILIAN_NOUNS: list[tuple[str, str | None]] = [
    (r"civilians?", None), (r"villagers?", None), (r"residents?", None), (r"inhabitants", None), (r"locals", None),
    (r"people", None), (r"persons", None), (r"individuals", None), (r"men", None), (r"women", "Women ({c})"),
    (r"children", "Children ({c})"), (r"boys", None), (r"girls", "Women ({c})"), (r"family", None), (r"families", None),
    (r"herders?", "Pastoralists ({c})"), (r"pastoralists", "Pastoralists ({c})"), (r"farmers?", "Farmers ({c})"),
    (r"fishermen|fishers", "Fishers ({c})"), (r"traders?|merchants|vendors|shopkeepers", "Traders ({c})"),
    (r"passengers?", None), (r"drivers?", None), (r"motorists", None), (r"travell?ers", None),
    (r"worshipp?ers", None), (r"congregants", None), (r"pupils|schoolchildren|students?|schoolgirls|schoolboys", "Students ({c})"),
    (r"teachers?", "Teachers ({c})"), (r"journalists?|reporters?", "Journalists ({c})"),
    (r"aid\s+workers?|humanitarian\s+workers?", "Aid Workers ({c})"), (r"health\s+workers|doctors?|nurses?", "Health Workers ({c})"),
    (r"miners?", "Miners ({c})"), (r"workers?|labou?rers|employees", "Labor Group ({c})"),
    (r"refugees", "Refugees/IDPs ({c})"), (r"displaced\s+(?:people|persons)|IDPs", "Refugees/IDPs ({c})"),
    (r"migrants", "Migrants ({c})"), (r"prisoners|detainees|inmates", "Prisoners ({c})"), (r"hostages", None),
    (r"victims", None), (r"bystanders", None), (r"mourners", None), (r"shoppers", None), (r"guests", None),
    (r"patients", None), (r"tourists", None), (r"party\s+(?:officials|members|supporters)", None),
    (r"opposition\s+(?:leaders?|figures|members|politicians|officials)", None), (r"activists?", None),
    (r"politicians?", None), (r"lawmakers", None), (r"chiefs?|elders|imams?|priests?|pastors?|clerics?", None),
]
# crowd words that only say how many (resolved by the event type: protesters, rioters or civilians).
CROWD_NOUNS = [r"thousands", r"hundreds", r"dozens", r"tens\s+of\s+thousands", r"youths?", r"young\s+(?:men|people)", r"groups?\s+of\s+young\s+men"]

# Heads of capitalised names that make a named organisation (rebel group, party, movement).
GROUP_HEADS = ["Front", "Movement", "Mouvement", "Rally", "Rassemblement", "Party", "Alliance", "Coalition", "Army",
               "Forces", "Force", "Brigade", "Brigades", "Militia", "Council", "Congress", "Organisation", "Organization",
               "Group", "Resistance", "Coordination", "Platform", "Union", "Liberation", "Mujahideen", "Jamaat",
               "Revolutionary", "Rebels", "Guard", "Battalion", "Self-Defence", "Self-Defense", "Defence", "Defense",
               "Cartel", "Gang", "Network", "Committee", "Convention", "League", "Association", "Syndicate"]
# ... words that make a capitalised phrase a place or an office, not an actor.
NOT_GROUP_WORDS = {"Square", "Assembly", "Street", "Road", "Avenue", "Bridge", "Market", "University", "Hospital",
                   "Office", "Ministry", "Court", "Commission", "Place", "Stadium", "Airport", "Base", "Camp", "Day",
                   "Province", "State", "Region", "District", "Palace", "House", "Hotel", "School", "College"}
REBEL_WORDS = {"Front", "Liberation", "Revolutionary", "Resistance", "Army", "Mujahideen", "Jamaat", "Rebels",
               "Brigade", "Brigades", "Battalion", "Forces", "Force", "Jihad", "Islamic", "Ansar", "Renewal",
               "Salvation", "Insurgency", "Defence", "Defense"}
PARTY_WORDS = {"Party", "Rally", "Rassemblement", "Congress", "Alliance", "Coalition", "Convention", "League", "Platform"}
UNION_WORDS = {"Union", "Syndicate", "Association", "Confederation", "Federation"}
CRIME_WORDS = {"Cartel", "Gang", "Network"}


class _BaseTable(dict):
    """code point -> its base character, filled as characters are met (a few hundred at most in practice)."""

    def __missing__(self, code: int) -> str:
        base = self[code] = _base_char(chr(code))
        return base


_BASE_TABLE = _BaseTable()
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")


def strip_accents(s: str) -> str:
    """Drop diacritics one character at a time, so offsets into the result are offsets into ``s``.

    Only the runs of non-ASCII characters are mapped (news text is mostly ASCII), all of them in one
    ``str.translate`` call, joined by NUL characters: translating the whole text costs a dictionary
    look-up per character. Every character maps to one character, never to NUL, so the runs come back apart.
    """
    if s.isascii():
        return s
    parts = _NON_ASCII_RUNS.split(s)  # ASCII, run, ASCII, run, ..., ASCII
    parts[1::2] = "\0".join(parts[1::2]).translate(_BASE_TABLE).split("\0")
    return "".join(parts)


@lru_cache(maxsize=4096)
def _base_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in base if not unicodedata.combining(c))
    return kept[:1] if kept else ch


def acled_country(name: str | None) -> str | None:
    """ACLED's spelling of a country name (``"Democratic Republic of the Congo"`` -> ``"Democratic Republic of Congo"``)."""
    if not name:
        return name
    return COUNTRY_SPELLINGS.get(name.strip(), name.strip())


def of_country(country: str) -> str:
    """The country as it follows "Military Forces of": ``"the United States"``, ``"Mali"``."""
    return f"the {country}" if country in THE_COUNTRIES else country
