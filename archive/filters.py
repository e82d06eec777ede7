"""The statement search's filters, facet counts and active-filter chips (django-filter)."""

from collections.abc import Collection

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef

from archive import background, search
from archive import facets as counting
from archive.dates import PartialDateField
from archive.facets import UNDATED
from archive.models import (
    Event,
    EventKind,
    Occurrence,
    ReviewStatus,
    Source,
    Speaker,
    Statement,
    StatementKind,
)
from archive.querysets import StatementQuerySet
from archive.search_display import SearchDisplay


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [(RELEVANCE, "Best match"), (NEWEST, "Newest first"), (OLDEST, "Oldest first")]


class StatementSearchForm(forms.Form):
    """The filters' fields plus the sort order; checks that a date range runs forwards."""

    sort = forms.ChoiceField(choices=Sort.CHOICES, required=False, label="Sort by")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        # Partial dates are spans: "from" takes the first day of its span, "to" the last.
        start, end = start and start[0], end and end[1]
        if start and end and start > end:
            raise forms.ValidationError(
                "The “from” date (%(start)s) is after the “to” date (%(end)s).",
                code="date_range",
                params={"start": start.isoformat(), "end": end.isoformat()},
            )
        return cleaned


class PartialDateFilter(django_filters.Filter):
    """A date bound given as a year, year-month or full date (``archive.dates``)."""

    field_class = PartialDateField

    def filter(self, qs, value):
        if not value:
            return qs
        first, last = value
        return super().filter(qs, first if self.lookup_expr == "gte" else last)


def _year(value: str) -> int | None:
    """The year a ``?year=`` value names (four digits), else None."""
    return int(value) if value.isascii() and value.isdigit() and len(value) == 4 else None


class StatementFilter(SearchDisplay, django_filters.FilterSet):
    """Every filter of /statements/, each one a GET parameter so searches can be shared."""

    q = django_filters.CharFilter(label="Search statements", method="filter_query", max_length=500)
    speaker = django_filters.ModelMultipleChoiceFilter(
        label="Speaker",
        queryset=Speaker.objects.all(),
        to_field_name="slug",
        method="filter_speakers",
    )
    event = django_filters.ModelChoiceFilter(
        label="Event", queryset=Event.objects.all(), to_field_name="slug"
    )
    event_kind = django_filters.ChoiceFilter(
        label="Event kind", field_name="event_kind", choices=EventKind.choices
    )
    source = django_filters.ModelChoiceFilter(
        label="Source", queryset=Source.objects.all(), method="filter_source"
    )
    kind = django_filters.ChoiceFilter(label="Statement kind", choices=StatementKind.choices)
    status = django_filters.ChoiceFilter(
        label="Review status", field_name="review_status", choices=ReviewStatus.choices
    )
    date_from = PartialDateFilter(label="From date", field_name="date", lookup_expr="gte")
    date_to = PartialDateFilter(label="To date", field_name="date", lookup_expr="lte")
    year = django_filters.CharFilter(label="Year", method="filter_year", max_length=9)

    class Meta:
        model = Statement
        fields = []
        form = StatementSearchForm

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Rejected statements are for editors: visitors can neither ask for them nor count them.
        self.editor = bool(self.request and self.request.user.is_staff)
        if not self.editor:
            public = [c for c in ReviewStatus.choices if c[0] != ReviewStatus.REJECTED]
            self.filters["status"].extra["choices"] = public
            self.form.fields["status"].choices = [("", "---------"), *public]

    def filter_year(self, queryset, name, value):
        if value == UNDATED:
            return queryset.filter(date__isnull=True)
        if (year := _year(value)) is not None:
            return queryset.filter(date__year=year)
        return queryset.none()

    def filter_query(self, queryset, name, value):
        return queryset.matching(value)

    def filter_speakers(self, queryset, name, value):
        # ``value`` is the (already fetched) queryset of chosen speakers; empty when none.
        if not value:
            return queryset
        return queryset.filter(speaker_id__in=[speaker.pk for speaker in value])

    def filter_source(self, queryset, name, value):
        # Exists, not a join: a statement quoted twice in one source is still one result.
        return queryset.filter(
            Exists(Occurrence.objects.filter(statement=OuterRef("pk"), source=value))
        )

    def filter_queryset(self, queryset, *, skip: Collection[str] = ()) -> StatementQuerySet:
        """Apply every filter but those in ``skip``; rejected statements stay out unless asked
        for (or the status filter is skipped)."""
        data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name not in skip:
                queryset = filter_.filter(queryset, data.get(name))
        if "status" not in skip and not data.get("status"):
            queryset = queryset.visible()
        return queryset

    # -- What the page shows ----------------------------------------------------------------

    @property
    def query(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip()

    @property
    def sort(self) -> str:
        """The order asked for; relevance only means something with a query."""
        sort = self.form.cleaned_data.get("sort")
        if not self.query:
            return Sort.OLDEST if sort == Sort.OLDEST else Sort.NEWEST
        return sort or Sort.RELEVANCE

    def results(self) -> StatementQuerySet:
        """The filtered statements in the order asked for, with the joins a list row needs."""
        qs = self.qs.for_listing()
        if self.sort == Sort.RELEVANCE:
            return qs.by_relevance(self.query)
        if self.sort == Sort.OLDEST:
            return qs.oldest_first()
        return qs.newest_first()

    def page(self):
        """The results as pages: ids first, then the page's rows with their highlights.

        Ranking is bounded: when more statements match than ``ARCHIVE_EXACT_COUNT_LIMIT``,
        "best match" ranks only that many of them, the most recently imported (highest
        ids): the window comes from one scan that ranks each match as it reads it
        (``StatementQuerySet.newest_ranked_ids``), and only the page's rows are fetched.
        """
        results = self.results()

        def rows(ids):
            return self._rows(ids, order=results.query.order_by)

        if self._beside is not None:
            # Read by the worker thread while the summary counted (``read_page_beside``).
            ranked_window, read_ids, read_rows = self._beside.result()

            def rows_once_read(ids):
                return read_rows if ids == read_ids else rows(ids)

            return search.IdsFirst(
                results, rows=rows_once_read, ids=lambda item: ranked_window[item]
            )
        if self.sort != Sort.RELEVANCE or self.summary().exact:
            return search.IdsFirst(results, rows=rows)
        ranked_window = self._ranked_window()
        return search.IdsFirst(results, rows=rows, ids=lambda item: ranked_window[item])

    def _rows(self, ids, *, order, using: str | None = None):
        """The page's statements with the joins a list row needs and their highlights."""
        page = Statement.objects.using(using).filter(pk__in=ids).for_listing()
        page = page.by_relevance(self.query) if self.sort == Sort.RELEVANCE else page
        page = page.order_by(*order)
        return page.with_headline(self.query) if self.query else page

    def _ranked_window(self) -> list[int]:
        """The best-match window's ids in rank order: the newest ``ARCHIVE_EXACT_COUNT_LIMIT``
        matches (all of them when the count is exact), best match first."""
        return self.qs.newest_ranked_ids(self.query, counting.exact_limit())

    _beside = None  # the ranked window and one page's rows, read by archive.background

    def read_page_beside(self, number) -> None:
        """Before the summary: a best-match page does not depend on the counts, so the worker
        thread ranks the window and reads page ``number``'s rows (when it is a page number)
        while the summary counts, on the machine's other core. The paginator still checks
        the number against the count; an out-of-range page's rows are just not shown.
        """
        if self.sort != Sort.RELEVANCE or self._beside is not None:
            return
        try:
            number = int(number or 1)
        except ValueError:
            return
        if number < 1:
            return  # no such page: the paginator says so
        size = settings.ARCHIVE_PAGE_SIZE
        item = slice((number - 1) * size, number * size)
        order = self.results().query.order_by
        # The alias is fixed here: the worker thread does not know the request's replica.
        db = self.qs.db
        matches, limit = self.qs.using(db), counting.exact_limit()

        def read():
            ids = matches.newest_ranked_ids(self.query, limit)
            page_ids = ids[item]
            return ids, page_ids, list(self._rows(page_ids, order=order, using=db))

        self._beside = background.start(read, using=db)

    def browsable_count(self) -> int:
        """How many results have page numbers: the first ``ARCHIVE_EXACT_COUNT_LIMIT`` (an OFFSET
        into more costs a scan of everything skipped). Newest and oldest first go on past them
        by keyset (``?after=``); "best match" ranks only that many."""
        summary = self.summary()
        return min(summary.total, counting.exact_limit())

    def summary(self) -> counting.Summary:
        """The total and the facet rows: one pass over the matches, one more per chosen facet
        (none more when the search is estimated: one sample answers all, see ``facets``).

        Each facet ignores its own filter, so its options say how many results choosing
        them would give (picking a second speaker adds to the results). Without a query or
        any filter, the tallies answer exactly without reading statements.
        """
        if getattr(self, "_summary", None) is not None:
            return self._summary
        data = self.form.cleaned_data
        chosen = {spec.name for spec in counting.FACETS if data.get(spec.name)}
        if not self.query and not any(data.get(name) for name in self.filters):
            self._summary = counting.from_tallies(db=self.queryset.db)
            return self._summary
        base = self.queryset.all()
        # Rejected statements ride along in the main pass for the status facet only.
        hide_rejected = "status" not in chosen
        main = self.filter_queryset(base, skip={"status"}) if hide_rejected else self.qs
        expected = counting.planned_rows(main)
        # A search large enough to be estimated anyway: one sample, every choice a condition.
        if chosen and (
            shared := counting.estimated_with_choices(
                self.filter_queryset(base, skip=chosen | {"status"}),
                self._choices(chosen),
                expected=expected,
                hide_rejected=hide_rejected,
            )
        ):
            shared.estimated_facets = set(shared.facets)
            self._summary = shared
            return shared
        summary = counting.summarise(
            main,
            [spec for spec in counting.FACETS if spec.name not in chosen or spec.name == "status"]
            if hide_rejected
            else [spec for spec in counting.FACETS if spec.name not in chosen],
            hide_rejected=hide_rejected,
            expected=expected,
        )
        summary.estimated_facets = set() if summary.exact else set(summary.facets)
        for spec in counting.FACETS:
            if spec.name in chosen:
                other = counting.summarise(
                    self.filter_queryset(base, skip={spec.name}),
                    [spec],
                    hide_rejected=spec.name != "status" and not data.get("status"),
                )
                summary.facets[spec.name] = other.facets[spec.name]
                if not other.exact:
                    summary.estimated_facets.add(spec.name)
        self._summary = summary
        return summary

    def _choices(self, chosen: set[str]) -> list[counting.Choice]:
        """The chosen facets' values as their columns hold them (``facets.Choice``)."""
        data = self.form.cleaned_data
        values = {
            "speaker": lambda speakers: [s.pk for s in speakers],
            "event": lambda event: [event.pk],
            "source": lambda source: [source.pk],
            # The year column holds "2007" or "undated"; any other value matches nothing.
            "year": lambda year: [UNDATED if year == UNDATED else str(_year(year))],
        }
        return [
            counting.Choice(spec, tuple(values.get(spec.name, lambda v: [v])(data[spec.name])))
            for spec in counting.FACETS
            if spec.name in chosen
        ]
