"""Reported speech: whole sentences whose content is what someone said."""

from ingest.parse import parse_document


def _indirect(text: str) -> list[tuple[str, str | None]]:
    """(sentence, speaker name) for every indirect statement."""
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    return [(s.text, names.get(s.speaker_key)) for s in doc.statements if s.kind == "indirect"]


def test_reporting_verb_after_named_subject_is_indirect():
    text = "Panel\n\nFormer Danish Minister Karen Holm urged the council to act quickly.\n"
    assert _indirect(text) == [
        ("Former Danish Minister Karen Holm urged the council to act quickly.", "Karen Holm")
    ]


def test_appositive_between_name_and_verb_is_skipped():
    text = "Panel\n\nPeter Lund, a retired judge, argued that the trial was unfair.\n"
    assert _indirect(text)[0][1] == "Peter Lund"


def test_following_sentences_of_the_same_report_keep_the_speaker():
    text = (
        "Panel\n\nAnna Berg explained that the camps were closed. "
        "The guards had left in May. She added that nobody was punished.\n"
    )
    found = _indirect(text)
    assert len(found) == 3
    assert {speaker for _, speaker in found} == {"Anna Berg"}


def test_plain_narration_is_not_reported_speech():
    text = "Panel\n\nThe hall was full. Many flags were on the walls.\n"
    assert _indirect(text) == []


def test_trailing_he_said_attributes_to_last_person():
    text = "Panel\n\nMark Stone arrived next. The vote was rigged, he said.\n"
    assert _indirect(text) == [("The vote was rigged, he said.", "Mark Stone")]
