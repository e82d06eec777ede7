"""Quoted material and statements made elsewhere are not said at the event: their event is None,
their speaker stays as found. Every document here is invented."""

from pathlib import Path

import pytest

from archive.models import Event, Speaker
from ingest.parse import parse_document
from ingest.services import import_paths

RALLY = "Rally for the Harbour Schools\n\nThe rally took place in Brindle Park on 4 May 2024.\n\n"


def _statements(body: str) -> dict[str, tuple[str | None, str | None]]:
    """Each statement's opening words -> (speaker name, event key)."""
    document = parse_document(RALLY + body)
    assert document.events, "the invented rally is an event"
    names = {s.key: s.name for s in document.speakers}
    return {s.text[:24]: (names.get(s.speaker_key), s.event_key) for s in document.statements}


def test_a_writer_quoted_in_a_speech_keeps_the_name_but_not_the_event():
    found = _statements(
        'Senator Odile Marchetti told the crowd: "We will not give up on these schools."\n\n'
        'As the poet Anselm Brightwater wrote, "The tide turns for those who wait by it."\n'
    )
    assert found["We will not give up on t"] == ("Odile Marchetti", "e1")
    assert found["The tide turns for those"] == ("Anselm Brightwater", None)


def test_a_decree_that_states_its_words_is_not_said_at_the_event():
    found = _statements(
        'Senator Odile Marchetti told the crowd: "We will not give up on these schools."\n\n'
        'The decree states: "No school of the harbour district shall close this year."\n'
    )
    assert found["No school of the harbour"][1] is None
    assert found["We will not give up on t"][1] == "e1"


def test_words_quoted_from_a_book_are_not_said_at_the_event():
    found = _statements(
        "In his book the historian Corvin Ashdale wrote: "
        '"Every harbour town once had a school by its water."\n'
    )
    assert found["Every harbour town once "] == ("Corvin Ashdale", None)


def test_a_written_statement_and_later_words_to_reporters_are_made_elsewhere():
    found = _statements(
        'Senator Odile Marchetti told the crowd: "We will not give up on these schools."\n\n'
        'The Harbour Teachers Union said in a statement: "Closing schools closes the town."\n\n'
        "Marchetti later told reporters that she would return to the park in June.\n"
    )
    assert found["We will not give up on t"][1] == "e1"
    assert found["Closing schools closes t"][1] is None
    assert found["Marchetti later told rep"] == ("Odile Marchetti", None)


def test_words_posted_on_social_media_are_made_elsewhere():
    found = _statements(
        "Mayor Ilse Kordova wrote on X that the park would stay open for the children.\n"
    )
    assert found["Mayor Ilse Kordova wrote"] == ("Ilse Kordova", None)


def test_a_quote_nested_in_a_speech_is_part_of_the_speech_not_a_statement():
    found = _statements(
        "Senator Odile Marchetti told the crowd: \"My teacher told me 'a school is a lighthouse'"
        ' and I never forgot her words."\n'
    )
    assert list(found) == ["My teacher told me 'a sc"]
    assert found["My teacher told me 'a sc"] == ("Odile Marchetti", "e1")


@pytest.mark.django_db
def test_the_event_page_lists_the_speaker_but_not_the_writer_she_quotes(client, tmp_path: Path):
    page = tmp_path / "harbour_rally.txt"
    page.write_text(
        RALLY
        + 'Senator Odile Marchetti told the crowd: "We will not give up on these schools."\n\n'
        + 'As the poet Anselm Brightwater wrote, "The tide turns for those who wait by it."\n',
        encoding="utf-8",
    )
    import_paths(paths=[page], max_bytes=10**6)

    assert Speaker.objects.filter(name="Anselm Brightwater").exists()  # recorded as quoted
    event = Event.objects.get()
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert "Odile Marchetti" in html
    assert "Anselm Brightwater" not in html


def test_words_to_reporters_at_the_event_and_a_message_read_there_keep_the_event():
    found = _statements(
        "Senator Odile Marchetti told reporters at the rally that the schools would stay open.\n\n"
        "A message from Bishop Tomas Ravelle was read to the rally by his nephew. "
        '"I am with you in the park today," he wrote.\n'
    )
    assert found["Senator Odile Marchetti "][1] == "e1"
    assert found["I am with you in the par"][1] == "e1"
