"""A post's own date: its dateline, "Posted on" line or a line holding only a date.

Page headers above the headline and crawl dates are not the post's date; a dateline
("GENEVA, 2 March 2021 --") beats them.
"""

import re
from datetime import date

from ingest.dates import FoundDate, find_dates
from ingest.event_text import body_lines

# "GENEVA, 2 March 2021 --", "Lyon (4 May 2019) –": a place, then the date, then a dash
_DATELINE_PREFIX_RE = re.compile(r"^[A-Z][\w .’'()-]{0,50}(?:,|\()\s*$")
_DATELINE_SUFFIX_RE = re.compile(r"^\)?\s*(?:/[^/\n]{1,60}/)?\s*(?:--|[-–—:(])")
_POSTED_RE = re.compile(
    r"\b(?:posted|published|updated|dated?|released)(?:\s+on)?\s*:?\s*$", re.IGNORECASE
)
_META_SEPARATOR_RE = re.compile(r"\s[|·•]\s")
# "21/10/2018 by Jane Roe — News": a date, then the writer, then perhaps a dash and categories
_DATE_FIRST_BYLINE_RE = re.compile(r"^[\s,|·•–—-]*(?:by|By|BY)\s+[A-Z][^!?\n]{0,120}$")
_DATE_ONLY_LEFTOVER_RE = re.compile(r"^[\W_]*(?:on|posted|published|date|dated)?[\W_]*$", re.I)


def _is_dateline(body: str, found: FoundDate) -> bool:
    """Whether a date opens the body as "CITY, Dec. 4, 2017 /Wire/ --"."""
    line_start = body.rfind("\n", 0, found.start) + 1
    prefix = body[line_start : found.start]
    if prefix.strip() and not _DATELINE_PREFIX_RE.match(prefix):
        return False
    rest = body[found.end : found.end + 70]
    if prefix.strip() and not rest.split("\n", 1)[0].strip(" .,"):
        return True  # "Geneva, 2 March 2021" on a line of its own
    return bool(_DATELINE_SUFFIX_RE.match(rest))


def _is_byline(body: str, found: FoundDate) -> bool:
    """Whether a date sits on a "Posted on ..." or "By ..." line, or alone on its line."""
    line_start = body.rfind("\n", 0, found.start) + 1
    line_end = body.find("\n", found.end)
    line_end = len(body) if line_end < 0 else line_end
    before, after = body[line_start : found.start], body[found.end : line_end]
    if _POSTED_RE.search(before):
        return True
    if before.lstrip().startswith("By ") and len(before) + len(after) < 160:
        return True
    if _DATE_ONLY_LEFTOVER_RE.match(before) and _DATE_FIRST_BYLINE_RE.match(after):
        return True
    if len(before) + len(after) < 160:
        # "Posted by Staff | Dec. 4, 2017 | Policy", "08.10.2019 · 52 min": a metadata line
        # whose items are set apart by bars or dots; the date is one item of its own
        head = _META_SEPARATOR_RE.split(before)[-1]
        tail = _META_SEPARATOR_RE.split(after)[0]
        if (head != before or tail != after) and _DATE_ONLY_LEFTOVER_RE.match(head + tail):
            return True
    return bool(_DATE_ONLY_LEFTOVER_RE.match(before + after))


def _placed(body: str, found: FoundDate) -> bool:
    """Whether a place name stands before the date on its line ("Lyon, 4 May 2019")."""
    line_start = body.rfind("\n", 0, found.start) + 1
    return bool(body[line_start : found.start].strip())


def _caption(body: str, found: FoundDate) -> bool:
    """ "March 30, 2017: Council meets the press": a caption that dates what it shows."""
    return body[found.end : found.end + 2].startswith(":") and not _placed(body, found)


def _metadata_mentions(body: str, default_year: int | None) -> list[FoundDate]:
    """Datelines first, then date lines and bylines: the mentions that date the post."""
    found = find_dates(body, default_year=default_year)
    lines = body_lines(body)
    head_end = lines[min(len(lines), 6) - 1][0] + 400 if lines else 0
    tail_start = lines[-6][0] if len(lines) >= 6 else 0
    # "GENEVA, 2 March 2021 --": a place before the date makes it the post's own dateline
    datelines = [
        f for f in found if f.start <= head_end and _is_dateline(body, f) and _placed(body, f)
    ]
    dated = [f for f in found if f.year_given and f not in datelines]
    # a date opening a line, then a dash ("May 2, 2019 -- ..."), or a date line or byline;
    # "March 30, 2017: Council meets the press" is a caption dating what it shows
    bylines = [
        f
        for f in dated
        if f.start <= head_end
        and ((_is_dateline(body, f) and not _caption(body, f)) or _is_byline(body, f))
    ]
    tail = [f for f in dated if f.start >= tail_start and f not in bylines and _is_byline(body, f)]
    return datelines + bylines + tail


def own_date_mention(body: str, *, default_year: int | None = None) -> FoundDate | None:
    """The mention that gives the post's date: dateline, byline or a date-only line.

    A dateline ("GENEVA, 2 March 2021 --") beats a date line printed above it, which is
    often the page's header or crawl date. With ``default_year`` a dateline may leave out
    its year ("Paris, June 30 (Wire) --").
    """
    found = _metadata_mentions(body, default_year)
    return found[0] if found else None


def metadata_mentions(body: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Every dateline, byline and date-only line of the body: they date the page or the
    post, never the event it reports."""
    return _metadata_mentions(body, default_year)


def article_date(*, title: str, body: str) -> date | None:
    """The post's own publication date (dateline, "Posted on", date line), if it states one."""
    mention = own_date_mention(body)
    if mention is not None:
        return mention.value
    in_title = [f for f in find_dates(title or "") if f.year_given]
    return in_title[0].value if in_title else None
