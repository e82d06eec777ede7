"""Old slugs of merged-away speakers and events, answered with a 301 to the survivor."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from archive.models.events import Event
from archive.models.speakers import Speaker


class RedirectKind(models.TextChoices):
    SPEAKER = "speaker", "Speaker"
    EVENT = "event", "Event"


class SlugRedirect(models.Model):
    """An old slug of a merged-away speaker or event: its page answers 301 to the survivor."""

    Kind = RedirectKind

    kind = models.CharField(max_length=10, choices=RedirectKind)
    old_slug = models.SlugField(max_length=120)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "old_slug"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="slug_redirect_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=RedirectKind.values), name="slug_redirect_kind_is_known"
            ),
            models.CheckConstraint(
                condition=Q(kind="speaker", speaker__isnull=False, event__isnull=True)
                | Q(kind="event", event__isnull=False, speaker__isnull=True),
                name="slug_redirect_has_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_slug} -> {self.target}"

    @property
    def target(self):
        return self.speaker if self.kind == RedirectKind.SPEAKER else self.event
