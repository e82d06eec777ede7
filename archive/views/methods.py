"""Read-only pages answer 405 to every method but GET, HEAD and OPTIONS."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET and HEAD, answer OPTIONS with the allowed methods, refuse the rest with 405.

    The wrapper is CSRF-exempt on purpose: a POST never reaches the view, so the visitor gets
    "405 Method Not Allowed" rather than a misleading CSRF failure (403).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in READ_METHODS:
            response = HttpResponseNotAllowed(
                READ_METHODS, content=b"This page can only be read (GET or HEAD).\n"
            )
            response["Content-Type"] = "text/plain; charset=utf-8"
            return response
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    # Every read-only page shows public data, so a visitor's GET may be answered from a read
    # replica (config.replicas); editors and staff still read the primary.
    wrapper.replica_safe = True
    return wrapper


def replica_safe_urls(urls: tuple) -> tuple:
    """Mark every view of an ``include()``-able URL set as public reads, as ``read_only`` does.

    For the JSON API: django-ninja answers its own 405s, and every operation is a GET of
    public data, so a visitor's API call may be answered from a read replica too.
    """
    patterns, _app_name, _namespace = urls
    for pattern in patterns:
        pattern.callback.replica_safe = True
    return urls
