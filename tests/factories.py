"""Small hand-written factories: ``make_statement(text=...)`` builds everything it needs."""

import hashlib
import itertools
from datetime import date

from django.utils.text import slugify

from archive.folding import fold
from archive.models import (
    Article,
    Event,
    Occurrence,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
)

_counter = itertools.count(1)


def make_source(*, text: str = "Sample source text.", **kw) -> Source:
    n = next(_counter)
    defaults = {
        "file_name": f"source-{n}.txt",
        "sha256": hashlib.sha256(f"{text}{n}".encode()).hexdigest(),
        "title": f"Source {n}",
    }
    return Source.objects.create(text=text, **{**defaults, **kw})


def make_event(*, name: str | None = None, **kw) -> Event:
    n = next(_counter)
    name = name or f"Event {n}"
    defaults = {
        "slug": f"{slugify(name)}-{n}",
        "kind": "conference",
        "start_date": date(2020, 1, 1),
    }
    return Event.objects.create(name=name, **{**defaults, **kw})


def make_speaker(*, name: str | None = None, aliases: tuple[str, ...] = (), **kw) -> Speaker:
    n = next(_counter)
    name = name or f"Speaker {n}"
    speaker = Speaker.objects.create(name=name, **{"slug": f"{slugify(name)}-{n}", **kw})
    for spelling in dict.fromkeys((name, *aliases)):
        SpeakerAlias.objects.create(speaker=speaker, name=spelling, normalized=fold(spelling))
    return speaker


def make_statement(
    *,
    text: str = "We demand justice.",
    speaker: Speaker | None = None,
    event: Event | None = None,
    source: Source | None = None,
    **kw,
) -> Statement:
    """A statement with one occurrence in a source whose text contains it."""
    speaker = speaker or make_speaker()
    statement = Statement.objects.create(
        speaker=speaker,
        event=event,
        text=text,
        fingerprint=hashlib.sha256(text.encode()).hexdigest(),
        speaker_names=speaker.search_names,
        **kw,
    )
    if source is None:
        source = make_source(text=f"{speaker.name} said: “{text}”")
    start = source.text.find(text)
    if start < 0:
        raise ValueError("the source text must contain the statement text")
    article = source.articles.first() or Article.objects.create(
        source=source, position=0, title=source.title or "Post", start=0, end=len(source.text)
    )
    Occurrence.objects.create(
        statement=statement, source=source, article=article, start=start, end=start + len(text)
    )
    return statement
