"""Edit history with values: who changed what, the evidence, in the admin, queue and public."""

import pytest
from django.utils import timezone

from archive import editing
from archive.models import ReviewStatus, Statement
from tests.factories import make_event, make_speaker, make_statement

pytestmark = pytest.mark.django_db


def test_admin_history_page_shows_old_and_new_values_and_the_editor(editor):
    speaker = make_speaker(name="Jane Doe")
    page = editor.get(f"/admin/archive/speaker/{speaker.pk}/change/")
    assert page.status_code == 200
    editor.post(
        f"/admin/archive/speaker/{speaker.pk}/change/",
        {
            "name": "Jane A. Doe",
            "slug": speaker.slug,
            "kind": "person",
            "description": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "1",
            "aliases-0-id": speaker.aliases.get().pk,
            "aliases-0-speaker": speaker.pk,
            "aliases-0-name": "Jane Doe",
            "aliases-0-normalized": "jane doe",
        },
    )
    speaker.refresh_from_db()
    assert speaker.name == "Jane A. Doe" and speaker.curated
    history = editor.get(f"/admin/archive/speaker/{speaker.pk}/history/").content.decode()
    assert "Jane Doe → Jane A. Doe" in history
    assert "Name corrected" in history and "editor" in history


def test_bulk_updates_are_recorded_too():
    statements = [make_statement(text=f"Line number {n} here.") for n in range(3)]
    Statement.objects.filter(pk__in=[s.pk for s in statements]).update(
        review_status=ReviewStatus.VERIFIED, updated_at=timezone.now()
    )
    from archive.history import statement_history

    changes = statement_history(statements[0].pk)
    assert [c.label for c in changes if c.model == "statement"] == ["insert", "update"]

    assert changes[-1].changes["review_status"] == ("unreviewed", "verified")


def test_public_page_shows_a_corrections_line_after_an_editor_fix(editor, client):
    statement = make_statement(text="We demand justice now.")
    other = make_speaker(name="Right Person")
    editor.post(
        f"/review/{statement.pk}/act/",
        {"action": "reattribute", "speaker": f"Right Person [{other.slug}]", "note": "video"},
    )
    page = client.get(statement.get_absolute_url()).content.decode()
    today = timezone.now()
    assert (
        f'Speaker corrected on <time datetime="{today:%Y-%m-%d}">{today.day} {today:%b %Y}</time>'
        in page
    )
    assert "video" not in page  # evidence notes stay with the editors


def test_changes_page_lists_editor_corrections_but_not_imports_or_verifications(editor, client):
    fixed = make_statement(text="A statement an editor fixed.")
    verified = make_statement(text="A statement an editor only verified.")
    make_statement(text="A statement ingest made.")  # no editor: not a correction
    event = make_event(name="Forum")
    editor.post(f"/review/{fixed.pk}/act/", {"action": "event", "event": f"Forum [{event.slug}]"})
    editor.post(f"/review/{verified.pk}/act/", {"action": "verify"})
    page = client.get("/changes/").content.decode()
    assert "Event corrected" in page and "A statement an editor fixed." in page
    assert "only verified" not in page and "ingest made" not in page
    feed = client.get("/changes/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Event corrected" in feed.content.decode()


def test_corrections_of_rejected_statements_are_not_listed(editor, client):
    statement = make_statement(text="Soon rejected words.")
    editor.post(f"/review/{statement.pk}/act/", {"action": "event", "event": ""})
    editing.reject([statement], reason="not a statement")
    assert "Soon rejected words." not in client.get("/changes/").content.decode()


def test_ingest_changes_name_the_import_run(tmp_path):
    from ingest.services import import_paths

    doc = tmp_path / "page.txt"
    doc.write_text(
        "Springfield, 3 March 2025.\n\n“We will build the bridge next year,” said Mayor Ana Lindqvist.\n"
    )
    run, _ = import_paths(paths=[doc], max_bytes=10**6)
    from archive.history import statement_history

    statement = Statement.objects.get()
    assert statement_history(statement.pk)[0].summary == f"Created by import {run.pk}"


def test_changes_page_costs_the_same_queries_for_more_corrections(
    editor, client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = make_speaker(name="The Right Speaker")

    def correct(n: int) -> None:
        for i in range(n):
            statement = make_statement(text=f"Corrected line {n}-{i} here.")
            editor.post(
                f"/review/{statement.pk}/act/",
                {"action": "reattribute", "speaker": f"x [{other.slug}]"},
            )

    correct(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/changes/")
    baseline = len(few.captured_queries)
    correct(5)
    with django_assert_num_queries(baseline):
        response = client.get("/changes/")
    assert response.content.decode().count("Speaker corrected") == 7
