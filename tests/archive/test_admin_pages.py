"""Every admin page editors use loads: each model's list, change and add pages."""

import pytest
from django.urls import reverse

from archive.models import (
    Article,
    Event,
    IngestRun,
    Occurrence,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
)
from tests.factories import make_event, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    run = IngestRun.objects.create(paths=["/tmp/x"], counts={"files": 1})
    speaker = make_speaker(name="Jane Doe", aliases=("J. Doe",))
    event = make_event(name="A conference")
    statement = make_statement(text="We demand justice.", speaker=speaker, event=event)
    source = statement.occurrences.get().source
    source.ingest_run = run
    source.save(update_fields=["ingest_run"])
    return {
        IngestRun: run,
        Source: source,
        Speaker: speaker,
        Event: event,
        Statement: statement,
        Occurrence: statement.occurrences.get(),
        Article: statement.occurrences.get().article,
        SpeakerAlias: speaker.aliases.first(),
    }


MODELS = [IngestRun, Source, Speaker, Event, Statement, Occurrence, Article, SpeakerAlias]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_changelist_loads(admin_client, records, model):
    url = reverse(f"admin:archive_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "justice"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_change_page_loads(admin_client, records, model):
    url = reverse(f"admin:archive_{model._meta.model_name}_change", args=[records[model].pk])
    response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("model", [Source, Speaker, Event, Statement], ids=lambda m: m.__name__)
def test_admin_add_page_loads(admin_client, model):
    url = reverse(f"admin:archive_{model._meta.model_name}_add")
    assert admin_client.get(url).status_code == 200


def test_admin_index_lists_the_archive(admin_client, records):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Statements" in response.content.decode()


def test_statement_autocomplete_fields_answer(admin_client, records):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "statement", "field_name": "speaker", "term": "Ja"},
    )
    assert response.status_code == 200
    assert "Jane Doe" in response.content.decode()


def test_an_alias_added_in_the_admin_is_found_by_search(admin_client, records):
    speaker = records[Speaker]
    response = admin_client.post(
        reverse("admin:archive_speakeralias_add"),
        {"speaker": speaker.pk, "name": "Janet Doughty", "normalized": "janet doughty"},
    )
    assert response.status_code == 302
    assert list(Statement.objects.search("Doughty")) == [records[Statement]]


def test_a_statement_moved_to_another_speaker_is_found_under_the_new_name(admin_client, records):
    statement = records[Statement]
    other = make_speaker(name="Omar Quill")
    occurrence = records[Occurrence]
    response = admin_client.post(
        reverse("admin:archive_statement_change", args=[statement.pk]),
        {
            "speaker": other.pk,
            "kind": statement.kind,
            "text": statement.text,
            "review_status": statement.review_status,
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-INITIAL_FORMS": "1",
            "occurrences-MIN_NUM_FORMS": "0",
            "occurrences-MAX_NUM_FORMS": "1000",
            "occurrences-0-id": occurrence.pk,
            "occurrences-0-statement": statement.pk,
            "occurrences-0-role": "",
        },
    )
    assert response.status_code == 302
    assert list(Statement.objects.search("Quill")) == [statement]
    assert not Statement.objects.search("Jane").exists()
