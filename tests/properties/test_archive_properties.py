"""Hostile input against the archive: imported passages are exact, search never fails."""

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.exports import occurrence_rows
from archive.models import Source, Statement
from ingest.decode import RejectedFile, decode_bytes
from ingest.parse import parse_document
from ingest.writing import write_parsed
from tests.factories import make_statement
from tests.properties.strategies import documents, search_queries

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


@settings(max_examples=max(10, settings.default.max_examples // 3))  # each imports
@given(st.lists(documents, min_size=1, max_size=3))
def test_every_exported_passage_is_the_exact_slice_of_its_source(texts):
    try:
        with transaction.atomic():
            for n, raw in enumerate(texts):
                try:
                    decoded = decode_bytes(raw.encode("utf-8", "surrogatepass"))
                except RejectedFile:
                    continue  # empty or binary: refused with a reason, never stored
                source = Source.objects.create(
                    file_name=f"doc-{n}.txt", sha256=f"{n:064x}", text=decoded.text
                )
                write_parsed(source, parse_document(decoded.text))
            texts_by_name = {s.file_name: s.text for s in Source.objects.all()}
            passages: dict[int, set[str]] = {}
            for row in occurrence_rows():
                text = texts_by_name[row["source_file"]]
                assert 0 <= row["start"] < row["end"] <= len(text)
                passages.setdefault(row["statement_id"], set()).add(text[row["start"] : row["end"]])
            # Each statement's words are exactly one of its passages (the first one found).
            for statement in Statement.objects.all():
                assert statement.text in passages[statement.pk]
            raise _Rollback
    except _Rollback:
        pass


@pytest.fixture
def archive_rows():
    make_statement(text="We demand justice for the victims.")
    make_statement(text="The budget leaves the libraries with nothing.", kind="indirect")


@given(search_queries)
def test_no_search_parameters_give_a_server_error(client, archive_rows, params):
    response = client.get("/statements/", params)
    assert response.status_code in (200, 400), (params, response.status_code)
