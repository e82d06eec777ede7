"""Reading the edit history that django-pghistory's triggers write (see ``archive.models``).

Each history row is a snapshot of a record after an insert or update (before a delete), with
the context the code around the write set: ``user`` (the request middleware), ``action`` and
``note`` (``archive.editing``), ``ingest_run`` (``ingest.services``). A change is a snapshot
compared with the one before it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from pghistory.models import Context

from archive.editing import ACTIONS
from archive.models import (
    Event,
    EventHistory,
    OccurrenceHistory,
    Speaker,
    SpeakerAliasHistory,
    SpeakerHistory,
    StatementHistory,
)

# Columns that only follow others; a change of them alone is not worth a line.
QUIET_FIELDS = {"curated", "created_at", "fingerprint", "review_flag", "source_wording"}

# What an editor's change of a field is called publicly, when no action names it.
FIELD_LABELS = {
    "speaker_id": "Speaker corrected",
    "text": "Passage corrected",
    "start": "Passage corrected",
    "end": "Passage corrected",
    "event_id": "Event corrected",
    "date": "Date corrected",
    "kind": "Kind corrected",
    "name": "Name corrected",
    "start_date": "Date corrected",
    "end_date": "Date corrected",
    "location": "Place corrected",
    "description": "Description corrected",
    "review_status": "Review status changed",
    "normalized": "Name corrected",
}

# Actions that review rather than correct: in the history, not on the public list.
REVIEW_ACTIONS = {"verify", "reject"}

HISTORY_MODELS = {
    "statement": StatementHistory,
    "speaker": SpeakerHistory,
    "alias": SpeakerAliasHistory,
    "event": EventHistory,
    "occurrence": OccurrenceHistory,
}


@dataclass
class Change:
    """One history row, compared with the record's previous snapshot."""

    model: str
    obj_id: int
    label: str  # insert | update | delete
    at: datetime
    changes: dict[str, tuple] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    user: str = ""
    run: int | None = None

    @property
    def by_editor(self) -> bool:
        return bool(self.context.get("user"))

    @property
    def action(self) -> str:
        return self.context.get("action", "")

    @property
    def note(self) -> str:
        return self.context.get("note", "")

    @property
    def summary(self) -> str:
        """What happened, in a few words: "Speaker corrected", "Created by import 12"."""
        if self.action in ACTIONS:
            return ACTIONS[self.action]
        if self.label == "insert":
            return f"Created by import {self.run}" if self.run else "Created"
        if self.label == "delete":
            return f"Removed by import {self.run}" if self.run else "Deleted"
        labels = [FIELD_LABELS[f] for f in self.changes if f in FIELD_LABELS]
        return labels[0] if labels else "Changed"

    @property
    def is_correction(self) -> bool:
        """An editor's change the public correction list shows (not a review)."""
        return self.by_editor and self.action not in REVIEW_ACTIONS and self.label != "insert"


def _with_previous(queryset):
    """Annotate each history row with the primary key of the record's previous snapshot."""
    model = queryset.model
    previous = (
        model.objects.filter(pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id"))
        .order_by("-pgh_id")
        .values("pgh_id")[:1]
    )
    return queryset.select_related("pgh_context").annotate(previous_id=Subquery(previous))


def _changes(model_name: str, rows: list) -> list[Change]:
    """Changes for history rows of one model (2 queries: the rows, their predecessors)."""
    if not rows:
        return []
    model = HISTORY_MODELS[model_name]
    names = [f.attname for f in model._meta.concrete_fields if not f.name.startswith("pgh_")]
    previous = model.objects.in_bulk([r.previous_id for r in rows if r.previous_id])
    changes = []
    for row in rows:
        before = previous.get(row.previous_id)
        diff = {}
        if row.pgh_label == "update" and before is not None:
            diff = {
                n: (getattr(before, n), getattr(row, n))
                for n in names
                if getattr(before, n) != getattr(row, n)
            }
        context = row.pgh_context.metadata if row.pgh_context_id else {}
        changes.append(
            Change(
                model=model_name,
                obj_id=row.pgh_obj_id,
                label=row.pgh_label,
                at=row.pgh_created_at,
                changes={k: v for k, v in diff.items() if k not in QUIET_FIELDS},
                context=context,
                run=context.get("ingest_run"),
            )
        )
    return changes


# Foreign keys shown by name rather than by number: field -> model.
NAMED_REFERENCES = {"speaker_id": Speaker, "event_id": Event}


def _name_users(changes: list[Change]) -> list[Change]:
    """Fill in usernames, and names for the speakers and events a change points at."""
    ids = {c.context.get("user") for c in changes} - {None}
    if ids:
        users = get_user_model().objects.in_bulk(ids)
        for change in changes:
            if user := users.get(change.context.get("user")):
                change.user = user.get_username()
    for field_name, model in NAMED_REFERENCES.items():
        wanted = {v for c in changes for v in c.changes.get(field_name, ())} - {None}
        if not wanted:
            continue
        names = {pk: str(obj) for pk, obj in model.objects.in_bulk(wanted).items()}
        for change in changes:
            if field_name in change.changes:
                change.changes[field_name] = tuple(
                    None
                    if v is None
                    else names.get(v, f"{model._meta.verbose_name} {v} (merged away)")
                    for v in change.changes[field_name]
                )
    return changes


def _sorted(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: c.at)


def statement_history(statement_id: int) -> list[Change]:
    """A statement's history with its passages', oldest first."""
    rows = {
        "statement": list(_with_previous(StatementHistory.objects.filter(pgh_obj_id=statement_id))),
        "occurrence": list(
            _with_previous(OccurrenceHistory.objects.filter(statement_id=statement_id))
        ),
    }
    return _name_users(_sorted([c for name, r in rows.items() for c in _changes(name, r)]))


def speaker_history(speaker_id: int) -> list[Change]:
    """A speaker's history with its aliases', oldest first."""
    rows = {
        "speaker": list(_with_previous(SpeakerHistory.objects.filter(pgh_obj_id=speaker_id))),
        "alias": list(_with_previous(SpeakerAliasHistory.objects.filter(speaker_id=speaker_id))),
    }
    return _name_users(_sorted([c for name, r in rows.items() for c in _changes(name, r)]))


def record_history(model_name: str, obj_id: int) -> list[Change]:
    """The history of any tracked record, oldest first."""
    if model_name == "statement":
        return statement_history(obj_id)
    if model_name == "speaker":
        return speaker_history(obj_id)
    model = HISTORY_MODELS[model_name]
    rows = list(_with_previous(model.objects.filter(pgh_obj_id=obj_id)))
    return _name_users(_changes(model_name, rows))


# The statement fields whose editor change the public corrections line names.
PUBLIC_FIELDS = ("speaker_id", "text", "event_id", "date", "kind")


def corrections_line(statement_id: int) -> list[tuple[str, datetime]]:
    """("Speaker corrected", when) for each kind of editor correction, the latest date each.

    Two plain queries: the statement's snapshots in order (each editor update compared with
    the snapshot before it; a statement has a handful) and its passages' editor updates.
    """
    rows = StatementHistory.objects.filter(pgh_obj_id=statement_id).order_by("pgh_id")
    latest: dict[str, datetime] = {}
    before = None
    for row in rows.values("pgh_label", "pgh_created_at", "pgh_context__metadata", *PUBLIC_FIELDS):
        metadata = row["pgh_context__metadata"] or {}
        by_editor = row["pgh_label"] == "update" and metadata.get("user") is not None
        action = metadata.get("action", "")
        if by_editor and before is not None and action not in REVIEW_ACTIONS:
            changed = [f for f in PUBLIC_FIELDS if row[f] != before[f]]
            if changed:  # an action that changed nothing public is no correction
                latest[ACTIONS.get(action) or FIELD_LABELS[changed[0]]] = row["pgh_created_at"]
        before = row
    passage = (
        OccurrenceHistory.objects.filter(
            statement_id=statement_id,
            pgh_label="update",
            pgh_context__metadata__user__isnull=False,
        )
        .order_by("-pgh_id")
        .values_list("pgh_created_at", flat=True)
        .first()
    )
    if passage:
        latest["Passage corrected"] = max(passage, latest.get("Passage corrected", passage))
    return sorted(latest.items(), key=lambda item: item[1])


def recent_corrections(limit: int = 50) -> list[Change]:
    """The latest editor corrections across the archive, newest first.

    Starts from the (few) contexts an editor made, so the cost follows the editors' work,
    not the size of the import history.
    """
    contexts = [
        pk
        for pk, metadata in Context.objects.filter(metadata__user__isnull=False)
        .order_by("-created_at")
        .values_list("pk", "metadata")[: limit * 4]
        if metadata.get("action") not in REVIEW_ACTIONS
    ]
    changes = []
    for name, model in HISTORY_MODELS.items():
        rows = list(_with_previous(model.objects.filter(pgh_context_id__in=contexts)))
        changes.extend(_changes(name, rows))
    corrections = [c for c in changes if c.is_correction and (c.changes or c.label == "delete")]
    return _name_users(sorted(corrections, key=lambda c: c.at, reverse=True)[:limit])
