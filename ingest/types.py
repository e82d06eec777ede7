"""Plain dataclasses that the pure parsing functions return.

Offsets are Python ``str`` indexes into the decoded source text: ``text[start:end]``
is always exactly the passage a record came from. Nothing here touches the database;
``ingest.services`` turns a ``ParsedDocument`` into archive rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedEvent:
    """An event a post reports (conference, rally, UN session, ...)."""

    key: str  # unique within the document, e.g. "e1"; statements refer to it
    name: str
    kind: str  # one of archive.models.EventKind values: conference, rally, panel, ...
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class ParsedSpeaker:
    """One speaker as one document names them, with every spelling seen there."""

    key: str  # unique within the document; statements refer to it
    name: str  # most complete, correctly spelled form (no titles)
    kind: str = "person"  # person | organization | group
    aliases: tuple[str, ...] = ()  # every other form seen in the document
    descriptions: tuple[str, ...] = ()  # role phrases the document gives


@dataclass(frozen=True)
class ParsedArticle:
    """One post inside a scraped page."""

    title: str
    start: int  # first character of the post (its headline)
    end: int  # one past its last character
    published: dt.date | None = None
    event_key: str | None = None


@dataclass(frozen=True)
class ParsedStatement:
    """A direct quote or an indirect (reported) statement, anchored to the source."""

    kind: str  # "direct" | "indirect"
    start: int
    end: int
    text: str  # == document text[start:end]
    speaker_key: str | None
    event_key: str | None = None
    article_index: int | None = None  # index into ParsedDocument.articles
    role: str = ""  # the speaker's role/description as this source gives it
    date: dt.date | None = None  # when the statement was made, if known
    rule: str = ""  # name of the attribution rule that chose the speaker, e.g. "said-after"
    confidence: float = 0.5  # how sure that rule is of the speaker, 0..1


@dataclass
class ParsedDocument:
    """Everything the parser found in one source text."""

    text: str
    title: str = ""
    site: str = ""
    url: str = ""
    author: str = ""  # the page's byline (ingest.metadata), not a speaker
    published: dt.date | None = None  # the page's own "Posted on" date
    articles: list[ParsedArticle] = field(default_factory=list)
    events: list[ParsedEvent] = field(default_factory=list)
    speakers: list[ParsedSpeaker] = field(default_factory=list)
    statements: list[ParsedStatement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
