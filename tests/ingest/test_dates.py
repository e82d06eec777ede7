"""Unit tests for ingest.dates: date forms, offsets and missing years."""

from datetime import date

import pytest

from ingest.dates import find_dates, parse_date, reference_date
from ingest.event_dates import stated_year


def test_abbreviated_month_with_comma_and_year():
    assert parse_date("Mar. 3, 2016") == date(2016, 3, 3)


def test_day_first_month_name():
    assert parse_date("2 October 2015") == date(2015, 10, 2)


def test_numeric_date_is_read_day_first():
    assert parse_date("05/11/2019") == date(2019, 11, 5)


def test_numeric_date_falls_back_to_month_first_when_day_first_is_impossible():
    assert parse_date("11/25/2019") == date(2019, 11, 25)


def test_year_stuck_to_month_name():
    assert parse_date("2016March 9") == date(2016, 3, 9)


def test_weekday_prefix_is_accepted():
    assert parse_date("Tuesday, June 6, 2023") == date(2023, 6, 6)


def test_iso_date():
    assert parse_date("2021-02-28") == date(2021, 2, 28)


def test_date_without_year_takes_default_year():
    assert parse_date("on Friday, March 4", default_year=2011) == date(2011, 3, 4)


def test_date_without_year_and_without_default_year_is_none():
    assert parse_date("March 4") is None


def test_weekday_picks_the_nearby_year_it_fits():
    # March 4 was a Friday in 2011, not in 2012.
    assert parse_date("Friday, March 4th", default_year=2012) == date(2011, 3, 4)


def test_month_and_year_alone_is_not_a_day():
    assert find_dates("in April 1999 and May 2003") == []


def test_may_the_verb_is_not_a_month():
    assert find_dates("The ministers may 12 times refuse.") == []


def test_impossible_day_is_skipped():
    assert parse_date("31 June 2019") is None


def test_find_dates_gives_offsets_of_each_mention():
    text = "Held on 3 May 2012 and again on June 9, 2013."
    found = find_dates(text)
    assert [text[f.start : f.end] for f in found] == ["3 May 2012", "June 9, 2013"]
    assert [f.value for f in found] == [date(2012, 5, 3), date(2013, 6, 9)]


def test_find_dates_marks_borrowed_years():
    (found,) = find_dates("on June 9", default_year=2013)
    assert found.value == date(2013, 6, 9)
    assert not found.year_given


def test_day_range_gives_last_day():
    (found,) = find_dates("from 10-12 April 2014")
    assert (found.value, found.until) == (date(2014, 4, 10), date(2014, 4, 12))


def test_ordinal_suffix_and_of():
    assert parse_date("the 21st of August 2010") == date(2010, 8, 21)


def test_unparseable_text_is_none():
    assert parse_date("no date here") is None


def test_reference_date_is_latest_full_date():
    text = "First 2 May 2010, then 1 June 2012, and on July 4 something."
    assert reference_date(text) == date(2012, 6, 1)


def test_stated_year_of_an_anniversary_of_a_dated_event():
    text = "The town marks the fifth anniversary of the 2016 floods with a concert."
    assert stated_year(text) == 2021


def test_stated_year_is_none_for_a_year_of_background_history():
    assert stated_year("They recalled the 1988 strike and its leaders.") is None


def test_run_of_days_across_two_months_takes_the_year_of_its_end():
    (found,) = find_dates("The festival ran from 29 June – 1 July 2024 in the park.")
    assert (found.value, found.until, found.year_given) == (
        date(2024, 6, 29),
        date(2024, 7, 1),
        True,
    )


def test_run_of_days_across_new_year_starts_in_the_year_before():
    (found,) = find_dates("Dec. 30 - Jan. 2, 2025")
    assert (found.value, found.until) == (date(2024, 12, 30), date(2025, 1, 2))


@pytest.mark.parametrize(
    "text",
    [
        "2018-06-27T10:00:00",
        "27-06-2018",
        "06/27/2018",
        "WASHINGTON, JUNE 27, 2018 --",
        "27 JUNE 2018",
    ],
)
def test_more_written_forms_of_one_day(text):
    assert parse_date(text) == date(2018, 6, 27)


def test_a_date_never_spans_a_line_break():
    found = find_dates("Fri 04:03\n\nMarch 30, 2017: a caption")
    assert [f.value for f in found] == [date(2017, 3, 30)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("at the 2019 Nordic Water Summit", 2019),
        ("the 2018 conference", 2018),
        ("Spring Forum 2021 opened", 2021),
        ("since the 2014 protests and the meeting of elders", None),
    ],
)
def test_stated_year_of_an_event_named_with_its_year(text, year):
    assert stated_year(text) == year
