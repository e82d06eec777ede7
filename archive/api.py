"""The read-only JSON API under /api/ (django-ninja): statements, speakers, events, sources.

Why django-ninja rather than Django REST framework + drf-spectacular: the API is read-only
and small, ninja's typed schemas give the OpenAPI document for free (no second library to
keep in step), it ships Swagger UI's files itself (served from our static files: no CDN,
and its page has no inline script, so the Content Security Policy holds), and it brings
cursor pagination and per-client throttling in one package.

``/api/statements/`` takes exactly the filters and query syntax of ``/statements/``: the
parameters go through the same ``StatementFilter`` (django-filter) and ``matching()``.
Lists are cursor-paginated by id, newest id first: a cursor stays valid while rows are added.
"""

from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.pagination import CursorPagination, paginate
from ninja.throttling import SimpleRateThrottle

from archive import exports, search
from archive.filters import StatementFilter
from archive.models import Event, Occurrence, Source, Speaker, Statement

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class ClientRateThrottle(SimpleRateThrottle):
    """At most ``settings.API_RATE_LIMIT`` requests per client address (read at each call)."""

    scope = "client"

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


api = NinjaAPI(
    title="Statement Archive API",
    version="1",
    description=(
        "Read-only open data: statements (with the filters and query syntax of /statements/), "
        "speakers, events, sources and occurrences. Lists use cursor pagination: follow "
        "`next`. Every client may make API_RATE_LIMIT requests (default 120 a minute); past "
        "that the answer is 429 with Retry-After."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    throttle=[ClientRateThrottle()],
)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError):
    """A parameter of the wrong type: 400 with the parameter named, as the site does."""
    problems = [
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
        f"{error.get('msg', 'not valid')}"
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled):
    return api.create_response(
        request,
        {
            "detail": (
                f"Too many requests: this API allows {settings.API_RATE_LIMIT} requests per "
                "client. Wait for the number of seconds in the Retry-After header, then retry."
            )
        },
        status=429,
    )


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


# -- Schemas --------------------------------------------------------------------------------


class SpeakerBrief(Schema):
    slug: str
    name: str
    kind: str
    page: str = Field(description="The speaker's page on the site.")

    @staticmethod
    def resolve_page(obj, context) -> str:
        return _absolute(context["request"], obj.get_absolute_url())


class SpeakerOut(SpeakerBrief):
    id: int
    description: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]


class EventBrief(Schema):
    slug: str
    name: str
    kind: str
    start_date: date | None
    page: str

    @staticmethod
    def resolve_page(obj, context) -> str:
        return _absolute(context["request"], obj.get_absolute_url())


class EventOut(EventBrief):
    id: int
    end_date: date | None
    location: str
    description: str


class SourceOut(Schema):
    id: int
    title: str
    site: str
    url: str = Field(description="The page's own address, when it states one.")
    author: str
    published: date | None
    file_name: str
    sha256: str
    imported_at: datetime
    superseded_by: int | None = Field(None, alias="superseded_by_id")
    page: str

    @staticmethod
    def resolve_page(obj, context) -> str:
        return _absolute(context["request"], obj.get_absolute_url())


class SourceDetail(SourceOut):
    text: str = Field(description="The text exactly as imported: occurrences index into it.")


class OccurrenceOut(Schema):
    id: int
    statement: int = Field(alias="statement_id")
    source: int = Field(alias="source_id")
    start: int
    end: int
    role: str
    passage: str = Field(description="source.text[start:end], exactly.")
    page: str = Field(description="The passage highlighted in its source on the site.")

    @staticmethod
    def resolve_page(obj, context) -> str:
        return _absolute(context["request"], obj.get_absolute_url())


class StatementOut(Schema):
    id: int
    text: str
    kind: str = Field(description="direct (a quote) or indirect (reported speech).")
    date: date | None
    date_from_event: bool
    review_status: str
    speaker: SpeakerBrief
    event: EventBrief | None
    permalink: str

    @staticmethod
    def resolve_permalink(obj, context) -> str:
        return _absolute(context["request"], obj.get_absolute_url())


class StatementDetail(StatementOut):
    occurrences: list[OccurrenceOut]

    @staticmethod
    def resolve_occurrences(obj) -> list:
        return list(obj.occurrences.all())


class StatementFilters(Schema):
    """The filters of /statements/ (the same names and meanings)."""

    q: str | None = Field(None, description='Words, "a phrase", OR, -word.')
    speaker: list[str] = Field([], description="Speaker slugs (any of them).")
    event: str | None = Field(None, description="An event slug.")
    event_kind: str | None = None
    source: int | None = Field(None, description="A source id.")
    kind: str | None = Field(None, description="direct or indirect.")
    status: str | None = Field(None, description="unreviewed, verified or rejected.")
    date_from: str | None = Field(None, description="2020, 2020-07 or 2020-07-19.")
    date_to: str | None = Field(None, description="2020, 2020-07 or 2020-07-19.")
    year: str | None = Field(None, description="A year, or 'undated'.")


class Problem(Schema):
    detail: str


# Every operation may answer these (bad parameters, too many requests).
ERRORS = {400: Problem, 429: Problem}


class VersionOut(Schema):
    import_id: int | None
    imported_at: str | None
    demo: bool = Field(description="True on the demo archive: invented documents, never cite.")


# -- Endpoints ------------------------------------------------------------------------------

_cursor = {"ordering": ("-id",), "page_size": PAGE_SIZE, "max_page_size": MAX_PAGE_SIZE}


@api.get("/version/", response={200: VersionOut, **ERRORS}, summary="The archive's data version")
def version(request: HttpRequest):
    """The last import's id and time: cite it with results so they can be reproduced."""
    return {**exports.data_version(), "demo": settings.ARCHIVE_DEMO}


@api.get(
    "/statements/",
    response={200: list[StatementOut], **ERRORS},
    summary="Search statements",
)
@paginate(CursorPagination, **_cursor)
def statements(request: HttpRequest, filters: Query[StatementFilters]):
    """Statements matching the filters, rejected ones left out unless status=rejected."""
    params = search.search_params(request.GET)
    for name in ("cursor", "page_size"):
        params.pop(name, None)
    filterset = StatementFilter(params, queryset=Statement.objects.all(), request=request)
    if not filterset.is_valid():
        raise HttpError(400, " ".join(filterset.error_messages()))
    return filterset.qs.select_related("speaker", "event")


@api.get(
    "/statements/{statement_id}/",
    response={200: StatementDetail, 404: Problem, **ERRORS},
    summary="One statement with its passages",
)
def statement(request: HttpRequest, statement_id: int):
    return get_object_or_404(
        Statement.objects.select_related("speaker", "event").prefetch_related(
            Prefetch("occurrences", queryset=Occurrence.objects.select_related("source"))
        ),
        pk=statement_id,
    )


@api.get("/speakers/", response={200: list[SpeakerOut], **ERRORS}, summary="Speakers")
@paginate(CursorPagination, **_cursor)
def speakers(request: HttpRequest):
    return Speaker.objects.prefetch_related("aliases")


@api.get(
    "/speakers/{slug}/", response={200: SpeakerOut, 404: Problem, **ERRORS}, summary="One speaker"
)
def speaker(request: HttpRequest, slug: str):
    return get_object_or_404(Speaker.objects.prefetch_related("aliases"), slug=slug)


@api.get("/events/", response={200: list[EventOut], **ERRORS}, summary="Events")
@paginate(CursorPagination, **_cursor)
def events(request: HttpRequest):
    return Event.objects.all()


@api.get("/events/{slug}/", response={200: EventOut, 404: Problem, **ERRORS}, summary="One event")
def event(request: HttpRequest, slug: str):
    return get_object_or_404(Event, slug=slug)


@api.get(
    "/sources/", response={200: list[SourceOut], **ERRORS}, summary="Sources (without their text)"
)
@paginate(CursorPagination, **_cursor)
def sources(request: HttpRequest):
    return Source.objects.defer("text")


@api.get(
    "/sources/{source_id}/",
    response={200: SourceDetail, 404: Problem, **ERRORS},
    summary="One source",
)
def source(request: HttpRequest, source_id: int):
    return get_object_or_404(Source, pk=source_id)


class OccurrenceFilters(Schema):
    statement: int | None = Field(None, description="A statement id.")
    source: int | None = Field(None, description="A source id.")


@api.get(
    "/occurrences/", response={200: list[OccurrenceOut], **ERRORS}, summary="Passages in sources"
)
@paginate(CursorPagination, **_cursor)
def occurrences(request: HttpRequest, filters: Query[OccurrenceFilters]):
    found = Occurrence.objects.select_related("source")
    if filters.statement is not None:
        found = found.filter(statement_id=filters.statement)
    if filters.source is not None:
        found = found.filter(source_id=filters.source)
    return found
