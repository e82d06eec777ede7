"""Speakers and the spellings of their names the sources use."""

from collections.abc import Iterable

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from archive.links import record_url
from archive.querysets import SpeakerQuerySet


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

    def refresh_statement_names_for_new_words(self, *, but: Iterable[int] = ()) -> None:
        """After the names grew (a new spelling, a merge): rewrite this speaker's statements
        (those not in ``but``) only when the names bring a search word they lack.

        One of them (any one, by the speaker index) shows what they hold, so a known speaker
        seen again, or a new spelling made of words already there, costs no rewrite of their
        80,000 statements.
        """
        names = self.search_names
        held = next(
            iter(
                self.statements.exclude(pk__in=list(but))
                .order_by()
                .values_list("speaker_names", flat=True)[:1]
            ),
            None,
        )
        using = self._state.db or "default"
        if held is not None and held != names and _brings_new_search_words(held, names, using):
            self.refresh_statement_names()


def _brings_new_search_words(old: str, new: str, using: str) -> bool:
    """True when ``new`` holds a search word (lexeme) that ``old`` lacks."""
    from archive.models.statements import SEARCH_CONFIG  # statements imports this module

    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT NOT tsvector_to_array(to_tsvector(%s::regconfig, %s)) "
            "<@ tsvector_to_array(to_tsvector(%s::regconfig, %s))",
            [SEARCH_CONFIG, new, SEARCH_CONFIG, old],
        )
        return cursor.fetchone()[0]


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
