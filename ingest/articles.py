"""Strip site chrome from a scraped page, split it into posts and find each post's headline.

Scraped blog pages repeat the same furniture around every post: menus and category lists,
tag lines, "Please follow and like us:", "Continue Reading", "Staff Writer", copyright and
share lines. Headlines are often printed twice (link text, then the heading), sometimes
around an image caption.
"""

import itertools
import re
from dataclasses import dataclass

from ingest.dates import find_dates
from ingest.text import Span, blank_line_blocks, lines, word_set

# A line that ends a post: everything after it belongs to the next one.
_POST_END = re.compile(
    r"^(?:please follow and like us:?|continue reading|read more|recent posts|"
    r"copyright\b.*|©.*|share this:?|like this:?|related posts?:?|please share\b.*|"
    r"[-_*=~]{3,}|(?:[*·•] ?){3,})$",  # "---", "* * *": a rule between two stories
    re.IGNORECASE,
)
# Lines that are furniture wherever they appear.
_CHROME = re.compile(
    r"^(?:(?:staff|stuff) writer|by staff writer|category:.*|categories:.*|month:.*|"
    r"posts tagged.*|tags?:.*|filed under:?.*|\d+\s*x\s*\d+|advertisement|"
    r"social media & sharing icons.*|.*powered by:?.*|print|email|facebook|twitter|"
    r"generic selectors|search in (?:title|content)|exact matches only|"
    r"post type selectors|filter by categories|skip to content|menu|home|"
    r"share(?: this)?(?: article| post| story| page)?:?(?: .{0,80})?|"
    r"staff (?:report|reporter)|news provided by|media contact:?|"
    # a site-search box: "Searching for your content...", "No results found. Please ..."
    r"search(?:ing)?\b.{0,60}(?:\.\.\.|…)|no results found\b.*|"
    # "Reading Time : 3 min", "4 min read": reading-time badges
    r"(?:estimated\s+)?read(?:ing)?\s+time\s*:?\s*\d+\s*min(?:ute)?s?\.?|\d+\s*min(?:ute)?s?\s+read|"
    # masthead credits: "Editor in Chief Jane Roe", "Supervisor: John Doe"
    r"(?:editor[- ]in[- ]chief|managing editor|deputy editor|supervisor|publisher)\s*:?"
    r"\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$",
    re.IGNORECASE,
)
# "By Anneliese Voigt, Vienna correspondent": a byline names the writer, not a speaker.
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][^.!?:;“”\"\d]{2,100}$")
# "Home | News | Sport", "Books · Essays · Poetry", "NEWS > LOCAL > POLITICS": site navigation.
# "Home   Who we are   Press": menu items set apart by runs of spaces or tabs also count.
_NAV_SEPARATOR = re.compile(r"\s(?:\||·|>|»|/)\s|[ \u00a0]{3,}|\t+")
# Image captions and credits.
_CAPTION = re.compile(r"^(?:archive photo|photo(?: credit)?|image|file photo|source)\b.*:", re.I)
# "Water,UNHRC,Elections,..." - a tag list is comma-separated without spaces after most commas.
_TAG_LIST = re.compile(r"^[^.!?“”\"]+(?:,[^ ,][^,]*){2,}$")

# A line that is only a date, perhaps with a weekday and a "Published" label.
_DATE_LINE = re.compile(
    r"^(?:published|posted|updated)?:?\s*(?:[A-Z][a-z]+,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|"
    r"[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})\b[^.!?]{0,40}$",
    re.IGNORECASE,
)

# "“Nobody sleeps outside”: Mayor Lind on shelters": a quoted phrase, a colon, then more words
_QUOTED_HEADLINE = re.compile(r"^[“\"‘][^“”\"\n]{1,120}[”\"’]\s*[:–—]\s+\w")

# A line ending in one of these words continues on the next line: prose, not a headline.
_RUN_ON_WORDS = word_set("and or but of the a an to in on at by for with from")
# "date 2018-06-27 Mayor opens bridge": a date label run into the headline in front of it
_DATE_LABEL = re.compile(
    r"^\s*(?:date|dated|published|posted|updated)\s*:?\s*(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4})\s+"
    r"(?=\S)",
    re.IGNORECASE,
)

MENU_MIN_LINES = 4
MENU_LINE_MAX = 80
TITLE_MAX = 220
LABEL_WORDS = 4  # a source or section label line has at most this many words


@dataclass(frozen=True)
class Post:
    """One post inside a page: its extent, headline and the lines holding its body."""

    start: int
    end: int
    title: str
    title_span: Span | None
    body: tuple[Span, ...]


def is_post_end(line: str) -> bool:
    """True for the share/continue lines that close a post."""
    return bool(_POST_END.match(line.strip()))


def is_chrome_line(line: str) -> bool:
    """True for menu, tag, byline, caption-credit and share lines."""
    line = line.strip()
    if not line:
        return True
    if is_post_end(line) or _CHROME.match(line) or _CAPTION.match(line) or is_nav_line(line):
        return True
    if _BYLINE.match(line) and len(line.split()) <= 12:
        return True
    return bool(_TAG_LIST.match(line) and line.count(", ") * 2 < line.count(","))


def is_nav_line(line: str) -> bool:
    """A navigation bar or breadcrumb: three or more short items between separators."""
    if any(found.year_given for found in find_dates(line)):
        return False  # "Analysis · 20 November 2022 · Data desk" carries the post's date
    items = _NAV_SEPARATOR.split(line.strip())
    return len(items) >= 3 and all(0 < len(i.split()) <= 4 for i in items)


def menu_lines(text: str) -> set[Span]:
    """Lines that belong to menus or category lists: runs of short lines without blank lines."""
    found: set[Span] = set()
    for block in blank_line_blocks(text):
        short = [s for s in block if s[1] - s[0] <= MENU_LINE_MAX]
        menu = len(block) >= MENU_MIN_LINES and len(short) >= 0.8 * len(block)
        if menu and not _dated_caption_twice(text, block):
            found.update(block)
    return found


def _dated_caption_twice(text: str, block: list[Span]) -> bool:
    """A post's header block, not a menu: it prints a dated line (a caption such as
    "March 3, 2017: Council meeting") twice in a row; menus do not repeat an item."""
    values = [text[s:e].strip() for s, e in block]
    return any(
        a == b and any(f.year_given for f in find_dates(a)) for a, b in itertools.pairwise(values)
    )


def is_title_like(line: str) -> bool:
    """A headline: short, not a sentence of running prose, no opening quote (except
    "“Quoted phrase”: rest of the headline"), not a line that runs on into the next one
    ("... to the leaders Ana Roe and")."""
    line = line.strip()
    if not line or len(line) > TITLE_MAX or line[0] in "•-*":
        return False
    if line.split()[-1].lower() in _RUN_ON_WORDS and len(line.split()) > 6:
        return False
    if line[0] in '“"‘' and not _QUOTED_HEADLINE.match(line):
        return False
    return not (line.endswith((".", ":", ",")) and len(line.split()) > 6)


def _is_masthead(line: str) -> bool:
    """A site name printed in capitals ("ALDWICK EVENING POST"), or a line holding only a date."""
    letters = [c for c in line if c.isalpha()]
    if len(line.split()) >= 2 and letters and all(c.isupper() for c in letters):
        return True
    return bool(_DATE_LINE.match(line))


def _is_section_label(values: list[str], i: int, labels: frozenset[str]) -> bool:
    """A one- to three-word section name ("Press Freedom") printed above a longer headline.

    ``labels`` are the menu entries printed above the post.
    """
    if len(values[i].split()) > 3 or i + 1 >= len(values) or values[i] in values[i + 1 :]:
        return False
    following = values[i + 1]
    if not is_title_like(following) or len(following.split()) < 6:
        return False
    # a show or section name that the menu lists, or that the post's metadata line repeats
    # ("Posted Oct. 23, 2018 · City Desk · 11 min"), labels the headline below it
    items = {item.strip() for v in values[i + 2 : i + 4] for item in _NAV_SEPARATOR.split(v)}
    if values[i] in labels or values[i] in items or _QUOTED_HEADLINE.match(following):
        return True
    prose = following.endswith((".", "!", "?", "”", '"', ":")) or any(q in following for q in '“”"')
    # a "Name, role" speaker heading has a comma; a headline this long seldom does
    return not prose and "," not in following


def _pick_title(text: str, spans: list[Span], labels: frozenset[str] = frozenset()) -> Span | None:
    """Choose the headline among the first lines of a post (``labels``: menu entries above)."""
    values = [text[s:e].strip() for s, e in spans]
    if len(values) >= 2 and values[0] == values[1] and is_title_like(values[0]):
        return spans[0]
    if len(values) >= 3 and values[0] == values[2] != values[1]:
        # an image title, the headline, the image title again as a caption; but a line of
        # a few words between two copies of a headline is its source or section label
        if len(values[1].split()) <= LABEL_WORDS < len(values[0].split()):
            if is_title_like(values[0]):
                return spans[0]
        elif is_title_like(values[1]):
            return spans[1]
    for i, value in enumerate(values[:5]):
        if value in values[i + 1 :] and values[i + 1] != value:
            continue  # an image title that the post prints again as a caption
        if i + 1 < len(values) and value != values[i + 1] and value.endswith(values[i + 1]):
            continue  # "HomeNewsWorldBridge opens": a breadcrumb ending in the headline below
        if (_is_masthead(value) or _is_section_label(values, i, labels)) and i + 1 < len(values):
            continue
        if is_title_like(value) and len(value.split()) >= 2:
            return spans[i]
        return None
    return None


def _only_site_header(text: str, spans: list[Span]) -> bool:
    """Lines that can only be a page header: no prose, no date, no headline printed twice."""
    values = [text[s:e].strip() for s, e in spans]
    return not any(
        len(v) > TITLE_MAX or _DATE_LINE.match(v) or v in values[i + 1 :]
        for i, v in enumerate(values)
    )


def split_posts(text: str) -> list[Post]:
    """Split a page into posts, dropping chrome; every post knows its headline (or "")."""
    menus = menu_lines(text)
    groups: list[list[Span]] = [[]]
    for span in lines(text):
        line = text[span[0] : span[1]]
        if is_post_end(line):
            groups.append([])
            continue
        if span in menus:
            # a menu before any prose: everything so far was site header
            if not any(e - s > TITLE_MAX for s, e in groups[-1]):
                groups[-1] = []
            continue
        if is_nav_line(line) and not _CHROME.match(line.strip()):
            if _only_site_header(text, groups[-1]):
                groups[-1] = []  # a navigation bar under a site name and tagline
            continue
        if is_chrome_line(line):
            continue
        groups[-1].append(span)
    posts = []
    for group in groups:
        if not group:
            continue
        labels = frozenset(text[s:e].strip() for s, e in menus if e <= group[0][0])
        title_span = _pick_title(text, group, labels)
        title = full = text[title_span[0] : title_span[1]].strip() if title_span else ""
        label = _DATE_LABEL.match(title)
        if title_span and label and len(title) - label.end() > 10:
            title_span = (title_span[1] - len(title) + label.end(), title_span[1])
            title = text[title_span[0] : title_span[1]]
        body = [s for s in group if not title_span or text[s[0] : s[1]].strip() != full]
        posts.append(
            Post(
                start=group[0][0],
                end=group[-1][1],
                title=title,
                title_span=title_span,
                body=tuple(body),
            )
        )
    # a headline with no body is a "related posts" / "more episodes" link, not a post
    return [p for p in posts if p.body]


# A subheading inside a post: a short line that is not a sentence ("Island practice",
# "Side event: “Open Doors”").
SUBHEADING_WORDS = 10
# "Listen to the full interview", "Watch the video", "Read the full statement": a link to
# the post's media, not the heading of a section
_CALL_TO_ACTION = re.compile(
    r"^(?:listen|watch|read|hear|download|view|stream|replay|see)\s+(?:to\s+)?"
    r"(?:the|our|this|it|again|more|here|now|online|in full)\b",
    re.IGNORECASE,
)


def is_subheading(line: str) -> bool:
    """A short heading line between paragraphs of a post."""
    line = line.strip()
    bare = line.rstrip("”\"’'")
    return (
        bool(line)
        and line[0].isupper()
        and len(line.split()) <= SUBHEADING_WORDS
        and not bare.endswith((".", "!", "?", ",", ";", ":"))
        and not _CALL_TO_ACTION.match(line)
        and is_title_like(line)
    )


def subheading_sections(text: str, body: tuple[Span, ...]) -> list[tuple[int, int, str]]:
    """(first, last, heading) for each run of body lines ``body[first:last]`` that follows
    a subheading; the heading line itself is ``body[first - 1]``."""
    heads = [i for i, (s, e) in enumerate(body) if i > 0 and is_subheading(text[s:e])]
    if not heads:
        return []
    ends = [*heads[1:], len(body)]
    return [
        (i + 1, end, text[body[i][0] : body[i][1]].strip())
        for i, end in zip(heads, ends, strict=True)
        if i + 1 < end
    ]
