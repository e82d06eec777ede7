"""The archive: sources, the posts they hold, events, speakers and what they said.

Every statement rests on at least one ``Occurrence``: a character range of a ``Source``'s
text, exactly as it was imported. Records made by ingest carry ``curated=False``; once an
editor changes or verifies one, ``curated`` is set and ingest leaves it alone.
"""

# tracking registers the edit-history models (StatementHistory, ...) of the models below;
# django-pghistory puts them in this module beside the others.
from archive.models import tracking  # noqa: F401
from archive.models.events import Event, EventKind
from archive.models.redirects import RedirectKind, SlugRedirect
from archive.models.sources import Article, IngestRun, IngestStatus, Source
from archive.models.speakers import Speaker, SpeakerAlias, SpeakerKind
from archive.models.statements import (
    SEARCH_CONFIG,
    Occurrence,
    ReviewStatus,
    Statement,
    StatementKind,
    StatementTally,
)

__all__ = [
    "SEARCH_CONFIG",
    "Article",
    "Event",
    "EventKind",
    "IngestRun",
    "IngestStatus",
    "Occurrence",
    "RedirectKind",
    "ReviewStatus",
    "SlugRedirect",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "StatementTally",
]
