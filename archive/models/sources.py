"""Where statements come from: import runs, the imported sources and the posts in them."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from archive.links import record_url
from archive.querysets import SourceQuerySet
from archive.runs import IngestRunQuerySet


class IngestStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    PARTIAL = "partial", "Some files failed"
    FAILED = "failed", "Failed"


class IngestRun(models.Model):
    """One run of the ingest command: which files, what came of them."""

    Status = IngestStatus

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.RUNNING)
    paths = models.JSONField(default=list, help_text="Paths given to the command.")
    counts = models.JSONField(default=dict, help_text="Files, posts, events, speakers, ...")
    warnings = models.JSONField(default=list, help_text="One line per warning.")
    errors = models.JSONField(default=list, help_text="One {file, reason} per failed file.")
    pid = models.PositiveIntegerField(null=True, blank=True, help_text="Process id of the run.")
    host = models.CharField(max_length=255, blank=True, help_text="Machine the run ran on.")
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life: updated before each file."
    )

    objects = IngestRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IngestStatus.values),
                name="ingest_run_status_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} at {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class Source(models.Model):
    """One imported document, its text kept exactly as decoded so offsets stay valid."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    text = models.TextField()
    encoding = models.CharField(max_length=40, default="utf-8")
    title = models.CharField(max_length=500, blank=True)
    site = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    author = models.CharField(max_length=200, blank=True, help_text="The page's byline.")
    published = models.DateField(
        null=True, blank=True, help_text="The page's own publication date, when it states one."
    )
    imported_at = models.DateTimeField(default=timezone.now)
    ingest_run = models.ForeignKey(
        IngestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="earlier_versions",
        help_text="A later import of the same file name with different content.",
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["file_name", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="source_sha256_unique"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="source_sha256_is_hex"
            ),
        ]
        indexes = [
            # Re-import finds the current version of a file by its name.
            models.Index(fields=["file_name"], name="source_file_name_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.file_name

    def get_absolute_url(self) -> str:
        return record_url("archive:source-detail", self.pk)


class Article(models.Model):
    """One post inside a source page: its headline and character range."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(help_text="Order of the post in its source.")
    title = models.CharField(max_length=500, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    published = models.DateField(null=True, blank=True)
    event = models.ForeignKey(
        "Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "position"], name="article_position_unique_per_source"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="article_start_before_end"
            ),
        ]
        indexes = [
            # Event page: the event's first posts, oldest first, undated last.
            models.Index(
                F("event"),
                F("published").asc(nulls_last=True),
                F("source"),
                F("position"),
                name="article_event_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Post {self.position + 1} of {self.source}"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#post-{self.pk}"
