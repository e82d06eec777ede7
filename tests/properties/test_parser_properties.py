"""Arbitrary text never crashes the parser, and every offset it returns lies inside the text."""

from hypothesis import given
from hypothesis import strategies as st

from ingest.parse import parse_document
from tests.properties.strategies import documents


@given(st.one_of(documents, st.text(max_size=400)))
def test_any_text_parses_with_every_offset_inside_it(text):
    parsed = parse_document(text)
    n = len(parsed.text)
    assert parsed.text == text
    speakers = {s.key for s in parsed.speakers}
    events = {e.key for e in parsed.events}
    for article in parsed.articles:
        assert 0 <= article.start < article.end <= n
    for statement in parsed.statements:
        assert 0 <= statement.start < statement.end <= n
        assert statement.text == text[statement.start : statement.end]
        assert statement.speaker_key is None or statement.speaker_key in speakers
        assert statement.event_key is None or statement.event_key in events
        assert statement.article_index is None or statement.article_index < len(parsed.articles)
        assert 0 <= statement.confidence <= 1
