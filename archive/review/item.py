"""/review/<id>/: one statement with its passages in context, its history and one-step actions.

Every action is a POST (CSRF-checked) that does one thing through ``archive.editing`` and then
opens the next statement of the same queue, so a keyboard user never leaves the flow.
"""

import re
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from archive import editing, history
from archive.models import Event, ReviewStatus, Speaker, SpeakerAlias, Statement
from archive.querysets import fold
from archive.review.access import admin_context, editor_view
from archive.review.context import passage_context
from archive.review.queue import ReviewQueue
from archive.review.views import speaker_choice

ACTIONS = ("verify", "reject", "reattribute", "span", "event")
_BRACKETED = re.compile(r"\[([-\w]+)\]\s*$")


def _item_url(statement_id: int, query_string: str) -> str:
    url = reverse("review:item", args=[statement_id])
    return f"{url}?{query_string}" if query_string else url


@editor_view("archive.change_statement")
def item(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(
        Statement.objects.select_related("speaker", "event").prefetch_related("speaker__aliases"),
        pk=pk,
    )
    review = ReviewQueue(request.GET)
    names = [statement.speaker.name, *(a.name for a in statement.speaker.aliases.all())]
    occurrences = list(statement.occurrences.select_related("source", "article").order_by("pk"))
    for occ in occurrences:
        occ.context_html = passage_context(occ.source.text, occ.start, occ.end, names=names)
    nearby_events = Event.objects.filter(
        Q(articles__occurrences__statement=statement) | Q(start_date__range=_around(statement.date))
    ).distinct()[:30]
    next_item = review.next_after(statement)
    previous_item = review.previous_before(statement)
    context = {
        **admin_context(request, f"Review statement {statement.pk}"),
        "statement": statement,
        "occurrences": occurrences,
        "speaker_value": speaker_choice(statement.speaker),
        "events": nearby_events,
        "event_value": _event_choice(statement.event) if statement.event else "",
        "history": history.statement_history(statement.pk),
        "query_string": review.query_string,
        "next_url": _item_url(next_item.pk, review.query_string) if next_item else "",
        "previous_url": _item_url(previous_item.pk, review.query_string) if previous_item else "",
        "reviewed": statement.review_status != ReviewStatus.UNREVIEWED,
    }
    return render(request, "admin/review/item.html", context)


def _around(day: date | None) -> tuple[date, date]:
    if day is None:
        return (date(1, 1, 1), date(1, 1, 1))
    return (day - timedelta(days=31), day + timedelta(days=31))


def _event_choice(event: Event) -> str:
    return f"{event.name} [{event.slug}]"


@require_POST
@editor_view("archive.change_statement")
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Do one action on a statement, then open the next one in the queue."""
    statement = get_object_or_404(Statement.objects.select_related("speaker"), pk=pk)
    query_string = request.POST.get("query_string", "")
    review = ReviewQueue(QueryDict(query_string))
    following = review.next_after(statement)  # before the action moves it out of the queue
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    try:
        done = _do(request, statement, action, note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_item_url(statement.pk, query_string))
    messages.success(request, done)
    if request.POST.get("stay") or following is None:
        target = _item_url(statement.pk, query_string) if request.POST.get("stay") else None
        return redirect(target or f"{reverse('review:queue')}?{query_string}")
    return redirect(_item_url(following.pk, query_string))


def _do(request: HttpRequest, statement: Statement, action: str, note: str) -> str:
    post = request.POST
    if action == "verify":
        editing.verify([statement], note=note)
        return f"Statement {statement.pk} verified."
    if action == "reject":
        editing.reject([statement], reason=post.get("reason", ""), note=note)
        return f"Statement {statement.pk} rejected."
    if action == "reattribute":
        new_name = post.get("new_speaker", "").strip()
        speaker = None if new_name else resolve_speaker(post.get("speaker", ""))
        speaker = editing.reattribute([statement], speaker=speaker, new_name=new_name, note=note)
        return f"Statement {statement.pk} now attributed to {speaker.name}."
    if action == "span":
        occurrence = get_object_or_404(
            statement.occurrences.select_related("source"), pk=_number(post.get("occurrence"))
        )
        editing.edit_span(
            occurrence, start=_number(post.get("start")), end=_number(post.get("end")), note=note
        )
        return f"Passage of statement {statement.pk} changed."
    if action == "event":
        event = resolve_event(post.get("event", ""))
        editing.set_event(statement, event=event, note=note)
        return f"Statement {statement.pk}: event {'set to ' + event.name if event else 'cleared'}."
    raise ValidationError("Choose an action.")


def _number(value) -> int:
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise ValidationError(f"“{value}” is not a character position (a whole number).")
    return int(value)


def resolve_speaker(value: str) -> Speaker:
    """The speaker an editor typed: "Name [slug]" from the list, or a name or alias."""
    value = " ".join(value.split())
    if not value:
        raise ValidationError("Type the speaker's name, or a name for a new speaker.")
    match = _BRACKETED.search(value)
    if match and (speaker := Speaker.objects.filter(slug=match.group(1)).first()):
        return speaker
    ids = set(
        SpeakerAlias.objects.filter(normalized=fold(value)).values_list("speaker_id", flat=True)
    )
    ids |= set(Speaker.objects.filter(name__iexact=value).values_list("pk", flat=True))
    if len(ids) == 1:
        return Speaker.objects.get(pk=ids.pop())
    if ids:
        raise ValidationError(
            f"Several speakers are called “{value}”: pick one from the list (it adds the [slug])."
        )
    guesses = ", ".join(s.name for s in Speaker.objects.matching_name(value)[:3])
    hint = f" Did you mean: {guesses}?" if guesses else ""
    raise ValidationError(
        f"No speaker is called “{value}”.{hint} To make one, use “New speaker” instead."
    )


def resolve_event(value: str) -> Event | None:
    """The event an editor typed: "Name [slug]", a slug, or nothing (no event)."""
    value = " ".join(value.split())
    if not value:
        return None
    match = _BRACKETED.search(value)
    slug = match.group(1) if match else value
    if event := Event.objects.filter(slug=slug).first():
        return event
    found = list(Event.objects.filter(name__iexact=value)[:2])
    if len(found) == 1:
        return found[0]
    raise ValidationError(f"No single event matches “{value}”: pick one from the list.")
