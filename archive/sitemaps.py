"""sitemap.xml: the archive's pages for search engines (rejected statements left out)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Event, Source, Speaker, Statement


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "archive:home",
            "archive:statement-list",
            "archive:speaker-list",
            "archive:event-list",
            "archive:source-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class StatementSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Statement.objects.visible().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SpeakerSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Speaker.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Event.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SourceSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Source.objects.current().only("pk", "imported_at").order_by("pk")

    def lastmod(self, item):
        return item.imported_at


SITEMAPS = {
    "pages": PagesSitemap,
    "statements": StatementSitemap,
    "speakers": SpeakerSitemap,
    "events": EventSitemap,
    "sources": SourceSitemap,
}
