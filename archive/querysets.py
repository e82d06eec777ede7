"""Reads on the archive's tables: every list and search page is built from these."""

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import connections, models
from django.db.models import Case, Count, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Collate, ExtractYear, Left, Length, Upper
from django.db.models.lookups import LessThanOrEqual

# The one accent and case fold of the alias lookup contract, shared with ingest (a pure
# leaf module: it imports nothing of the project); "Søren" and "soren" are one form.
from archive.folding import fold


def _count_of(related: models.QuerySet, field: str = "pk", *, distinct: bool = False) -> Coalesce:
    """A correlated COUNT of ``related`` (already filtered on OuterRef), 0 when none.

    A subquery rather than a join: counting two relations through joins multiplies rows.
    """
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = related.order_by().annotate(n=Func(F(field), template=template))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


def _rank(q: str) -> SearchRank:
    """How well a statement matches ``q`` (ts_rank, divided by 1 + its rank: 0 to 1)."""
    return SearchRank(F("search_vector"), search_query(q), normalization=32)


def search_query(q: str) -> SearchQuery:
    """A websearch-style query ("phrase", OR, -word) in the archive's search configuration."""
    from archive.models import SEARCH_CONFIG

    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


class SourceQuerySet(models.QuerySet):
    def current(self) -> "SourceQuerySet":
        """Sources not replaced by a later import of the same file."""
        return self.filter(superseded_by__isnull=True)

    def for_listing(self) -> "SourceQuerySet":
        """The source list's rows: posts, passages and public statements counted per source."""
        from archive.models import Article, Occurrence

        passages = Occurrence.objects.filter(source=OuterRef("pk"))
        return self.select_related("superseded_by").annotate(
            article_count=_count_of(Article.objects.filter(source=OuterRef("pk"))),
            occurrence_count=_count_of(passages),
            statement_count=_count_of(
                passages.exclude(statement__review_status="rejected"), "statement_id", distinct=True
            ),
        )


class EventQuerySet(models.QuerySet):
    def with_counts(self) -> "EventQuerySet":
        return self.annotate(
            statement_count=Count("statements", distinct=True),
            speaker_count=Count("statements__speaker", distinct=True),
        )

    def with_public_counts(self) -> "EventQuerySet":
        """Counts of the statements the public sees, and of their speakers.

        Correlated subqueries on the statement.event index: a page of events counts only its
        own rows, where a join and GROUP BY would aggregate the whole statement table first.
        """
        from archive.models import Statement

        public = Statement.objects.visible().filter(event=OuterRef("pk"))
        return self.annotate(
            statement_count=_count_of(public),
            speaker_count=_count_of(public, "speaker_id", distinct=True),
        )

    def year_counts(self) -> "EventQuerySet":
        """``{"year", "count"}`` rows, newest year first (undated events left out)."""
        return (
            self.filter(start_date__isnull=False)
            .annotate(year=ExtractYear("start_date"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )

    def kind_counts(self) -> "EventQuerySet":
        """``{"kind", "count"}`` rows, most events first."""
        return self.values("kind").annotate(count=Count("pk")).order_by("-count", "kind")

    def in_year(self, year: int) -> "EventQuerySet":
        return self.filter(start_date__year=year)

    def newest_first(self) -> "EventQuerySet":
        return self.order_by(F("start_date").desc(nulls_last=True), "name")


class SpeakerQuerySet(models.QuerySet):
    def with_counts(self) -> "SpeakerQuerySet":
        return self.annotate(statement_count=Count("statements", distinct=True))

    def with_public_counts(self) -> "SpeakerQuerySet":
        """``statement_count``: the statements the public sees (a subquery, as for events)."""
        from archive.models import Statement

        public = Statement.objects.visible().filter(speaker=OuterRef("pk"))
        return self.annotate(statement_count=_count_of(public))

    def a_to_z(self) -> "SpeakerQuerySet":
        """Ordered by name without accents or case, annotated with that name's ``initial``.

        Byte order ("C" collation) keeps every initial's speakers together whatever the
        database's locale, so the letter links can work out the page each letter starts on.
        """
        sort_name = Collate(Upper(Unaccent(F("name"))), "C")
        return self.annotate(sort_name=sort_name, initial=Left(sort_name, 1)).order_by(
            "sort_name", "pk"
        )

    def initial_counts(self) -> "SpeakerQuerySet":
        """``{"initial", "count"}`` rows in A-Z order (call on ``a_to_z()``)."""
        return self.values("initial").annotate(count=Count("pk")).order_by("initial")

    def at_event(self, event, *, limit: int) -> models.QuerySet:
        """The ``limit`` speakers with most public statements at ``event`` (``statement_count``).

        From the event's speaker tallies (dimension ``speakers:<event id>``, migration 0068):
        the largest counts come off the (dimension, count) index, then the speakers' rows;
        ties go by name.
        """
        return self.raw(
            "SELECT sp.*, t.count AS statement_count FROM ("
            "  SELECT value, count FROM archive_statementtally"
            "  WHERE dimension = %s AND count > 0 ORDER BY count DESC LIMIT %s"
            ") t JOIN archive_speaker sp ON sp.id = t.value::bigint "
            "ORDER BY t.count DESC, upper(sp.name), sp.id LIMIT %s",
            [f"speakers:{event.pk}", limit * 4, limit],
        )

    def matching_name(self, q: str, *, threshold: float = 0.3) -> "SpeakerQuerySet":
        """Speakers whose name or any alias looks like ``q`` (trigram + unaccent), best first."""
        from archive.models import SpeakerAlias

        folded = fold(q).strip().replace("\x00", "")  # PostgreSQL text cannot hold NUL
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
        """Statements matching a websearch query, best match first (annotated with ``rank``)."""
        return self.matching(q).by_relevance(q)

    def matching(self, q: str) -> "StatementQuerySet":
        """Statements matching a websearch query, without ranking (filters and facet counts)."""
        return self.filter(search_vector=search_query(q))

    def by_relevance(self, q: str) -> "StatementQuerySet":
        """Best match for ``q`` first (annotates ``rank``), ties newest first, then by id.

        Only orders: combine with ``matching(q)``, which does the (indexed) filtering.
        """
        return self.annotate(rank=_rank(q)).order_by("-rank", F("date").desc(nulls_last=True), "id")

    def newest_ranked_ids(self, q: str, limit: int) -> list[int]:
        """The ids of the newest ``limit`` statements here (highest ids), in ``by_relevance``
        order: the bounded best-match window of a search.

        One scan: each match is ranked as the scan reads its row, and the newest ``limit``
        are kept. Ranking the kept ids afterwards means reading each of their rows again by
        primary key, which at 1,000,000 statements cost more (a phrase's 19,590 matches:
        64 ms against 53; the common word's 50,000: 29 against 20).
        """
        window = self.annotate(rank=_rank(q)).order_by("-id").values("id", "date", "rank")
        sql, params = window[:limit].query.sql_with_params()
        with connections[self.db].cursor() as cursor:
            # by_relevance's order, over the window's rows.
            cursor.execute(
                f"SELECT w.id FROM ({sql}) w ORDER BY w.rank DESC, w.date DESC NULLS LAST, w.id",
                params,
            )
            return [pk for (pk,) in cursor.fetchall()]

    def newest_first(self) -> "StatementQuerySet":
        return self.order_by(F("date").desc(nulls_last=True), "-id")

    def oldest_first(self) -> "StatementQuerySet":
        return self.order_by(F("date").asc(nulls_last=True), "id")

    def with_headline(self, q: str, *, whole_up_to: int = 1000) -> "StatementQuerySet":
        """Annotate ``headline``: the text with matches between sentinel characters.

        Texts up to ``whole_up_to`` characters come back whole, longer ones as up to two
        passages around the matches. ts_headline drops anything that looks like an HTML tag,
        so ``<`` and ``>`` are swapped for private-use characters around the call and back
        after: the headline keeps the exact text. ``archive.search.highlight`` escapes it and
        only then turns the sentinels into ``<mark>``, so nothing in a statement becomes markup.
        """
        from archive.models import SEARCH_CONFIG
        from archive.search import ANGLE_MASK, START_SEL, STOP_SEL

        query = search_query(q)
        masked = Func(F("text"), Value("<>"), Value(ANGLE_MASK), function="translate")

        def headline(**options):
            marked = SearchHeadline(
                masked,
                query,
                config=SEARCH_CONFIG,
                start_sel=START_SEL,
                stop_sel=STOP_SEL,
                **options,
            )
            return Func(
                marked,
                Value(ANGLE_MASK),
                Value("<>"),
                function="translate",
                output_field=TextField(),
            )

        return self.annotate(
            headline=Case(
                When(
                    LessThanOrEqual(Length("text"), whole_up_to),
                    then=headline(highlight_all=True),
                ),
                default=headline(
                    max_words=60, min_words=25, max_fragments=2, fragment_delimiter=" … "
                ),
            )
        )

    def similar_to(self, statement, *, candidates: int = 20) -> "StatementQuerySet":
        """Other public statements by the same speaker or at the same event, closest text first.

        The candidates are the speaker's and the event's latest ``candidates`` statements
        each (two index reads); trigram similarity only orders them, so the cost stays the
        same for a speaker of ten statements and one of eighty thousand.
        """
        public = (
            self.visible().exclude(pk=statement.pk).order_by(F("date").desc(nulls_last=True), "-id")
        )
        near = public.filter(speaker_id=statement.speaker_id).values("pk")[:candidates]
        if statement.event_id:
            # A UNION, not OR: each side reads its own index (an OR scans the table).
            near = near.union(public.filter(event_id=statement.event_id).values("pk")[:candidates])
        return (
            self.filter(pk__in=near)
            .annotate(similarity=TrigramSimilarity("text", statement.text))
            .order_by("-similarity", F("date").desc(nulls_last=True), "id")
        )

    def by_speaker(self, speaker) -> "StatementQuerySet":
        return self.filter(speaker=speaker)

    def visible(self) -> "StatementQuerySet":
        """Statements shown to the public: everything an editor has not rejected."""
        return self.exclude(review_status="rejected")

    def for_listing(self) -> "StatementQuerySet":
        """Joins every list row needs, so a page of results costs a fixed number of queries."""
        return self.select_related("speaker", "event")
