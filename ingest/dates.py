"""Find and parse calendar dates in English news text.

Hand-written regexes cover the forms posts use ("Dec. 4, 2017", "14 September 2017",
"14/09/2017", "2017November 28", "Thursday, August 17, 2017", "July 19"); dateparser is
only a fallback in ``parse_date`` for short odd strings, because it is slow. Missing parts
are never filled from today's date: a date without a year needs ``default_year``.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

# Capitalised month names only: "may" the verb must not become a date.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    # datelines in capitals: "WASHINGTON, JUNE 27, 2018 --"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
)
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
# Whitespace inside a date never crosses a line break ("04:03\n\nMarch 30" is two lines).
_DASH = r"[^\S\n]*(?:-|–|—|to|until)[^\S\n]*"

DATE_RE = re.compile(
    rf"""
    (?<!\w)(?=[A-Z0-9])  # cheap first test: a date starts a word, with a capital or digit
    (?:(?P<wd>{_WEEKDAY})\.?,?[^\S\n]+(?:the[^\S\n]+)?)?
    (?:
        (?P<ymd_y>{_YEAR})[^\S\n]*(?P<ymd_m>{_MONTH})[^\S\n]*(?P<ymd_d>{_DAY})        # 2017November 28
      | (?P<iso_y>{_YEAR})[-/](?P<iso_m>[01]?\d)[-/](?P<iso_d>[0-3]?\d)(?!\d)  # 2017-11-28
        (?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?                         # T10:00Z
      | (?P<num_a>[0-3]?\d)(?P<sep>[/.-])(?P<num_b>[0-3]?\d)(?P=sep)(?P<num_y>{_YEAR})  # 14/09/2017
      | (?P<dmy_d>{_DAY})(?:{_DASH}(?P<dmy_d2>{_DAY}))?[^\S\n]+(?:of[^\S\n]+)?
        (?P<dmy_m>{_MONTH})(?:,?[^\S\n]+(?P<dmy_y>{_YEAR}))?                      # 14 September 2017
      | (?P<mdy_m>{_MONTH})[^\S\n]+(?P<mdy_d>{_DAY})(?:{_DASH}(?P<mdy_d2>{_DAY}))?
        (?:,?[^\S\n]+(?P<mdy_y>{_YEAR}))?                                          # Dec. 4, 2017
    )
    (?![\w/])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class FoundDate:
    """One date mention: ``text[start:end]`` names the day ``value``."""

    start: int
    end: int
    value: date
    year_given: bool = True  # False when the year came from default_year
    until: date | None = None  # last day of a range such as "17-19 July 2020"


def _month(name: str) -> int:
    """Month number of an English month name or abbreviation."""
    return MONTHS[name[:3].lower()]


def _day(text: str) -> int:
    """Day number without its ordinal suffix."""
    return int(re.match(r"\d+", text)[0])


def _safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when that day does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for_weekday(month: int, day: int, weekday: int, near: int) -> int | None:
    """Year closest to ``near`` (earlier wins a tie) in which month/day falls on weekday."""
    for offset in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        d = _safe_date(near + offset, month, day)
        if d and d.weekday() == weekday:
            return near + offset
    return None


def _numeric_parts(a: str, b: str) -> tuple[int, int]:
    """(month, day) of "a/b": day first, unless only month first makes sense."""
    first, second = int(a), int(b)
    if second > 12 >= first:
        return first, second
    return second, first


def _from_match(m: re.Match, default_year: int | None) -> FoundDate | None:
    """Turn one DATE_RE match into a FoundDate, or None if it names no real day."""
    g = m.groupdict()
    day2 = None
    if g["ymd_y"]:
        year, month, day = int(g["ymd_y"]), _month(g["ymd_m"]), _day(g["ymd_d"])
    elif g["iso_y"]:
        year, month, day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    elif g["num_y"]:
        year = int(g["num_y"])
        month, day = _numeric_parts(g["num_a"], g["num_b"])
    elif g["dmy_m"]:
        year = int(g["dmy_y"]) if g["dmy_y"] else None
        month, day = _month(g["dmy_m"]), _day(g["dmy_d"])
        day2 = _day(g["dmy_d2"]) if g["dmy_d2"] else None
    else:
        year = int(g["mdy_y"]) if g["mdy_y"] else None
        month, day = _month(g["mdy_m"]), _day(g["mdy_d"])
        day2 = _day(g["mdy_d2"]) if g["mdy_d2"] else None
    year_given = year is not None
    if year is None:
        if default_year is None:
            return None
        year = default_year
        if g["wd"]:
            year = _year_for_weekday(month, day, WEEKDAYS[g["wd"][:3].lower()], year) or year
    value = _safe_date(year, month, day)
    if value is None:
        return None
    until = _safe_date(year, month, day2) if day2 else None
    if until is not None and until <= value:
        until = None
    return FoundDate(m.start(), m.end(), value, year_given, until)


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|until|through)\s*")
RANGE_MAX_DAYS = 31  # "29 June – 1 July 2024": a run of days, not two separate dates


def _cross_month_range(first: re.Match, second: FoundDate) -> FoundDate | None:
    """ "29 June – 1 July 2024", "Dec. 30 - Jan. 2, 2025": one run of days that takes
    its year from the second date."""
    for year in (second.value.year, second.value.year - 1):
        start = _from_match(first, year)
        if start is None or start.year_given:
            return None
        if 0 < (second.value - start.value).days <= RANGE_MAX_DAYS:
            return FoundDate(start.start, second.end, start.value, True, second.value)
    return None


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Every day-precise date mention in ``text``, in order (month-only mentions skipped)."""
    matches = list(DATE_RE.finditer(text))
    out: list[FoundDate] = []
    skip = -1
    for i, m in enumerate(matches):
        if i == skip:
            continue
        if i + 1 < len(matches) and _RANGE_GAP.fullmatch(text[m.end() : matches[i + 1].start()]):
            second = _from_match(matches[i + 1], default_year)
            joined = _cross_month_range(m, second) if second and second.year_given else None
            if joined is not None:
                out.append(joined)
                skip = i + 1
                continue
        found = _from_match(m, default_year)
        if found is not None:
            out.append(found)
    return out


# "on Saturday", "last Tuesday", "yesterday": a day counted back from the post's date
_WEEKDAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
RELATIVE_RE = re.compile(
    r"\b(?P<word>today|tonight|this morning|this evening|yesterday)\b"
    # "on Saturday", "last Tuesday", and the wire style "told the council Wednesday"
    rf"|(?:\b(?P<prep>on|last|this|from|On|Last|This|From)\s+)?\b(?P<wd>{_WEEKDAY_NAME})\b"
    # "from Thursday to Saturday": a run of days ending on the second weekday
    rf"(?:\s+(?:to|until|through|till)\s+(?P<wd2>{_WEEKDAY_NAME}))?"
    r"(?![,\s]+(?:the\s+)?\d|[,\s]+[A-Z][a-z]+\.?\s+\d)"
)


def relative_dates(text: str, published: date) -> list[FoundDate]:
    """Dates of "today", "yesterday" and bare weekday mentions, counted back from published."""
    out = []
    for m in RELATIVE_RE.finditer(text):
        if m["word"]:
            back = 1 if m["word"] == "yesterday" else 0
        else:
            back = (published.weekday() - WEEKDAYS[m["wd"][:3].lower()]) % 7
            if back == 0 and (m["prep"] or "").lower() == "last":
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


@cache
def _dateparser_settings(default_year: int | None) -> dict:
    """dateparser settings that never borrow missing parts from today's date."""
    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month"] if default_year else ["day", "month", "year"],
        "STRICT_PARSING": default_year is None,
    }
    if default_year:
        settings["RELATIVE_BASE"] = datetime(default_year, 1, 1)
        settings["PREFER_DATES_FROM"] = "current_period"
    return settings


def _dateparser_fallback(text: str, default_year: int | None) -> date | None:
    """Ask dateparser about a short string our regexes did not understand."""
    import dateparser  # imported lazily: loading it costs about a second

    parsed = dateparser.parse(text, languages=["en"], settings=_dateparser_settings(default_year))
    if parsed is None:
        return None
    if default_year and str(parsed.year) not in text:
        return _safe_date(default_year, parsed.month, parsed.day)
    return parsed.date()


def parse_date(text: str, *, default_year: int | None = None) -> date | None:
    """The first date named in ``text`` ("on Sunday, July 19", "14/09/2017"), else None."""
    found = find_dates(text, default_year=default_year)
    if found:
        return found[0].value
    text = text.strip(" \t\n.,;:()")
    if not text or len(text) > 40 or not re.search(r"\d", text):
        return None
    return _dateparser_fallback(text, default_year)


def reference_date(text: str) -> date | None:
    """The latest date written with its year in ``text``: a year source for undated posts."""
    dated = [f.value for f in find_dates(text) if f.year_given]
    return max(dated, default=None)


def days_between(a: date, b: date) -> int:
    """Absolute number of days between two dates."""
    return abs((a - b) // timedelta(days=1))
