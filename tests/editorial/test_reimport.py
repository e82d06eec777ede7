"""Re-imports editors can trust: curated statements and events are found by identity.

Each of the first three tests failed before ingest matched curated records by passage and
event identity (the audit in issue 8).
"""

import io
from datetime import date

import pytest
from django.core.management import call_command

from archive import editing
from archive.models import Event, IngestRun, Occurrence, ReviewStatus, Source, Speaker, Statement
from ingest.services import import_paths
from tests.editorial.documents import APPENDED, SCHOOLS, WATER

pytestmark = pytest.mark.django_db


def ingest(path) -> None:
    _run, results = import_paths(paths=[path], max_bytes=10**6)
    assert all(r.status != "failed" for r in results), results


def starting(text: str) -> Statement:
    return Statement.objects.get(text__startswith=text)


@pytest.fixture
def water(tmp_path):
    path = tmp_path / "water.txt"
    path.write_text(WATER)
    ingest(path)
    return path


def test_a_reattributed_statement_keeps_its_identity_when_its_file_grows(water, editor):
    moved = starting("The number of households")
    ana = Speaker.objects.get(name="Ana Lindqvist")
    editor.post(
        f"/review/{moved.pk}/act/",
        {"action": "reattribute", "speaker": f"Ana Lindqvist [{ana.slug}]"},
    )
    water.write_text(WATER + APPENDED)
    ingest(water)
    same = Statement.objects.filter(text__startswith="The number of households")
    assert list(same) == [moved]  # no new copy with the old, wrong speaker
    moved.refresh_from_db()
    assert moved.speaker == ana
    current = Source.objects.current().get(file_name="water.txt")
    assert moved.occurrences.filter(source=current).exists()  # found again in the new text
    assert moved.occurrences.count() == 2
    assert starting("We have asked the region").speaker.name == "Peter Okafor"


def test_an_edited_span_is_kept_where_the_editor_put_it(water):
    statement = starting("Our reserves are empty")
    occ = statement.occurrences.get()
    editing.edit_span(
        occ, start=occ.start, end=occ.end - len(" and the pipes are older than any of us,")
    )
    water.write_text(WATER + APPENDED)
    ingest(water)
    statement.refresh_from_db()
    assert statement.text == "Our reserves are empty"
    assert Statement.objects.filter(text__startswith="Our reserves").count() == 1
    new = statement.occurrences.get(source__superseded_by=None)
    assert new.passage == "Our reserves are empty"


def test_a_corrected_event_date_does_not_make_a_duplicate_event(water, editor):
    event = Event.objects.get()
    event.start_date = date(2025, 4, 10)
    event.curated = True
    event.save()
    water.write_text(WATER + APPENDED)
    ingest(water)
    assert list(Event.objects.all()) == [event]
    assert starting("We have asked the region").event == event
    event.refresh_from_db()
    assert event.start_date == date(2025, 4, 10)


def test_a_verified_statement_whose_wording_changed_goes_back_to_review(water, editor):
    statement = starting("The number of households")
    editing.verify([statement])
    water.write_text(WATER.replace("The number of households", "The figure of households"))
    ingest(water)
    statement.refresh_from_db()
    assert statement.review_status == ReviewStatus.UNREVIEWED
    assert statement.review_flag == "Source wording changed on re-import"
    assert statement.text.startswith("The number of households")
    assert statement.source_wording.startswith("The figure of households")
    assert Statement.objects.filter(text__contains="households").count() == 1
    queue = editor.get("/review/")
    assert queue.context["statements"][0] == statement  # flagged first
    page = editor.get(f"/review/{statement.pk}/").content.decode()
    assert "The number of households" in page and "The figure of households" in page


def test_dry_run_says_what_would_change_and_changes_nothing(water):
    editing.verify([starting("We will not raise")])
    removed = "Our reserves are empty and the pipes are older than any of us"
    water.write_text(
        WATER.replace(removed, "Tomorrow brings a new budget for every family here") + APPENDED
    )
    before = (
        Statement.objects.count(),
        Occurrence.objects.count(),
        Source.objects.count(),
        IngestRun.objects.count(),
    )
    out = io.StringIO()
    call_command("ingest", str(water), "--dry-run", "--no-progress", stdout=out)
    report = out.getvalue()
    assert "Dry run: nothing was changed." in report
    assert "water.txt: updated: would create 2 statements, update 3, remove 1" in report
    assert "1 curated statements left alone (1 found again)" in report
    after = (
        Statement.objects.count(),
        Occurrence.objects.count(),
        Source.objects.count(),
        IngestRun.objects.count(),
    )
    assert after == before


def test_a_merged_away_event_is_not_made_again_by_a_reimport(water, tmp_path):
    schools = tmp_path / "schools.txt"
    schools.write_text(SCHOOLS)
    ingest(schools)
    forum = Event.objects.get(name__contains="Water")
    hearing = Event.objects.get(name__contains="Schools")
    editing.merge_events(forum, [hearing])
    schools.write_text(SCHOOLS + APPENDED.replace("Okafor", "Jonathan Berglund"))
    ingest(schools)
    assert list(Event.objects.all()) == [forum]
    assert starting("We have asked the region").event == forum


def test_a_split_is_never_undone_by_a_reimport(water):
    moved = starting("Our reserves are empty")
    editing.reattribute([moved], new_name="Peter Okafor (junior)", action="split")
    water.write_text(WATER + APPENDED)
    ingest(water)
    assert list(Statement.objects.filter(text__startswith="Our reserves")) == [moved]
    moved.refresh_from_db()
    assert moved.speaker.name == "Peter Okafor (junior)"
    assert starting("The number of households").speaker.name == "Peter Okafor"
