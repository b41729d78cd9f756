"""Turn light markup (Markdown, simple HTML) into plain text.

Used by the readers before boilerplate removal, and by the boilerplate and
metadata rules to see a line the way a reader sees it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_HEADING_TAIL = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE_LINE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")  # hrule or setext underline
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_COMMENT = re.compile(r"<!--.*?-->")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"`([^`]+)`")
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
# Every pattern of plain_line needs one of these (or a "-"/"+" bullet), and html.unescape an "&"
_ESCAPE_MARKS = [(chr(0xE000 + i), chr(0xE001 + i)) for i in range(0, 32, 2)]
_MARKUP_CHAR = re.compile(r"[\\#>*!\[<`_~&]|^\s*[-+]")

_MD_SIGNS = [
    re.compile(r"^#{1,6}\s+\S", re.M),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"\*\*\S[^*\n]*\*\*"),
]


def looks_like_markdown(text: str) -> bool:
    """Say whether plain text carries Markdown syntax worth stripping.

    Args:
        text: a whole document.

    Returns:
        True if the text has a ``#`` heading, a ``[text](url)`` link or ``**bold**``.
    """
    return any(sign.search(text) for sign in _MD_SIGNS)


def plain_line(line: str) -> str:
    """Strip Markdown and HTML syntax from one line, keeping its words.

    Heading marks, quote marks, bullets, emphasis, inline code, images and tags
    go; ``[text](url)`` keeps ``text``; entities are unescaped.

    Args:
        line: one line of Markdown (plain text passes through unchanged).

    Returns:
        The line as a reader sees it.
    """
    if not _MARKUP_CHAR.search(line):
        return line  # nothing below can match: most lines of a plain-text article
    escapes: list[str] = []
    # Backslash escapes are hidden behind private-use marks the line does not contain itself
    # (article text may hold any character: a mark it brings must not be taken for ours).
    marks = next(((a, b) for a, b in _ESCAPE_MARKS if a not in line and b not in line), None)

    def hide(match: re.Match[str]) -> str:
        escapes.append(match.group(1))
        return f"{marks[0]}{len(escapes) - 1}{marks[1]}"

    s = _ESCAPE.sub(hide, line) if marks else line
    if _HEADING.match(s):
        s = _HEADING_TAIL.sub("", _HEADING.sub("", s))
    s = _QUOTE.sub("", s)
    s = _BULLET.sub("", s)
    s = _IMAGE.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _REF_LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _COMMENT.sub("", s)
    s = _TAG.sub("", s)
    s = _CODE.sub(r"\1", s)
    for pattern in _EMPHASIS:
        s = pattern.sub(r"\1", s)
    if escapes:
        s = re.sub(f"{marks[0]}(\\d+){marks[1]}", lambda m: escapes[int(m.group(1))], s)
    return html.unescape(s)


def strip_markdown(text: str) -> str:
    """Strip Markdown syntax from a document, keeping its text and line structure.

    Code fences, horizontal rules, setext underlines and link reference
    definitions become blank lines; every other line goes through
    :func:`plain_line`. Line count is preserved so line indices stay valid.

    Args:
        text: a Markdown document.

    Returns:
        Plain text with the same number of lines.
    """
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
        elif in_fence:
            out.append(line)
        elif _RULE_LINE.match(line) or _REF_DEF.match(line):
            out.append("")
        else:
            out.append(plain_line(line))
    return "\n".join(out)


class _ParagraphParser(HTMLParser):
    """Collect the text of ``<p>`` elements outside page chrome."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._skip_depth = 0
        self._in_p = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip_depth += 1
        elif tag == "p" and not self._skip_depth:
            self._flush()
            self._in_p = True
        elif tag == "br" and self._in_p:
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "p":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_p and not self._skip_depth:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.paragraphs.append(text)
        self._buffer = []
        self._in_p = False


def html_paragraph_text(page: str) -> str:
    """Fallback HTML extraction: the text of every ``<p>`` outside nav/header/footer/aside.

    Args:
        page: an HTML document.

    Returns:
        Paragraphs separated by blank lines ("" if there are none).
    """
    parser = _ParagraphParser()
    parser.feed(page)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs)
