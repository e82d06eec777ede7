"""The archive: sources, the posts they hold, events, speakers and what they said.

Every statement rests on at least one ``Occurrence``: a character range of a ``Source``'s
text, exactly as it was imported. Records made by ingest carry ``curated=False``; once an
editor changes or verifies one, ``curated`` is set and ingest leaves it alone.
"""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone

from archive.links import record_url
from archive.querysets import EventQuerySet, SourceQuerySet, SpeakerQuerySet, StatementQuerySet
from archive.runs import IngestRunQuerySet

# Text search configuration created in migration 0001: English stemming over unaccented
# words, so "Ingrid" finds "Íngrid" and headlines mark the accented original.
SEARCH_CONFIG = "archive_english"


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


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    GROUP = "group", "Group"


class Speaker(models.Model):
    """A person, organisation or group that said something, under one canonical name."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=20, choices=SpeakerKind, default=SpeakerKind.PERSON)
    description = models.CharField(max_length=500, blank=True)
    curated = models.BooleanField(
        default=False, help_text="Set when an editor changes the record; ingest then leaves it."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = [Upper("name")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="speaker_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=SpeakerKind.values), name="speaker_kind_is_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("archive:speaker-detail", self.slug)

    @property
    def search_names(self) -> str:
        """The name and every alias, as copied onto ``Statement.speaker_names`` for search."""
        return " ".join(dict.fromkeys([self.name, *self.aliases.values_list("name", flat=True)]))

    def refresh_statement_names(self) -> None:
        """Copy ``search_names`` onto this speaker's statements (after a rename or new alias)."""
        names = self.search_names
        self.statements.exclude(speaker_names=names).update(speaker_names=names)


class SpeakerAlias(models.Model):
    """A spelling of a speaker's name seen in a source, with its lookup form."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(
        max_length=200, help_text="Lower-case, unaccented, without titles: used for lookup."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "normalized"], name="alias_normalized_unique_per_speaker"
            ),
            models.CheckConstraint(condition=~Q(normalized=""), name="alias_normalized_not_empty"),
        ]
        indexes = [
            # Ingest resolves a name to a speaker by exact normalised form.
            models.Index(fields=["normalized"], name="alias_normalized_idx"),
            # Fuzzy speaker box and "did you mean": trigram similarity on the lookup form.
            GinIndex(OpClass("normalized", name="gin_trgm_ops"), name="alias_normalized_trgm_idx"),
        ]

    def __str__(self) -> str:
        return self.name


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
