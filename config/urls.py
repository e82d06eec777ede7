"""Top-level URLs: the archive at the root, the Django admin for editors."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from archive.api import api
from archive.sitemaps import SITEMAPS
from archive.views.methods import read_only, replica_safe_urls

admin.site.site_header = "Statement Archive: editors"
admin.site.site_title = "Statement Archive admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("review/", include("archive.review.urls")),
    path("api/", replica_safe_urls(api.urls)),
    path("sitemap.xml", read_only(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # Browsers and bots ask for /favicon.ico whatever the page says: no 404 noise in the logs.
    path(
        "favicon.ico",
        read_only(RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    ),
    path("", include("archive.urls")),
]

handler404 = "archive.views.page_not_found"
handler500 = "archive.views.server_error"
