"""Search result helpers: escaped highlighting and the URL state of a search.

A search lives entirely in its GET parameters so it can be shared and cited; these helpers
build the links that change one parameter (facet options, chips, pages, exports).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters PostgreSQL puts around matched words (ts_headline StartSel/StopSel).
# They cannot be confused with markup, so the headline can be escaped first and marked after.
START_SEL = "\ue000"
STOP_SEL = "\ue001"
# ts_headline drops text that looks like an HTML tag; "<" and ">" are swapped for these two
# private-use characters around the call (StatementQuerySet.with_headline).
ANGLE_MASK = "\ue002\ue003"

# Parameters that are not part of "what was searched": the page (a number, or the keyset
# cursor past the numbered pages) and the export format.
VIEW_PARAMS = ("page", "after", "format")

# Punctuation ts_headline may drop from the end of a passage.
_CLOSING = ".,;:!?…\"'’”) "
_SENTINELS = re.compile(f"([{START_SEL}{STOP_SEL}])")


def highlight(headline: str) -> SafeString:
    """Escape ``headline`` and turn the sentinels around matches into ``<mark>`` elements.

    Every ``<mark>`` opened is closed, even if the stored text itself held a sentinel.
    """
    parts = []
    open_mark = False
    for chunk in _SENTINELS.split(headline):
        if chunk == START_SEL:
            if not open_mark:
                parts.append("<mark>")
            open_mark = True
        elif chunk == STOP_SEL:
            if open_mark:
                parts.append("</mark>")
            open_mark = False
        else:
            parts.append(escape(chunk))
    if open_mark:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # every text chunk went through escape()


def excerpt(headline: str, text: str) -> SafeString:
    """``highlight(headline)``, with "…" where the headline leaves out the text's start or end."""
    shown = _SENTINELS.sub("", headline).strip()
    marked = highlight(headline.strip())
    if not shown:
        return marked
    starts = text.lstrip().startswith(shown[:40])
    ends = text.rstrip().rstrip(_CLOSING).endswith(shown.rstrip(_CLOSING)[-40:])
    return mark_safe(("" if starts else "… ") + marked + ("" if ends else " …"))


def search_params(params: QueryDict) -> QueryDict:
    """A mutable copy of ``params`` without the page and format, and without empty values."""
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name in VIEW_PARAMS:
            continue
        for value in values:
            if value.strip() and value not in kept.getlist(name):
                kept.appendlist(name, value)
    return kept


def query_string(params: QueryDict) -> str:
    """The current search as a query string (no page, no format), for pages and exports."""
    return search_params(params).urlencode()


def with_param(params: QueryDict, name: str, value: str) -> str:
    """The query string with ``name`` set to ``value`` (export links: format=csv)."""
    kept = search_params(params)
    kept.setlist(name, [value])
    return kept.urlencode()


def without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The query string with parameter ``name`` removed (only ``value`` if given)."""
    kept = search_params(params)
    if value is None:
        kept.pop(name, None)
    else:
        kept.setlist(name, [v for v in kept.getlist(name) if v != value])
    return kept.urlencode()


def toggled(params: QueryDict, name: str, value: str, *, multiple: bool = False) -> str:
    """The query string with ``name=value`` switched on or off.

    For a multiple-choice parameter the value is added to or removed from the others; for a
    single-choice one it replaces the current value.
    """
    return Toggler(params)(name, value, multiple=multiple)


class Toggler:
    """``toggled`` for the many options of one search (a facet list): the search's
    parameters are cleaned once, not once per option."""

    def __init__(self, params: QueryDict):
        self.kept = dict(search_params(params).lists())

    def __call__(self, name: str, value: str, *, multiple: bool = False) -> str:
        current = self.kept.get(name, [])
        if value in current:
            values = [v for v in current if v != value]
        elif multiple:
            values = [*current, value]
        else:
            values = [value]
        # In QueryDict's order: the parameter keeps its place, or comes last when new.
        pairs = {**self.kept, name: values}
        return urlencode([(key, v) for key, vs in pairs.items() for v in vs])


class CountedPaginator(Paginator):
    """A paginator told its count (from the tallies or the one-pass summary), so it never
    runs a COUNT(*) of its own."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


class IdsFirst:
    """A queryset whose slices pick their ids first (a deferred join).

    ``qs[offset:offset + n]`` becomes ``WHERE id IN (SELECT id ... OFFSET .. LIMIT n)``: the
    skipped rows are passed over as narrow rows (from an index where one fits), and only the
    page's rows are read whole, with their costly columns (search headlines) computed for
    those rows alone. ``rows(ids)`` builds the page's queryset from the ids (default: the
    queryset itself narrowed to them); ``ids(slice)`` replaces the id query.
    """

    def __init__(self, queryset, *, rows=None, ids=None):
        self.queryset = queryset
        self.rows = rows or (lambda ids: self.queryset.filter(pk__in=ids))
        self.ids = ids or (lambda item: self.queryset.values("pk")[item])

    def __getitem__(self, item: slice):
        return list(self.rows(self.ids(item)))

    def count(self) -> int:
        return self.queryset.count()


# -- What a search page shows besides its rows --------------------------------------------

# How many options each facet shows at once, most results first; the rest fold under
# "Show all" (how many a facet lists at all: archive.facets.FACETS).
FACET_SHOWN = 8


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    query_string: str  # the search with this option switched on (or off, when selected)


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    estimated: bool = False  # counts from a sample of the matches, shown as "about"

    @property
    def top(self) -> list[FacetOption]:
        """The options shown at once: the first FACET_SHOWN, and any selected one."""
        return [o for i, o in enumerate(self.options) if i < FACET_SHOWN or o.selected]

    @property
    def more(self) -> list[FacetOption]:
        """The rest, behind "Show all"."""
        return [o for i, o in enumerate(self.options) if i >= FACET_SHOWN and not o.selected]


@dataclass(frozen=True)
class Chip:
    """One active filter, with the search that drops it."""

    name: str
    label: str
    value: str
    remove_query_string: str
