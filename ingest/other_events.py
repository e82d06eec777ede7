"""Events a post reports besides its main one: "At a rally in Lyon on Saturday, she said ...".

A paragraph belongs to another event when one of its sentences, outside quotation marks,
places what it reports "at" or "during" an event ("at a conference in Geneva on 2 March",
"during last year's summit") whose date differs from the post's event, or lies in an
earlier year. Only that paragraph is given the other event; the post's event applies to
the rest.
"""

import re
from datetime import date, timedelta

from ingest.dates import FoundDate, find_dates, relative_dates
from ingest.event_dates import adjust_year
from ingest.event_kinds import FUTURE_RE, cue
from ingest.event_names import event_name, location_in
from ingest.event_text import sentences
from ingest.types import ParsedEvent

_EVENT_WORDS = (
    r"conferences?|summits?|rall(?:y|ies)|demonstrations?|march|forums?|hearings?|sessions?"
    r"|meetings?|panels?|seminars?|symposium|vigils?|gatherings?|conventions?|ceremon(?:y|ies)"
    r"|press conferences?|news conferences?|debates?"
)
# "at a rally", "during the Spring Forum", "at last year's summit": what follows happened there
_AT_EVENT_RE = re.compile(
    r"\b(?:at|during)\s+(?:a|an|the|this|last|their|its|his|her|last\s+year[’']s)\s+"
    rf"(?:[\w’'.-]+\s+){{0,5}}?(?:{_EVENT_WORDS})\b",
    re.IGNORECASE,
)
# "last year", "last month", "in 2019": an earlier time without a day
_EARLIER_RE = re.compile(
    r"\blast\s+(?:year|month)\b|\blast\s+year[’']s\b|\bin\s+(?P<y>(?:19|20)\d\d)\b"
)
_QUOTED_RE = re.compile(r"“[^”]*”?|„[^“”]*[“”]?|«[^»]*»?|\"[^\"]*\"?")
# a paragraph that reports speech: a quotation mark or a speech verb
_SPEECH_RE = re.compile(
    r"[“”„«\"]|\b(?:said|says|told|added|stated|warned|urged|called|argued|described|declared)\b"
)
_WOULD_RE = re.compile(r"\b(?:would|shall|plans? to|intends? to|next)\b", re.IGNORECASE)
SAME_EVENT_DAYS = 1  # a date this close to the post's event is that event again


def _unquoted(text: str) -> str:
    """``text`` with quoted passages blanked out (same length, so offsets hold)."""
    return _QUOTED_RE.sub(lambda m: " " * len(m[0]), text)


def _same_day(day: date | None, event: ParsedEvent | None) -> bool:
    """Whether ``day`` falls on (or within a day of) the post's event."""
    if event is None or event.start_date is None or day is None:
        return False
    last = event.end_date or event.start_date
    return (
        event.start_date - timedelta(days=SAME_EVENT_DAYS)
        <= day
        <= last + timedelta(days=SAME_EVENT_DAYS)
    )


def _dates(sentence: str, published: date | None, anchor: date | None) -> list[FoundDate]:
    """Dates a sentence names, yearless ones placed in the anchor's year."""
    year = anchor.year if anchor else None
    found = [adjust_year(f, anchor) for f in find_dates(sentence, default_year=year)]
    if published is not None:
        found += relative_dates(sentence, published)
    return found


def _other_event(
    sentence: str,
    post_event: ParsedEvent | None,
    published: date | None,
    anchor: date | None,
    key: str,
) -> ParsedEvent | None:
    """The other event one sentence places its report at, if it is not the post's event."""
    bare = _unquoted(sentence)
    at = _AT_EVENT_RE.search(bare)
    if at is None or FUTURE_RE.search(bare) or _WOULD_RE.search(bare):
        return None  # "will adopt it at its meeting on 6 November": still to come
    found_cue = cue(at[0], need_context=False)
    if found_cue is None:
        return None
    dated = _dates(bare, published, anchor)
    earlier = _EARLIER_RE.search(bare)
    if dated:
        day, until = dated[0].value, dated[0].until
        if published is not None and day > published:
            return None
        if _same_day(day, post_event) or (post_event is not None and post_event.start_date is None):
            return None
    elif earlier and not (earlier["y"] and published and int(earlier["y"]) >= published.year):
        day, until = None, None
    else:
        return None
    location = location_in(bare)
    return ParsedEvent(
        key=key,
        name=event_name("", bare[at.start() :], found_cue.kind, location),
        kind=found_cue.kind,
        start_date=day,
        end_date=until,
        location=location,
        description=sentence[:500],
    )


def paragraph_events(
    *,
    paragraphs: list[str],
    post_event: ParsedEvent | None,
    published: date | None,
    key: str,
    context_date: date | None = None,
) -> dict[int, ParsedEvent]:
    """Paragraph index -> the other event that paragraph reports (keys ``key.N``).

    Two paragraphs naming the same other event (same kind and day) share one event.
    """
    anchor = published or context_date
    out: dict[int, ParsedEvent] = {}
    seen: dict[tuple[str, date | None], ParsedEvent] = {}
    for index, paragraph in enumerate(paragraphs):
        if not _SPEECH_RE.search(paragraph):
            continue  # only a paragraph with statements needs an event of its own
        for _, sentence in sentences(paragraph):
            found = _other_event(sentence, post_event, published, anchor, f"{key}.p{index}")
            if found is None:
                continue
            out[index] = seen.setdefault((found.kind, found.start_date), found)
            break
    return out
