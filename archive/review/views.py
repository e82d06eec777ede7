"""/review/: the queue of unreviewed statements, bulk actions, and the speaker lookup."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from archive import editing
from archive.models import ReviewStatus, Speaker, Statement
from archive.review.access import admin_context, editor_view
from archive.review.queue import ReviewQueue

QUEUE_PAGE_SIZE = 50
LOOKUP_SIZE = 10


@editor_view("archive.change_statement")
def queue(request: HttpRequest) -> HttpResponse:
    """The unreviewed statements, flagged and least confident first, with filter counts."""
    review = ReviewQueue(request.GET)
    context = {
        **admin_context(request, "Review queue"),
        "review": review,
        "errors": review.errors,
        "query_string": review.query_string,
    }
    if review.errors:
        return render(request, "admin/review/queue.html", context, status=400)
    paginator = Paginator(review.statements(), QUEUE_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        context["errors"] = ["There is no such page of the queue."]
        return render(request, "admin/review/queue.html", context, status=400)
    context.update(page_obj=page_obj, statements=list(page_obj), facets=review.facets())
    return render(request, "admin/review/queue.html", context)


@require_POST
@editor_view("archive.change_statement")
def bulk(request: HttpRequest) -> HttpResponse:
    """Verify or reject the statements ticked on the queue page."""
    back = f"{reverse('review:queue')}?{request.POST.get('query_string', '')}"
    ids = [int(v) for v in request.POST.getlist("statement") if v.isdigit()]
    chosen = Statement.objects.filter(pk__in=ids, review_status=ReviewStatus.UNREVIEWED)
    action = request.POST.get("action")
    note = request.POST.get("note", "")
    if not ids:
        messages.error(request, "Tick at least one statement first.")
    elif action == "verify":
        n = editing.verify(chosen, note=note)
        messages.success(request, f"Verified {n} statement{'s' if n != 1 else ''}.")
    elif action == "reject":
        try:
            n = editing.reject(chosen, reason=request.POST.get("reason", ""), note=note)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Rejected {n} statement{'s' if n != 1 else ''}.")
    else:
        messages.error(request, "Choose verify or reject.")
    return redirect(back)


@editor_view("archive.view_speaker")
def speaker_lookup(request: HttpRequest) -> JsonResponse:
    """``?q=`` -> speakers whose name or alias looks like it, for search-as-you-type."""
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    if len(q) < 2:
        return JsonResponse({"results": []})
    speakers = Speaker.objects.matching_name(q, threshold=0.2)[:LOOKUP_SIZE]
    return JsonResponse(
        {
            "results": [
                {"id": s.pk, "name": s.name, "value": speaker_choice(s), "kind": s.kind}
                for s in speakers
            ]
        }
    )


def speaker_choice(speaker: Speaker) -> str:
    """How a speaker is written in the re-attribute box: the name, then the slug in brackets."""
    return f"{speaker.name} [{speaker.slug}]"
