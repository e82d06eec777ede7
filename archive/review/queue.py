"""The review queue's rows: unreviewed statements, flagged first, least confident first.

The queue's state lives in GET parameters (so a filtered queue can be bookmarked and each
item's "next" stays inside it). Order: statements ingest sent back (``review_flag``) first,
then by attribution confidence, then by id (import order) -- a total order, so "next" and
"previous" are keyset lookups rather than offsets.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import QueryDict

from archive.models import Occurrence, ReviewStatus, Statement, StatementKind

# Confidence bands: (parameter value, label, lower bound inclusive, upper bound exclusive).
BANDS = (
    ("low", "Low (under 0.5)", 0.0, 0.5),
    ("medium", "Medium (0.5 to 0.8)", 0.5, 0.8),
    ("high", "High (0.8 and over)", 0.8, 1.01),
)
PARAMS = ("speaker", "source", "event", "kind", "rule", "band", "flagged")
FACET_SIZE = 15


def _int(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


@dataclass
class Facet:
    name: str
    label: str
    options: list[dict]  # {"value", "label", "count", "selected", "query_string"}


class ReviewQueue:
    """Parses the queue's filters and answers the queries its pages need."""

    def __init__(self, params: QueryDict):
        self.params = params
        self.errors: list[str] = []
        self.chosen: dict[str, str] = {}
        for name in PARAMS:
            value = params.get(name, "").strip()
            if not value:
                continue
            if name in ("speaker", "source", "event") and _int(value) is None:
                self.errors.append(f"{name.title()}: “{value}” is not a record number.")
            elif name == "kind" and value not in StatementKind.values:
                self.errors.append(f"Kind: “{value}” is not a kind of statement.")
            elif name == "band" and value not in {b[0] for b in BANDS}:
                self.errors.append(f"Confidence: “{value}” is not a band.")
            else:
                self.chosen[name] = value[:40]

    @property
    def query_string(self) -> str:
        kept = QueryDict(mutable=True)
        for name, value in self.chosen.items():
            kept[name] = value
        return kept.urlencode()

    def toggled(self, name: str, value: str) -> str:
        kept = QueryDict(mutable=True)
        for key, current in self.chosen.items():
            if key != name:
                kept[key] = current
        if self.chosen.get(name) != value:
            kept[name] = value
        return kept.urlencode()

    def _filtered(self, *, skip: str = "") -> QuerySet:
        qs = Statement.objects.filter(review_status=ReviewStatus.UNREVIEWED)
        for name, value in self.chosen.items():
            if name == skip:
                continue
            if name == "speaker":
                qs = qs.filter(speaker_id=int(value))
            elif name == "event":
                qs = qs.filter(event_id=int(value))
            elif name == "source":
                qs = qs.filter(
                    pk__in=Occurrence.objects.filter(source_id=int(value)).values("statement_id")
                )
            elif name == "kind":
                qs = qs.filter(kind=value)
            elif name == "rule":
                qs = qs.filter(rule="" if value == "(none)" else value)
            elif name == "band":
                _, _, low, high = next(b for b in BANDS if b[0] == value)
                qs = qs.filter(confidence__gte=low, confidence__lt=high)
            elif name == "flagged":
                qs = qs.exclude(review_flag="")
        return qs

    def statements(self) -> QuerySet:
        """The queue in review order (annotated with ``flag_rank``: 0 flagged, 1 not)."""
        return (
            self._filtered()
            .annotate(flag_rank=_flag_rank())
            .select_related("speaker", "event")
            .order_by("flag_rank", "confidence", "pk")
        )

    def next_after(self, statement: Statement) -> Statement | None:
        return self._neighbour(statement, after=True)

    def previous_before(self, statement: Statement) -> Statement | None:
        return self._neighbour(statement, after=False)

    def _neighbour(self, statement: Statement, *, after: bool) -> Statement | None:
        rank = 0 if statement.review_flag else 1
        c, pk = statement.confidence, statement.pk
        if after:
            later = Q(flag_rank__gt=rank) | Q(flag_rank=rank, confidence__gt=c)
            later |= Q(flag_rank=rank, confidence=c, pk__gt=pk)
            ordering = ("flag_rank", "confidence", "pk")
        else:
            later = Q(flag_rank__lt=rank) | Q(flag_rank=rank, confidence__lt=c)
            later |= Q(flag_rank=rank, confidence=c, pk__lt=pk)
            ordering = ("-flag_rank", "-confidence", "-pk")
        return (
            self._filtered()
            .annotate(flag_rank=_flag_rank())
            .filter(later)
            .exclude(pk=pk)
            .order_by(*ordering)
            .only("pk")
            .first()
        )

    def facets(self) -> list[Facet]:
        """Counts for every filter, each ignoring its own choice (what choosing it would give)."""
        facets = []
        rows = self._filtered(skip="kind").values("kind").annotate(n=Count("pk")).order_by("kind")
        labels = dict(StatementKind.choices)
        facets.append(
            self._facet("kind", "Kind", [(r["kind"], labels[r["kind"]], r["n"]) for r in rows])
        )
        rows = (
            self._filtered(skip="rule")
            .values("rule")
            .annotate(n=Count("pk"))
            .order_by("-n", "rule")
        )
        facets.append(
            self._facet(
                "rule",
                "Rule",
                [(r["rule"] or "(none)", r["rule"] or "(none)", r["n"]) for r in rows[:FACET_SIZE]],
            )
        )
        band_counts = self._filtered(skip="band").aggregate(
            **{
                name: Count("pk", filter=Q(confidence__gte=low, confidence__lt=high))
                for name, _, low, high in BANDS
            }
        )
        facets.append(
            self._facet(
                "band", "Confidence", [(n, label, band_counts[n]) for n, label, _, _ in BANDS]
            )
        )
        rows = (
            self._filtered(skip="speaker")
            .values("speaker_id", "speaker__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "speaker__name")[:FACET_SIZE]
        )
        facets.append(
            self._facet(
                "speaker",
                "Speaker",
                [(str(r["speaker_id"]), r["speaker__name"], r["n"]) for r in rows],
            )
        )
        rows = (
            self._filtered(skip="event")
            .exclude(event=None)
            .values("event_id", "event__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "event__name")[:FACET_SIZE]
        )
        facets.append(
            self._facet(
                "event", "Event", [(str(r["event_id"]), r["event__name"], r["n"]) for r in rows]
            )
        )
        rows = (
            Occurrence.objects.filter(statement__in=self._filtered(skip="source"))
            .values("source_id", "source__title", "source__file_name")
            .annotate(n=Count("statement_id", distinct=True))
            .order_by("-n", "source__file_name")[:FACET_SIZE]
        )
        facets.append(
            self._facet(
                "source",
                "Source",
                [
                    (str(r["source_id"]), r["source__title"] or r["source__file_name"], r["n"])
                    for r in rows
                ],
            )
        )
        return facets

    def _facet(self, name: str, label: str, rows: list[tuple]) -> Facet:
        return Facet(
            name,
            label,
            [
                {
                    "value": value,
                    "label": text,
                    "count": count,
                    "selected": self.chosen.get(name) == value,
                    "query_string": self.toggled(name, value),
                }
                for value, text, count in rows
            ],
        )


def _flag_rank() -> Case:
    return Case(When(review_flag="", then=Value(1)), default=Value(0), output_field=IntegerField())
