"""Partial dates in searches: "2020", "2020-07" or "2020-07-19" each name a span of days."""

import calendar
import re
from datetime import date

from django import forms

_PARTIAL = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")


def date_span(value: str) -> tuple[date, date] | None:
    """The first and last day ``value`` names, or None when it is not such a date.

    >>> date_span("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    """
    match = _PARTIAL.match(value.strip())
    if not match:
        return None
    year = int(match["y"])
    try:
        if match["d"]:
            day = date(year, int(match["m"]), int(match["d"]))
            return day, day
        if match["m"]:
            month = int(match["m"])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


class PartialDateField(forms.CharField):
    """A form field for a year, a year-month or a full date; cleans to ``(first, last)`` day."""

    default_error_messages = {
        "invalid": "Write a year (2020), a month (2020-07) or a full date (2020-07-19).",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        span = date_span(value)
        if span is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return span
