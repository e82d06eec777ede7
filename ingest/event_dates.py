"""The day an event happened: the best-scoring date mention of a post's body."""

import re
from dataclasses import replace
from datetime import date, timedelta

from ingest.dates import FoundDate, find_dates, relative_dates
from ingest.event_kinds import FUTURE_RE, HAPPENED_RE, cue
from ingest.event_text import all_sentences, lead, sentence_at
from ingest.post_dates import own_date_mention

# "a two-day meeting", "the 3-day summit": how many days an event lasted
_DURATION_RE = re.compile(r"\b(?P<n>two|three|four|five|[2-5])[- ]day\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "at the end of a two-day meeting", "closed on": the date is the event's last day
_ENDING_RE = re.compile(
    r"\b(?:at the (?:end|close) of|closed|closing|concluded|ended|wrapped up|final day)\b",
    re.IGNORECASE,
)
RECENT_DAYS = 14  # a dated mention this close before the post's date is probably its event
STALE_DAYS = 45  # a dated mention older than this is background, not the event


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
    if published is not None:
        age = (published - found.value).days
        if 0 <= age <= RECENT_DAYS:
            score += 2
        elif -STALE_DAYS <= age < -1 and FUTURE_RE.search(sentence):
            score -= 2  # a preview ("will go before the council on June 9"): a weak candidate
        elif age > STALE_DAYS or age < -1:
            score -= 5
    elif anchor is not None and (anchor - found.value).days > 365:
        score -= 5
    return score


def event_date(body: str, published: date | None, anchor: date | None) -> FoundDate | None:
    """The best-scoring date mention for the event the body reports, if any scores well."""
    own = own_date_mention(body)
    year = anchor.year if anchor else None
    found = [adjust_year(f, anchor) for f in find_dates(body, default_year=year)]
    if published is not None:
        found += relative_dates(body, published)
    found = [f for f in found if not (own and own.start <= f.start < own.end)]
    if not found:
        return None
    sentences = all_sentences(body)
    opening = lead(body)
    lead_end = opening[-1][0] + len(opening[-1][1]) if opening else 0
    scored = []
    for f in found:
        _, sentence = sentence_at(sentences, f.start)
        scored.append((_score(f, body, sentence, lead_end, published, anchor), -f.start, f))
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
