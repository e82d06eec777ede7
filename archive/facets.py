"""Counts and facets of a statement search in one pass over the matches.

A facet is data (``FacetSpec``): the filter it belongs to, the column of ``archive_statement``
it counts (the search columns ``event_kind`` and ``source_ids`` need no join) and how many
options it lists. ``summarise`` reads the matches of a queryset once into a materialised CTE
of narrow columns and computes the total and every facet from it in one SQL statement.

Exact up to ``settings.ARCHIVE_EXACT_COUNT_LIMIT`` matches. Past that the pass stops, and a
second one over a ``TABLESAMPLE SYSTEM`` sample of the table (sized for about
``SAMPLE_TARGET`` matches) estimates the total and the facets: the page labels them "about".
When the planner's statistics already expect far more matches than the limit, the capped
pass is skipped and the sample (sized from that expectation) answers at once. Without a
query or filters the numbers come exact from the trigger-kept tallies.

A chosen facet counts over the matches of the other choices (``Choice``): a sampled search
reads the matches of none of them once and applies each choice as a condition on its rows,
so choosing facets adds no pass.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections
from django.db.models.expressions import RawSQL

# An estimate rests on about this many sampled matches.
SAMPLE_TARGET = 1000
# The capped exact pass is skipped when the planner expects this many times the limit.
PLAN_FACTOR = 2
# A sample never reads less than this share of the table (percent), so rare matches show.
MIN_SAMPLE_PERCENT = 0.5
# ...and never more than this, so that a sparse match set past the limit costs a bounded
# read (its estimate is then rougher).
MAX_SAMPLE_PERCENT = 3.0


@dataclass(frozen=True)
class FacetSpec:
    name: str  # the filter (GET parameter) this facet chooses
    column: str  # the column of archive_statement counted
    size: int | None = 10  # options listed, most results first (None: all)
    label_table: str | None = None  # table holding (slug, name) or (title) labels
    array: bool = False  # a statement counts once for each value in the array


FACETS = (
    FacetSpec("speaker", "speaker_id", label_table="archive_speaker"),
    FacetSpec("event", "event_id", label_table="archive_event"),
    FacetSpec("event_kind", "event_kind", size=None),
    FacetSpec("source", "source_ids", label_table="archive_source", array=True),
    FacetSpec("year", "year", size=None),
    FacetSpec("kind", "kind", size=None),
    FacetSpec("status", "review_status", size=None),
)
COLUMNS = ("id", "speaker_id", "event_id", "event_kind", "source_ids", "kind", "review_status")


# A statement's year as the year facet (and its tally, migration 0063) gives it: undated
# statements (no date of their own nor of their event) count under "undated".
UNDATED = "undated"
YEAR_SQL = (
    """COALESCE(date_part('year', "archive_statement"."date")::integer::text, """
    f"'{UNDATED}')"
)


@dataclass
class Summary:
    """The total and facet rows of a search; ``exact`` False means both are estimates."""

    total: int
    exact: bool = True
    facets: dict[str, list[dict]] = field(default_factory=dict)  # name -> value/label/count


def exact_limit() -> int:
    return settings.ARCHIVE_EXACT_COUNT_LIMIT


@dataclass(frozen=True)
class Choice:
    """A facet the search filters on: its column holds one of ``values`` (as the column
    holds them: ids, kinds, years as text)."""

    spec: FacetSpec
    values: tuple

    def condition(self) -> tuple[str, list]:
        column = self.spec.column
        if self.spec.array:  # a statement in any of the chosen sources
            any_of = " OR ".join(f"%s = ANY({column})" for _ in self.values)
            return f"({any_of})", list(self.values)
        return f"{column} = ANY(%s)", [list(self.values)]


PUBLIC = ("review_status <> 'rejected'", [])


def _where(conditions: list[tuple[str, list]]) -> tuple[str, list]:
    """``WHERE`` all of ``conditions`` (SQL, params), and their params in order."""
    if not conditions:
        return "", []
    return "WHERE " + " AND ".join(sql for sql, _ in conditions), [
        p for _, params in conditions for p in params
    ]


def _scope(choices, hide_rejected: bool, spec: FacetSpec | None = None) -> tuple[str, list]:
    """The rows of ``m`` that the total (``spec`` None) or a facet counts: those of every
    choice but the facet's own, public unless it is the status facet."""
    conditions = [c.condition() for c in choices if spec is None or c.spec.name != spec.name]
    if hide_rejected and (spec is None or spec.name != "status"):
        conditions.append(PUBLIC)
    return _where(conditions)


def _facet_sql(spec: FacetSpec, scope: str) -> str:
    """One facet's rows (facet, value, label, count) from the rows ``scope`` picks of ``m``."""
    value = f"v.{spec.column}" if not spec.array else "v.value"
    source = (
        f"(SELECT {spec.column} FROM m {scope}) v"
        if not spec.array
        else f"(SELECT unnest({spec.column}) AS value FROM m {scope}) v"
    )
    where = {"event_id": "WHERE v.event_id IS NOT NULL", "event_kind": "WHERE v.event_kind <> ''"}
    grouped = f"SELECT {value} AS value, count(*) AS n FROM {source} {where.get(spec.column, '')} GROUP BY 1"
    if spec.label_table == "archive_source":
        label, key = "COALESCE(NULLIF(l.title, ''), l.file_name)", "c.value::text"
        order = "c.n DESC, l.file_name"
    elif spec.label_table:
        label, key, order = "l.name", "l.slug", "c.n DESC, l.name"
    else:
        label, key, order = "NULL", "c.value::text", "c.n DESC, c.value"
    join = f"JOIN {spec.label_table} l ON l.id = c.value" if spec.label_table else ""
    limit = f"LIMIT {int(spec.size)}" if spec.size else ""
    return (
        f"(SELECT '{spec.name}', {key}, {label}, c.n FROM ({grouped}) c {join} "
        f"ORDER BY {order} {limit})"
    )


def _run(
    db: str, inner_sql: str, params, specs, hide_rejected: bool, scale: float = 1.0, choices=()
):
    """(rows read, total, facets) of the matches that ``inner_sql`` selects, on database ``db``
    (with ``choices``, of its rows that meet them: see ``_scope``)."""
    where, all_params = _scope(choices, hide_rejected)
    parts = [
        "(SELECT '*', max(block)::text, NULL, count(*) FROM m)",
        f"(SELECT '', NULL, NULL, count(*) FROM m {where})",
    ]
    all_params = [*params, *all_params]
    for spec in specs:
        where, scope_params = _scope(choices, hide_rejected, spec)
        parts.append(_facet_sql(spec, where))
        all_params += scope_params
    query = f"WITH m AS MATERIALIZED ({inner_sql}) " + " UNION ALL ".join(parts)
    with connections[db].cursor() as cursor:
        cursor.execute(query, all_params)
        rows = cursor.fetchall()
    read, last_block, total, facets = 0, None, 0, {s.name: [] for s in specs}
    for name, value, label, count in rows:
        if name == "*":
            read, last_block = count, int(value) if value is not None else None
        elif not name:
            total = count
        else:
            shown = round(count * scale) if scale != 1 else count
            facets[name].append({"value": value, "label": label, "count": max(shown, 1)})
    return read, last_block, total, facets


def _narrow(queryset):
    """The queryset's matches as the narrow columns the facets need, in no particular order,
    with the table page each one is on (for the sample rate)."""
    block = RawSQL('("archive_statement".ctid::text::point)[0]::integer', [])
    return (
        queryset.order_by()
        .annotate(block=block, year=RawSQL(YEAR_SQL, []))
        .values(*COLUMNS, "year", "block")
    )


def _sample_percent(db: str, last_block: int | None, limit: int) -> float:
    """A sample rate (percent of table pages) expected to hold about ``SAMPLE_TARGET`` matches.

    The capped pass read the first ``limit`` matches in storage order; how far into the table
    they reached (``last_block``) tells roughly how dense the matches are.
    """
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT relpages FROM pg_class WHERE oid = 'archive_statement'::regclass")
        (pages,) = cursor.fetchone()
    if not pages or last_block is None:
        return 100.0
    return _percent_for(limit * pages / (last_block + 1))


def _planned_rows(db: str, inner_sql: str, params) -> float:
    """How many rows PostgreSQL's planner expects ``inner_sql`` to return (its statistics
    know each search word's frequency); a plan, not a run."""
    with connections[db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + inner_sql, params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def _percent_for(expected: float) -> float:
    """The sample rate for about ``SAMPLE_TARGET`` of ``expected`` matches, within bounds."""
    return min(MAX_SAMPLE_PERCENT, max(MIN_SAMPLE_PERCENT, 100.0 * SAMPLE_TARGET / expected))


def _sampled(db: str, inner: str, params, specs, hide_rejected: bool, percent: float, choices=()):
    """(total, facets) estimated from a ``TABLESAMPLE SYSTEM (percent)`` pass over the
    uncapped narrow query ``inner``."""
    table = '"archive_statement"'
    sampled = inner.replace(
        f"FROM {table}", f"FROM {table} TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (11)", 1
    )
    scale = 100.0 / percent
    _, _, found, facets = _run(db, sampled, params, specs, hide_rejected, scale, choices)
    return found * scale, facets


def planned_rows(queryset) -> float:
    """How many matches the planner expects ``queryset`` to have (a plan, not a run)."""
    sql, params = _narrow(queryset).query.sql_with_params()
    return _planned_rows(queryset.db, sql, params)


def _estimated_at_once(expected: float) -> bool:
    """Whether a search the planner ``expected`` to have that many matches goes straight to
    the sample (its counts will be estimates, unless the sample finds few after all)."""
    return expected > PLAN_FACTOR * exact_limit()


def estimated_with_choices(
    queryset, choices, *, expected: float, hide_rejected: bool
) -> Summary | None:
    """Total and every facet, chosen ones included, from one sample of ``queryset`` (the
    matches of none of the ``choices``), sized for the ``expected`` matches of the search.

    None when the planner does not expect far more matches than the exact limit, or the
    sample finds no more than the limit: then the caller counts exactly.
    """
    limit = exact_limit()
    if not _estimated_at_once(expected):
        return None
    sql, params = _narrow(queryset).query.sql_with_params()
    found, facets = _sampled(
        queryset.db, sql, params, FACETS, hide_rejected, _percent_for(expected), choices
    )
    if found <= limit:
        return None
    return Summary(_estimate(found, limit), False, facets)


def summarise(
    queryset, specs=FACETS, *, hide_rejected: bool = False, expected: float | None = None
) -> Summary:
    """Total and facets of ``queryset`` (already filtered), exact or estimated.

    When the planner expects more than ``PLAN_FACTOR`` times the exact limit, the capped
    pass is skipped (it could only overflow) and the sample answers, unless its estimate
    comes out within the limit: then the capped pass runs after all, and is exact.

    ``hide_rejected``: the queryset still holds rejected statements, for the status facet
    alone; the total and the other facets leave them out. ``expected``: the planner's
    expectation, when the caller has already asked (``planned_rows``).
    """
    limit, db = exact_limit(), queryset.db
    full, full_params = _narrow(queryset).query.sql_with_params()
    if expected is None:
        expected = _planned_rows(db, full, full_params)
    if _estimated_at_once(expected):
        found, facets = _sampled(
            db, full, full_params, specs, hide_rejected, _percent_for(expected)
        )
        if found > limit:
            return Summary(_estimate(found, limit), False, facets)
    inner, params = _narrow(queryset)[: limit + 1].query.sql_with_params()
    read, last_block, total, facets = _run(db, inner, params, specs, hide_rejected)
    if read <= limit:
        return Summary(total, True, facets)
    percent = _sample_percent(db, last_block, limit)
    found, facets = _sampled(db, full, full_params, specs, hide_rejected, percent)
    return Summary(_estimate(found, limit), False, facets)


def _estimate(found: float, limit: int) -> int:
    """The estimated total as shown: two significant figures, and always past the limit (the
    capped pass or the sample saw more), so rounding never makes it look countable."""
    return max(_about(found), limit + 1)


def _about(n: float) -> int:
    """An estimate rounded to two significant figures (163,412 -> 160,000)."""
    n = round(n)
    digits = len(str(n))
    return n if digits <= 2 else round(n, 2 - digits)


# How many of a dimension's largest tallies are labelled before the top ones are picked by
# (count, label): ties past this many are not told apart.
TALLY_CANDIDATES = 200


def _tally_sql(spec: FacetSpec) -> str:
    dimension = "status" if spec.name == "status" else spec.name
    top = (
        f"SELECT value, count FROM archive_statementtally WHERE dimension = '{dimension}' "
        f"AND count > 0 ORDER BY count DESC LIMIT {TALLY_CANDIDATES}"
    )
    if spec.label_table == "archive_source":
        label, key, order = "COALESCE(NULLIF(l.title, ''), l.file_name)", "t.value", "l.file_name"
    elif spec.label_table:
        label, key, order = "l.name", "l.slug", "l.name"
    else:
        label, key, order = "NULL", "t.value", "t.value"
    join = f"JOIN {spec.label_table} l ON l.id = t.value::bigint" if spec.label_table else ""
    limit = f"LIMIT {int(spec.size)}" if spec.size else ""
    return (
        f"(SELECT '{spec.name}', {key}, {label}, t.count FROM ({top}) t {join} "
        f"ORDER BY t.count DESC, {order} {limit})"
    )


def from_tallies(specs=FACETS, *, db: str = "default") -> Summary:
    """The whole public archive's total and facets, exact, from the trigger-kept tallies
    (on database ``db``: the primary, or the replica the request reads)."""
    parts = [
        "(SELECT '', NULL, NULL, count FROM archive_statementtally "
        "WHERE dimension = 'public' AND value = '')",
        *(_tally_sql(s) for s in specs),
    ]
    with connections[db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        rows = cursor.fetchall()
    total, facets = 0, {s.name: [] for s in specs}
    for name, value, label, count in rows:
        if not name:
            total = count
        else:
            facets[name].append({"value": value, "label": label, "count": count})
    return Summary(total, True, facets)
