"""Editors' corrections: one function per action, each in one transaction.

Every function runs inside ``pghistory.context(action=..., note=...)``, so the history rows
the database triggers write carry what was done and the editor's evidence; the request
middleware adds the user. Everything an editor touches becomes ``curated``: ingest then
leaves it alone (``ingest.services``).
"""

from collections.abc import Iterable

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.models import (
    Article,
    Event,
    Occurrence,
    RedirectKind,
    ReviewStatus,
    SlugRedirect,
    Speaker,
    SpeakerAlias,
    Statement,
)
from archive.querysets import fold

# What each action is called in the history and on the public corrections line.
ACTIONS = {
    "verify": "Verified",
    "reject": "Rejected",
    "reattribute": "Speaker corrected",
    "edit_span": "Passage corrected",
    "set_event": "Event corrected",
    "merge_speakers": "Speakers merged",
    "merge_events": "Events merged",
    "split": "Speaker corrected",
}


def _context(action: str, note: str = "", **extra):
    return pghistory.context(action=action, note=note.strip()[:1000], **extra)


def _mark(statement: Statement, fields: list[str]) -> None:
    statement.curated = True
    statement.review_flag = ""
    statement.source_wording = ""
    statement.save(
        update_fields=[*fields, "curated", "review_flag", "source_wording", "updated_at"]
    )


def verify(statements: Iterable[Statement], *, note: str = "") -> int:
    """Mark statements verified (a statement sent back by ingest loses its flag)."""
    with transaction.atomic(), _context("verify", note):
        ids = [s.pk for s in statements]
        return Statement.objects.filter(pk__in=ids).update(
            review_status=ReviewStatus.VERIFIED,
            curated=True,
            review_flag="",
            source_wording="",
            updated_at=timezone.now(),
        )


def reject(statements: Iterable[Statement], *, reason: str, note: str = "") -> int:
    """Mark statements rejected, keeping the reason (for editors, never shown publicly)."""
    if not reason.strip():
        raise ValidationError("Say why the statement is rejected.")
    with transaction.atomic(), _context("reject", note, reason=reason.strip()[:500]):
        ids = [s.pk for s in statements]
        return Statement.objects.filter(pk__in=ids).update(
            review_status=ReviewStatus.REJECTED,
            review_note=reason.strip(),
            curated=True,
            review_flag="",
            source_wording="",
            updated_at=timezone.now(),
        )


def create_speaker(name: str) -> Speaker:
    """A new curated speaker with its name as the first alias."""
    name = " ".join(name.split())[:200]
    if not fold(name):
        raise ValidationError("Give the new speaker a name.")
    base = slugify(name)[:100].strip("-") or "speaker"
    slug, n = base, 2
    while (
        Speaker.objects.filter(slug=slug).exists()
        or SlugRedirect.objects.filter(kind=RedirectKind.SPEAKER, old_slug=slug).exists()
    ):
        slug, n = f"{base[:94]}-{n}", n + 1
    speaker = Speaker.objects.create(name=name, slug=slug, curated=True)
    SpeakerAlias.objects.create(speaker=speaker, name=name, normalized=fold(name)[:200])
    return speaker


def reattribute(
    statements: Iterable[Statement],
    *,
    speaker: Speaker | None = None,
    new_name: str = "",
    note: str = "",
    action: str = "reattribute",
) -> Speaker:
    """Move statements to ``speaker`` (or to a new speaker called ``new_name``)."""
    with transaction.atomic(), _context(action, note):
        if speaker is None:
            speaker = create_speaker(new_name)
        # A re-attribution adds no name to the speaker: only the moved statements take its
        # names (reading its 134,000 others to compare their copy took 140 ms at 1,000,000).
        names = speaker.search_names
        for statement in statements:
            statement.speaker = speaker
            statement.speaker_names = names
            _mark(statement, ["speaker", "speaker_names"])
        if not speaker.curated:
            speaker.curated = True
            speaker.save(update_fields=["curated", "updated_at"])
    return speaker


def edit_span(occurrence: Occurrence, *, start: int, end: int, note: str = "") -> Statement:
    """Move a passage's bounds; the statement's text becomes those exact source characters."""
    text = occurrence.source.text
    if not (0 <= start < end <= len(text)):
        raise ValidationError(
            f"The passage must lie inside the source: 0 ≤ start < end ≤ {len(text)}."
        )
    if not text[start:end].strip():
        raise ValidationError("The passage would hold only spaces.")
    with transaction.atomic(), _context("edit_span", note):
        occurrence.start, occurrence.end = start, end
        occurrence.save(update_fields=["start", "end"])
        statement = occurrence.statement
        statement.text = text[start:end]
        _mark(statement, ["text"])
    return statement


def set_event(statement: Statement, *, event: Event | None, note: str = "") -> Statement:
    """Attach a statement to another event (or to none)."""
    with transaction.atomic(), _context("set_event", note):
        statement.event = event
        if event and event.start_date and statement.date is None:
            statement.date = event.start_date
        _mark(statement, ["event", "date"])
    return statement


def merge_preview(survivor: Speaker, others: Iterable[Speaker]) -> dict:
    """What a speaker merge would move: statements, aliases and roles of the others."""
    others = [o for o in others if o.pk != survivor.pk]
    statements = Statement.objects.filter(speaker__in=others)
    return {
        "survivor": survivor,
        "others": others,
        "statement_count": statements.count(),
        "aliases": list(SpeakerAlias.objects.filter(speaker__in=others).order_by("name")),
        "roles": sorted(
            set(
                Occurrence.objects.filter(statement__in=statements)
                .exclude(role="")
                .values_list("role", flat=True)
            )
        ),
    }


def merge_speakers(survivor: Speaker, others: Iterable[Speaker], *, note: str = "") -> Speaker:
    """Fold ``others`` into ``survivor``: statements and aliases move, old slugs redirect.

    Each statement is written once: the moved ones take the survivor's names in the same
    UPDATE, and the survivor's own are rewritten only when the merged names bring a search
    word they lack (a row rewrite is the cost: ~100-170 us a statement at 1,000,000).
    """
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least one other speaker to merge.")
    with transaction.atomic(), _context("merge_speakers", note):
        known = set(survivor.aliases.values_list("normalized", flat=True))
        for other in others:
            for alias in other.aliases.all():
                if alias.normalized in known:
                    alias.delete()
                else:
                    alias.speaker = survivor
                    alias.save(update_fields=["speaker"])
                    known.add(alias.normalized)
        # Before the others' statements arrive, so that one of the survivor's own is read.
        survivor.refresh_statement_names_for_new_words()
        Statement.objects.filter(speaker__in=others).update(
            speaker=survivor,
            speaker_names=survivor.search_names,
            curated=True,
            updated_at=timezone.now(),
        )
        for other in others:
            # Earlier merges into ``other`` now lead to the survivor too.
            SlugRedirect.objects.filter(speaker=other).update(speaker=survivor)
            SlugRedirect.objects.create(
                kind=RedirectKind.SPEAKER, old_slug=other.slug, speaker=survivor
            )
            other.delete()
        survivor.curated = True
        survivor.save(update_fields=["curated", "updated_at"])
    return survivor


def merge_events(survivor: Event, others: Iterable[Event], *, note: str = "") -> Event:
    """Fold ``others`` into ``survivor``: statements and posts move, old slugs redirect."""
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least one other event to merge.")
    with transaction.atomic(), _context("merge_events", note):
        for other in others:
            Statement.objects.filter(event=other).update(
                event=survivor, curated=True, updated_at=timezone.now()
            )
            Article.objects.filter(event=other).update(event=survivor)
            SlugRedirect.objects.filter(event=other).update(event=survivor)
            SlugRedirect.objects.create(
                kind=RedirectKind.EVENT, old_slug=other.slug, event=survivor
            )
            other.delete()
        survivor.curated = True
        survivor.save(update_fields=["curated", "updated_at"])
    return survivor


def redirect_for(kind: str, slug: str):
    """The survivor a merged-away slug now belongs to, or None."""
    found = SlugRedirect.objects.filter(kind=kind, old_slug=slug).select_related(kind).first()
    return found.target if found else None
