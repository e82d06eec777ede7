"""The day an event happened: the best-scoring date mention of a post's body."""

import re
from dataclasses import replace
from datetime import date, timedelta

from ingest.dates import FoundDate, find_dates, relative_dates
from ingest.event_kinds import FUTURE_RE, HAPPENED_RE, cue
from ingest.event_text import all_sentences, body_lines, is_prose, lead, sentence_at
from ingest.post_dates import metadata_mentions, own_date_mention

# "a two-day meeting", "the 3-day summit": how many days an event lasted
_DURATION_RE = re.compile(r"\b(?P<n>two|three|four|five|[2-5])[- ]day\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "at the end of a two-day meeting", "closed on": the date is the event's last day
_ENDING_RE = re.compile(
    r"\b(?:at the (?:end|close) of|closed|closing|concluded|ended|wrapped up|final day)\b",
    re.IGNORECASE,
)
# "the 2018 Freedom Convention", "Spring Summit 2024": an event named with its year
_EVENT_NOUN = (
    r"(?:Conference|Convention|Summit|Rally|Gathering|Forum|Session|Symposium|Seminar"
    r"|Exhibition|Festival|March|Congress|Meeting|Dialogue|Assembly)s?"
)
_NAMED_YEAR_RE = re.compile(
    rf"\b(?P<y>(?:19|20)\d\d)\s+(?-i:[A-Z][\w’'-]*\s+){{0,5}}{_EVENT_NOUN}\b"
    rf"|\b{_EVENT_NOUN}\s+(?P<y2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
# "marks the fourth anniversary of the disputed elections": the year is that many after theirs
_ANNIVERSARY_RE = re.compile(
    rf"\b(?P<n>{'|'.join(_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))\s+anniversary\s+of\s+"
    r"(?P<what>[^.;:!?]{3,80})",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<![\w/-])(?:19|20)\d\d(?![\w/-])")
_WEEKDAY_WORD_RE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
RECENT_DAYS = 14  # a dated mention this close before the post's date is probably its event
STALE_DAYS = 45  # a dated mention older than this is background, not the event


def _anniversary_year(text: str) -> int | None:
    """ "this marks the fourth anniversary of the elections" + "since the 2020 elections":
    the year of the anniversary (2024), when the text names the year of what it marks."""
    for m in _ANNIVERSARY_RE.finditer(text):
        n = m["n"].lower()
        count = _ORDINALS.index(n) + 1 if n in _ORDINALS else int(n[:-2])
        years = _YEAR_RE.findall(m["what"])
        if years:
            return int(years[0]) + count
        words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{5,}", m["what"])}
        for y in _YEAR_RE.finditer(text):
            near = text[max(0, y.start() - 30) : y.end() + 30]
            if words & {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{5,}", near)}:
                return int(y[0]) + count
    return None


def stated_year(text: str) -> int | None:
    """The year a post's own words give its event, for posts without any full date: the
    year of an anniversary it marks, else the latest year an event name carries."""
    year = _anniversary_year(text)
    if year is not None:
        return year
    named = [int(m["y"] or m["y2"]) for m in _NAMED_YEAR_RE.finditer(text)]
    return max(named, default=None)


def year_anchor(text: str) -> date | None:
    """The last day of ``stated_year(text)``: an anchor for dates written without a year."""
    year = stated_year(text)
    return date(year, 12, 31) if year else None


def post_day(body: str, published: date | None, anchor: date | None) -> date | None:
    """The post's date, or the day of a dateline that leaves out its year (year from
    ``anchor``): what "on Friday" counts back from."""
    if published is not None or anchor is None:
        return published
    own = own_date_mention(body, default_year=anchor.year)
    return adjust_year(own, anchor).value if own is not None else None


def with_duration(found: FoundDate, sentence: str) -> FoundDate:
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


def adjust_year(found: FoundDate, anchor: date | None) -> FoundDate:
    """Move a yearless date a year back when it would fall well after the anchor date."""
    if found.year_given or anchor is None or found.value <= anchor + timedelta(days=30):
        return found
    try:
        return replace(found, value=found.value.replace(year=found.value.year - 1))
    except ValueError:  # 29 February
        return found


def _opening_report(found: FoundDate, body: str, sentence: str, first_end: int) -> bool:
    """ "On 20 September 2019, experts held a conference": the first paragraph dates, with
    its year, an event that happened."""
    before = body[max(0, found.start - 3) : found.start].lower()
    return (
        found.year_given
        and found.start < first_end
        and before == "on "
        and bool(HAPPENED_RE.search(sentence))
        and cue(sentence, need_context=False) is not None
    )


def _score(
    found: FoundDate,
    body: str,
    sentence: str,
    lead_end: int,
    published: date | None,
    anchor: date | None,
    first_end: int = 0,
) -> int:
    """How likely a date mention is the day the reported event happened.

    ``first_end`` ends the body's first prose paragraph: "On 20 September 2019, experts
    held a conference ..." there reports the event even when the date printed above the
    post (perhaps the page's crawl date) is years later.
    """
    score = 0
    if cue(sentence, need_context=False):
        score += 3
    if HAPPENED_RE.search(sentence):
        score += 1
    if re.search(r"\b(?:on|On)\s+$", body[max(0, found.start - 4) : found.start]):
        score += 1
    if body[found.start : found.start + 3].lower() == "on ":
        score += 1
    if found.start < lead_end:
        score += 1
    if any(c.isdigit() for c in body[found.start : found.end]):
        # "on Friday, as this 9 August marks ...": the weekday named beside a date agrees
        days = {m[0][:3].lower() for m in _WEEKDAY_WORD_RE.finditer(sentence)}
        if found.value.strftime("%a").lower() in days:
            score += 2
    if published is not None:
        age = (published - found.value).days
        if 0 <= age <= RECENT_DAYS:
            score += 2
        elif -STALE_DAYS <= age < -1 and FUTURE_RE.search(sentence):
            score -= 2  # a preview ("will go before the council on June 9"): a weak candidate
        elif age > STALE_DAYS and _opening_report(found, body, sentence, first_end):
            pass
        elif age > STALE_DAYS or age < -1:
            score -= 5
    elif anchor is not None and (anchor - found.value).days > 365:
        score -= 5
    return score


def event_date(body: str, published: date | None, anchor: date | None) -> FoundDate | None:
    """The best-scoring date mention for the event the body reports, if any scores well."""
    year = anchor.year if anchor else None
    chrome = metadata_mentions(body, default_year=year)
    found = [adjust_year(f, anchor) for f in find_dates(body, default_year=year)]
    counted_from = post_day(body, published, anchor)
    if counted_from is not None:
        found += relative_dates(body, counted_from)
    found = [f for f in found if not any(m.start <= f.start < m.end for m in chrome)]
    if not found:
        return None
    sentences = all_sentences(body)
    opening = lead(body)
    lead_end = opening[-1][0] + len(opening[-1][1]) if opening else 0
    prose = [(pos, line) for pos, line in body_lines(body) if is_prose(line)]
    first_end = prose[0][0] + len(prose[0][1]) if prose else 0
    scored = []
    for f in found:
        _, sentence = sentence_at(sentences, f.start)
        score = _score(f, body, sentence, lead_end, published, anchor, first_end)
        scored.append((score, -f.start, f))
    best = max(scored, key=lambda item: item[:2])
    return best[2] if best[0] >= 2 else None


def day_after(body: str, day: date | None) -> FoundDate | None:
    """ "We spoke to her the morning after the opening": the day after ``day``, when one of
    the section's first two sentences says so."""
    if day is None:
        return None
    lead = all_sentences(body)[:2]
    for pos, sentence in lead:
        m = _DAY_AFTER_RE.search(sentence)
        if m:
            return FoundDate(pos + m.start(), pos + m.end(), day + timedelta(days=1), False, None)
    return None


_DAY_AFTER_RE = re.compile(
    r"\bthe\s+(?:morning|day|evening|afternoon)\s+after\b"
    r"|\bthe\s+(?:next|following)\s+(?:morning|day|evening|afternoon)\b",
    re.IGNORECASE,
)
