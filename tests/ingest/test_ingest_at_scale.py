"""Ingest into a big archive: no rewrite of a speaker's statements unless search needs it."""

import pytest

from archive.models import SpeakerAlias, Statement
from ingest.matching import StatementMatcher, fingerprint
from ingest.records import refresh_speaker_names
from tests.factories import make_speaker, make_statement

pytestmark = pytest.mark.django_db


def add_alias(speaker, name):
    SpeakerAlias.objects.create(speaker=speaker, name=name, normalized=name.lower())


def test_a_spelling_of_known_words_rewrites_no_earlier_statement():
    speaker = make_speaker(name="Ingrid Betancourt")
    earlier = make_statement(text="We stay.", speaker=speaker)
    add_alias(speaker, "Betancourt Ingrid")
    refresh_speaker_names([speaker])
    assert Statement.objects.get(pk=earlier.pk).speaker_names == "Ingrid Betancourt"


def test_a_spelling_with_a_new_word_reaches_every_statement():
    speaker = make_speaker(name="Ingrid Betancourt")
    earlier = make_statement(text="We stay.", speaker=speaker)
    add_alias(speaker, "Ingrid Pulecio")
    refresh_speaker_names([speaker])
    assert "Pulecio" in Statement.objects.get(pk=earlier.pk).speaker_names
    assert Statement.objects.matching("Pulecio").filter(pk=earlier.pk).exists()


def test_matcher_finds_a_quote_by_fingerprint_without_loading_the_speaker(
    django_assert_max_num_queries,
):
    speaker = make_speaker()
    for n in range(30):
        make_statement(text=f"Another line number {n} of many.", speaker=speaker)
    text = "The harbour wall will be rebuilt before winter."
    quote = make_statement(text=text, speaker=speaker)
    Statement.objects.filter(pk=quote.pk).update(fingerprint=fingerprint(text))
    matcher = StatementMatcher()
    with django_assert_max_num_queries(1):
        found = matcher.find(speaker=speaker, kind="direct", text=text)
    assert found.pk == quote.pk
