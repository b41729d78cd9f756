"""Line-level removal of web boilerplate from scraped text and Markdown.

A line is boilerplate when it is *made entirely* of boilerplate phrases: the
rules below are matched one after another from the start of the line (after
Markdown is stripped for matching), and the line goes only if they consume it
to the end. So "Downloading PDF. Please wait... Issue 2719" goes (two rules
glued together), while a reporting sentence that merely contains "sign up" or
"donation" stays: no rule can eat the rest of the sentence.

Public API: :data:`RULES`, :func:`boilerplate_rules`, :func:`is_boilerplate`,
:func:`clean_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import plain_line


@dataclass(frozen=True)
class Rule:
    """One named boilerplate pattern.

    Attributes:
        name: short identifier, reported by :func:`boilerplate_rules`.
        pattern: compiled regex matched at a position inside the line (``re.match``
            semantics, case-insensitive); it need not reach the end of the line.
        doc: what the rule removes and why it is safe.
    """

    name: str
    pattern: re.Pattern[str]
    doc: str


def _rule(name: str, regex: str, doc: str) -> Rule:
    # Every rule may end with closing punctuation and must end on a word edge.
    return Rule(name, re.compile(rf"(?:{regex})(?![\w])[.!:…»›>]*", re.I), doc)


_Q = "[‘'\"“«]"
_QE = "[’'\"”»]"
_SOCIAL = r"(?:twitter|facebook|x|instagram|telegram|youtube|tiktok|linkedin|bluesky|mastodon|whatsapp|threads)"
_CREDIT = r"(?:pic|pics|picture|photo|photos|photograph|image|credit|source image)"

RULES: list[Rule] = [
    _rule(
        "newsletter_prompt",
        rf"(?:sign[ -]?up|subscribe|register)(?: now| today| here)?(?: for| to)(?: our| the| my)?"
        rf"[\w ,'’-]{{0,60}}\b(?:newsletters?|e-?mails?|bulletins?|updates?|briefings?|digests?|alerts?|mailing list)"
        rf"(?:\s*{_Q}[^\n]{{1,60}}?{_QE})?"
        rf"|(?:get|receive) (?:our|the) [\w ,'’-]{{0,40}}\b(?:newsletter|briefing|bulletin|digest)"
        rf"|enter your e-?mail(?: address)?",
        """Newsletter / sign-up prompts: "Sign up for our daily email update ‘Breakfast in Red’".""",
    ),
    _rule(
        "donation_ask",
        r"make an? (?:one-off |regular |monthly |small )?donation(?: to [^.,;!?\n]{1,50})?"
        r"|(?:please )?donate(?: now| today| here)?(?: to [^.,;!?\n]{1,50})?"
        r"|support (?:independent|our|quality|local|socialist|radical|reader-funded) (?:journalism|reporting|media|press|news)"
        r"|support us(?: today| now)?"
        r"|become an? (?:member|supporter|subscriber|patron|donor)(?: today| now)?"
        r"|help (?:to )?(?:fund|finance|sustain|support) (?:us|our (?:work|journalism|reporting)|the resistance"
        r"|independent (?:journalism|media)|this (?:site|website|paper|newspaper))",
        """Donation asks: "Make a donation to Socialist Worker", "Support independent journalism",
        "Help fund the resistance".""",
    ),
    _rule(
        "pdf_download",
        r"downloading pdf\.? please wait\.*",
        """The print-edition PDF loader text: "Downloading PDF. Please wait...".""",
    ),
    _rule(
        "article_age",
        r"this (?:article|story|post) is (?:more than |over )?[\w, ]{1,40}? old",
        """Archive warnings: "This article is over 3 years, 9 months old" (not a date).""",
    ),
    _rule(
        "issue_number",
        r"issue(?: no\.?| number)? ?#?\d{1,5}",
        """Bare print issue numbers: "Issue 2719", also glued after another phrase.""",
    ),
    _rule(
        "section_heading",
        r"(?:latest|related|more|top|trending|popular|recommended|breaking) (?:news|stories|articles|posts|reads|content)"
        r"|most (?:read|popular|viewed|shared)|you may also like|recommended for you|read next|what to read next",
        """Navigation headings between the article and link lists: "Latest News", "Most read".""",
    ),
    _rule(
        "contact_footer",
        r"to contact the [^.!?\n]{1,80}? visit|contact us",
        """Contact footers: "To contact the WSWS and the Socialist Equality Party visit:" (may span two lines).""",
    ),
    _rule(
        "bare_link",
        r"(?:https?://|www\.)\S+|(?:[a-z0-9-]+\.)+(?:org|com|net|info|int|news|press|media|co\.uk|org\.uk|[a-z]{2})(?:/\S*)?",
        """A line that is only a URL or a domain path, like the link under a contact footer.""",
    ),
    _rule(
        "cookie_notice",
        r"(?:we use cookies|this (?:web)?site uses cookies|by (?:continuing|using) (?:to (?:browse|use) )?(?:this|our) (?:web)?site)[^\n]{0,300}"
        r"|accept(?: all)? cookies|(?:cookie|privacy) (?:policy|settings|preferences)|manage (?:cookies|consent)",
        """Cookie banners and their buttons: "We use cookies to improve your experience...".""",
    ),
    _rule(
        "share_prompt",
        rf"share (?:this(?: article| story| post| page)?|on {_SOCIAL})"
        rf"|(?:follow|like|find|join) us(?: on| at)? {_SOCIAL}(?:(?:,| and| or) {_SOCIAL})*",
        """Share and follow prompts: "Share this article", "Follow us on Twitter".""",
    ),
    _rule(
        "button_word",
        rf"share|tweet|e-?mail|print|copy link|comments?|reply|subscribe|sign (?:up|in)|log ?in|register|menu|search"
        rf"|home|advertisement|skip to (?:main )?content|back to top|{_SOCIAL}|reddit|pinterest",
        """Lone button and menu words: "Share", "Print", "Facebook", "Advertisement".""",
    ),
    _rule(
        "read_more",
        r"(?:read more|read also|also read|see also|more on this(?: story)?|related)\s*[:»›>]\s*[^\n]{0,200}"
        r"|read more|click here[^\n]{0,100}",
        """Link teasers: "Read more: ...", "See also: ...", "Click here to ...".""",
    ),
    _rule(
        "copyright",
        r"(?:©|\(c\))[^\n]{0,120}|copyright\s*(?:©\s*)?\d{4}[^\n]{0,120}|all rights reserved",
        """Copyright lines: "© 2025 Lake Chad Monitor. All rights reserved.".""",
    ),
    _rule(
        "picture_credit",
        rf"\(\s*{_CREDIT}s?\s*:[^)\n]{{1,80}}\)|{_CREDIT}s?\s*:\s*[^\n]{{1,60}}",
        """Stand-alone picture credits: "(Pic: DefenceHQ)", "Photo: AFP".""",
    ),
]

_SEP = r"[\s|·•,;/–—-]*"  # between glued phrases
_SEPARATORS = re.compile(_SEP)
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_CREDIT_TAIL = re.compile(rf"^\s*(?:\(\s*{_CREDIT}\s*:[^)]*\)|{_CREDIT}\s*:.*)$", re.I)
_MAX_GLUE = 400  # no boilerplate line is longer than this


def _match_form(line: str) -> str:
    """The line as the rules see it: Markdown stripped, whitespace collapsed."""
    return " ".join(plain_line(line).replace("*", " ").split())


def _split(s: str) -> list[str] | None:
    """Split a line into consecutive rule matches (plus separators), or None.

    Dynamic programming over positions: every rule is tried at every reachable
    position, so the cost stays linear in the line length (a single combined
    regex would backtrack exponentially on lines like "ab.cd/ab.cd/...").
    """
    paths: dict[int, list[str]] = {_SEPARATORS.match(s).end(): []}  # type: ignore[union-attr]
    for pos in range(len(s) + 1):
        if pos not in paths:
            continue
        if pos == len(s):
            return paths[pos]
        for rule in RULES:
            m = rule.pattern.match(s, pos)
            if m and m.end() > pos:
                paths.setdefault(_SEPARATORS.match(s, m.end()).end(), paths[pos] + [rule.name])  # type: ignore[union-attr]
    return None


def boilerplate_rules(line: str) -> list[str]:
    """Name the rules that together consume a whole line.

    Args:
        line: one line of text or Markdown.

    Returns:
        The rule names in order if the whole line is boilerplate, else ``[]``.
    """
    s = _match_form(line)
    if not s or len(s) > _MAX_GLUE:
        return []
    return _split(s) or []


def is_boilerplate(line: str) -> bool:
    """Say whether a line is made entirely of boilerplate phrases.

    Args:
        line: one line of text or Markdown.

    Returns:
        True if the rules in :data:`RULES`, glued one after another, match the
        whole line (after Markdown is stripped).
    """
    return bool(boilerplate_rules(line))


def is_unfinished(line: str) -> bool:
    """True if a non-blank line does not end with terminal punctuation (. ! ? : ; …)."""
    return bool(line.strip()) and not _TERMINAL.search(line.rstrip())


def _credited_duplicate(caption: str, credited: str) -> bool:
    """True if ``credited`` repeats ``caption`` and adds only a picture credit."""
    a, b = _match_form(caption), _match_form(credited)
    return bool(a) and b.startswith(a) and bool(_CREDIT_TAIL.match(b[len(a):]))


def _dropped_lines(lines: list[str]) -> set[int]:
    """Indices of boilerplate lines, caption pairs and two-line boilerplate phrases."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not line.strip() or i in drop:
            continue
        if is_boilerplate(line):
            drop.add(i)
            continue
        following = [j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()]
        nxt = following[0] if following else None
        if nxt is not None and _credited_duplicate(line, lines[nxt]):
            drop.update({i, nxt})  # a picture caption and its credited duplicate
        elif (
            nxt == i + 1
            and is_unfinished(line)
            and not is_boilerplate(lines[nxt])
            and is_boilerplate(line.rstrip() + " " + lines[nxt].strip())
        ):
            drop.update({i, nxt})  # one boilerplate phrase wrapped over two lines
    return drop


def _rejoin(lines: list[str]) -> list[str]:
    """Re-join paragraphs broken mid-sentence and collapse blank-line runs to one."""
    out: list[str] = []
    blank = False
    for line in lines:
        if not line.strip():
            blank = bool(out)
            continue
        if out and blank and is_unfinished(out[-1]) and line.lstrip()[:1].islower():
            out[-1] = out[-1] + " " + line.lstrip()
        else:
            if blank:
                out.append("")
            out.append(line)
        blank = False
    return out


def clean_lines(text: str) -> str:
    """Remove boilerplate lines from text or Markdown and tidy the layout.

    Steps: strip trailing whitespace; drop lines wholly made of boilerplate
    (see :data:`RULES`), a boilerplate phrase wrapped over two adjacent lines,
    and a picture caption together with its duplicate carrying "(Pic: ...)";
    re-join a paragraph a scraper broke mid-sentence (a line without terminal
    punctuation, blank line(s), then a line starting in lowercase); collapse
    runs of blank lines to one; trim leading and trailing blank lines.

    Args:
        text: a document, plain text or Markdown.

    Returns:
        The cleaned text (no trailing newline), "" if nothing is left.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    drop = _dropped_lines(lines)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(_rejoin(kept))
