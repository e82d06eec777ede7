"""The history triggers' helper functions: the libraries' answers without exception blocks
(archive/trigger_helpers.py), so a bulk write is not quadratic in its rows."""

import pghistory
import pytest
from django.db import connection

from archive.models import Speaker

pytestmark = pytest.mark.django_db


def _scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.mark.parametrize("function", ["_pgtrigger_should_ignore", "_pgh_attach_context"])
def test_the_migrated_helpers_open_no_subtransaction_per_row(function):
    definition = _scalar(
        "SELECT string_agg(pg_get_functiondef(oid), '') FROM pg_proc WHERE proname = %s",
        [function],
    )
    assert definition and "EXCEPTION" not in definition.upper()


def test_a_trigger_is_ignored_only_while_pgtrigger_names_it():
    ask = "SELECT _pgtrigger_should_ignore(%s)"
    assert _scalar(ask, ["some_trigger"]) is False  # never set in this session
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pgtrigger.ignore = '{some_trigger,another}'")
    assert _scalar(ask, ["some_trigger"]) is True
    assert _scalar(ask, ["a_third"]) is False
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pgtrigger.ignore = ''")  # what an ended SET LOCAL leaves
    assert _scalar(ask, ["some_trigger"]) is False


def test_history_rows_carry_the_open_context_and_none_outside_it():
    outside = Speaker.objects.create(name="Ada Outside", slug="ada-outside")
    with pghistory.context(note="merge"):
        inside = Speaker.objects.create(name="Ada Inside", slug="ada-inside")
    outside_event = outside.history.get()
    inside_event = inside.history.get()
    assert outside_event.pgh_context_id is None
    assert inside_event.pgh_context.metadata["note"] == "merge"
