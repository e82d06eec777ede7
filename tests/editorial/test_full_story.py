"""The archive's promise, end to end: every editor's fix survives every later import.

An editor works through the real admin and review pages (logged in, CSRF enforced); then the
same files are imported again, then changed versions of them (a paragraph added, a quote
edited, a quote removed). Every edit survives, nothing duplicates, nothing curated
disappears, and the history shows each step.
"""

from datetime import date

import pytest

from archive import history
from archive.models import Event, ReviewStatus, Speaker, SpeakerAlias, Statement
from ingest.services import import_paths
from tests.editorial.documents import APPENDED, SCHOOLS, WATER

pytestmark = pytest.mark.django_db

QUOTES = (
    "We will not raise",
    "The number of households",
    "Our reserves are empty",
    "Nobody in this room",
    "Every school roof",
    "Parents deserve",
)


def ingest(folder) -> list[str]:
    _run, results = import_paths(paths=[folder], max_bytes=10**6)
    return [r.status for r in results]


def one(prefix: str) -> Statement:
    return Statement.objects.get(text__startswith=prefix)


def act(editor, statement, **data):
    response = editor.post(f"/review/{statement.pk}/act/", data)
    assert response.status_code == 302


def test_every_edit_survives_reimports_and_the_history_shows_each_step(tmp_path, editor):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "water.txt").write_text(WATER)
    (folder / "schools.txt").write_text(SCHOOLS)
    assert ingest(folder) == ["imported", "imported"]
    okafor = Speaker.objects.get(name="Peter Okafor")
    ana = Speaker.objects.get(name="Ana Lindqvist")
    jon, jonathan = (
        Speaker.objects.get(name="Jon Berg"),
        Speaker.objects.get(name="Jonathan Berglund"),
    )
    water_event = one("We will not raise").event

    # 1. Rename a speaker and add an alias, in the admin.
    alias = okafor.aliases.order_by("pk").first()
    response = editor.post(
        f"/admin/archive/speaker/{okafor.pk}/change/",
        {
            "name": "Peter N. Okafor",
            "slug": okafor.slug,
            "kind": "person",
            "description": okafor.description,
            "aliases-TOTAL_FORMS": str(okafor.aliases.count() + 1),
            "aliases-INITIAL_FORMS": str(okafor.aliases.count()),
            **{
                f"aliases-{i}-{key}": value
                for i, a in enumerate(okafor.aliases.order_by("pk"))
                for key, value in (
                    ("id", a.pk),
                    ("speaker", okafor.pk),
                    ("name", a.name),
                    ("normalized", a.normalized),
                )
            },
            f"aliases-{okafor.aliases.count()}-speaker": okafor.pk,
            f"aliases-{okafor.aliases.count()}-name": "P. N. Okafor",
            f"aliases-{okafor.aliases.count()}-normalized": "p n okafor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert alias is not None
    # 2. Re-attribute, edit a span, verify one statement and reject another, in the queue.
    act(editor, one("Nobody in this room"), action="reattribute", speaker=f"x [{ana.slug}]")
    reserves = one("Our reserves are empty")
    occ = reserves.occurrences.get()
    act(editor, reserves, action="span", occurrence=occ.pk, start=occ.start, end=occ.start + 22)
    act(editor, one("We will not raise"), action="verify", note="checked the recording")
    act(editor, one("Parents deserve"), action="reject", reason="a parent, not a speaker of note")
    # 3. Merge two spellings of one person, and correct the event's date.
    editor.post("/review/merge/speakers/", {"ids": [jon.pk, jonathan.pk], "survivor": jonathan.pk})
    response = editor.post(
        f"/admin/archive/event/{water_event.pk}/change/",
        {
            "name": water_event.name,
            "slug": water_event.slug,
            "kind": water_event.kind,
            "start_date": "2025-04-10",
            "end_date": "",
            "location": water_event.location,
            "description": water_event.description,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    roof = one("Every school roof")

    def check_every_edit(quotes=QUOTES) -> None:
        for prefix in quotes:
            assert Statement.objects.filter(text__startswith=prefix).count() == 1, prefix
        okafor.refresh_from_db()
        assert okafor.name == "Peter N. Okafor"
        assert SpeakerAlias.objects.filter(speaker=okafor, name="P. N. Okafor").exists()
        assert not Speaker.objects.filter(name__in=["Peter Okafor", "Jon Berg"]).exists()
        assert one("Nobody in this room").speaker == ana
        assert one("Our reserves are empty").text == "Our reserves are empty"
        assert one("We will not raise").review_status == ReviewStatus.VERIFIED
        assert one("Parents deserve").review_status == ReviewStatus.REJECTED
        jon_statement = one("Nobody in this room")
        assert jon_statement.speaker == ana
        water_event.refresh_from_db()
        assert water_event.start_date == date(2025, 4, 10)
        assert Event.objects.filter(name=water_event.name).count() == 1

    check_every_edit()
    assert ingest(folder) == ["unchanged", "unchanged"]
    check_every_edit()

    (folder / "water.txt").write_text(
        (WATER + APPENDED).replace("The number of households", "The figure of households")
    )
    # Two quotes removed: a machine-made one (dropped, and the history says by which import)
    # and the rejected one (curated: it stays, with its old passage).
    (folder / "schools.txt").write_text(
        SCHOOLS.replace(
            '"Every school roof in the district will be repaired before the winter term begins," said Jonathan Berglund.\n',
            "",
        ).replace(
            '"Parents deserve a straight answer about the bus routes and the timetable," said Maria Costa, a parent.\n',
            "",
        )
    )
    assert ingest(folder) == ["updated", "updated"]
    check_every_edit([q for q in QUOTES if q != "Every school roof"])
    assert not Statement.objects.filter(pk=roof.pk).exists()
    assert history.statement_history(roof.pk)[-1].summary.startswith("Removed by import")
    added = one("We have asked the region")
    assert added.speaker == okafor and added.event == water_event

    # The history shows each step, with who did it.
    assert "Speaker corrected" in [
        c.summary for c in history.statement_history(one("Nobody in this room").pk)
    ]
    assert "Passage corrected" in [
        c.summary for c in history.statement_history(one("Our reserves").pk)
    ]
    verify = [
        c for c in history.statement_history(one("We will not raise").pk) if c.action == "verify"
    ]
    assert verify and verify[0].user == "editor" and verify[0].note == "checked the recording"
    assert any(
        c.summary == "Name corrected" and c.user == "editor"
        for c in history.speaker_history(okafor.pk)
    )
    assert any(c.summary == "Speakers merged" for c in history.speaker_history(jonathan.pk))
    event_changes = history.record_history("event", water_event.pk)
    assert any(
        c.changes.get("start_date") == (date(2025, 3, 3), date(2025, 4, 10)) for c in event_changes
    )
