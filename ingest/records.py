"""Archive records for what a document names: its events and speakers, matched or created.

``resolve_event`` and ``resolve_speaker`` find the archived event or speaker a parsed one is
(by the rules of ``ingest.identity``) or create it; an editor's curated record is matched by
identity and never changed. ``refresh_speaker_names`` keeps the search copy of names current.
Called by ``ingest.services`` inside a file's transaction.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q
from django.utils.text import slugify

from archive.models import Event, Source, Speaker, SpeakerAlias, Statement
from ingest import identity
from ingest.identity import SPEAKER_SHORTLIST_SIMILARITY, merge_events, same_event
from ingest.names import normalize_name
from ingest.types import ParsedEvent, ParsedSpeaker


def unique_slug(model, text: str, *, max_length: int = 100) -> str:
    """A slug for ``text`` not yet taken in ``model`` (adds -2, -3, ... when needed)."""
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


def _as_parsed(event: Event) -> ParsedEvent:
    return ParsedEvent(
        key=str(event.pk),
        name=event.name,
        kind=event.kind,
        start_date=event.start_date,
        end_date=event.end_date,
        location=event.location,
    )


def curated_events(previous: Source) -> list[Event]:
    """The curated events the previous version of a file was linked to (by post or statement)."""
    return list(
        Event.objects.filter(curated=True)
        .filter(Q(articles__source=previous) | Q(statements__occurrences__source=previous))
        .distinct()
        .order_by("pk")
    )


def curated_post_events(previous: Source) -> dict[str, Event]:
    """Headline -> curated event, for the posts of a file's previous version."""
    rows = previous.articles.filter(event__curated=True).exclude(title="").select_related("event")
    return {article.title: article.event for article in rows}


def resolve_event(found: ParsedEvent, *, known: Iterable[Event] = ()) -> Event:
    """The archive's record of this event: an existing one it matches, or a new one.

    ``known`` curated events match by identity (name, kind, place), whatever date an editor
    gave them, so a corrected date never makes a re-import create the event again.
    """
    for event in known:
        dated_as_found = replace(
            _as_parsed(event), start_date=found.start_date, end_date=found.end_date
        )
        if same_event(found, dated_as_found):
            return event
    if found.start_date:
        week = timedelta(days=7)
        candidates = Event.objects.filter(
            Q(start_date__range=(found.start_date - week, found.start_date + week))
            | Q(start_date__isnull=True)
        )
    else:
        candidates = Event.objects.all()
    for event in candidates.order_by("pk")[:500]:
        if same_event(found, _as_parsed(event)):
            _fill_event(event, found)
            return event
    year = f"{found.start_date.year} " if found.start_date else ""
    return Event.objects.create(
        name=found.name[:300],
        slug=unique_slug(Event, f"{year}{found.name}"),
        kind=found.kind,
        start_date=found.start_date,
        end_date=found.end_date
        if found.end_date and found.start_date and found.end_date >= found.start_date
        else None,
        location=found.location[:300],
        description=found.description,
    )


def _fill_event(event: Event, found: ParsedEvent) -> None:
    """Merge what another source reports into the record (never into a curated one)."""
    if event.curated:
        return
    merged = merge_events(_as_parsed(event), found)
    changed = [
        name
        for name in ("start_date", "end_date", "location")
        if getattr(merged, name) != getattr(event, name)
    ]
    for name in changed:
        setattr(event, name, getattr(merged, name))
    # One name whichever report came first (the event's slug keeps the first one's).
    if (name := identity.canonical_event_name([event.name, found.name[:300]])) != event.name:
        event.name = name
        changed.append("name")
    if event.end_date and event.start_date and event.end_date < event.start_date:
        event.end_date = None
    if changed:
        event.save(update_fields=[*changed, "updated_at"])


def resolve_speaker(found: ParsedSpeaker) -> Speaker:
    """The archive's record of this speaker: matched by ``ingest.identity`` rules, else created.

    Every spelling is kept as an alias, but only full forms match across documents; the name
    and each alias's spelling are recomputed from all the forms seen, so the record does not
    depend on the order files were imported in.
    """
    forms = identity.all_forms(found.name, found.aliases)
    speaker = _matching_speaker(found, identity.alias_forms(found.name, found.aliases, found.kind))
    if speaker is None:
        name = identity.canonical_name(forms.values()) if forms else found.name
        speaker = Speaker.objects.create(
            name=name[:200],
            slug=unique_slug(Speaker, name),
            kind=found.kind,
            description=(found.descriptions[0] if found.descriptions else "")[:500],
        )
    if not speaker.curated:
        _merge_forms(speaker, forms)
        if found.descriptions:
            described = [speaker.description, found.descriptions[0][:500]]
            if (description := identity.canonical_description(described)) != speaker.description:
                speaker.description = description
                speaker.save(update_fields=["description", "updated_at"])
    return speaker


def _known_forms(speaker: Speaker) -> dict[str, str]:
    aliases = [a.name for a in speaker.aliases.all()]
    return identity.alias_forms(speaker.name, aliases, speaker.kind)


def _matching_speaker(found: ParsedSpeaker, forms: dict[str, str]) -> Speaker | None:
    """The oldest speaker sharing a lookup form, else a similar one, that is the same speaker."""
    if not forms:
        return None
    exact = (
        Speaker.objects.filter(aliases__normalized__in=list(forms), kind=found.kind)
        .distinct()
        .order_by("pk")
        .prefetch_related("aliases")
    )
    for speaker in exact:
        if identity.same_speaker(forms, _known_forms(speaker), found.kind):
            return speaker
    main = normalize_name(found.name)
    if not main:
        return None
    # Misspellings and accent variants: trigram candidates, checked by the identity rules.
    candidate_ids = (
        SpeakerAlias.objects.annotate(similarity=TrigramSimilarity("normalized", main))
        .filter(similarity__gte=SPEAKER_SHORTLIST_SIMILARITY, speaker__kind=found.kind)
        .order_by("-similarity", "speaker_id")
        .values_list("speaker_id", flat=True)[:20]
    )
    candidates = Speaker.objects.filter(pk__in=list(candidate_ids)).prefetch_related("aliases")
    for speaker in candidates.order_by("pk"):
        if identity.same_speaker(forms, _known_forms(speaker), found.kind):
            return speaker
    return None


def _merge_forms(speaker: Speaker, forms: dict[str, str]) -> None:
    """Add the new forms, keep the best spelling of each, recompute the canonical name."""
    aliases = {alias.normalized: alias for alias in speaker.aliases.all()}
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(speaker=speaker, name=spelling, normalized=key)
            for key, spelling in forms.items()
            if key not in aliases
        ]
    )
    for key, spelling in forms.items():
        alias = aliases.get(key)
        if (
            alias is not None
            and (best := identity.best_spelling([alias.name, spelling])) != alias.name
        ):
            alias.name = best
            alias.save(update_fields=["name"])
    spellings = [*(a.name for a in aliases.values()), *forms.values()]
    if spellings and (name := identity.canonical_name(spellings)[:200]) != speaker.name:
        speaker.name = name
        speaker.save(update_fields=["name", "updated_at"])


def refresh_speaker_names(speakers: Iterable[Speaker], *, new: Iterable[Statement] = ()) -> None:
    """Copy each speaker's name and aliases onto their statements, for search.

    The statements just created (``new``) get the names by id; the speaker's earlier
    statements are rewritten only when the names bring a search word they lack
    (``Speaker.refresh_statement_names_for_new_words``).
    """
    new_ids: dict[int, list[int]] = {}
    for statement in new:
        new_ids.setdefault(statement.speaker_id, []).append(statement.pk)
    for speaker in speakers:
        names = speaker.search_names
        ids = new_ids.get(speaker.pk, [])
        if ids:
            Statement.objects.filter(pk__in=ids).exclude(speaker_names=names).update(
                speaker_names=names
            )
        speaker.refresh_statement_names_for_new_words(but=ids)
