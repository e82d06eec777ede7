"""Write one parsed document into the archive: its posts, events, speakers, statements and
occurrences (``write_parsed``), and retire the earlier import of the same file
(``retire_source``). The caller (``ingest.services.import_document``) holds the transaction
and the ingest lock.

Records ingest makes carry ``curated=False``. Ingest never changes a curated record (one an
editor has edited or reviewed); it only adds occurrences to it.
"""

from archive.models import Article, Occurrence, Source, Statement
from ingest.matching import CuratedPassages, StatementMatcher
from ingest.records import (
    curated_events,
    curated_post_events,
    refresh_speaker_names,
    resolve_event,
    resolve_speaker,
)
from ingest.types import ParsedDocument


def retire_source(old: Source, *, replaced_by: Source) -> int:
    """Point an old version at its replacement and drop what ingest alone had made from it."""
    old.superseded_by = replaced_by
    old.save(update_fields=["superseded_by"])
    dropped = old.occurrences.filter(statement__curated=False)
    statement_ids = set(dropped.values_list("statement_id", flat=True))
    dropped.delete()
    # Only the statements that just lost a passage: no scan of the whole table, and
    # statements left without passages by other means are not touched.
    _, deleted = Statement.objects.filter(pk__in=statement_ids, occurrences__isnull=True).delete()
    return deleted.get(Statement._meta.label, 0)


def write_parsed(
    source: Source,
    parsed: ParsedDocument,
    *,
    previous: Source | None = None,
    changes: dict[str, int] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Create the rows for one parsed document; returns counts and warnings.

    ``previous`` (the version this one replaces) lets curated records be found by identity:
    its events, and its curated passages wherever their statements now live.
    """
    warnings = list(parsed.warnings)
    curated = CuratedPassages(previous, source.text) if previous else None
    known_events = curated_events(previous) if previous else []
    # A post found again (same headline) keeps the curated event an editor linked it to,
    # whatever that event is now called (a merge, a rename).
    by_post = curated_post_events(previous) if previous else {}
    events = {
        a.event_key: by_post[a.title] for a in parsed.articles if a.event_key and a.title in by_post
    }
    for found_event in parsed.events:
        if found_event.key not in events:
            events[found_event.key] = resolve_event(found_event, known=known_events)
    speakers = {s.key: resolve_speaker(s) for s in parsed.speakers}
    articles = [
        Article.objects.create(
            source=source,
            position=index,
            title=article.title[:500],
            start=article.start,
            end=article.end,
            published=article.published,
            event=events.get(article.event_key),
        )
        for index, article in enumerate(parsed.articles)
    ]
    matcher = StatementMatcher()
    occurrences: dict[tuple, Occurrence] = {}
    unattributed = []
    for found in parsed.statements:
        speaker = speakers.get(found.speaker_key) if found.speaker_key else None
        if speaker is None:
            unattributed.append(found)
            continue
        event = events.get(found.event_key) if found.event_key else None
        article = articles[found.article_index] if found.article_index is not None else None
        # No date of its own: the database gives it the event's (and keeps it in step, migration
        # 0020); the post's date only where there is no dated event to follow.
        when = found.date
        if when is None and (event is None or event.start_date is None) and article is not None:
            when = article.published
        claimed = curated.claim(found) if curated else None
        if claimed is not None:
            statement, start, end = claimed
            occurrences.setdefault(
                (id(statement), start, end),
                Occurrence(
                    statement=statement,
                    source=source,
                    article=article,
                    start=start,
                    end=end,
                    role=found.role[:500],
                ),
            )
            continue
        statement = matcher.resolve(
            speaker=speaker,
            kind=found.kind,
            text=found.text,
            event=event,
            date=when,
            rule=found.rule,
            confidence=found.confidence,
        )
        occurrences.setdefault(
            (id(statement), found.start, found.end),
            Occurrence(
                statement=statement,
                source=source,
                article=article,
                start=found.start,
                end=found.end,
                role=found.role[:500],
            ),
        )
    new_statements = len(matcher.created)
    matcher.save()
    Occurrence.objects.bulk_create(occurrences.values())
    if changes is not None:
        new = {id(s) for s in matcher.created}
        touched = {o.statement_id for o in occurrences.values()}
        changes["created"] = len(matcher.created)
        changes["updated"] = len(
            {o.statement_id for o in occurrences.values() if id(o.statement) not in new}
        )
        changes["curated_kept"] = curated.count if curated else 0
        changes["curated_found"] = len(touched & curated.ids) if curated else 0
    statements = len(occurrences)
    # One warning per skipped passage, with where it is, so a reader can look at it.
    warnings += [
        f"no identifiable speaker, skipped: {_passage(found.text)} (characters {found.start}–{found.end})"
        for found in unattributed
    ]
    refresh_speaker_names(set(speakers.values()), new=matcher.created)
    counts = {
        "posts": len(articles),
        "events": len(events),
        "speakers": len(set(speakers.values())),
        "statements": statements,
        "statements_new": new_statements,
        "warnings": len(warnings),
    }
    return counts, warnings


def _passage(text: str, limit: int = 90) -> str:
    """A passage for a warning line: one line, cut after a word with an ellipsis."""
    words = " ".join(text.split())
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "…"
    return f"«{words}»"
