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


def _merge(request: HttpRequest, model, noun: str, merge, template: str, previews: bool):
    """GET ?ids=..: preview; POST: merge the others into the chosen survivor (speakers, events)."""
    data = request.POST if request.method == "POST" else request.GET
    records = list(model.objects.filter(pk__in=_ids(data.getlist("ids"))).with_counts())
    survivor_id = data.get("survivor", "")
    survivor = next((r for r in records if str(r.pk) == survivor_id), None)
    if request.method == "POST" and len(records) >= 2 and survivor is not None:
        others = [r for r in records if r.pk != survivor.pk]
        merge(survivor, others, note=request.POST.get("note", ""))
        messages.success(
            request,
            f"Merged {len(others)} {noun}{'s' if len(others) != 1 else ''} into {survivor.name}.",
        )
        return redirect(reverse(f"admin:archive_{noun}_change", args=[survivor.pk]))
    errors = []
    if len(records) < 2:
        errors.append(f"Choose two or more {noun}s to merge (tick them in the {noun} list).")
    elif request.method == "POST":
        errors.append(f"Choose which {noun} survives.")
    survivor = survivor or (max(records, key=lambda r: r.statement_count) if records else None)
    context = {
        **admin_context(request, f"Merge {noun}s"),
        f"{noun}s": records,
        "survivor": survivor,
        "errors": errors,
    }
    if previews:
        context["previews"] = [editing.merge_preview(r, records) for r in records]
    return render(request, template, context, status=400 if errors else 200)


@editor_view("archive.change_speaker", "archive.delete_speaker")
def merge_speakers(request: HttpRequest) -> HttpResponse:
    """Merge speakers, with a preview of what moves (statements, aliases, roles)."""
    return _merge(
        request,
        Speaker,
        "speaker",
        editing.merge_speakers,
        "admin/review/merge_speakers.html",
        True,
    )


@editor_view("archive.change_event", "archive.delete_event")
def merge_events(request: HttpRequest) -> HttpResponse:
    """Merge events into the chosen survivor."""
    return _merge(
        request, Event, "event", editing.merge_events, "admin/review/merge_events.html", False
    )


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
