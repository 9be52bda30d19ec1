"""Split a plain-text news page into title, metadata and a clean body (no Django).

The files look like the seeds: a title first, then whatever header lines the
page has (outlet, byline, date), then the body, then site boilerplate (reader
comments, vote counters, captcha text, tag lines) that is left out.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

FOOTER_PATTERNS = [
    r"\d+\s+thoughts?\s+on\b",
    r"join the conversation\b",
    r"your email address will not be published",
    r"\d+\s+users?\s+have\s+voted",
    r"add new comment\b",
    r"this question is for testing whether",
    r"solve this simple math problem",
    r"tags?:",
    r"please let us know if you'?re having issues with commenting",
    r"original url:",
    r"get top stories",
    r"this article originally appeared (?:in|on)\b",
    r"write to\b",
    r"leave a (?:reply|comment)\b",
    r"(?:related|read more|share this|comments)\s*:?$",
    r"(?:copyright|©)",
]
_FOOTER = re.compile(r"^(?:" + "|".join(FOOTER_PATTERNS) + r")", re.IGNORECASE)
_CHROME = re.compile(r"^(?:you are here|advertisement|skip to (?:main )?content)\s*$", re.I)
_BYLINE = re.compile(r"^By\s+(?P<who>[^-–—|]+?)\s*(?:[-–—|]\s*(?P<rest>.*))?$")
_ORIGINALLY = re.compile(
    r"^this article originally appeared (?:in|on)\s+(?P<src>.+?)\.?\s*$", re.IGNORECASE
)
_WRITE_TO = re.compile(r"^write to\s+(?P<who>.+?)(?:\s+at\b.*)?$", re.IGNORECASE)
_URL = re.compile(r"<?(?P<url>https?://[^\s<>]+)>?")
AGENCIES = {
    "reuters",
    "ap",
    "associated press",
    "afp",
    "agence france-presse",
    "bloomberg",
    "xinhua",
    "tass",
    "ria novosti",
    "sputnik",
    "anadolu",
    "dpa",
    "upi",
    "efe",
    "ansa",
}
DATE_FORMATS = [
    "%B %d, %Y",
    "%B %d,%Y",
    "%b %d, %Y",
    "%b %d,%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
    "%A %d %B %Y",
    "%A, %B %d, %Y",
]


@dataclass
class ParsedArticle:
    title: str = ""
    body: str = ""
    outlet: str = ""
    original_source: str = ""
    author: str = ""
    published: date | None = None
    url: str = ""
    header_lines: list = field(default_factory=list)
    # (start, end) offsets of the body's lines in the raw text, for extraction on the file.
    body_regions: list = field(default_factory=list)


def clean_line(line):
    """Drop Markdown heading and emphasis marks and collapse spaces."""
    line = re.sub(r"^\s*#+\s*", "", line)
    line = line.replace("**", "").replace("__", "")
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def parse_date(text):
    text = re.sub(r"\s+", " ", text.strip().rstrip("."))
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _is_paragraph(line):
    words = line.split()
    return len(words) >= 12 and re.search(r"[.!?”\"»]\]?\s*$", line) is not None


_NEWLINE = re.compile(r"\r\n|\r|\n")


def lines_with_offsets(text):
    """(start, end, line) for each line; offsets index `text` whatever its line endings."""
    start = 0
    for newline in _NEWLINE.finditer(text):
        yield start, newline.start(), text[start : newline.start()]
        start = newline.end()
    yield start, len(text), text[start:]


def _match_known(name, known):
    lowered = name.lower().removeprefix("the ").strip()
    for candidate in known:
        if candidate.lower().removeprefix("the ").strip() == lowered:
            return candidate
    return ""


def parse_article(text, known_outlets=()):
    """Parse `text` into a ParsedArticle; `known_outlets` are names a header line may match."""
    lines = list(lines_with_offsets(text))
    parsed = ParsedArticle()
    index = 0
    # Title: the first line that is not page chrome.
    while index < len(lines):
        cleaned = clean_line(lines[index][2])
        index += 1
        if cleaned and not _CHROME.match(cleaned):
            parsed.title = cleaned
            break
    # Header lines: short lines before the first real paragraph.
    while index < len(lines):
        start, end, raw = lines[index]
        cleaned = clean_line(raw)
        if cleaned and (_is_paragraph(cleaned) or _FOOTER.match(cleaned)):
            break
        index += 1
        if not cleaned or _CHROME.match(cleaned) or cleaned == parsed.title:
            continue
        parsed.header_lines.append(cleaned)
        _read_header_line(parsed, cleaned, known_outlets)
    # Body: paragraphs up to the first footer line.
    paragraphs = []
    footer_from = len(lines)
    for position in range(index, len(lines)):
        start, end, raw = lines[position]
        cleaned = clean_line(raw)
        if not cleaned or _CHROME.match(cleaned):
            continue
        if _FOOTER.match(cleaned):
            footer_from = position
            break
        paragraphs.append(cleaned)
        parsed.body_regions.append((start, end))
    parsed.body = "\n\n".join(paragraphs)
    _read_footer(parsed, [clean_line(raw) for _, _, raw in lines[footer_from:]])
    return parsed


def _read_header_line(parsed, line, known_outlets):
    byline = _BYLINE.match(line)
    if byline:
        who = byline.group("who").strip()
        if who.lower() in AGENCIES or _match_known(who, known_outlets):
            parsed.original_source = parsed.original_source or (
                _match_known(who, known_outlets) or who
            )
        else:
            parsed.author = parsed.author or who
        for part in re.split(r"\s+[-–—|]\s+", byline.group("rest") or ""):
            day = parse_date(part)
            if day and not parsed.published:
                parsed.published = day
        return
    day = parse_date(line)
    if day:
        parsed.published = parsed.published or day
        return
    outlet = _match_known(line, known_outlets)
    if outlet and not parsed.outlet:
        parsed.outlet = outlet


# Header lines that name a section of a site, not the site.
_SECTIONS = {
    "news",
    "world",
    "world news",
    "politics",
    "middle east",
    "opinion",
    "analysis",
    "business",
    "breaking news",
    "home",
    "latest",
    "features",
    "comment",
    "iraq",
}
_OUTLET_WORD = re.compile(r"^(?:[A-Z][\w'’.&-]*|&|of|the|and|for|al-[A-Z][\w'’-]*)$")


def outlet_line(parsed):
    """The header line that reads as a publication's name when no known outlet matched
    ("Baghdad Ledger", "The Moscow Times", "Rudaw.net"): one to five capitalised words
    (with "of", "the", "and"), no digits, not the title and not a section name; else ""."""
    if parsed.outlet:
        return ""
    for line in parsed.header_lines:
        words = line.split()
        if (
            1 <= len(words) <= 5
            and len(line) <= 60
            and line != parsed.title
            and not re.search(r"\d", line)
            and line.lower() not in _SECTIONS
            and words[0][0].isupper()
            and all(_OUTLET_WORD.match(word) for word in words)
            and not _BYLINE.match(line)
            and words[-1].lower() not in AGENCIES
        ):
            return line
    return ""


def _read_footer(parsed, footer):
    for position, line in enumerate(footer):
        originally = _ORIGINALLY.match(line)
        if originally and not parsed.original_source:
            parsed.original_source = originally.group("src").strip()
        write_to = _WRITE_TO.match(line)
        if write_to and not parsed.author:
            parsed.author = write_to.group("who").strip()
        if line.lower().startswith("original url") and not parsed.url:
            for candidate in [line, *footer[position + 1 : position + 4]]:
                found = _URL.search(candidate)
                if found:
                    parsed.url = found.group("url")
                    break


class UnreadableText(ValueError):
    """The input is not an article's text: empty, binary or not UTF-8."""


def decode_text(data):
    """`data` (bytes) as text: UTF-8 with an optional BOM, or UnreadableText saying why not."""
    if b"\x00" in data:
        raise UnreadableText("the file is binary (it contains NUL bytes), not plain text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableText(
            f"the file is not UTF-8 (invalid byte at position {error.start}); "
            "save it as UTF-8 and try again"
        ) from error
    return check_text(text)


def check_text(text):
    """`text` unchanged when it can be an article, else UnreadableText saying why not."""
    if not text.strip():
        raise UnreadableText("the text is empty")
    if "\x00" in text:
        raise UnreadableText("the text is binary (it contains NUL characters), not plain text")
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 65536):
        raise UnreadableText("the text is full of control characters; is it a binary file?")
    return text
