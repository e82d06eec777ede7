"""Atom feeds (Django syndication): any statement search, each speaker, each event.

Researchers follow new statements by subscribing: the newest imported first, 50 a feed.
A search feed takes exactly the parameters of /statements/ (same FilterSet).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive import search, wording
from archive.filters import StatementFilter
from archive.models import Event, Speaker, Statement, StatementKind

FEED_SIZE = 50


class _StatementFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        return self.statements(obj).for_listing().order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Statement) -> str:
        words = wording.as_cited(
            item.text, reported=item.kind == StatementKind.INDIRECT, max_chars=120
        )
        return f"{item.speaker.name}: {words}"

    def item_description(self, item: Statement) -> str:
        parts = [item.get_kind_display(), item.speaker.name]
        if item.event:
            parts.append(item.event.name)
        if item.date:
            parts.append(item.date.isoformat())
        prefix = "DEMO DATA (invented). " if settings.ARCHIVE_DEMO else ""
        return f"{prefix}{item.text} ({', '.join(parts)}; {item.get_review_status_display()})"

    def item_link(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Statement) -> str:
        return item.speaker.name

    def item_pubdate(self, item: Statement):
        return item.created_at

    def item_updateddate(self, item: Statement):
        return item.updated_at


class SearchFeed(_StatementFeed):
    """/statements/feed/?q=...&speaker=...: new statements for a saved search."""

    def get_object(self, request):
        params = search.search_params(request.GET)
        filterset = StatementFilter(params, queryset=Statement.objects.all(), request=request)
        if not filterset.is_valid():
            raise BadRequest(" ".join(filterset.error_messages()))
        return {"filterset": filterset, "query_string": params.urlencode()}

    def statements(self, obj):
        return obj["filterset"].qs

    def title(self, obj) -> str:
        query = obj["filterset"].query
        return (
            f"Statement Archive: statements matching “{query}”"
            if query
            else ("Statement Archive: new statements")
        )

    def link(self, obj) -> str:
        url = reverse("archive:statement-list")
        return f"{url}?{obj['query_string']}" if obj["query_string"] else url

    def subtitle(self, obj) -> str:
        return "New statements for this search, newest first."


class SpeakerFeed(_StatementFeed):
    """/speakers/<slug>/feed/: everything new from one speaker."""

    def get_object(self, request, slug: str):
        return get_object_or_404(Speaker, slug=slug)

    def statements(self, obj):
        return Statement.objects.visible().by_speaker(obj)

    def title(self, obj) -> str:
        return f"Statement Archive: statements by {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()


class EventFeed(_StatementFeed):
    """/events/<slug>/feed/: everything new from one event."""

    def get_object(self, request, slug: str):
        return get_object_or_404(Event, slug=slug)

    def statements(self, obj):
        return Statement.objects.visible().filter(event=obj)

    def title(self, obj) -> str:
        return f"Statement Archive: statements at {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()
