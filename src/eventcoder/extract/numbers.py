"""How many: fatalities, injuries, arrests and crowd size from one sentence.

Numbers come as digits ("1,933"), words ("eight", "twenty-two") or vague
quantities ("dozens", "hundreds", "tens of thousands"). A number is an event
figure only when a role word sits right next to it ("11 dead", "killing one
herder", "arrested 22 people", "158 injured"). Totals that are not event
figures — populations, troop strengths, disease case counts, "199 incidents"
— have no role word next to them, or are excluded explicitly.

Vague quantities follow ACLED's conservative convention: "several" = 3,
"dozens"/"a dozen" = 12, "scores" = 20, "hundreds" = 100, "thousands" = 1000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = {
    "a few": 3, "a handful of": 3, "several": 3, "a dozen": 12, "dozens": 12, "dozens of": 12, "scores": 20,
    "scores of": 20, "hundreds": 100, "hundreds of": 100, "thousands": 1000, "thousands of": 1000,
    "tens of thousands": 10000, "tens of thousands of": 10000, "hundreds of thousands": 100000,
    "hundreds of thousands of": 100000, "a hundred": 100, "a thousand": 1000, "many": None,
}

_WORDNUM = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[\s-](?:" + "|".join(k for k in UNITS if k not in ("a", "an", "no", "zero")) + r"))?"
    r"|" + "|".join(sorted((k for k in UNITS if k not in ("a", "an", "no")), key=len, reverse=True)) + r")"
    r"(?:\s+(?:hundred|thousand))?"
)
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE if k != "many"), key=len, reverse=True))
_QUAL = r"(?:(?:at\s+least|more\s+than|over|some|about|around|nearly|almost|up\s+to|as\s+many\s+as|an\s+estimated|approximately|roughly|fewer\s+than|less\s+than|at\s+most)\s+)?"
NUMBER_RE = re.compile(
    r"(?<![\w-])" + _QUAL + r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?|" + _VAGUE + r"|" + _WORDNUM + r")(?![\w-])",
    re.IGNORECASE,
)

_FILLER = r"(?:[\w'’-]+\s+){0,4}?"  # a few words between the number and its role word ("20 Fulani villagers were")
_BE = r"(?:(?:were|was|have\s+been|had\s+been|are|is|being|been|reportedly|also|later)\s+)*"
ROLE_AFTER = {
    "fatalities": re.compile(r"^\s+" + _FILLER + _BE + r"(?:killed|dead|died|slain|executed|massacred|murdered|lost\s+their\s+lives|perished|beheaded|shot\s+dead|drowned|neutrali[sz]ed|deaths?\b|fatalities|bodies)", re.I),
    "injuries": re.compile(r"^\s+" + _FILLER + _BE + r"(?:injured|wounded|hurt|injuries|hospitali[sz]ed)", re.I),
    "arrests": re.compile(r"^\s+" + _FILLER + _BE + r"(?:arrested|detained|rounded\s+up|taken\s+into\s+custody|arrests|held\s+in\s+custody)", re.I),
}
ROLE_BEFORE = {
    "fatalities": re.compile(r"(?:killing|killed|kills|kill|executed|executing|massacred|massacring|murdered|murdering|slaughtered|neutrali[sz]ed|neutrali[sz]ing|lost|losing|leaving|left|death\s+toll\s+(?:of|rose\s+to|reached|stood\s+at|climbed\s+to|to)|the\s+deaths\s+of|the\s+killing\s+of|the\s+killings\s+of|the\s+massacre\s+of|claimed\s+the\s+lives\s+of|shot\s+dead|shooting\s+dead)\s+(?:(?:the|another|at\s+least)\s+)?$", re.I),
    "injuries": re.compile(r"(?:injuring|injured|wounding|wounded|hurting)\s+(?:(?:another|at\s+least)\s+)?$", re.I),
    "arrests": re.compile(r"(?:arrested|arresting|detained|detaining|rounded\s+up|rounding\s+up|arrest\s+of|detention\s+of)\s+(?:(?:another|at\s+least)\s+)?$", re.I),
}
# crowd: "tens of thousands demonstrated", "hundreds of protesters", "2,000 teachers marched"
CROWD_NOUNS = r"(?:protesters|protestors|demonstrators|people|supporters|teachers|students|marchers|workers|women|residents|traders|farmers|youths|activists|opposition\s+supporters|mourners|worshippers|rioters|doctors|nurses|miners|drivers)"
CROWD_AFTER = re.compile(r"^\s+(?:of\s+)?(?:[\w'’-]+\s+){0,2}?(?:" + CROWD_NOUNS + r"\b|demonstrated|marched|rallied|protested|gathered|took\s+to\s+the\s+streets|joined|camped|turned\s+out)", re.I)
# Numbers that are never event figures when these follow them closely.
NOT_FIGURE_AFTER = re.compile(
    r"^\s+(?:[\w'’-]+\s+){0,2}?(?:incidents|cases|percent|per\s+cent|%|years?|months?|weeks?|days?|hours?|km|kilomet|miles|metres|meters|"
    r"dollars|euros|francs|cfa|troops|seats|votes|schools|villages|towns|tonnes|tons|vehicles|attacks|"
    r"million\s+people|million\s+inhabitants|inhabitants|population|a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)", re.I)
PART_OF = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+those)\s+(?:at\s+least\s+)?$", re.I)
DISEASE = re.compile(r"\b(?:coronavirus|covid|cholera|ebola|measles|pandemic|infections?|tested\s+positive|cases)\b", re.I)


@dataclass
class Figure:
    value: int | None
    text: str
    start: int
    end: int
    qualifier: str | None = None  # "at least", "more than", ...


@dataclass
class Figures:
    fatalities: Figure | None = None
    injuries: Figure | None = None
    arrests: Figure | None = None
    crowd_size: Figure | None = None
    all: dict[str, list[Figure]] = field(default_factory=dict)


def parse_number(phrase: str) -> int | None:
    """Value of a number phrase: "1,933" -> 1933, "eight" -> 8, "twenty-two" -> 22, "dozens" -> 12."""
    p = " ".join(phrase.lower().replace("-", " ").split())
    p = re.sub(r"^(?:at least|more than|over|some|about|around|nearly|almost|up to|as many as|an estimated|approximately|roughly|fewer than|less than|at most)\s+", "", p)
    if p in VAGUE:
        return VAGUE[p]
    if p.replace(" of", "") in VAGUE:
        return VAGUE[p.replace(" of", "")]
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(million|thousand))?", p)
    if m:
        base = float(m.group(1).replace(",", ""))
        mult = {"million": 1_000_000, "thousand": 1000}.get(m.group(2) or "", 1)
        return int(base * mult)
    total = 0
    current = 0
    for w in p.split():
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def find_numbers(text: str) -> list[Figure]:
    out = []
    for m in NUMBER_RE.finditer(text):
        n_text = m.group("n")
        if n_text.lower() in ("a", "an", "one") and not re.search(r"(?i)\b(?:killing|killed|executed|arrested|injuring|wounding)\s+(?:a|an|one)\s*$", text[: m.start("n")] + " "):
            # "one" / "a" are too common to be figures unless a role word precedes them ("killing one herder")
            pass
        value = parse_number(n_text)
        if value is None:
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", n_text):  # a year
            continue
        qual = m.group(0)[: m.start("n") - m.start()].strip() or None
        out.append(Figure(value, m.group(0), m.start(), m.end(), qual))
    return out


def extract_figures(text: str, *, event_type: str | None = None) -> Figures:
    """Find the event figures in one sentence.

    Args:
        text: the sentence.
        event_type: the sentence's event type, when known; crowd sizes are only
            read for Protests and Riots.
    Returns:
        :class:`Figures`, each role holding its first figure (offsets relative to ``text``).
    """
    figs = Figures(all={"fatalities": [], "injuries": [], "arrests": [], "crowd_size": []})
    disease = bool(DISEASE.search(text))
    for f in find_numbers(text):
        after = text[f.end:]
        before = text[: f.start]
        if NOT_FIGURE_AFTER.match(after):
            continue
        roles = []
        for role, rx in ROLE_AFTER.items():
            if rx.match(after):
                roles.append(role)
        if not roles:
            for role, rx in ROLE_BEFORE.items():
                if rx.search(before):
                    # "leaving 11 dead and 158 injured": "leaving" only makes a fatality with "dead" after
                    if role == "fatalities" and re.search(r"(?i)(?:leaving|left)\s+(?:at\s+least\s+)?$", before) and not re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:dead|killed)", after, re.I):
                        continue
                    roles.append(role)
                    break
        if not roles and (event_type in (None, "Protests", "Riots")) and CROWD_AFTER.match(after):
            if f.value is not None and f.value >= 2 or f.qualifier:
                roles.append("crowd_size")
        if disease and "fatalities" in roles and re.search(r"(?i)deaths?\s+(?:have\s+been\s+)?(?:confirmed|recorded|reported)|cases", text):
            continue  # "109 deaths have been confirmed ... cases of coronavirus": an epidemic tally
        for role in roles[:1]:
            figs.all[role].append(f)
    for role in ("fatalities", "injuries", "arrests", "crowd_size"):
        if figs.all[role]:
            setattr(figs, role, figs.all[role][0])
    # ACLED counts every death of the event: "killed six soldiers and lost 20 fighters" is 26, but
    # "killed nine, including four soldiers" is nine
    deaths = [f for f in figs.all["fatalities"] if not PART_OF.search(text[max(0, f.start - 30):f.start])]
    if len(deaths) > 1 and all(f.value is not None for f in deaths):
        first = deaths[0]
        total = sum(f.value for f in deaths)
        figs.fatalities = Figure(total, text[first.start:deaths[-1].end], first.start, deaths[-1].end, first.qualifier)
    return figs


def score(examples: Iterable[tuple[str, dict[str, int | None]]]) -> dict[str, float]:
    """Per-role accuracy on ``(sentence, {"fatalities": 8, "injuries": None, ...})`` examples."""
    hits: dict[str, int] = {}
    totals: dict[str, int] = {}
    for text, gold in examples:
        figs = extract_figures(text)
        for role, want in gold.items():
            got = getattr(figs, role)
            got_v = got.value if got else None
            if role == "crowd_size" and got is not None:
                got_v = got.value
            totals[role] = totals.get(role, 0) + 1
            hits[role] = hits.get(role, 0) + int(got_v == want)
    return {role: hits[role] / totals[role] for role in totals}
