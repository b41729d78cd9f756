"""When: resolve the date expressions of a sentence against the publication date.

ACLED's time precision: 1 the exact day, 2 a range of up to a week (or
"this week", "end of April"), 3 only the month. For ranges the date given
is the first day of the range.

Rules (each has a test in tests/extract/test_when.py):
- "on Tuesday" / "Tuesday" is the most recent Tuesday on or before publication,
  unless the tense is future ("will march on Tuesday") -> the next one.
- "last Wednesday" is the most recent Wednesday strictly before publication
  (published Wednesday 19 Aug 2020 -> 12 Aug 2020).
- "on March 23, 2019", "23 March 2019" -> that day; "2 June", "January 26" take
  the publication year, or the year before when that would be after publication.
- "in February" -> month precision; "at the end of April" -> the last week, precision 2.
- "this week" -> Monday of the publication week, precision 2.
- "a month later", "one week later", "two days later" count from the date the
  text was just talking about (the discourse date); "three days of fighting
  followed" starts the day after it, precision 2.
- With no publication date, anything that needs one stays unresolved (None)
  and says why — never today's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("end_of_month", re.compile(r"\b(?:at\s+|by\s+|since\s+)?the\s+(?P<part>end|beginning|start|middle|mid)\s+of\s+" + _MON + r"(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("month", re.compile(r"\b(?P<prep>in|during|since|by|early|late|mid-?|throughout)\s+(?:early\s+|late\s+|mid-?)?" + _MON + r"(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("last_wd", re.compile(r"\blast\s+" + _WD + r"\b", re.I)),
    ("next_wd", re.compile(r"\b(?:next|this\s+coming|coming)\s+" + _WD + r"\b", re.I)),
    ("wd", re.compile(r"\b(?:on\s+)?" + _WD + r"(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this\s+morning|this\s+afternoon|this\s+evening)\b", re.I)),
    ("this_week", re.compile(r"\b(?:this|earlier\s+this)\s+week\b", re.I)),
    ("last_week", re.compile(r"\blast\s+week\b", re.I)),
    ("later", re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+(?P<unit>day|days|week|weeks|month|months)\s+later\b", re.I)),
    ("days_of", re.compile(r"\b(?P<n>two|three|four|five|six|seven|several|\d+)\s+days\s+of\s+\w+.{0,80}?\bfollowed\b", re.I)),
    ("next_day", re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+after)\b", re.I)),
    ("year", re.compile(r"\bin\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
]
FUTURE = re.compile(r"\b(?:will|would|shall|plans?\s+to|planned|is\s+to|are\s+to|to\s+be\s+held|scheduled|next|upcoming|due\s+to|set\s+to|intends?\s+to|expected\s+to|culminating|called\s+(?:a|for\s+a|for)\s+\w+)\b", re.I)


@dataclass(frozen=True)
class DateResult:
    """A resolved date: ``value`` None means unresolved; ``start``/``end`` are offsets in the sentence."""

    value: date | None
    precision: int | None
    start: int
    end: int
    text: str
    note: str | None = None
    kind: str = ""


def _year_for(month: int, day: int, published: date | None, explicit: str | None, future: bool = False) -> int | None:
    """The year of a day-and-month: stated, else the publication year — the year before when that
    would put a past event after publication, the year after when a future one would fall before it."""
    if explicit:
        return int(explicit)
    if published is None:
        return None
    y = published.year
    try:
        candidate = date(y, month, day)
    except ValueError:
        return None
    if future:
        if candidate < published - timedelta(days=7):
            y += 1
    elif candidate > published + timedelta(days=1):
        y -= 1
    return y


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(kind: str, m: re.Match[str], published: date | None, context: date | None, future: bool) -> tuple[date | None, int | None, str | None]:
    """Resolve one matched expression. Returns (date, precision, note)."""
    need_pub = "publication date unknown: relative expression left unresolved"
    g = m.groupdict()
    if kind == "iso":
        return _safe(int(g["y"]), int(g["m"]), int(g["d"])), 1, None
    if kind in ("mdy", "dmy"):
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["d"])
        if not 1 <= day <= 31:
            return None, None, None
        y = _year_for(mon, day, published, g.get("y"), future)
        if y is None:
            return None, None, f"day {day}/{mon} known, year unknown (no publication date)"
        return _safe(y, mon, day), 1, None
    if kind == "end_of_month":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        y = _year_for(mon, 1, published, g.get("y"))
        if y is None:
            return None, None, f"month {mon} known, year unknown (no publication date)"
        part = g["part"].lower()
        if part == "end":
            nxt = date(y + (mon == 12), mon % 12 + 1, 1)
            return nxt - timedelta(days=7), 2, None
        if part in ("middle", "mid"):
            return date(y, mon, 11), 2, None
        return date(y, mon, 1), 2, None
    if kind == "month":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        y = _year_for(mon, 1, published, g.get("y"))
        if y is None:
            return None, None, f"month {mon} known, year unknown (no publication date)"
        return date(y, mon, 1), 3, None
    if kind == "year":
        return None, None, f"only the year {g['y']} is given"
    if published is None and kind in ("last_wd", "next_wd", "wd", "yesterday", "today", "this_week", "last_week"):
        return None, None, need_pub
    if kind == "last_wd":
        wd = WEEKDAYS[g["wd"].lower()]
        delta = (published.weekday() - wd) % 7 or 7
        return published - timedelta(days=delta), 1, None
    if kind == "next_wd" or (kind == "wd" and future):
        wd = WEEKDAYS[g["wd"].lower()]
        delta = (wd - published.weekday()) % 7
        return published + timedelta(days=delta), 1, None
    if kind == "wd":
        wd = WEEKDAYS[g["wd"].lower()]
        delta = (published.weekday() - wd) % 7
        return published - timedelta(days=delta), 1, None
    if kind == "yesterday":
        return published - timedelta(days=1), 1, None
    if kind == "today":
        return published, 1, None
    if kind == "this_week":
        return published - timedelta(days=published.weekday()), 2, None
    if kind == "last_week":
        return published - timedelta(days=published.weekday() + 7), 2, None
    if kind in ("later", "days_of", "next_day"):
        if context is None:
            return None, None, "relative to an earlier event whose date is unknown"
        if kind == "next_day":
            return context + timedelta(days=1), 1, None
        if kind == "days_of":
            return context + timedelta(days=1), 2, None
        n_raw = g["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else NUM_WORDS.get(" ".join(n_raw.split()), 1)
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return context + timedelta(days=n), 1, None
        if unit == "week":
            return context + timedelta(days=7 * n), 2, None
        mon = context.month - 1 + n
        y, mon = context.year + mon // 12, mon % 12 + 1
        return _safe(y, mon, 1), 3, None
    return None, None, None


def _future_near(sentence: str, m: re.Match[str]) -> bool:
    """Future tense governs this expression: a future marker in the words just before it
    ("would hold a sit-in on Wednesday"), and not a possessive ("Saturday's statement")."""
    if sentence[m.end():m.end() + 2] in ("'s", "’s"):
        return False
    before = sentence[max(0, m.start() - 70):m.start()]
    before = re.split(r"[.;:]|,\s+(?:and|but|which|who|after|before)\b", before)[-1]
    return bool(FUTURE.search(before))


_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Words every match of a pattern contains (in lower case): a sentence without any of them is not searched
# with that pattern. Most sentences name no month, weekday or relative time, and 16 searches per sentence
# were most of this stage's time.
NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("19", "20"), "mdy": _MONTH_WORDS, "dmy": _MONTH_WORDS, "end_of_month": _MONTH_WORDS, "month": _MONTH_WORDS,
    "last_wd": ("day",), "next_wd": ("day",), "wd": ("day",), "yesterday": ("yesterday", "night"),
    "today": ("today", "tonight", "morning", "afternoon", "evening"), "this_week": ("week",), "last_week": ("week",),
    "later": ("later",), "days_of": ("followed",), "next_day": ("day",), "year": ("19", "20"),
}


def find_dates(sentence: str, published: date | None, context: date | None = None) -> list[DateResult]:
    """Every date expression in ``sentence``, resolved, left to right, non-overlapping."""
    taken: list[tuple[int, int]] = []
    out: list[DateResult] = []
    # the word test is exact for ASCII text; other text (where case-insensitive matching knows more
    # letters than str.lower does, like the Kelvin sign for "k") is searched with every pattern
    low = sentence.lower() if sentence.isascii() else None
    for kind, rx in PATTERNS:
        if low is not None and not any(w in low for w in NEEDS[kind]):
            continue
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value, precision, note = resolve(kind, m, published, context, _future_near(sentence, m))
            if value is None and note is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(DateResult(value, precision, m.start(), m.end(), m.group(0), note, kind))
    out.sort(key=lambda r: r.start)
    return out


def resolve_date(phrase: str, published: date | None, context: date | None = None) -> DateResult | None:
    """Resolve one phrase ("last Wednesday") against ``published``; the first expression found wins."""
    found = find_dates(phrase, published, context)
    return found[0] if found else None


def sentence_date(sentence: str, published: date | None, context: date | None = None) -> DateResult | None:
    """The date of the event a sentence reports: the first resolved expression, else the first unresolved one."""
    found = find_dates(sentence, published, context)
    resolved = [r for r in found if r.value is not None and r.kind != "year"]
    # a stated calendar date outranks a relative one ("one week later ... on February 3")
    absolute = [r for r in resolved if r.kind in ("iso", "mdy", "dmy")]
    if absolute:
        return absolute[0]
    if resolved:
        return resolved[0]
    return found[0] if found else None


def score(examples: Iterable[tuple[str, date | None, date | None, int | None]]) -> dict[str, float]:
    """Accuracy of date and precision on ``(sentence, published, gold_date, gold_precision)``."""
    n = d_ok = p_ok = 0
    context: date | None = None
    for sentence, published, gold, gold_p in examples:
        r = sentence_date(sentence, published, context)
        n += 1
        d_ok += (r.value if r else None) == gold
        p_ok += (r.precision if r else None) == gold_p
    return {"date_accuracy": d_ok / n if n else 0.0, "precision_accuracy": p_ok / n if n else 0.0}
