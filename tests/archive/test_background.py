"""Reads beside the request's own: run by the worker thread only where that changes nothing
the page shows."""

import threading

import pytest
from django.db import transaction
from django.urls import reverse

from archive import background
from archive.models import Occurrence
from tests.factories import make_event, make_source, make_speaker, make_statement


def _thread_name() -> str:
    return threading.current_thread().name


@pytest.mark.django_db(transaction=True)
def test_a_read_runs_beside_the_request_only_outside_transactions_and_when_allowed(settings):
    assert background.beside(_thread_name, using="default")().startswith("archive-read")
    with transaction.atomic():
        # The worker could not see this transaction's writes: the caller reads.
        assert background.beside(_thread_name, using="default")() == _thread_name()
    settings.ARCHIVE_PARALLEL_READS = False
    assert background.beside(_thread_name, using="default")() == _thread_name()


@pytest.mark.django_db(transaction=True)
def test_speaker_and_permalink_pages_are_the_same_whichever_thread_reads_their_side_lists(
    client, settings
):
    speaker, event = make_speaker(name="Ada Harbour"), make_event(name="Port Summit")
    source = make_source(text="Ada Harbour said: “The port opens.” Later: “The port grows.”")
    first = make_statement(text="The port opens.", speaker=speaker, event=event, source=source)
    make_statement(text="The port grows.", speaker=speaker, event=event, source=source)
    Occurrence.objects.filter(statement=first).update(role="mayor")
    pages = [reverse("archive:speaker-detail", args=[speaker.slug]), first.get_absolute_url()]
    beside = [client.get(url).content for url in pages]
    settings.ARCHIVE_PARALLEL_READS = False
    inline = [client.get(url).content for url in pages]
    assert beside == inline
    assert b"mayor" in beside[0]  # the speaker's roles
    assert b"Similar statements" in beside[1]
