"""The database keeps bad data out: named constraints and the offsets trigger."""

import pytest
from django.db import IntegrityError, transaction

from archive.models import Event, Occurrence, SpeakerAlias, Statement
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = pytest.mark.django_db


def test_occurrence_must_start_before_it_ends():
    statement = make_statement(text="We demand justice.")
    source = statement.occurrences.get().source
    with pytest.raises(IntegrityError, match="occurrence_start_before_end"), transaction.atomic():
        Occurrence.objects.create(statement=statement, source=source, start=5, end=5)


def test_occurrence_cannot_point_past_the_end_of_its_source():
    statement = make_statement(text="We demand justice.")
    source = statement.occurrences.get().source
    with pytest.raises(IntegrityError, match="occurrence_inside_source_text"), transaction.atomic():
        Occurrence.objects.create(
            statement=statement, source=source, start=0, end=len(source.text) + 1
        )


def test_same_passage_cannot_be_recorded_twice_for_a_statement():
    statement = make_statement(text="We demand justice.")
    occ = statement.occurrences.get()
    with pytest.raises(IntegrityError, match="occurrence_unique_passage"), transaction.atomic():
        Occurrence.objects.create(
            statement=statement, source=occ.source, start=occ.start, end=occ.end
        )


def test_source_sha256_is_unique():
    source = make_source(text="one")
    with pytest.raises(IntegrityError, match="source_sha256_unique"), transaction.atomic():
        make_source(text="two", sha256=source.sha256)


def test_event_slug_is_unique_and_end_follows_start():
    event = make_event(name="Summit")
    with pytest.raises(IntegrityError, match="event_slug_unique"), transaction.atomic():
        make_event(name="Other", slug=event.slug)
    with pytest.raises(IntegrityError, match="event_ends_after_it_starts"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(end_date="2019-01-01")


def test_unknown_kinds_are_refused_by_the_database():
    speaker = make_speaker()
    with pytest.raises(IntegrityError, match="speaker_kind_is_known"), transaction.atomic():
        type(speaker).objects.filter(pk=speaker.pk).update(kind="robot")
    statement = make_statement()
    with pytest.raises(IntegrityError, match="statement_kind_is_known"), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(kind="rumour")


def test_alias_lookup_form_is_unique_per_speaker():
    speaker = make_speaker(name="Jane Doe")
    with (
        pytest.raises(IntegrityError, match="alias_normalized_unique_per_speaker"),
        transaction.atomic(),
    ):
        SpeakerAlias.objects.create(speaker=speaker, name="JANE DOE", normalized="jane doe")


def test_search_vector_is_stored_and_accent_insensitive():
    speaker = make_speaker(name="Íngrid Betancourt")
    make_statement(text="Freedom of the press matters.", speaker=speaker)
    assert Statement.objects.search("ingrid").count() == 1
    assert Statement.objects.search("pressing matter").count() == 1


def test_every_model_has_a_readable_str():
    statement = make_statement(text="We demand justice.", event=make_event(name="Summit"))
    occ = statement.occurrences.get()
    for obj in (statement, statement.speaker, statement.event, occ, occ.source, occ.article):
        assert str(obj)
    assert occ.passage == "We demand justice."
