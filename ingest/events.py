"""Find a post's own date and the event it reports (pure functions, no database).

Rules only: cue words decide an event's kind, date patterns and "on <date>" phrases its
day, "in <Place>" / "at the <Venue>" phrases its location. The ingest service merges the
same event reported by two documents with ``same_event`` and ``merge_events``.
"""

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from rapidfuzz import fuzz

from ingest.dates import WEEKDAYS, FoundDate, days_between, find_dates
from ingest.types import ParsedEvent

EVENT_KINDS = (
    "conference",
    "rally",
    "panel",
    "un-session",
    "exhibition",
    "interview",
    "message",
    "parliamentary-motion",
    "other",
)

# (kind, pattern, strong). A weak cue names an event only with a "held"-type verb or a
# date in the same sentence ("a meeting" alone is often just talk about meetings).
_CUES = (
    ("parliamentary-motion", r"early[- ]day motions?|\bEDMs?\b|parliamentary motions?", True),
    # a motion before an elected body: "Council backs fountain motion", "the motion was carried"
    (
        "parliamentary-motion",
        r"\b(?:council|parliament|assembly|senate|chamber|commons|congress)\b[^.!?]{0,60}"
        r"\bmotions?\b|\bmotions?\b[^.!?]{0,60}\b(?:council|carried|passed|tabled|adopted|"
        r"defeated|votes? (?:to|for|against))\b",
        True,
    ),
    # a debate in an elected chamber: "MPs debate petition", "was debated by MPs"
    (
        "parliamentary-motion",
        r"\b(?:MPs|MEPs|senators|lawmakers|parliament|chamber|commons|councillors)\b[^.!?]{0,40}"
        r"\bdebat(?:e|es|ed)\b|\bdebated by (?:MPs|MEPs|senators|lawmakers|councillors)\b",
        True,
    ),
    ("panel", r"\bpanels?\b|\bside[- ]events?\b|\bround[- ]?tables?\b|\bbriefings?\b", True),
    ("exhibition", r"\bexhibitions?\b|\bexhibits?\b|\bexpos?\b", True),
    ("conference", r"\bconferences?\b|\bsummits?\b|\bsymposi(?:um|a)\b|\bseminars?\b", True),
    ("conference", r"\bwebinars?\b|\bconventions?\b|\bforums?\b", False),
    ("rally", r"\brall(?:y|ies|ied)\b|\bdemonstrators\b", True),
    ("rally", r"\bdemonstrations?\b|\bgatherings?\b|\bmarch(?:ed|es)?\b", False),
    ("interview", r"\binterview(?:s|ed)?\b", True),
    ("message", r"\bmessages?\b", True),
    ("un-session", r"\bsessions?\b", False),
    ("other", r"\bvisit(?:s|ed)?\b|\bmeets\b|\bmet with\b|\bsermons?\b|\bvigils?\b", True),
    # a hearing: "testified before the Committee on ...", "a public hearing of the committee"
    (
        "other",
        r"\b(?:testif(?:y|ies|ied|ying)|testimony|gave evidence|give evidence)\b[^.!?]{0,80}"
        r"\b(?:committee|subcommittee|hearing|inquiry|commission|tribunal)s?\b"
        r"|\b(?:committee|congressional|parliamentary|senate|public)\s+hearings?\b"
        r"|\bhearings?\s+(?:of|before|by)\s+(?:the|a)\b[^.!?]{0,60}\bcommittee\b",
        True,
    ),
    ("other", r"\bmeetings?\b|\bceremon(?:y|ies)\b|\bhearings?\b|\bevents?\b", False),
    (
        "other",
        r"\b(?:awards?|prize|gala|charity|fundraising|launch)\s+(?:evening|night|dinner|"
        r"ceremony|party|lunch|breakfast)s?\b|\bgalas?\b|\breceptions?\b|\bfestivals?\b",
        False,
    ),
)
_CUE_RES = tuple((kind, re.compile(p, re.IGNORECASE), strong) for kind, p, strong in _CUES)
# A session is a UN-style sitting when an intergovernmental or international body holds it.
_UN_RE = re.compile(
    r"\bU\.?N\.?\b|United Nations|General Assembly|Human Rights Council|Security Council"
    r"|\bInternational\s+(?:[A-Z]\w+\s+){0,2}(?:Commission|Council|Committee|Conference|Court"
    r"|Organi[sz]ation|Agency)\b|\b(?:Commission|Council|Committee)\s+(?:on|of|for)\s+[A-Z]"
)
_HAPPENED_RE = re.compile(
    r"\b(?:held|hosted|organi[sz]ed|took place|taking place|convened|gathered|rallied"
    r"|attended|addressed|participated|took part|opened|visited|met|spoke|staged"
    r"|co-?sponsored|sent|delivered|told|aired)\b",
    re.IGNORECASE,
)
_FUTURE_RE = re.compile(
    r"\b(?:will|is due to|are due to|is expected to|are expected to|is scheduled|"
    r"are scheduled|is set to|are set to|upcoming|next week|next month)\b",
    re.IGNORECASE,
)
_OPINION_RE = re.compile(
    r"^\s*(?:opinion|op-?ed|editorial|commentary|analysis|column|viewpoint)\b", re.IGNORECASE
)
_QA_RE = re.compile(r"^\s*Q\s*[:.-]", re.MULTILINE)
_WEEKDAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_RELATIVE_RE = re.compile(
    r"\b(?P<word>today|tonight|this morning|this evening|yesterday)\b"
    rf"|\b(?P<prep>on|last|this|from|On|Last|This|From)\s+(?P<wd>{_WEEKDAY_NAME})"
    # "from Thursday to Saturday": a run of days ending on the second weekday
    rf"(?:\s+(?:to|until|through|till)\s+(?P<wd2>{_WEEKDAY_NAME}))?"
    r"(?![,\s]+(?:the\s+)?\d|[,\s]+[A-Z][a-z]+\.?\s+\d)"
)
# "a two-day meeting", "the 3-day summit": how many days an event lasted
_DURATION_RE = re.compile(r"\b(?P<n>two|three|four|five|[2-5])[- ]day\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "at the end of a two-day meeting", "closed on": the date is the event's last day
_ENDING_RE = re.compile(
    r"\b(?:at the (?:end|close) of|closed|closing|concluded|ended|wrapped up|final day)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"‘(\[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "Sen",
        "Rep",
        "Gov",
        "Gen",
        "Col",
        "Lt",
        "Jr",
        "Sr",
        "No",
        "vs",
        "Hon",
        "Rev",
        "Mt",
        "Ft",
    )
)
_PROSE_END = (".", "!", "?", "”", '"', "’", "…")
LEAD_LINES = 4  # prose paragraphs that make up a post's lead
RECENT_DAYS = 14  # a dated mention this close before the post's date is probably its event
STALE_DAYS = 45  # a dated mention older than this is background, not the event

# --- the post's own date --------------------------------------------------------------

_DATELINE_PREFIX_RE = re.compile(r"^[A-Z][\w .’'()-]{0,50},\s*$")
_DATELINE_SUFFIX_RE = re.compile(r"^\s*(?:/[^/\n]{1,60}/)?\s*(?:--|[-–—:(])")
_POSTED_RE = re.compile(
    r"\b(?:posted|published|updated|dated|released)(?:\s+on)?\s*:?\s*$", re.IGNORECASE
)
_META_SEPARATOR_RE = re.compile(r"\s[|·•]\s")
# "21/10/2018 by Jane Roe — News": a date, then the writer, then perhaps a dash and categories
_DATE_FIRST_BYLINE_RE = re.compile(r"^[\s,|·•–—-]*(?:by|By|BY)\s+[A-Z][^!?\n]{0,120}$")
_DATE_ONLY_LEFTOVER_RE = re.compile(r"^[\W_]*(?:on|posted|published|date|dated)?[\W_]*$", re.I)


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of ``text`` with their start offsets."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


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


def _own_date_mention(body: str) -> FoundDate | None:
    """The mention that gives the post's date: dateline, byline or a date-only line."""
    found = [f for f in find_dates(body) if f.year_given]
    if not found:
        return None
    lines = _lines(body)
    head_end = lines[min(len(lines), 6) - 1][0] + 400 if lines else 0
    tail_start = lines[-6][0] if len(lines) >= 6 else 0
    for f in found:
        if f.start <= head_end and (_is_dateline(body, f) or _is_byline(body, f)):
            return f
    for f in found:
        if f.start >= tail_start and _is_byline(body, f):
            return f
    return None


def article_date(*, title: str, body: str) -> date | None:
    """The post's own publication date (dateline, "Posted on", date line), if it states one."""
    mention = _own_date_mention(body)
    if mention is not None:
        return mention.value
    in_title = [f for f in find_dates(title or "") if f.year_given]
    return in_title[0].value if in_title else None


# --- the event a post reports ---------------------------------------------------------


def _sentences(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """Sentences of one line of prose with their start offsets."""
    bounds, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        word = re.search(r"(\w+)\W*$", text[start : m.start() + 1])
        if word and (word[1] in _ABBREVIATIONS or len(word[1]) == 1):
            continue  # "Dec. 4", "Mr. Smith", "U.S. Ambassador" do not end a sentence
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    out = []
    for a, b in bounds:
        chunk = text[a:b]
        if chunk.strip():
            out.append((offset + a + len(chunk) - len(chunk.lstrip()), chunk.strip()))
    return out


def _is_prose(line: str) -> bool:
    """A paragraph of running text, not a heading, caption or tag list."""
    line = line.strip()
    return len(line.split()) >= 8 and line.endswith(_PROSE_END)


def _lead(body: str) -> list[tuple[int, str]]:
    """Sentences of the post's first few prose paragraphs."""
    prose = [(pos, line) for pos, line in _lines(body) if _is_prose(line)][:LEAD_LINES]
    return [s for pos, line in prose for s in _sentences(line, pos)]


def _cue(text: str, *, need_context: bool) -> tuple[int, str] | None:
    """(position, kind) of the earliest event cue in ``text``; weak cues need context."""
    best = None
    context = _HAPPENED_RE.search(text) or find_dates(text) or _RELATIVE_RE.search(text)
    for kind, regex, strong in _CUE_RES:
        if not strong and need_context and not context:
            continue
        m = regex.search(text)
        if not m or (best and best[0] <= m.start()):
            continue
        if kind == "un-session" and not _UN_RE.search(text):
            continue
        best = (m.start(), kind)
    return best


def event_kind(*, title: str, body: str) -> str | None:
    """Kind of event the post reports (headline cue, then lead cue, then Q&A), else None."""
    found = _cue(title or "", need_context=False)
    if found:
        return found[1]
    if _OPINION_RE.match(title or ""):
        return "interview" if len(_QA_RE.findall(body)) >= 2 else None
    for _, sentence in _lead(body):
        found = _cue(sentence, need_context=True)
        if found:
            return found[1]
    return "interview" if len(_QA_RE.findall(body)) >= 2 else None


def _relative_dates(text: str, published: date) -> list[FoundDate]:
    """Dates of "today", "yesterday" and bare weekday mentions, counted back from published."""
    out = []
    for m in _RELATIVE_RE.finditer(text):
        if m["word"]:
            back = 1 if m["word"] == "yesterday" else 0
        else:
            back = (published.weekday() - WEEKDAYS[m["wd"][:3].lower()]) % 7
            if back == 0 and m["prep"].lower() == "last":
                back = 7
        day = published - timedelta(days=back)
        until = None
        if m["wd2"]:
            until = day + timedelta(
                days=(WEEKDAYS[m["wd2"][:3].lower()] - WEEKDAYS[m["wd"][:3].lower()]) % 7
            )
        if m["prep"] and m["prep"].lower() == "from" and until is None:
            continue  # "from Monday" alone starts something still going on
        out.append(FoundDate(m.start(), m.end(), day, False, until))
    return out


def _with_duration(found: FoundDate, sentence: str) -> FoundDate:
    """ "on 28 April, at the end of a two-day meeting": a single date and a length in days
    give the event's first and last day."""
    duration = _DURATION_RE.search(sentence)
    if found.until is not None or duration is None:
        return found
    n = duration["n"].lower()
    days = _NUMBERS[n] if n in _NUMBERS else int(n)
    if _ENDING_RE.search(sentence):
        return replace(found, value=found.value - timedelta(days=days - 1), until=found.value)
    return replace(found, until=found.value + timedelta(days=days - 1))


def _sentence_at(sentences: list[tuple[int, str]], pos: int) -> tuple[int, str]:
    """The (offset, sentence) that contains position ``pos``."""
    current = sentences[0]
    for item in sentences:
        if item[0] > pos:
            break
        current = item
    return current


def _all_sentences(body: str) -> list[tuple[int, str]]:
    """Every sentence of the body, line by line, with offsets."""
    return [s for pos, line in _lines(body) for s in _sentences(line, pos)] or [(0, "")]


def _adjust_year(found: FoundDate, anchor: date | None) -> FoundDate:
    """Move a yearless date a year back when it would fall well after the anchor date."""
    if found.year_given or anchor is None or found.value <= anchor + timedelta(days=30):
        return found
    try:
        return replace(found, value=found.value.replace(year=found.value.year - 1))
    except ValueError:  # 29 February
        return found


def _score(
    found: FoundDate,
    body: str,
    sentence: str,
    lead_end: int,
    published: date | None,
    anchor: date | None,
) -> int:
    """How likely a date mention is the day the reported event happened."""
    score = 0
    if _cue(sentence, need_context=False):
        score += 3
    if _HAPPENED_RE.search(sentence):
        score += 1
    if re.search(r"\b(?:on|On)\s+$", body[max(0, found.start - 4) : found.start]):
        score += 1
    if body[found.start : found.start + 3].lower() == "on ":
        score += 1
    if found.start < lead_end:
        score += 1
    if published is not None:
        age = (published - found.value).days
        if 0 <= age <= RECENT_DAYS:
            score += 2
        elif -STALE_DAYS <= age < -1 and _FUTURE_RE.search(sentence):
            score -= 2  # a preview ("will go before the council on June 9"): a weak candidate
        elif age > STALE_DAYS or age < -1:
            score -= 5
    elif anchor is not None and (anchor - found.value).days > 365:
        score -= 5
    return score


def _event_date(body: str, published: date | None, anchor: date | None) -> FoundDate | None:
    """The best-scoring date mention for the event the body reports, if any scores well."""
    own = _own_date_mention(body)
    year = anchor.year if anchor else None
    found = [_adjust_year(f, anchor) for f in find_dates(body, default_year=year)]
    if published is not None:
        found += _relative_dates(body, published)
    found = [f for f in found if not (own and own.start <= f.start < own.end)]
    if not found:
        return None
    sentences = _all_sentences(body)
    lead = _lead(body)
    lead_end = lead[-1][0] + len(lead[-1][1]) if lead else 0
    scored = []
    for f in found:
        _, sentence = _sentence_at(sentences, f.start)
        scored.append((_score(f, body, sentence, lead_end, published, anchor), -f.start, f))
    best = max(scored, key=lambda item: item[:2])
    return best[2] if best[0] >= 2 else None


_CAPS = r"[A-Z0-9][\w’'.-]*(?:\s+(?:(?:of|de|du|des|la|le|and|for|the)\s+)*[A-Z0-9][\w’'.-]*)*"
_PLACE = rf"(?:the\s+)?{_CAPS}(?:,\s+{_CAPS})?(?:\s+in\s+{_CAPS}(?:,\s+{_CAPS})?)?"
_WHEN = r"(?:\s+(?:today|yesterday|on\s+\w+(?:\s+\d+\w*)?),?)?"
_LOCATION_RES = (
    re.compile(rf"\b(?:held|took place|gathered|rallied|convened){_WHEN}\s+(?:in|at)\s+({_PLACE})"),
    re.compile(rf"\bvisit(?:ed|s)?\s+({_PLACE})"),
    re.compile(rf"\b(?:in|at)\s+({_PLACE})"),
)
_CAPTION_PLACE_RE = re.compile(rf"({_PLACE})\s*[–—,-]?\s*$")
_NOT_PLACE_WORDS = frozenset(
    [w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name) if w]
    + ["sept", "this", "that", "these", "those", "his", "her", "their", "our", "its", "a", "an"]
)
_EVENT_WORD_RE = re.compile(
    r"\b(?:Conference|Summit|Rally|Exhibition|Panel|Symposium|Seminar|Forum|Gathering|Session"
    r"|Meeting|Event)s?\b",
    re.IGNORECASE,
)


def _clean_place(place: str) -> str:
    """A place phrase without a leading "the", possessives or an event name in front."""
    place = re.split(r"[’']s\b", place)[0].strip(" ,.")
    if _EVENT_WORD_RE.search(place):  # "the Harvest Rally in Lyon" -> "Lyon"
        place = place.rpartition(" in ")[2] if " in " in place else ""
    place = re.sub(r"\s+in\s+", ", ", re.sub(r"^the\s+", "", place))
    words = place.split()
    if not words or words[0].lower().strip(".,") in _NOT_PLACE_WORDS or len(words) > 12:
        return ""
    return place if re.search(r"[A-Z][a-z]", place) else ""


def _location(sentence: str, date_start: int | None = None) -> str:
    """The place a sentence names ("held in", "visited", "in <Place>", "<Place> – <date>")."""
    cue = _cue(sentence, need_context=False)
    after = cue[0] if cue else 0
    for regex in _LOCATION_RES:
        # A place named after the cue word ("session of the General Assembly in New York")
        # describes the event better than one before it ("prices in Spain").
        matches = sorted(regex.finditer(sentence), key=lambda m: m.start() < after)
        for m in matches:
            place = _clean_place(m[1])
            if place:
                return place
    if date_start is not None:
        m = _CAPTION_PLACE_RE.search(sentence[:date_start])
        if m:
            return _clean_place(m[1])
    return ""


_PROPER_CUE_RE = re.compile(
    r"(?:[A-Z][\w’'-]*\s+){1,5}(?:Conference|Summit|Rally|Exhibition|Panel|Symposium|Seminar"
    r"|Forum|Gathering|Session)(?:\s+\d{4})?"
)


def _clean_title(title: str) -> str:
    """A headline without hashtags, labels like "ANALYSIS:" and doubled spaces."""
    title = _OPINION_RE.sub("", title or "").lstrip(" :-–—")
    return re.sub(r"\s+", " ", title.replace("#", "")).strip()


def _with_place(name: str, location: str) -> str:
    """``name`` followed by "in <location>" unless it already names that place."""
    words = re.findall(r"[A-Z]\w+", location)
    if not location or any(w in name for w in words):
        return name
    return f"{name} in {location}"


def _cue_phrase(sentence: str, location: str) -> str:
    """ "Panel at the National Press Club": the cue word up to the place it names."""
    cue = _cue(sentence, need_context=False)
    if cue is None:
        return ""
    end = sentence.find(location.split(",")[0], cue[0]) if location else -1
    phrase = sentence[cue[0] : end + len(location.split(",")[0])] if end >= 0 else ""
    phrase = (
        phrase if 0 < len(phrase) <= 80 else _with_place(sentence[cue[0] :].split()[0], location)
    )
    return phrase[:1].upper() + phrase[1:]


def _event_name(title: str, sentence: str, kind: str, location: str) -> str:
    """A short name: a proper event name in the text, else the headline, else its cue phrase."""
    proper = _PROPER_CUE_RE.search(title or "") or _PROPER_CUE_RE.search(sentence)
    if proper:
        return _with_place(proper[0].strip(), location)
    title = _clean_title(title)
    if title:
        return title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + "..."
    return _cue_phrase(sentence, location) or kind.replace("-", " ").capitalize()


def _cue_sentence(title: str, body: str) -> tuple[int, str]:
    """The first lead sentence with an event cue, else the first lead sentence."""
    lead = _lead(body) or _all_sentences(body)
    for item in lead:
        if _cue(item[1], need_context=False):
            return item
    return lead[0]


def detect_event(
    *,
    title: str,
    body: str,
    published: date | None,
    key: str,
    context_date: date | None = None,
) -> ParsedEvent | None:
    """The event the post reports, or None for opinion pieces and analyses.

    ``published`` is the post's own date; ``context_date`` (e.g. the page's latest dated
    mention) only supplies a year for dates written without one.
    """
    kind = event_kind(title=title, body=body)
    if kind is None:
        return None
    anchor = published or context_date
    found = _event_date(body, published, anchor)
    cue_sentence = _cue_sentence(title, body)[1]
    if found is not None:
        pos, sentence = _sentence_at(_all_sentences(body), found.start)
        found = _with_duration(found, sentence)
        start, until = found.value, found.until
        location = _location(sentence, found.start - pos)
    else:
        # Reports appear on or soon after the event: the post's date is the best guess.
        start, until, sentence, location = published, None, cue_sentence, ""
    location = location or _location(cue_sentence)
    named_in = sentence if _cue(sentence, need_context=False) else cue_sentence
    return ParsedEvent(
        key=key,
        name=_event_name(title, named_in, kind, location),
        kind=kind,
        start_date=start,
        end_date=until,
        location=location,
        description=sentence[:500],
    )


def section_event(
    *,
    heading: str,
    body: str,
    published: date | None,
    key: str,
    context_date: date | None = None,
    post_kind: str | None = None,
    post_date: date | None = None,
) -> ParsedEvent | None:
    """The event a section of a post reports, when its subheading names one ("Side event:
    ...", "Panel on ...") and the section dates it; else None (the post's event applies).

    A heading with the same kind of event as the post's own (``post_kind``) must name it
    ("Side event: “Open Doors”"); "More from the interview" is the post's event again.
    ``post_date`` (the post's event date, else ``published``) dates a section that says
    it happened "the morning after" / "the next day".
    """
    cue = _cue(heading, need_context=False)
    if cue is None and _CONVERSATION_HEADING_RE.match(heading):
        cue = (0, "interview")  # "In conversation: <Name>": an interview section
    elif cue is None or not any(
        strong and kind == cue[1] and regex.search(heading) for kind, regex, strong in _CUE_RES
    ):
        return None
    if cue[1] == post_kind and not _NAMED_HEADING_RE.search(heading):
        return None
    anchor = published or context_date
    dated = [_adjust_year(f, anchor) for f in find_dates(heading)]
    if dated and (dated[0].year_given or anchor is not None):
        # "Panel (Friday, 20 September 2019)": the heading dates its own section
        found, sentence, location = dated[0], heading, ""
    else:
        found = _event_date(body, published, anchor)
        if found is None:
            found = _day_after(body, post_date or published)
        if found is None:
            return None
        pos, sentence = _sentence_at(_all_sentences(body), found.start)
        found = _with_duration(found, sentence)
        location = _location(sentence, found.start - pos)
    return ParsedEvent(
        key=key,
        name=_event_name(heading, sentence, cue[1], location),
        kind=cue[1],
        start_date=found.value,
        end_date=found.until,
        location=location,
        description=sentence[:500],
    )


def _day_after(body: str, day: date | None) -> FoundDate | None:
    """ "We spoke to her the morning after the opening": the day after ``day``, when one of
    the section's first two sentences says so."""
    if day is None:
        return None
    lead = _all_sentences(body)[:2]
    for pos, sentence in lead:
        m = _DAY_AFTER_RE.search(sentence)
        if m:
            return FoundDate(pos + m.start(), pos + m.end(), day + timedelta(days=1), False, None)
    return None


_CONVERSATION_HEADING_RE = re.compile(r"\s*in conversation(?:\s+with)?\s*[:–—]?\s*\S", re.I)
_DAY_AFTER_RE = re.compile(
    r"\bthe\s+(?:morning|day|evening|afternoon)\s+after\b"
    r"|\bthe\s+(?:next|following)\s+(?:morning|day|evening|afternoon)\b",
    re.IGNORECASE,
)

# "Side event: “Open Doors”", "Panel — Cities of Arrival": a heading that names its event
_NAMED_HEADING_RE = re.compile(r"\w\s*[:–—]\s*\S|[“\"‘][^“”\"]+[”\"’]")

# --- one event seen in two documents -------------------------------------------------


def _norm(text: str) -> str:
    """Lowercase words without digits-only tokens and punctuation, for fuzzy comparison."""
    words = re.findall(r"[^\W\d_]+", (text or "").lower())
    return " ".join(words)


def _similar(a: str, b: str) -> float:
    """0-100 similarity of two short texts, order-insensitive."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a, b)


def _range_gap(a: ParsedEvent, b: ParsedEvent) -> int:
    """Days from ``b``'s start to ``a``'s run of days (0 when it falls inside it)."""
    if a.start_date is None or b.start_date is None or a.end_date is None:
        return days_between(a.start_date, b.start_date) if a.start_date and b.start_date else 0
    if a.start_date <= b.start_date <= a.end_date:
        return 0
    return min(days_between(a.start_date, b.start_date), days_between(a.end_date, b.start_date))


def same_event(a: ParsedEvent, b: ParsedEvent) -> bool:
    """Whether two events from different documents are the same real event."""
    names = _similar(a.name, b.name)
    if a.start_date is None or b.start_date is None:
        return a.kind == b.kind and names >= 85
    gap = min(days_between(a.start_date, b.start_date), _range_gap(a, b), _range_gap(b, a))
    if gap > 2:
        return False
    evidence = names - 10 * gap + (10 if a.kind == b.kind else 0)
    if a.location and b.location:
        places = _similar(a.location, b.location)
        evidence += 15 if places >= 80 else -15 if places < 40 else 0
    return evidence >= 70


def merge_events(a: ParsedEvent, b: ParsedEvent) -> ParsedEvent:
    """One event from two reports of it: the earlier date (posts follow events), fuller fields."""
    dates = [d for d in (a.start_date, b.start_date) if d is not None]
    ends = [d for d in (a.end_date, b.end_date) if d is not None]
    return replace(
        a,
        start_date=min(dates, default=None),
        end_date=max(ends, default=None),
        location=a.location if len(a.location) >= len(b.location) else b.location,
        description=a.description or b.description,
    )
