"""Find the event a post reports, and match one event seen in two documents.

Rules only: cue words decide an event's kind (``ingest.event_kinds``), date patterns and
"on <date>" phrases its day (``ingest.event_dates``), "in <Place>" / "at the <Venue>"
phrases its location and name (``ingest.event_names``). The ingest service merges the
same event reported by two documents with ``same_event`` and ``merge_events``.
"""

import re
from datetime import date

from ingest.dates import find_dates
from ingest.event_dates import (
    adjust_year,
    day_after,
    event_date,
    post_day,
    with_duration,
    year_anchor,
)
from ingest.event_kinds import CUE_RES, EVENT_KINDS, Cue, cue, event_kind
from ingest.event_names import cue_sentence, event_name, location_in
from ingest.event_text import all_sentences, lead, sentence_at
from ingest.post_dates import article_date
from ingest.types import ParsedEvent

__all__ = ["EVENT_KINDS", "article_date", "detect_event", "event_kind", "section_event"]


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
    anchor = published or context_date or year_anchor(f"{title}\n{body}")
    found = event_date(body, published, anchor)
    cued = cue_sentence(title, body)[1]
    if found is not None:
        pos, sentence = sentence_at(all_sentences(body), found.start)
        found = with_duration(found, sentence)
        start, until = found.value, found.until
        location = location_in(sentence, found.start - pos)
    else:
        # Reports appear on or soon after the event: the post's date is the best guess.
        start, until, sentence, location = post_day(body, published, anchor), None, cued, ""
    location = location or location_in(cued)
    named_in = sentence if cue(sentence, need_context=False) else cued
    return ParsedEvent(
        key=key,
        name=event_name(title, named_in, kind, location, " ".join(t for _, t in lead(body))),
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
    found_cue = cue(heading, need_context=False)
    if found_cue is None and _CONVERSATION_HEADING_RE.match(heading):
        found_cue = Cue(0, "interview", 0)  # "In conversation: <Name>": an interview section
    elif found_cue is None or not any(
        strong and kind == found_cue[1] and regex.search(heading) for kind, regex, strong in CUE_RES
    ):
        return None
    if found_cue[1] == post_kind and not _NAMED_HEADING_RE.search(heading):
        return None
    anchor = published or context_date or year_anchor(f"{heading}\n{body}")
    dated = [adjust_year(f, anchor) for f in find_dates(heading)]
    if dated and (dated[0].year_given or anchor is not None):
        # "Panel (Friday, 20 September 2019)": the heading dates its own section
        found, sentence, location = dated[0], heading, ""
    else:
        found = event_date(body, published, anchor)
        if found is None:
            found = day_after(body, post_date or published)
        if found is None:
            return None
        pos, sentence = sentence_at(all_sentences(body), found.start)
        found = with_duration(found, sentence)
        location = location_in(sentence, found.start - pos)
    return ParsedEvent(
        key=key,
        name=event_name(heading, sentence, found_cue[1], location),
        kind=found_cue[1],
        start_date=found.value,
        end_date=found.until,
        location=location,
        description=sentence[:500],
    )


_CONVERSATION_HEADING_RE = re.compile(r"\s*in conversation(?:\s+with)?\s*[:–—]?\s*\S", re.I)

# "Side event: “Open Doors”", "Panel — Cities of Arrival": a heading that names its event
_NAMED_HEADING_RE = re.compile(r"\w\s*[:–—]\s*\S|[“\"‘][^“”\"]+[”\"’]")
