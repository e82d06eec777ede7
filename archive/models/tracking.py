"""Edit history with values for the tracked records (django-pghistory)."""

import pghistory

from archive.models.events import Event
from archive.models.speakers import Speaker, SpeakerAlias
from archive.models.statements import Occurrence, Statement


# Edit history with values (django-pghistory): PostgreSQL triggers write a snapshot row for
# every insert, update and delete, so the admin, bulk ``update()``s and ingest are all
# recorded with whatever context (user, note, import run) the code around them set.
# Columns that only mirror others (search copies, timestamps) are left out, so that a
# refresh of search names is not an "edit".
def _track(model, name: str, exclude: tuple[str, ...] = ()) -> None:
    pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=list(exclude),
        model_name=name,
        obj_field=pghistory.ObjForeignKey(related_name="history"),
    )(model)


_track(
    Statement,
    "StatementHistory",
    # event_kind and source_ids are search columns the triggers of migration 0061 keep.
    ("search_vector", "speaker_names", "updated_at", "event_kind", "source_ids"),
)
_track(Speaker, "SpeakerHistory", ("updated_at",))
_track(SpeakerAlias, "SpeakerAliasHistory")
_track(Event, "EventHistory", ("updated_at",))
# event is a copy of the statement's, kept by the triggers of migration 0066.
_track(Occurrence, "OccurrenceHistory", ("event",))
