"""Pages of the archive: browsing in ``browse``, statement search and permalinks in ``statements``."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without a request: no context processors, no database."""
    return HttpResponseServerError(loader.get_template("500.html").render())
