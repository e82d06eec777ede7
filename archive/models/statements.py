"""Statements, their passages in the sources, and the trigger-kept tallies of them."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from archive.links import record_url
from archive.models.events import Event
from archive.models.sources import Article, Source
from archive.models.speakers import Speaker
from archive.querysets import StatementQuerySet

# Text search configuration created in migration 0001: English stemming over unaccented
# words, so "Ingrid" finds "Íngrid" and headlines mark the accented original.
SEARCH_CONFIG = "archive_english"


class StatementKind(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    INDIRECT = "indirect", "Reported speech"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class Statement(models.Model):
    """What a speaker said, directly or as reported, with a stored full-text vector."""

    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="statements")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    kind = models.CharField(max_length=10, choices=StatementKind, default=StatementKind.DIRECT)
    text = models.TextField()
    date = models.DateField(
        null=True,
        blank=True,
        help_text="When it was said; left empty, the event's date (and follows the event).",
    )
    date_from_event = models.BooleanField(
        default=False,
        editable=False,
        help_text="The date is the event's: kept in step with it by a database trigger.",
    )
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus, default=ReviewStatus.UNREVIEWED
    )
    fingerprint = models.CharField(
        max_length=64,
        help_text="Hash of the normalised text: finds the same quote in another source.",
    )
    speaker_names = models.TextField(
        blank=True,
        editable=False,
        help_text="The speaker's name and aliases, copied here so search finds them.",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config=SEARCH_CONFIG, weight="A")
        + SearchVector("speaker_names", config=SEARCH_CONFIG, weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Search columns, kept by database triggers (migration 0060) so that the facets of a search
    # read one row per match and join nothing: the event's kind, and every source quoting it.
    event_kind = models.CharField(
        max_length=30, blank=True, editable=False, help_text="Copy of the event's kind."
    )
    source_ids = ArrayField(
        models.IntegerField(),
        default=list,
        blank=True,
        editable=False,
        help_text="Ids of the sources with a passage of this statement.",
    )
    rule = models.CharField(
        max_length=40,
        blank=True,
        help_text="The ingest rule that attributed the statement to its speaker.",
    )
    confidence = models.FloatField(
        default=0.5, help_text="How sure that rule is of the speaker, from 0 to 1."
    )
    curated = models.BooleanField(
        default=False, help_text="Set when an editor changes the record; ingest then leaves it."
    )
    review_flag = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why ingest sent a reviewed statement back to the queue (editors only).",
    )
    source_wording = models.TextField(
        blank=True, help_text="The source's new wording when it no longer matches the text."
    )
    review_note = models.TextField(
        blank=True, help_text="The editor's reason or evidence (never shown to the public)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = [F("date").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values), name="statement_kind_is_known"
            ),
            models.CheckConstraint(
                condition=Q(review_status__in=ReviewStatus.values),
                name="statement_review_status_is_known",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="statement_confidence_in_unit_range",
            ),
        ]
        indexes = [
            # Full-text search on /statements/?q=.
            GinIndex(fields=["search_vector"], name="statement_search_idx"),
            # Speaker pages, public statements newest first: a page's ids and the timeline's
            # months come from this index alone (index-only scans), whatever the page number.
            models.Index(
                "speaker",
                F("date").desc(nulls_last=True),
                F("id").desc(),
                condition=~Q(review_status="rejected"),
                name="statement_speaker_newest_idx",
            ),
            # A permalink's similar statements: the event's latest public statements.
            models.Index(
                "event",
                F("date").desc(nulls_last=True),
                F("id").desc(),
                condition=~Q(review_status="rejected"),
                name="statement_event_newest_idx",
            ),
            # Oldest-first sort and the date-range filter.
            models.Index(fields=["date", "id"], name="statement_date_idx"),
            # Newest-first sort (the default without a query): date descending, undated last.
            models.Index(
                F("date").desc(nulls_last=True), F("id").desc(), name="statement_newest_idx"
            ),
            # Review-status filter, and the review queue: unreviewed, least confident first.
            models.Index(fields=["review_status", "confidence"], name="statement_review_idx"),
            # Ingest finds the same quote from another source.
            models.Index(fields=["speaker", "fingerprint"], name="statement_fingerprint_idx"),
            # Event page: who spoke at an event and how often (an index-only GROUP BY), and
            # its passage count (the ids join the occurrences, index-only too).
            models.Index(
                fields=["event", "speaker", "id"],
                condition=~Q(review_status="rejected"),
                name="statement_event_speaker_idx",
            ),
        ]

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"{self.speaker}: {short}"

    def get_absolute_url(self) -> str:
        return record_url("archive:statement-detail", self.pk)


class StatementTally(models.Model):
    """How many statements have one value of one dimension, kept by triggers (migration 0060).

    ``("public", "")`` counts the statements the public sees; ``("speaker", "12")``,
    ``("event", "7")``, ``("kind", "direct")`` and ``("event_kind", "rally")`` count public
    statements by that value; ``("status", "rejected")`` counts every statement by review
    status; ``("source", "3")`` counts public statements with a passage in that source.
    Statement-level triggers update the rows in the transaction that changes the
    statements, so ingest, the admin and bulk updates alike keep them exact.
    """

    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "value"], name="tally_value_unique"),
        ]
        indexes = [
            # The no-query facets: the values of one dimension, most statements first.
            models.Index(F("dimension"), F("count").desc(), name="tally_dimension_count_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value}: {self.count}"

    @classmethod
    def count_for(cls, dimension: str, value) -> int:
        """The tally of one value (0 when none was ever counted)."""
        row = cls.objects.filter(dimension=dimension, value=str(value)).values("count").first()
        return row["count"] if row else 0


class Occurrence(models.Model):
    """Where a statement appears: an exact character range of one source's text."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="occurrences")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="occurrences")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="occurrences"
    )
    start = models.PositiveIntegerField(help_text="First character, as a Python str index.")
    end = models.PositiveIntegerField(help_text="One past the last character.")
    role = models.CharField(
        max_length=500, blank=True, help_text="The speaker's role as this source gives it."
    )
    # A copy of the statement's event, kept by the triggers of migration 0066 (never set by
    # hand): the event page reads its passages in source order from one index.
    event = models.ForeignKey(
        Event, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="occurrence_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["statement", "source", "start", "end"], name="occurrence_unique_passage"
            ),
        ]
        # Migration 0003 adds the constraint trigger occurrence_inside_source_text: end must
        # not pass the end of the source's text (a CHECK cannot look at another table).
        indexes = [
            # Source page: every passage of one source in text order.
            models.Index(fields=["source", "start"], name="occurrence_source_start_idx"),
            # Event page: an event's passages in source order, a page at a time (keyset).
            models.Index(
                fields=["event", "source", "start", "id"], name="occurrence_event_order_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.file_name} [{self.start}:{self.end}]"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#occurrence-{self.pk}"

    @property
    def headline(self) -> str:
        """The headline of the post this passage sits under."""
        return self.article.title if self.article else ""

    @property
    def passage(self) -> str:
        """The exact characters of the source this occurrence points at."""
        return self.source.text[self.start : self.end]
