"""Top-level URLs: the archive at the root, the Django admin for editors."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Statement Archive: editors"
admin.site.site_title = "Statement Archive admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("review/", include("archive.review.urls")),
    path("", include("archive.urls")),
]

handler404 = "archive.views.page_not_found"
handler500 = "archive.views.server_error"
