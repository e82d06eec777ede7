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
