"""Values every page's template needs: the demo flag and the page's canonical address."""

from django.conf import settings
from django.http import HttpRequest


def archive(request: HttpRequest) -> dict:
    """``demo_mode`` (the base template's banner) and ``canonical_url`` (the page without its
    query string, except the page number, so shared searches do not count as other pages)."""
    canonical = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        canonical += f"?page={page}"
    return {"demo_mode": settings.ARCHIVE_DEMO, "canonical_url": canonical}
