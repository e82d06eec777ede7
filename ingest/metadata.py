"""Where a saved page says what it is: its URL, site, title, author and publication date.

Pure functions over the page's text (no file names, no database). Only what the page itself
states counts: a "Source: https://..." or "Canonical URL: ..." line, a URL standing alone on
one of the first or last lines, "Posted on <date>" / "Published <date>" lines, and bylines
("By Ana Ruiz", "Posted by Ana Ruiz"). The site is the URL's host unless a "Site:" or
"Publisher:" line names it.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ingest.dates import parse_date
from ingest.types import ParsedDocument

# How many non-blank lines at each end of a page may hold a bare URL (a saved page's
# header or footer); a URL in the running text is a link, not the page's address.
EDGE_LINES = 12

_URL = r"(https?://[^\s<>\"'“”]+)"
_LABELLED_URL = re.compile(
    r"^\s*(?:source|url|link|canonical(?:\s+(?:url|link))?|permalink|original(?:ly)?\s+"
    r"(?:published|posted)\s+(?:at|on)|read\s+(?:more|the\s+original)\s+at|archived\s+from)"
    r"\s*[:\-–—]?\s*" + _URL + r"\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_BARE_URL = re.compile(r"^\s*<?" + _URL + r">?\s*$")
_LABELLED = re.compile(
    r"^\s*(?P<label>title|site|publisher|author)\s*:\s*(?P<value>\S.{0,198}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_PUBLISHED = re.compile(
    r"^\s*(?:posted|published|first\s+published|date(?:\s+published)?)(?:\s+on)?\s*[:\-–—]?\s*"
    r"(?P<when>[^\n]{4,60}?)(?:\s+by\s+(?P<by>[^\n]{2,80}))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_BYLINE = re.compile(
    r"^\s*(?:[Pp]osted\s+)?[Bb]y\s+(?P<name>" + _NAME_WORD + r"(?:\s+(?:de|van|von|da|del|al|bin|"
    r"la|le)?\s*" + _NAME_WORD + r"){0,4})\s*(?:[,|·•–—-].*)?$",
    re.MULTILINE,
)
# Trailing punctuation a URL picks up from the sentence around it.
_URL_TAIL = ".,;:!?)]}’”"


@dataclass(frozen=True)
class PageMetadata:
    """What a page states about itself; empty strings and None where it says nothing."""

    title: str = ""
    site: str = ""
    url: str = ""
    author: str = ""
    published: date | None = None


def _clean_url(url: str) -> str:
    url = url.rstrip(_URL_TAIL)
    parts = urlsplit(url)
    return url if parts.scheme in {"http", "https"} and "." in parts.netloc else ""


def page_url(text: str) -> str:
    """The page's own address: a labelled URL line anywhere, else a bare URL line at an edge."""
    if (match := _LABELLED_URL.search(text)) and (url := _clean_url(match.group(1))):
        return url
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]:
        if (match := _BARE_URL.match(line)) and (url := _clean_url(match.group(1))):
            return url
    return ""


def site_of(url: str) -> str:
    """The host of ``url`` without "www." ("https://www.example.org/a" -> "example.org")."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _author(name: str) -> str:
    # "Posted on ... by Ana Ruiz in Harbour News": the blog's category is not the author.
    name = re.split(r"\s+in\s+|\s*[|·•]\s*", name, maxsplit=1)[0]
    name = name.strip(" ,.|·")
    # "By the numbers", "By contrast": a byline has at least two words and no lower-case word
    # other than a particle.
    words = name.split()
    return name if 2 <= len(words) <= 5 else ""


def page_metadata(text: str) -> PageMetadata:
    """Everything ``text`` states about the page it was saved from."""
    labelled = {}
    for match in _LABELLED.finditer(text):
        labelled.setdefault(match.group("label").lower(), match.group("value").strip())
    url = page_url(text)
    published, author = None, ""
    for match in _PUBLISHED.finditer(text):
        if when := parse_date(match.group("when")):
            published = when
            author = _author(match.group("by") or "")
            break
    if not author and (match := _BYLINE.search(text)):
        author = _author(match.group("name"))
    return PageMetadata(
        title=labelled.get("title", ""),
        site=labelled.get("site") or labelled.get("publisher") or site_of(url),
        url=url,
        author=labelled.get("author") or author,
        published=published,
    )


def with_metadata(document: ParsedDocument) -> ParsedDocument:
    """``document`` with what its text states about the page (a stated title wins)."""
    meta = page_metadata(document.text)
    document.title = meta.title or document.title
    document.site, document.url = meta.site, meta.url
    document.author, document.published = meta.author, meta.published
    return document
