"""Reads on the archive's tables: every list and search page is built from these."""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery


def fold(text: str) -> str:
    """Lower-case and strip accents, the way alias lookup forms are stored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def search_query(q: str) -> SearchQuery:
    """A websearch-style query ("phrase", OR, -word) in the archive's search configuration."""
    from archive.models import SEARCH_CONFIG

    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


class SourceQuerySet(models.QuerySet):
    def current(self) -> "SourceQuerySet":
        """Sources not replaced by a later import of the same file."""
        return self.filter(superseded_by__isnull=True)

    def with_counts(self) -> "SourceQuerySet":
        return self.annotate(
            occurrence_count=Count("occurrences", distinct=True),
            article_count=Count("articles", distinct=True),
        )


class EventQuerySet(models.QuerySet):
    def with_counts(self) -> "EventQuerySet":
        return self.annotate(
            statement_count=Count("statements", distinct=True),
            speaker_count=Count("statements__speaker", distinct=True),
        )

    def in_year(self, year: int) -> "EventQuerySet":
        return self.filter(start_date__year=year)

    def newest_first(self) -> "EventQuerySet":
        return self.order_by(F("start_date").desc(nulls_last=True), "name")


class SpeakerQuerySet(models.QuerySet):
    def with_counts(self) -> "SpeakerQuerySet":
        return self.annotate(statement_count=Count("statements", distinct=True))

    def matching_name(self, q: str, *, threshold: float = 0.3) -> "SpeakerQuerySet":
        """Speakers whose name or any alias looks like ``q`` (trigram + unaccent), best first."""
        from archive.models import SpeakerAlias

        folded = fold(q)
        best = (
            SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
            .annotate(similarity=TrigramWordSimilarity(folded, "normalized"))
            .order_by("-similarity")
            .values("similarity")[:1]
        )
        candidates = SpeakerAlias.objects.filter(
            Q(normalized__icontains=folded) | Q(normalized__trigram_word_similar=folded)
        ).values("speaker_id")
        return (
            self.filter(pk__in=candidates)
            .annotate(similarity=Subquery(best))
            .filter(Q(similarity__gte=threshold) | Q(aliases__normalized__icontains=folded))
            .distinct()
            .order_by("-similarity", "name")
        )


class StatementQuerySet(models.QuerySet):
    def search(self, q: str) -> "StatementQuerySet":
        """Statements matching a websearch query, annotated with ``rank``."""
        query = search_query(q)
        return self.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query, normalization=32)
        )

    def by_speaker(self, speaker) -> "StatementQuerySet":
        return self.filter(speaker=speaker)

    def between(self, start=None, end=None) -> "StatementQuerySet":
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def visible(self) -> "StatementQuerySet":
        """Statements shown to the public: everything an editor has not rejected."""
        return self.exclude(review_status="rejected")

    def for_listing(self) -> "StatementQuerySet":
        """Joins every list row needs, so a page of results costs a fixed number of queries."""
        return self.select_related("speaker", "event")
