"""The Python-built list fragments say what the templates' filters would have said."""

from datetime import date

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

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


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert('x') & \"y\"</script>",
        mark_safe("<mark>kept</mark>"),
        42,
        None,
        gettext_lazy("Reported speech"),
    ],
)
def test_fragments_escape_every_value_as_format_html_does(value):
    template = '<a title="{}">{}</a>'
    built = fragments._html(template, value, value)
    assert built == format_html(template, value, value)
    assert isinstance(built, SafeString)
