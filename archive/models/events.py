"""Events: something that happened where statements were made."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from archive.links import record_url
from archive.querysets import EventQuerySet


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    RALLY = "rally", "Rally"
    PANEL = "panel", "Panel"
    UN_SESSION = "un-session", "UN session"
    EXHIBITION = "exhibition", "Exhibition"
    INTERVIEW = "interview", "Interview"
    MESSAGE = "message", "Message"
    PARLIAMENTARY_MOTION = "parliamentary-motion", "Parliamentary motion"
    OTHER = "other", "Other"


class Event(models.Model):
    """Something that happened where statements were made: a conference, rally, session..."""

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=30, choices=EventKind, default=EventKind.OTHER)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    curated = models.BooleanField(
        default=False, help_text="Set when an editor changes the record; ingest then leaves it."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [F("start_date").desc(nulls_last=True), "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="event_slug_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="event_kind_is_known"
            ),
        ]
        indexes = [
            # Event list: newest first with undated events last, as EventQuerySet sorts it.
            models.Index(F("start_date").desc(nulls_last=True), "name", name="event_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_date:%d %b %Y})" if self.start_date else self.name

    def get_absolute_url(self) -> str:
        return record_url("archive:event-detail", self.slug)
