"""The fixed query mix: one URL per query class on each system, and how to time it."""

import http.client
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from bench.corpus import PHRASE, WORDS

# The archive's seven facets, as columns of the SQLite table (bench.servers.build_sqlite).
FACETS = ("speaker", "event", "event_kind", "source_id", "year", "kind", "review_status")
# Visitors never see rejected statements on the archive; the same filter on Datasette's side.
PUBLIC = {"review_status__not": "rejected"}


@dataclass(frozen=True)
class Query:
    name: str
    archive: str
    datasette: str
    first_byte: bool = False  # time to the first byte of the body (exports), not the whole


def _ds_table(params: dict, *, facets: bool = True) -> str:
    """A page of Datasette's statements table: the public rows, with the archive's facets."""
    pairs = [*params.items(), *PUBLIC.items()]
    if facets:
        pairs += [("_facet", f) for f in FACETS]
    return "/bench/statements?" + urlencode(pairs)


def _ds_search(term: str, *, raw: bool = False, extra: dict | None = None) -> str:
    """Datasette's own search page (FTS5 through ``_search``), counted and faceted.

    Datasette 0.65 lists table search results in primary-key order: its table page cannot
    order by relevance (that takes custom SQL, which has no facets; see the deep-page query).
    """
    params = {"_search": term, **({"_searchmode": "raw"} if raw else {}), **(extra or {})}
    return _ds_table(params)


# Not a query class: what each server takes for a page with no database work at all (a
# Django view through the whole middleware stack; Datasette's smallest JSON view). No page
# of either system can answer in less, which bounds what "half of Datasette" can mean for
# the pages that are themselves a few milliseconds of SQL.
FLOOR = Query("floor: a page with no database work", "/robots.txt", "/-/versions.json")


def query_mix(targets: dict, deep_page: int = 50) -> list[Query]:
    """``targets``: ids and slugs picked from the corpus (prolific speaker, largest event...)."""
    rare, common, very = (WORDS[k][0] for k in ("rare", "common", "very_common"))
    sql_page_50 = (
        "select s.id, s.speaker, s.text, s.date from statements_fts f join statements s "
        f"on s.id = f.rowid where statements_fts match '{common}' "
        "and s.review_status != 'rejected' order by f.rank "
        f"limit 25 offset {(deep_page - 1) * 25}"
    )
    return [
        Query("rare word", f"/statements/?q={rare}", _ds_search(rare)),
        Query("common word, facets", f"/statements/?q={common}", _ds_search(common)),
        Query("very common word, facets", f"/statements/?q={very}", _ds_search(very)),
        Query(
            "phrase",
            "/statements/?" + urlencode({"q": f'"{PHRASE}"'}),
            _ds_search(f'"{PHRASE}"', raw=True),
        ),
        Query(
            "no query, newest first",
            "/statements/",
            _ds_table({"_sort_desc": "date"}),
        ),
        Query(
            "speaker page (most prolific)",
            f"/speakers/{targets['speaker_slug']}/",
            _ds_table({"speaker_id": targets["speaker_id"], "_sort_desc": "date"}, facets=False),
        ),
        Query(
            "event page (largest)",
            f"/events/{targets['event_slug']}/",
            _ds_table({"event_id": targets["event_id"]}, facets=False),
        ),
        Query(
            f"page {deep_page} of a common word",
            f"/statements/?q={common}&page={deep_page}",
            "/bench?sql=" + quote(sql_page_50),
        ),
        Query(
            "permalink",
            f"/statements/{targets['statement_id']}/",
            f"/bench/statements/{targets['statement_id']}",
        ),
        Query(
            "source page",
            f"/sources/{targets['source_id']}/",
            f"/bench/sources/{targets['source_id']}",
        ),
        Query(
            "filtered query",
            f"/statements/?q={common}&kind=direct&date_from=2005-01-01&date_to=2009-12-31",
            _ds_search(
                common,
                extra={"kind": "direct", "date__gte": "2005-01-01", "date__lte": "2009-12-31"},
            ),
        ),
        Query(
            "export, first byte",
            f"/statements/?q={common}&format=csv",
            "/bench/statements.csv?"
            + urlencode({"_search": common, **PUBLIC, "_stream": "on", "_size": "max"}),
            first_byte=True,
        ),
    ]


def timed_get(
    port: int, path: str, *, first_byte: bool = False, timeout: float = 120
) -> tuple[float, int]:
    """Seconds for one GET on 127.0.0.1 (whole body, or its first byte) and the status code.

    With ``first_byte`` the whole body is still read, after the clock stops.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        if first_byte:
            response.read(1)
            elapsed = time.perf_counter() - start
            # Read the rest untimed: a server left streaming to a closed socket would still
            # be working through the next query (Datasette's export went on for 100 MB).
            while response.read(1 << 16):
                pass
            return elapsed, response.status
        response.read()
        return time.perf_counter() - start, response.status
    finally:
        conn.close()
