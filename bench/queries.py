"""The fixed query mix: one URL per query class on each system, and how to time it."""

import http.client
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from bench.corpus import PHRASE, WORDS

FACETS = ("speaker", "event", "event_kind", "kind", "review_status", "source_id")


@dataclass(frozen=True)
class Query:
    name: str
    archive: str
    datasette: str
    first_byte: bool = False  # time to the first byte of the body (exports), not the whole


def _ds_search(term: str, *, raw: bool = False, extra: dict | None = None) -> str:
    params = [("_search", term), *(("_facet", f) for f in FACETS)]
    if raw:
        params.append(("_searchmode", "raw"))
    params += list((extra or {}).items())
    return "/bench/statements?" + urlencode(params)


def query_mix(targets: dict, deep_page: int = 50) -> list[Query]:
    """``targets``: ids and slugs picked from the corpus (prolific speaker, largest event...)."""
    rare, common, very = (WORDS[k][0] for k in ("rare", "common", "very_common"))
    sql_page_50 = (
        "select s.id, s.speaker, s.text, s.date from statements_fts f join statements s "
        f"on s.id = f.rowid where statements_fts match '{common}' order by f.rank "
        f"limit 25 offset {(deep_page - 1) * 25}"
    )
    facets_only = "&".join(f"_facet={f}" for f in FACETS)
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
            f"/bench/statements?_sort_desc=date&{facets_only}",
        ),
        Query(
            "speaker page (most prolific)",
            f"/speakers/{targets['speaker_slug']}/",
            f"/bench/statements?speaker_id={targets['speaker_id']}&_sort_desc=date",
        ),
        Query(
            "event page (largest)",
            f"/events/{targets['event_slug']}/",
            f"/bench/statements?event_id={targets['event_id']}",
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
            f"/bench/statements.csv?_search={common}&_stream=on&_size=max",
            first_byte=True,
        ),
    ]


def timed_get(
    port: int, path: str, *, first_byte: bool = False, timeout: float = 120
) -> tuple[float, int]:
    """Seconds for one GET on 127.0.0.1 (whole body, or its first byte) and the status code."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        if first_byte:
            response.read(1)
        else:
            response.read()
        return time.perf_counter() - start, response.status
    finally:
        conn.close()
