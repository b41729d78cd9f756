"""Metadata a document states about itself: headline, byline, dateline, outlet, language.

Everything here reads what the text (or the HTML) *says*. Nothing is guessed:
no date from today, from a URL or from a relative phrase ("3 years old",
"yesterday"); no title from a lead paragraph.

Public API: :class:`Metadata`, :func:`extract`, :func:`remove_lines`,
:func:`parse_dateline`, :func:`html_published`, :func:`guess_language`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from .boilerplate import is_boilerplate
from .markup import plain_line

TOP_LINES = 12  # headline, byline and dateline live in the first non-blank lines
BOTTOM_LINES = 10  # outlet footers live in the last ones

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PREFIX = r"(?:(?:first\s+)?(?:published|posted|updated|dated?)(?:\s+on)?\s*:?\s*)?"
_TIME = r"(?:\s*(?:,|at|-|–|\||·)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?)?"
_DATE_CORE = [
    rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T ][\d:.+\-Z]*)?",
]
_DATELINES = [re.compile(rf"^{_PREFIX}{_WEEKDAY}{core}{_TIME}\s*\.?$", re.I) for core in _DATE_CORE]

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|de|da|del|van|von|bin|ibn|al|el|le|la|du|dos|der|ben)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{0,4}}"
_BYLINE = re.compile(
    rf"^(?:By|BY|by)\s*:?\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*?)(?:\s*(?:,|\||·|•|–|—|-|\bon\b)\s*(?P<rest>.*))?$"
)
_NOT_NAME_WORDS = {
    "the", "is", "are", "was", "were", "says", "said", "has", "have", "had", "to", "of", "in", "on",
    "for", "and", "after", "over", "amid", "as", "at", "with", "news", "latest", "live", "update", "updates",
}  # fmt: skip
_TIME_WORDS = set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today tomorrow yesterday tonight last next early late "
    "midnight noon dawn dusk then now".split()
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_OUTLET_TOP = re.compile(r"^(?P<name>[A-Z][\w&'’.]*(?:\s+[A-Z&][\w&'’.]*){0,4})\s*[—–]\s*(?P<rest>.*)$")
_OUTLET_LINES = [
    re.compile(r"^source\s*:\s*(?P<name>[^.,;|]{2,60}?)\.?$", re.I),
    re.compile(r"^published\s+by\s*:?\s*(?P<name>[^.,;|]{2,60}?)\.?$", re.I),
    re.compile(
        r"^(?:(?:©|\([cC]\))\s*(?:[Cc]opyright\s*)?|(?:[Cc]opyright|COPYRIGHT)\s*©?\s*(?=\d))"
        r"(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?,?\s*"
        r"(?P<name>[A-Z][^.,;|©]{1,60}?)(?:[.,;|]|\s+[Aa]ll [Rr]ights [Rr]eserved|$)"
    ),
]
_CONTACT_LINK = re.compile(r"(?:https?://)?(?:www\.)?(?P<domain>(?:[a-z0-9-]+\.)+[a-z]{2,})/\S*contact", re.I)

_STOPWORDS = frozenset(
    "the and of to in is was that for with as on by it at from this be are were have has had not but which "
    "who they their he she his her will would said an or been after than more its also into about there "
    "when what we our you them these those could should other".split()
)


@dataclass(frozen=True)
class Metadata:
    """What a document states about itself, and which of its lines said it.

    Attributes:
        title, author, published, source: the values found (None when not stated).
        lines: indices of the lines that carried them (headline, byline, dateline,
            outlet line); they are removed from the cleaned text.
    """

    title: str | None = None
    author: str | None = None
    published: date | None = None
    source: str | None = None
    lines: frozenset[int] = field(default_factory=frozenset)


def parse_dateline(text: str) -> date | None:
    """Read a line that is wholly a date, as a dateline states it.

    Accepts "22 June 2020", "June 22, 2020", "2020-06-22", "Monday 22 June 2020",
    optionally prefixed by "Published"/"Updated" and followed by a time. Relative
    phrases and lines with other words return None.

    Args:
        text: one line (or an attribute value such as ``2020-06-22T10:00:00Z``).

    Returns:
        The date, or None if the line is not a date or names an impossible one.
    """
    s = " ".join(plain_line(text).split())
    for pattern in _DATELINES:
        m = pattern.match(s)
        if m:
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"][:3].lower()]
            try:
                return date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                return None
    return None


def _name_like(text: str) -> bool:
    """2-4 capitalised words (particles allowed), no digits, no common verb or function word."""
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 50 or any(c.isdigit() for c in text):
        return False
    if any(w.lower().strip(".,") in _NOT_NAME_WORDS | _TIME_WORDS for w in words):
        return False
    return bool(re.fullmatch(rf"{_NAME}", text)) and words[-1][0].isupper()


def _byline_affiliation(text: str) -> str | None:
    """The outlet in "By NAME, Outlet" (a short capitalised affiliation that is not a date)."""
    m = _BYLINE.match(text) if len(text) <= 120 else None
    rest = (m.group("rest") or "").strip(" ,;|—–-") if m else ""
    if rest and parse_dateline(rest) is None and len(rest.split()) <= 5 and re.fullmatch(r"[A-Z][\w'’&.-]*(?:\s+[\w'’&.-]+){0,4}", rest):
        return rest
    return None


_LABELLED = re.compile(r"^(?P<label>author|written\s+by|date|published|posted)\s*:\s*(?P<value>.+)$", re.I)
_CREDIT = re.compile(r"\((?:photo|pic|picture|image)\s*:\s*(?P<name>[^/)]{2,60})(?:/[^)]*)?\)", re.I)
_DONATE_TO = re.compile(r"^(?:make\s+a\s+donation|donate|give)\s+to\s+(?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z&][\w'’&.-]*){0,4})\s*[.!]?$", re.I)
_SELF_DESCRIPTION = re.compile(r"^(?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z&][\w'’&.-]*){0,4})\s+is\s+an?\s+(?:\w+\s+){0,3}(?:news|newspaper|magazine|outlet|service|agency|publication|media)\b")


def _byline(text: str) -> tuple[str, date | None] | None:
    """Parse "By NAME" (optionally followed by a date or a short affiliation) into (name, date).

    "By Friday, the protesters had gathered." is not a byline: a time word is not
    a name, and a byline does not go on into a sentence.
    """
    if len(text) > 120:
        return None
    m = _BYLINE.match(text)
    if not m:
        return None
    name = m.group("name").strip()
    if any(w.lower().strip(".,") in _TIME_WORDS for w in name.split()):
        return None
    rest = (m.group("rest") or "").strip()
    stated = parse_dateline(rest) if rest else None
    if rest and stated is None and (len(rest.split()) > 6 or rest.endswith(".")):
        return None
    return name, stated


def _outlet_with_date(text: str) -> tuple[str, date | None] | None:
    """Parse a top line "Sahel Wire —" or "Sahel Wire — 22 June 2020"."""
    m = _OUTLET_TOP.match(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    stated = parse_dateline(rest) if rest else None
    if rest and stated is None:
        return None  # "BAMAKO — Protesters..." is a place dateline on a lead, not an outlet
    return m.group("name"), stated


def _footer_outlet(lines: list[str]) -> str | None:
    """Site name from a contact link in the footer: the domain, or its label as the footer spells it."""
    footer = " ".join(line for line in lines if len(line) <= 300)  # contact lines are short
    m = _CONTACT_LINK.search(footer)
    if not m:
        return None
    domain = m.group("domain").lower()
    if re.fullmatch(r"(?:[\w-]+\.)*example\.(?:org|com|net)", domain):
        return None  # reserved for documentation: names no outlet
    label = domain.split(".")[0]
    spelled = re.search(rf"\b{re.escape(label)}\b", re.sub(r"\S*\.\S*/\S*", " ", footer), re.I)
    return spelled.group(0) if spelled else domain


def _title_line(top: list[tuple[int, str, str]], stated: str | None) -> int | None:
    """Index of the headline among the top (index, raw, plain) lines.

    With ``stated`` (a title known from elsewhere) the line repeating it is only
    located. Otherwise: the first ``# `` heading; else the first line that is not
    boilerplate, byline, dateline or outlet line, if it is a heading of any level
    or a substantial line that reads as a headline (under 200 characters, no
    final period).
    """
    if stated:
        want = " ".join(stated.split()).casefold()
        return next((i for i, _, text in top if text.casefold() == want), None)
    for i, raw, text in top:
        if raw.lstrip().startswith("# ") and text:
            return i
    for i, raw, text in top:
        if is_boilerplate(raw) or _byline(text) or parse_dateline(text) or _outlet_with_date(text):
            continue
        if _HEADING.match(raw) and text:
            return i
        if len(text.split()) < 3 or _name_like(text):
            continue  # not substantial: a place, a section label, a name
        if len(text) < 200 and not text.endswith("."):
            return i
        return None  # the first substantial line is reporting: there is no headline
    return None


def _edge_outlet(edge: list[tuple[int, str]]) -> tuple[str, int | None] | None:
    """An outlet named by a "Source:", "Published by" or "© YEAR NAME" line.

    Returns:
        (name, index of the line to drop as metadata, or None for copyright
        lines, which boilerplate removal drops anyway), or None.
    """
    for i, line in edge:
        for n, pattern in enumerate(_OUTLET_LINES):
            m = pattern.match(line)
            if m:
                return m.group("name").strip(), (i if n < 2 else None)
    return None


def extract(text: str, *, title: str | None = None) -> Metadata:
    """Read headline, byline, dateline and outlet from a raw (uncleaned) document.

    Args:
        text: the document before boilerplate removal, plain text or Markdown.
        title: a title already known (e.g. from HTML metadata); when given, no
            headline is guessed, the line repeating it is only located.

    Returns:
        A :class:`Metadata` with the values the text states and the indices of
        the lines that stated them.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    top = [(i, lines[i], " ".join(plain_line(lines[i]).split())) for i in nonblank[:TOP_LINES]]
    used: set[int] = set()
    author: str | None = None
    published: date | None = None
    source: str | None = None

    title_at = _title_line(top, title)
    if title_at is not None:
        used.add(title_at)
        title = title or next(text for i, _, text in top if i == title_at)
    for n, (i, _, line) in enumerate(top):
        if i in used:
            continue
        stated: date | None = None
        labelled = _LABELLED.match(line)
        if labelled and labelled.group("label").lower() in ("author", "written by") and author is None:
            author = labelled.group("value").strip()
        elif labelled and published is None and parse_dateline(labelled.group("value").strip()):
            stated = parse_dateline(labelled.group("value").strip())
        elif author is None and (by := _byline(line)):
            author, stated = by
            source = source or _byline_affiliation(line)
        elif published is None and parse_dateline(line):
            stated = parse_dateline(line)
        elif source is None and (outlet := _outlet_with_date(line)) and (n == 0 or outlet[1] is not None):
            source, stated = outlet
        else:
            continue
        used.add(i)
        published = published or stated
    if author is None and title_at is not None:
        after = [(i, line) for i, _, line in top if i > title_at]
        if after and _name_like(after[0][1]):
            author = after[0][1]
            used.add(after[0][0])

    bottom = [(i, " ".join(plain_line(lines[i]).split())) for i in nonblank[-BOTTOM_LINES:]]
    if source is None:
        # an outlet confirmed twice: a short name line at the top that photo credits or a
        # self-description ("X is an independent news service") also name
        named_elsewhere = {m.group("name").strip() for line in lines for m in _CREDIT.finditer(line)}
        named_elsewhere |= {m.group("name") for _, line in bottom if (m := _SELF_DESCRIPTION.match(line))}
        for i, _, line in top:
            if i not in used and line in named_elsewhere:
                source = line
                used.add(i)
                break
        if source is None and author is not None:
            # Markdown mastheads: a lone bold line near the headline that is not the byline
            for i, raw, line in top:
                if i not in used and re.fullmatch(r"\s*(\*\*|__)[^*_]{2,60}\1\s*", raw) and line != author \
                        and re.fullmatch(r"[A-Z][\w'’&.-]*(?:\s+[A-Z&][\w'’&.-]*){0,4}", line):
                    source = line
                    used.add(i)
                    break
        described = [m.group("name") for _, line in bottom if (m := _SELF_DESCRIPTION.match(line))]
        # a site asks for money for itself: "Make a donation to Socialist Worker"
        described += [m.group("name") for _, line in bottom if (m := _DONATE_TO.match(line))]
        if source is None and len(described) == 1:
            source = described[0]  # "Logone Voice is an independent news service based in Moundou."
    if source is None and (named := _edge_outlet([(i, line) for i, _, line in top] + bottom)):
        source, line_at = named
        if line_at is not None:
            used.add(line_at)
    source = source or _footer_outlet([line for _, line in bottom])
    return Metadata(title or None, author, published, source, frozenset(used))


def remove_lines(text: str, indices: frozenset[int] | set[int]) -> str:
    """Blank out the given lines (keeping line count, so other indices stay valid).

    Args:
        text: a document.
        indices: 0-based line numbers to blank.

    Returns:
        The document with those lines emptied.
    """
    return "\n".join("" if i in indices else line for i, line in enumerate(text.split("\n")))


class _DateTags(HTMLParser):
    """Collect dates a page states in meta tags, JSON-LD, itemprop and <time>."""

    META = {
        "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
        "dcterms.created", "dcterms.issued", "pubdate", "publishdate", "publish-date", "publication_date",
        "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[str] = []
        self.ldjson: list[str] = []
        self.itemprop: list[str] = []
        self.times: list[str] = []
        self._in_ld = False
        self._in_time = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        if tag == "meta" and key in self.META and a.get("content"):
            self.meta.append(a["content"])
        elif a.get("itemprop", "").lower() == "datepublished":
            self.itemprop.append(a.get("datetime") or a.get("content") or "")
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_ld = True
        elif tag == "time":
            if a.get("datetime"):
                self.times.append(a["datetime"])
            else:
                self._in_time, self._buffer = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False
        elif tag == "time" and self._in_time:
            self.times.append("".join(self._buffer))
            self._in_time = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ldjson.append(data)
        elif self._in_time:
            self._buffer.append(data)


def _ld_published(blocks: list[str]) -> list[str]:
    """``datePublished`` values from JSON-LD blocks (invalid JSON is skipped)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.append(node["datePublished"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for block in blocks:
        try:
            walk(json.loads(block))
        except ValueError:
            continue
    return found


def html_published(page: str) -> date | None:
    """The publication date an HTML page states, never a guess.

    Looks, in order, at publication meta tags, JSON-LD ``datePublished``,
    ``itemprop="datePublished"`` and ``<time>`` elements. No URL, no today, no
    date found in running text (visible datelines are read from the extracted
    text by :func:`extract`).

    Args:
        page: an HTML document.

    Returns:
        The first stated date that parses, or None.
    """
    tags = _DateTags()
    try:
        tags.feed(page)
        tags.close()
    except Exception:  # html.parser is lenient, but a page is untrusted input
        return None
    for value in tags.meta + _ld_published(tags.ldjson) + tags.itemprop + tags.times:
        stated = parse_dateline(value.strip())
        if stated:
            return stated
    return None


def guess_language(text: str) -> str | None:
    """Cheap language guess: "en" when common English function words are frequent.

    Args:
        text: cleaned article text.

    Returns:
        "en" if at least 20% of the (10 or more) words are English stopwords, else None.
    """
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 10:
        return None
    share = sum(w in _STOPWORDS for w in words) / len(words)
    return "en" if share >= 0.2 else None
