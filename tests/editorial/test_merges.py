"""Merging speakers and events leaves permanent redirects; splitting moves statements."""

import pytest
from django.db import connection

from archive import editing
from archive.models import Event, Occurrence, Speaker, SpeakerAlias, Statement
from tests.factories import make_event, make_speaker, make_statement

pytestmark = pytest.mark.django_db


def test_merge_preview_says_what_moves_and_the_merge_redirects_old_slugs(editor, client):
    keep = make_speaker(name="Ana Lindqvist")
    dup = make_speaker(name="A. Lindqvist", aliases=("Mayor Lindqvist",))
    make_statement(text="First line by the duplicate.", speaker=dup)
    preview = editor.get("/review/merge/speakers/", {"ids": [keep.pk, dup.pk]}).content.decode()
    assert "moves 1 statement" in preview and "“Mayor Lindqvist”" in preview
    response = editor.post(
        "/review/merge/speakers/", {"ids": [keep.pk, dup.pk], "survivor": keep.pk, "note": "same"}
    )
    assert response.status_code == 302
    assert not Speaker.objects.filter(pk=dup.pk).exists()
    assert keep.statements.count() == 1
    assert set(SpeakerAlias.objects.filter(speaker=keep).values_list("name", flat=True)) == {
        "Ana Lindqvist",
        "A. Lindqvist",
        "Mayor Lindqvist",
    }
    old = client.get(f"/speakers/{dup.slug}/")
    assert old.status_code == 301 and old["Location"] == keep.get_absolute_url()
    assert client.get("/speakers/never-existed/").status_code == 404


def test_a_second_merge_keeps_the_first_redirect_pointing_at_the_final_survivor(editor, client):
    a, b, c = (make_speaker(name=n) for n in ("Speaker Aa", "Speaker Bb", "Speaker Cc"))
    editor.post("/review/merge/speakers/", {"ids": [a.pk, b.pk], "survivor": b.pk})
    editor.post("/review/merge/speakers/", {"ids": [b.pk, c.pk], "survivor": c.pk})
    assert client.get(f"/speakers/{a.slug}/")["Location"] == c.get_absolute_url()


def test_merge_needs_two_speakers_and_a_survivor(editor):
    one = make_speaker()
    response = editor.get("/review/merge/speakers/", {"ids": [one.pk]})
    assert response.status_code == 400 and "two or more" in response.content.decode()


def test_speaker_list_action_opens_the_merge_preview(editor):
    a, b = make_speaker(), make_speaker()
    response = editor.post(
        "/admin/archive/speaker/", {"action": "merge_speakers", "_selected_action": [a.pk, b.pk]}
    )
    assert response.status_code == 302 and "/review/merge/speakers/?ids=" in response["Location"]


def test_merge_events_moves_statements_and_redirects(editor, client):
    keep, dup = make_event(name="Water forum"), make_event(name="Water forum (day 2)")
    statement = make_statement(event=dup)
    editor.post("/review/merge/events/", {"ids": [keep.pk, dup.pk], "survivor": keep.pk})
    statement.refresh_from_db()
    assert statement.event == keep and not Event.objects.filter(pk=dup.pk).exists()
    response = client.get(f"/events/{dup.slug}/")
    assert response.status_code == 301 and response["Location"] == keep.get_absolute_url()


def test_split_moves_ticked_statements_to_a_new_speaker(editor):
    speaker = make_speaker(name="John Smith")
    stay = make_statement(text="The first John Smith.", speaker=speaker)
    move = make_statement(text="The other John Smith.", speaker=speaker)
    response = editor.post(
        f"/review/split/{speaker.pk}/",
        {"statement": [move.pk], "new_speaker": "John Smith (writer)"},
    )
    assert response.status_code == 302
    move.refresh_from_db()
    stay.refresh_from_db()
    assert move.speaker.name == "John Smith (writer)" and move.curated
    assert stay.speaker == speaker


def _row_version(statement) -> str:
    """PostgreSQL's xmin: it changes whenever the row is written."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM archive_statement WHERE id = %s", [statement.pk])
        return cursor.fetchone()[0]


def test_after_a_merge_every_name_finds_every_statement_of_the_survivor():
    keep = make_speaker(name="Ana Lindqvist")
    dup = make_speaker(name="Mayor Lindkvist")
    own = make_statement(text="The survivor's own line.", speaker=keep)
    moved = make_statement(text="The duplicate's line.", speaker=dup)
    editing.merge_speakers(keep, [dup])
    for name in ("Lindkvist", "Lindqvist"):
        found = set(Statement.objects.search(name).values_list("pk", flat=True))
        assert found == {own.pk, moved.pk}, name


def test_a_merge_that_brings_no_new_search_word_leaves_the_survivors_statements_unwritten():
    keep = make_speaker(name="Ana Lindqvist", aliases=("Lindqvist",))
    dup = make_speaker(name="Lindqvist, Ana")
    own = make_statement(text="The survivor's own line.", speaker=keep)
    make_statement(text="The duplicate's line.", speaker=dup)
    before = _row_version(own)
    editing.merge_speakers(keep, [dup])
    assert _row_version(own) == before


def test_passages_follow_every_statement_one_update_moves_to_another_event():
    old, new = make_event(name="Water forum"), make_event(name="Water forum (day 2)")
    moved = [make_statement(text=f"Line {n} of the forum.", event=old) for n in range(3)]
    kept = make_statement(text="A line of another event.", event=new)
    Statement.objects.filter(event=old).update(event=new)
    Statement.objects.filter(pk=kept.pk).update(curated=True)  # no event change: no move
    events = Occurrence.objects.filter(statement__in=[*moved, kept]).values_list("event", flat=True)
    assert set(events) == {new.pk}
