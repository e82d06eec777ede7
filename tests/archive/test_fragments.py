"""The Python-built list fragments say what the templates' filters would have said."""

from datetime import date

import pytest
from django.template.defaultfilters import date as date_filter

from archive import fragments


@pytest.mark.parametrize(
    "day", [date(2020, 7, 19), date(1999, 12, 31), date(2001, 5, 1), date(999, 1, 5)]
)
def test_fragment_dates_read_as_the_date_filter_writes_them(day):
    assert fragments._time(day) == (
        f'<time datetime="{day.isoformat()}">{date_filter(day, "j F Y")}</time>'
    )
    assert fragments._time(day, short_month=True) == (
        f'<time datetime="{day.isoformat()}">{date_filter(day, "j M Y")}</time>'
    )
