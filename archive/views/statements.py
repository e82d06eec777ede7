"""Statement search (with filters and exports) and statement permalinks."""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from archive import (
    background,
    citations,
    exports,
    history,
    keyset,
    search,
    structured_data,
    wording,
)
from archive.filters import Sort, StatementFilter
from archive.models import Occurrence, ReviewStatus, Speaker, Statement
from archive.views.methods import read_only

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/jsonl; charset=utf-8",
}

# Filters picked from the facet lists rather than typed into the form.
FACET_PARAMS = ("speaker", "event", "event_kind", "source", "year", "kind", "status")

# How many "similar statements" the permalink page lists.
SIMILAR_COUNT = 5


@read_only
def statement_list(request: HttpRequest) -> HttpResponse:
    """/statements/: search, filter, facet counts, pages; ?format=csv|json exports the results."""
    # Empty parameters (an unfilled form field) mean "no filter", not an invalid value.
    params = search.search_params(request.GET)
    filterset = StatementFilter(params, queryset=Statement.objects.all(), request=request)
    export_format = request.GET.get("format", "")
    if export_format and export_format not in EXPORT_FORMATS:
        return HttpResponseBadRequest(
            f"Unknown export format {export_format!r}: use format=csv, format=json or format=jsonl.",
            content_type="text/plain; charset=utf-8",
        )
    valid = filterset.is_valid()
    query = filterset.query
    context = {
        "filter": filterset,
        "form": filterset.form,
        "query": query,
        "sort": filterset.sort,
        "query_string": params.urlencode(),
        # Facet choices ride along in the search form, so a new query keeps its filters.
        "kept_filters": [(name, value) for name in FACET_PARAMS for value in params.getlist(name)],
        "sort_choices": Sort.CHOICES,
        "csv_query_string": search.with_param(request.GET, "format", "csv"),
        "json_query_string": search.with_param(request.GET, "format", "json"),
        "jsonl_query_string": search.with_param(request.GET, "format", "jsonl"),
    }
    if not valid:
        if export_format:
            return HttpResponseBadRequest(
                "\n".join(filterset.error_messages()), content_type="text/plain; charset=utf-8"
            )
        context["errors"] = filterset.error_messages()
        return render(request, "archive/statement_list.html", context, status=400)

    if export_format:
        return _export(request, filterset.results(), export_format)

    filterset.read_page_beside(request.GET.get("page"))
    summary = filterset.summary()
    paginator = search.CountedPaginator(
        filterset.page(), settings.ARCHIVE_PAGE_SIZE, count=filterset.browsable_count()
    )
    context.update(
        chips=filterset.chips(),
        facets=filterset.facets(),
        paginator=paginator,
        total=summary.total,
        total_exact=summary.exact,
    )
    after = request.GET.get("after")
    try:
        if after and filterset.sort != Sort.RELEVANCE:
            page_obj, statements = _page_past_numbers(filterset, after)
        else:
            page_obj = paginator.page(request.GET.get("page") or 1)
            statements = list(page_obj.object_list)
    except (PageNotAnInteger, EmptyPage) as error:
        context["errors"] = [_page_error(request.GET.get("page"), paginator, error)]
        return render(request, "archive/statement_list.html", context, status=400)
    except keyset.BadCursor as error:
        context["errors"] = [f"Page: {error} Start again from the first page."]
        return render(request, "archive/statement_list.html", context, status=400)

    for statement in statements:
        statement.highlighted = (
            search.excerpt(statement.headline, statement.text) if query else None
        )
    if (
        isinstance(page_obj, Page)
        and not page_obj.has_next()
        and paginator.count < summary.total
        and filterset.sort != Sort.RELEVANCE
        and statements
    ):
        # The last numbered page: "Next" goes on by keyset, in the same order.
        context["next_cursor"] = keyset.dated_cursor_of(statements[-1])
    context["page_obj"] = page_obj
    context["statements"] = statements
    if not paginator.count and query:
        context["suggested_speakers"] = Speaker.objects.matching_name(query)[:5]
    return render(request, "archive/statement_list.html", context)


def _page_past_numbers(filterset: StatementFilter, after: str):
    """A page past the numbered ones (newest or oldest first): the statements after the
    cursor, read from the date index on, whatever the depth."""
    results = filterset.page()
    ids, next_cursor = keyset.dated_ids(
        results.queryset,
        newest=filterset.sort == Sort.NEWEST,
        after=after,
        size=settings.ARCHIVE_PAGE_SIZE,
    )
    statements = list(results.rows(ids)) if ids else []
    return keyset.KeysetPage(statements, next_cursor, None, is_first=False), statements


def _page_error(number: str, paginator: Paginator, error: Exception) -> str:
    if isinstance(error, PageNotAnInteger):
        return f"Page: “{number}” is not a page number."
    pages = paginator.num_pages
    return f"Page: there is no page {number}; these results have {pages} page{'s' if pages != 1 else ''}."


def _export(request: HttpRequest, results, export_format: str) -> StreamingHttpResponse:
    """The current results as a streamed CSV or JSON download, one row per occurrence."""
    version = exports.data_version()
    rows = exports.statement_rows(
        results,
        permalink=lambda s: request.build_absolute_uri(s.get_absolute_url()),
        version=exports.version_label(version),
    )
    writers = {"csv": exports.csv_lines, "json": exports.json_chunks, "jsonl": exports.jsonl_lines}
    body = writers[export_format](rows)
    response = StreamingHttpResponse(body, content_type=EXPORT_FORMATS[export_format])
    response["X-Archive-Data-Version"] = exports.version_label(version)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="statements-{stamp}.{export_format}"'
    return response


@read_only
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement's permalink: where it occurs, its neighbours, how to cite it, similar ones."""
    statement = get_object_or_404(Statement.objects.for_listing(), pk=pk)
    if statement.review_status == ReviewStatus.REJECTED and not request.user.is_staff:
        # Editors rejected it: visitors learn only that it was withdrawn (410 Gone), not what
        # the record said, so a wrong attribution is never shown again under a name.
        return render(
            request, "archive/statement_withdrawn.html", {"statement": statement}, status=410
        )
    db = statement._state.db
    similar = Statement.objects.using(db).similar_to(statement).for_listing()[:SIMILAR_COUNT]
    read_similar = background.beside(lambda: list(similar), using=db)
    occurrences = list(
        statement.occurrences.select_related("source", "article")
        .annotate(
            previous_id=_neighbour(before=True),
            next_id=_neighbour(before=False),
        )
        .order_by("source__file_name", "start", "pk")
    )
    neighbour_ids = {
        pk for occ in occurrences for pk in (occ.previous_id, occ.next_id) if pk is not None
    }
    neighbours = (
        Statement.objects.select_related("speaker").in_bulk(neighbour_ids) if neighbour_ids else {}
    )
    for occ in occurrences:
        occ.previous_statement = neighbours.get(occ.previous_id)
        occ.next_statement = neighbours.get(occ.next_id)

    permalink = request.build_absolute_uri(statement.get_absolute_url())
    for occ in occurrences:
        # Each source's own words, shown where they differ from the statement's text.
        occ.own_wording = occ.passage if _differs(occ.passage, statement.text) else ""
    cited = next((o for o in occurrences if not o.source.superseded_by_id), None) or (
        occurrences[0] if occurrences else None
    )
    version = exports.data_version()
    citation = citations.citation_for(
        statement,
        permalink=permalink,
        accessed=timezone.localdate(),
        source=cited.source if cited else None,
        occurrence=cited,
        data_version=exports.version_label(version),
        demo=settings.ARCHIVE_DEMO,
    )
    context = {
        "statement": statement,
        "occurrences": occurrences,
        "rejected": statement.review_status == ReviewStatus.REJECTED,
        "permalink": permalink,
        "citation": citation,
        "citation_text": citations.plain_text(citation),
        "citation_bibtex": citations.bibtex(citation),
        "citation_ris": citations.ris(citation),
        "citation_csl": citations.csl_json(citation),
        "data_version": version,
        "json_ld": structured_data.quotation(statement, permalink, cited),
        "corrections": history.corrections_line(statement.pk),
        "similar": read_similar(),  # read last: the worker had the longest
    }
    return render(request, "archive/statement_detail.html", context)


def _differs(passage: str, text: str) -> bool:
    """Whether a source's passage words the statement differently (spacing and marks aside)."""
    return wording.strip_outer_marks(wording.one_line(passage)) != wording.strip_outer_marks(
        wording.one_line(text)
    )


def _neighbour(*, before: bool) -> Subquery:
    """The public statement whose passage comes just before (or after) this one in its source.

    A subquery per occurrence row, served by the (source, start) index.
    """
    nearby = (
        Occurrence.objects.filter(source=OuterRef("source"))
        .exclude(statement=OuterRef("statement"))
        .exclude(statement__review_status=ReviewStatus.REJECTED)
    )
    if before:
        nearby = nearby.filter(start__lt=OuterRef("start")).order_by("-start", "-pk")
    else:
        nearby = nearby.filter(start__gt=OuterRef("start")).order_by("start", "pk")
    return Subquery(nearby.values("statement_id")[:1])
