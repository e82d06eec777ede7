"""Home, speakers, events and sources: the pages visitors browse.

Every list costs a fixed number of queries whatever its length (tests pin them); bad input
(an unknown slug, a page that does not exist) is a 404, a filter value that makes no sense
is a friendly message with status 400.
"""

import string
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, F, Prefetch
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404, render

from archive import background, editing, keyset, passages, search, timeline
from archive.facets import UNDATED  # ?year= for events without a date, as for statements
from archive.models import (
    Event,
    EventKind,
    Occurrence,
    RedirectKind,
    ReviewStatus,
    Source,
    Speaker,
    Statement,
    StatementTally,
)
from archive.views.methods import read_only

# How many latest events and recent statements the home page shows.
HOME_EVENTS = 6
HOME_STATEMENTS = 5

# The A-Z list is names only: pages this many times longer than others keep letters together.
SPEAKER_PAGE_FACTOR = 4

# A fuzzy name longer than this is cut: no name is that long, and trigrams of a page of text
# would only cost time.
MAX_NAME_QUERY = 200


# An event page lists its passages in source order (sources in import order, passages in
# text order), a keyset page at a time (the index occurrence_event_order_idx).
EVENT_PASSAGES_PER_PAGE = 25
EVENT_PASSAGE_ORDER = (
    '"archive_occurrence"."source_id"',
    '"archive_occurrence"."start"',
    '"archive_occurrence"."id"',
)
# The event page's side lists: its most frequent speakers, its first posts.
EVENT_SPEAKERS = 50
EVENT_POSTS = 50
# The speaker page reads roles from the passages of this many of the latest statements.
ROLE_STATEMENTS = 1000


def paginate(
    request: HttpRequest, object_list, per_page: int | None = None, *, count: int | None = None
) -> Page:
    """The page ``?page=`` asks for; a page that is not a number or does not exist is a 404.

    ``count``, when known (from the tallies), saves the paginator its COUNT(*).
    """
    per_page = per_page or settings.ARCHIVE_PAGE_SIZE
    if count is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = search.CountedPaginator(object_list, per_page, count=count)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage):
        raise Http404(f"There is no page {number!r} here.") from None


@read_only
def home(request: HttpRequest) -> HttpResponse:
    """/: what the archive holds, the latest events, a few recent statements."""
    public = Statement.objects.visible()
    context = {
        "counts": {
            "statements": public.count(),
            "speakers": Speaker.objects.count(),
            "events": Event.objects.count(),
            "sources": Source.objects.current().count(),
        },
        "latest_events": Event.objects.with_public_counts().newest_first()[:HOME_EVENTS],
        "recent_statements": public.for_listing().newest_first()[:HOME_STATEMENTS],
    }
    return render(request, "archive/home.html", context)


@read_only
def speaker_list(request: HttpRequest) -> HttpResponse:
    """/speakers/: A-Z with letter links and statement counts, or ``?q=`` fuzzy name matches."""
    # PostgreSQL text cannot hold NUL: a pasted one would otherwise be a server error.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_NAME_QUERY]
    context = {"query": query, "query_string": search.query_string(request.GET)}
    if query:
        speakers = Speaker.objects.matching_name(query).with_public_counts()
        context["page_obj"] = paginate(
            request, speakers, SPEAKER_PAGE_FACTOR * settings.ARCHIVE_PAGE_SIZE
        )
        return render(request, "archive/speaker_list.html", context)

    speakers = Speaker.objects.a_to_z().with_public_counts()
    page_obj = paginate(request, speakers, SPEAKER_PAGE_FACTOR * settings.ARCHIVE_PAGE_SIZE)
    context["page_obj"] = page_obj
    context["letters"] = _letter_links(
        Speaker.objects.a_to_z().initial_counts(), page_obj.paginator.per_page
    )
    return render(request, "archive/speaker_list.html", context)


def _letter_links(rows, per_page: int) -> list[dict]:
    """A-Z (and any other initials) with the page each one starts on; absent letters unlinked."""
    seen, before = {}, 0
    for row in rows:
        seen[row["initial"]] = {"count": row["count"], "page": before // per_page + 1}
        before += row["count"]
    letters = [{"letter": c, **seen.pop(c, {})} for c in string.ascii_uppercase]
    others = [{"letter": c, **info} for c, info in seen.items()]
    return others + letters if others and others[0]["letter"] < "A" else letters + others


@read_only
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A speaker: who, under which names and roles, what they said (newest first, grouped by
    event on each page), and when.

    Sized for a speaker of 80,000 statements: the count comes from the tallies, a page's ids
    from the speaker index alone (so page 3,000 costs little more than page 1), the timeline
    from the monthly tallies, and the roles from the latest ``ROLE_STATEMENTS`` statements.
    """
    speaker = Speaker.objects.prefetch_related("aliases").filter(slug=slug).first()
    if speaker is None:
        return _merged_away(RedirectKind.SPEAKER, slug)
    statements = Statement.objects.visible().by_speaker(speaker)
    latest = statements.newest_first().values("pk")[:ROLE_STATEMENTS]
    role_rows = (
        Occurrence.objects.using(statements.db)
        .filter(statement__in=latest)
        .exclude(role="")
        .values("role", "source_id", "source__title", "source__file_name")
        .distinct()
        .order_by("role", "source__file_name", "source_id")
    )
    read_roles = background.beside(lambda: list(role_rows), using=role_rows.db)
    count = StatementTally.count_for("speaker", speaker.pk)
    page_obj = paginate(
        request, search.IdsFirst(statements.newest_first().select_related("event")), count=count
    )
    speaker_timeline = timeline.build_timeline(_months_of(speaker))
    context = {
        "speaker": speaker,
        "aliases": [a for a in speaker.aliases.all() if a.name != speaker.name],
        "roles": _sources_by_role(read_roles()),  # read last: the worker had the longest
        "roles_from_latest": ROLE_STATEMENTS if count > ROLE_STATEMENTS else None,
        "page_obj": page_obj,
        "query_string": search.query_string(request.GET),
        "timeline": speaker_timeline,
    }
    return render(request, "archive/speaker_detail.html", context)


def _sources_by_role(rows) -> dict[str, list[dict]]:
    """Each role a speaker had, with the sources that give it."""
    roles: dict[str, list[dict]] = {}
    for row in rows:
        roles.setdefault(row["role"], []).append(
            {"pk": row["source_id"], "name": row["source__title"] or row["source__file_name"]}
        )
    return roles


def _months_of(speaker: Speaker) -> dict[date, int]:
    """The speaker's public dated statements per month, from the trigger-kept tallies."""
    rows = StatementTally.objects.filter(dimension=f"month:{speaker.pk}", count__gt=0)
    return {
        date(int(value[:4]), int(value[5:7]), 1): count
        for value, count in rows.values_list("value", "count")
    }


@read_only
def event_list(request: HttpRequest) -> HttpResponse:
    """/events/: newest first, narrowed by ``?year=`` and ``?kind=``, with counts for each."""
    year_param = request.GET.get("year", "").strip()
    kind_param = request.GET.get("kind", "").strip()
    kind_labels = dict(EventKind.choices)
    errors = []
    # Only valid choices carry over into the facet and page links.
    chosen = QueryDict(mutable=True)
    year = kind = None
    if year_param == UNDATED:
        year = UNDATED
        chosen["year"] = UNDATED
    elif year_param:
        if year_param.isascii() and year_param.isdigit() and 1 <= int(year_param) <= 9999:
            year = int(year_param)
            chosen["year"] = str(year)
        else:
            errors.append(f"“{year_param}” is not a year: choose one of the years listed.")
    if kind_param:
        if kind_param in kind_labels:
            kind = kind_param
            chosen["kind"] = kind
        else:
            errors.append(f"“{kind_param}” is not a kind of event: choose one of the kinds listed.")

    events = Event.objects.all()
    if year == UNDATED:
        by_year = events.filter(start_date__isnull=True)
    else:
        by_year = events.in_year(year) if year else events
    by_kind = events.filter(kind=kind) if kind else events
    context = {
        "year": year,
        "kind": kind,
        "kind_label": kind_labels.get(kind, ""),
        "errors": errors,
        "query_string": chosen.urlencode(),
        # Each facet ignores its own filter: its counts say what choosing it would give.
        "year_label": "without a date" if year == UNDATED else (f"in {year}" if year else ""),
        "years": _year_rows(by_kind, chosen),
        "kinds": [
            {
                **row,
                "label": kind_labels.get(row["kind"], row["kind"]),
                "query_string": search.toggled(chosen, "kind", row["kind"]),
            }
            for row in by_year.kind_counts()
        ],
    }
    if errors:
        return render(request, "archive/event_list.html", context, status=400)
    filtered = by_year.filter(kind=kind) if kind else by_year
    context["page_obj"] = paginate(request, filtered.with_public_counts().newest_first())
    return render(request, "archive/event_list.html", context)


def _year_rows(events, chosen: QueryDict) -> list[dict]:
    """The year facet of the event list, newest first, undated events last (one query)."""
    rows = (
        events.annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by(F("year").desc(nulls_last=True))
    )
    return [
        {
            "year": row["year"] or UNDATED,
            "label": str(row["year"]) if row["year"] else "Undated",
            "count": row["count"],
            "query_string": search.toggled(chosen, "year", str(row["year"] or UNDATED)),
        }
        for row in rows
    ]


@read_only
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An event: when and where, who spoke, what they said in source order, who reported it.

    The side lists are bounded (the ``EVENT_SPEAKERS`` most frequent speakers, the first
    ``EVENT_POSTS`` posts) so the largest event costs a few index reads, not one per speaker.
    """
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        return _merged_away(RedirectKind.EVENT, slug)
    occurrences = (
        Occurrence.objects.filter(event=event)
        .exclude(statement__review_status=ReviewStatus.REJECTED)
        .select_related("statement__speaker", "source", "article")
        .defer("source__text")  # a page of passages needs no source's whole text
    )
    try:
        page_obj = keyset.page(
            occurrences,
            EVENT_PASSAGE_ORDER,
            ("source_id", "start", "pk"),
            after=request.GET.get("after"),
            before=request.GET.get("before"),
            size=EVENT_PASSAGES_PER_PAGE,
        )
    except keyset.BadCursor as error:
        raise Http404(str(error)) from None
    speakers = list(Speaker.objects.at_event(event, limit=EVENT_SPEAKERS + 1))
    articles = list(
        event.articles.select_related("source")
        .defer("source__text")
        .order_by(F("published").asc(nulls_last=True), "source_id", "position")[: EVENT_POSTS + 1]
    )
    context = {
        "event": event,
        "speakers": speakers[:EVENT_SPEAKERS],
        "more_speakers": len(speakers) > EVENT_SPEAKERS,
        "occurrences": page_obj.object_list,
        "page_obj": page_obj,
        "statement_count": StatementTally.count_for("event", event.pk),
        "articles": articles[:EVENT_POSTS],
        "more_articles": len(articles) > EVENT_POSTS,
    }
    return render(request, "archive/event_detail.html", context)


def _merged_away(kind: str, slug: str) -> HttpResponse:
    """A merged-away slug answers 301 to its survivor, forever; an unknown one is a 404."""
    survivor = editing.redirect_for(kind, slug)
    if survivor is None:
        raise Http404(f"No {kind} is called {slug!r}.")
    return HttpResponsePermanentRedirect(survivor.get_absolute_url())


@read_only
def source_list(request: HttpRequest) -> HttpResponse:
    """/sources/: every imported document with its counts, later imports marked."""
    page_obj = paginate(request, Source.objects.for_listing())
    return render(
        request,
        "archive/source_list.html",
        {"page_obj": page_obj, "query_string": search.query_string(request.GET)},
    )


@read_only
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A source: its provenance, its posts and its original text with every passage marked."""
    source = get_object_or_404(
        Source.objects.select_related("ingest_run", "superseded_by").prefetch_related(
            Prefetch(
                "earlier_versions",
                queryset=Source.objects.order_by("-imported_at").only(
                    "pk", "file_name", "title", "imported_at", "superseded_by"
                ),
            )
        ),
        pk=pk,
    )
    articles = list(source.articles.select_related("event").order_by("position"))
    occurrences = list(
        source.occurrences.select_related("statement__speaker").order_by("start", "-end", "pk")
    )
    # The page starts at the first post: site menus and headers before it fold away.
    cut = min((a.start for a in articles), default=0)
    cut = min([cut, *(occ.start for occ in occurrences)])
    rendered = passages.render_source(
        source.text[cut:],
        [_Shifted(o.pk, o.start - cut, o.end - cut, o.statement) for o in occurrences],
        [_Shifted(a.pk, a.start - cut, a.end - cut) for a in articles],
    )
    context = {
        "chrome": source.text[:cut],
        "source": source,
        "articles": articles,
        "occurrence_count": len(occurrences),
        "statement_count": len({occ.statement_id for occ in occurrences}),
        "source_html": rendered.html,
        "split_occurrences": rendered.split,
    }
    return render(request, "archive/source_detail.html", context)


@dataclass(frozen=True)
class _Shifted:
    """An occurrence or post with its offsets moved to a slice of the source's text."""

    pk: int
    start: int
    end: int
    statement: object = None


def robots_txt(request: HttpRequest) -> HttpResponse:
    """/robots.txt: the sitemap's address; the demo archive asks not to be indexed at all."""
    lines = ["User-agent: *"]
    lines.append("Disallow: /" if settings.ARCHIVE_DEMO else "Disallow: /admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
