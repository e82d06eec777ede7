"""Keyset pages: "the next 25 after this row", read straight from an index, at any depth.

An OFFSET page reads and throws away every row before it, so page 3,000 of an event costs
3,000 pages of work. A keyset page starts from the sort key of the last row shown (the
cursor, carried in the URL as ``?after=12.3400.981``) and reads only the rows it shows.
The price: no "page 57 of 80" and no jumping to a page number; the first page, the next
and the previous are always one index read away.

Cursors are the integer sort keys joined by dots; anything else is refused (a 404 in the
views), never passed to SQL as text.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

_CURSOR = re.compile(r"-?\d{1,19}(?:\.-?\d{1,19})*")


class BadCursor(ValueError):
    """The ``after``/``before`` parameter is not a cursor of this list."""


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None  # ?after= for the page after this one
    previous_cursor: str | None  # ?before= for the page before this one
    is_first: bool

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def parse(value: str, width: int) -> tuple[int, ...]:
    if not _CURSOR.fullmatch(value or ""):
        raise BadCursor(f"{value!r} is not a page cursor.")
    keys = tuple(int(part) for part in value.split("."))
    if len(keys) != width:
        raise BadCursor(f"{value!r} is not a page cursor of this list.")
    return keys


def _cursor(row, attrs: tuple[str, ...]) -> str:
    return ".".join(str(getattr(row, attr)) for attr in attrs)


def page(
    queryset: QuerySet,
    columns: tuple[str, ...],
    attrs: tuple[str, ...],
    *,
    after: str | None,
    before: str | None,
    size: int,
) -> KeysetPage:
    """One page of ``queryset`` in ascending order of ``columns`` (quoted SQL columns,
    unique together), read from ``after`` or up to ``before``. ``attrs`` name the same
    keys on a row, to write the cursors of the page's first and last rows."""
    row_key = "(" + ", ".join(columns) + ")"
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    ascending = [RawSQL(column, []).asc() for column in columns]
    descending = [RawSQL(column, []).desc() for column in columns]
    if before:
        keys = parse(before, len(columns))
        condition = RawSQL(f"{row_key} < {placeholders}", keys, output_field=BooleanField())
        rows = list(queryset.filter(condition).order_by(*descending)[: size + 1])
        has_more_before = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows,
            next_cursor=_cursor(rows[-1], attrs) if rows else None,
            previous_cursor=_cursor(rows[0], attrs) if rows and has_more_before else None,
            is_first=not has_more_before,
        )
    if after:
        keys = parse(after, len(columns))
        condition = RawSQL(f"{row_key} > {placeholders}", keys, output_field=BooleanField())
        queryset = queryset.filter(condition)
    rows = list(queryset.order_by(*ascending)[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows,
        next_cursor=_cursor(rows[-1], attrs) if rows and has_more else None,
        previous_cursor=_cursor(rows[0], attrs) if rows and after else None,
        is_first=not after,
    )


# Statements in date order, newest or oldest first, undated last: the cursor is the last
# row's (date as a day number, 0 when undated; id). Row comparison reads the date index from
# the cursor on; the undated rows that follow all dated ones are a second, id-ordered read.
_DATED = '("archive_statement"."date", "archive_statement"."id")'


def _dated_cursor(day, pk: int) -> str:
    return f"{day.toordinal() if day else 0}.{pk}"


def dated_ids(
    queryset: QuerySet, *, newest: bool, after: str, size: int
) -> tuple[list, str | None]:
    """The ids of the ``size`` statements after cursor ``after`` in ``queryset``'s date order
    (``newest_first`` or ``oldest_first``, already applied), and the next page's cursor."""
    day_number, pk = parse(after, 2)
    rows = queryset.values_list("pk", "date")
    if day_number < 0 or day_number > date.max.toordinal():
        raise BadCursor(f"{after!r} is not a page cursor of this list.")
    if day_number:
        day = date.fromordinal(day_number)
        comparison = "<" if newest else ">"
        condition = RawSQL(
            f"{_DATED} {comparison} (%s, %s)", [day, pk], output_field=BooleanField()
        )
        found = list(rows.filter(condition)[: size + 1])
        if len(found) <= size:
            found += list(rows.filter(date__isnull=True)[: size + 1 - len(found)])
    else:
        undated = rows.filter(date__isnull=True)
        found = list(
            (undated.filter(pk__lt=pk) if newest else undated.filter(pk__gt=pk))[: size + 1]
        )
    more = len(found) > size
    found = found[:size]
    cursor = _dated_cursor(found[-1][1], found[-1][0]) if found and more else None
    return [pk for pk, _ in found], cursor


def dated_cursor_of(statement) -> str:
    """The cursor that continues after ``statement`` (a row with ``pk`` and ``date``)."""
    return _dated_cursor(statement.date, statement.pk)
