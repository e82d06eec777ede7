"""Merging duplicate speakers or events (old slugs keep answering), and splitting a speaker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from archive import editing
from archive.models import Event, Speaker, Statement
from archive.review.access import admin_context, editor_view
from archive.review.item import resolve_speaker

SPLIT_PAGE_SIZE = 200


def _ids(values) -> list[int]:
    return sorted({int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 19})


@editor_view("archive.change_speaker", "archive.delete_speaker")
def merge_speakers(request: HttpRequest) -> HttpResponse:
    """GET ?ids=..: preview; POST: merge the others into the chosen survivor."""
    data = request.POST if request.method == "POST" else request.GET
    speakers = list(Speaker.objects.filter(pk__in=_ids(data.getlist("ids"))).with_counts())
    survivor_id = data.get("survivor", "")
    survivor = next((s for s in speakers if str(s.pk) == survivor_id), None)
    if request.method == "POST" and len(speakers) >= 2 and survivor is not None:
        others = [s for s in speakers if s.pk != survivor.pk]
        editing.merge_speakers(survivor, others, note=request.POST.get("note", ""))
        messages.success(
            request,
            f"Merged {len(others)} speaker{'s' if len(others) != 1 else ''} into {survivor.name}.",
        )
        return redirect(reverse("admin:archive_speaker_change", args=[survivor.pk]))
    errors = []
    if len(speakers) < 2:
        errors.append("Choose two or more speakers to merge (tick them in the speaker list).")
    elif request.method == "POST":
        errors.append("Choose which speaker survives.")
    survivor = survivor or (max(speakers, key=lambda s: s.statement_count) if speakers else None)
    previews = [editing.merge_preview(s, speakers) for s in speakers]
    context = {
        **admin_context(request, "Merge speakers"),
        "speakers": speakers,
        "survivor": survivor,
        "previews": previews,
        "errors": errors,
    }
    return render(
        request, "admin/review/merge_speakers.html", context, status=400 if errors else 200
    )


@editor_view("archive.change_event", "archive.delete_event")
def merge_events(request: HttpRequest) -> HttpResponse:
    """GET ?ids=..: preview; POST: merge the others into the chosen survivor."""
    data = request.POST if request.method == "POST" else request.GET
    events = list(Event.objects.filter(pk__in=_ids(data.getlist("ids"))).with_counts())
    survivor_id = data.get("survivor", "")
    survivor = next((e for e in events if str(e.pk) == survivor_id), None)
    if request.method == "POST" and len(events) >= 2 and survivor is not None:
        others = [e for e in events if e.pk != survivor.pk]
        editing.merge_events(survivor, others, note=request.POST.get("note", ""))
        messages.success(
            request,
            f"Merged {len(others)} event{'s' if len(others) != 1 else ''} into {survivor.name}.",
        )
        return redirect(reverse("admin:archive_event_change", args=[survivor.pk]))
    errors = []
    if len(events) < 2:
        errors.append("Choose two or more events to merge (tick them in the event list).")
    elif request.method == "POST":
        errors.append("Choose which event survives.")
    context = {
        **admin_context(request, "Merge events"),
        "events": events,
        "survivor": survivor or (max(events, key=lambda e: e.statement_count) if events else None),
        "errors": errors,
    }
    return render(request, "admin/review/merge_events.html", context, status=400 if errors else 200)


@editor_view("archive.change_statement", "archive.add_speaker")
def split_speaker(request: HttpRequest, pk: int) -> HttpResponse:
    """Move ticked statements of a speaker to another speaker or a new one."""
    speaker = get_object_or_404(Speaker, pk=pk)
    statements = (
        Statement.objects.filter(speaker=speaker).select_related("event").order_by("date", "pk")
    )
    errors = []
    if request.method == "POST":
        chosen = list(statements.filter(pk__in=_ids(request.POST.getlist("statement"))))
        new_name = request.POST.get("new_speaker", "").strip()
        try:
            if not chosen:
                raise ValidationError("Tick the statements to move.")
            target = None if new_name else resolve_speaker(request.POST.get("speaker", ""))
            if target is not None and target.pk == speaker.pk:
                raise ValidationError("Choose another speaker than the one being split.")
            target = editing.reattribute(
                chosen,
                speaker=target,
                new_name=new_name,
                note=request.POST.get("note", ""),
                action="split",
            )
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            messages.success(request, f"Moved {len(chosen)} statements to {target.name}.")
            return redirect(reverse("admin:archive_speaker_change", args=[target.pk]))
    context = {
        **admin_context(request, f"Split {speaker.name}"),
        "speaker": speaker,
        "statements": statements[:SPLIT_PAGE_SIZE],
        "errors": errors,
    }
    return render(request, "admin/review/split.html", context, status=400 if errors else 200)
