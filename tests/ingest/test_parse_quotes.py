"""Direct quotations: structure of the marks and who said them."""

from ingest.parse import parse_document
from ingest.quotes import find_quotes
from ingest.text import lines


def _direct(text: str) -> list[tuple[str, str | None]]:
    """(quoted text, speaker name) for every direct statement."""
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    return [(s.text, names.get(s.speaker_key)) for s in doc.statements if s.kind == "direct"]


def test_said_after_closing_mark_names_the_speaker():
    text = "Town meeting held\n\n“We will not give up,” said Mayor Anna Kowalska.\n"
    assert _direct(text) == [("We will not give up,", "Anna Kowalska")]


def test_colon_before_opening_mark_names_the_speaker():
    text = "Report\n\nSenator Paul Brenner said: “The law must change now.”\n"
    assert _direct(text) == [("The law must change now.", "Paul Brenner")]


def test_multi_paragraph_quote_closes_only_in_last_paragraph():
    text = (
        "Speech\n\nDr. Lena Ortiz, health minister\n\n“First part of the speech.\n\n"
        "“Second part of the speech.\n\n“Last part of the speech.”\n"
    )
    found = _direct(text)
    assert [t for t, _ in found] == [
        "First part of the speech.",
        "Second part of the speech.",
        "Last part of the speech.",
    ]
    assert {speaker for _, speaker in found} == {"Lena Ortiz"}


def test_quote_split_around_said_keeps_both_pieces_with_one_speaker():
    text = "Visit\n\n“They came early,” said Tom Baker, “and left late.”\n"
    assert _direct(text) == [("They came early,", "Tom Baker"), ("and left late.", "Tom Baker")]


def test_pronoun_attribution_resolves_to_person_named_before():
    text = "Visit\n\nJudge Maria Costa spoke first. She said: “Justice is slow.”\n"
    assert _direct(text) == [("Justice is slow.", "Maria Costa")]


def test_missing_opening_mark_starts_quote_at_paragraph_start():
    text = "Rally\n\nWe stand together,” said Carl Jensen, a union leader.\n"
    assert _direct(text) == [("We stand together,", "Carl Jensen")]


def test_quoted_book_title_is_not_a_statement():
    text = "Launch\n\nThe new book, “Rivers of the North,” was presented yesterday.\n"
    assert _direct(text) == []


def test_interview_lines_give_question_no_speaker():
    text = (
        "Interview\n\nThe minister Omar Haddad spoke to us.\n\n"
        "Q: “Will you resign?”\nHaddad: “No, never.”\n"
    )
    assert _direct(text) == [("Will you resign?", None), ("No, never.", "Omar Haddad")]


def test_nested_quote_stays_inside_outer_quote():
    text = "Day\n\nJane Roe said: “People shouted “Go home” at us. It was loud.”\n"
    spans = find_quotes(text, lines(text))
    assert [q.depth for q in spans] == [0, 1]
    assert _direct(text) == [("People shouted “Go home” at us. It was loud.", "Jane Roe")]


def test_quote_split_around_said_with_a_described_subject_goes_to_the_named_person():
    text = (
        "Session opens\n\n“We counted 40 cases,” the panel’s chair, Dr Ines Roth, said, "
        "“and the real number is higher.”\n"
    )
    assert _direct(text) == [
        ("We counted 40 cases,", "Ines Roth"),
        ("and the real number is higher.", "Ines Roth"),
    ]


def test_quote_belongs_to_the_reporting_clause_right_before_it():
    text = (
        "Council debate\n\nMs Ana Ruiz reminded councillors that last year Dr Tom Hale "
        "had described the price as “the real measure of a water system”.\n"
    )
    assert _direct(text) == [("the real measure of a water system", "Tom Hale")]


def test_message_from_someone_read_by_another_is_the_senders():
    text = (
        "Council debate\n\nMayor Lena Fisk opened the meeting.\n\n"
        "A message from Baroness Ruth Hale, who chairs a committee on water, "
        "was read to the chamber by the Mayor:\n\n"
        "“I hope the council will show the rest of the country how it is done.”\n"
    )
    assert _direct(text) == [
        ("I hope the council will show the rest of the country how it is done.", "Ruth Hale")
    ]


def test_the_coalition_said_resolves_to_the_coalition_named_before():
    text = (
        "Reaction\n\nThe Harbour Press Coalition, a group of unions, on Friday welcomed the vote.\n\n"
        "“This is a first step for every newsroom,” the coalition said in a statement.\n"
    )
    assert _direct(text) == [
        ("This is a first step for every newsroom,", "Harbour Press Coalition")
    ]


def test_the_report_states_is_quoted_from_the_reports_owner():
    text = (
        "Forum closes\n\nThe Clearwater Rights Network organised the forum.\n\n"
        "The session closed with the launch of the network’s annual report. The report states: "
        "“In 30 of the 40 countries surveyed, the poor pay more for water than the rich do.”\n"
    )
    assert _direct(text) == [
        (
            "In 30 of the 40 countries surveyed, the poor pay more for water than the rich do.",
            "Clearwater Rights Network",
        )
    ]


def test_title_with_full_stop_in_trailing_attribution_names_the_speaker():
    text = (
        "Port news\n\nHarbour master Ines Albrecht Kovac said the quay would reopen.\n\n"
        "“We are nearly done,” Ms. Albrecht Kovac said. “Two more weeks.”\n"
    )
    assert _direct(text) == [
        ("We are nearly done,", "Ines Albrecht Kovac"),
        ("Two more weeks.", "Ines Albrecht Kovac"),
    ]


def test_sentence_after_a_closed_quote_does_not_attribute_it():
    text = (
        "Ferry row\n\nCaptain Ola Brekke said the timetable was "
        '"a plan drawn up by people who never sail". He said crews would protest.\n\n'
        "Councillor Mia Sand disagreed.\n"
    )
    assert _direct(text)[0] == ("a plan drawn up by people who never sail", "Ola Brekke")


def test_paragraph_of_sentences_is_not_a_speaker_heading():
    text = (
        "Fish stocks\n\nDr. Anton Pelle, who leads the survey team, presented the figures. "
        "He told the meeting that stocks had halved.\n\n"
        "“We have warned for years,” Dr. Pelle said.\n\n"
        "Mayor Rita Okafor welcomed the survey.\n\n"
        "“It gives us numbers,” Mayor Okafor said.\n"
    )
    assert _direct(text)[-1] == ("It gives us numbers,", "Rita Okafor")


def test_place_word_and_role_before_a_name_leave_the_name_as_referent():
    text = (
        "Harbour\n\nMinister Ada Vell said the plan was fair.\n\n"
        "Dunmore skipper Tam Roskill, who fishes alone, was blunter. "
        "“They will close us,” he said.\n"
    )
    assert _direct(text)[-1] == ("They will close us,", "Tam Roskill")


def test_the_statement_said_belongs_to_who_issued_the_statement():
    text = (
        "Afterwards\n\nProf. Edda Lunn thanked the families.\n\n"
        "The Harbour Rights Network said in a statement that it would publish the files. "
        "“The work is not finished,” the statement said.\n"
    )
    assert _direct(text) == [("The work is not finished,", "Harbour Rights Network")]


def test_replied_introduces_a_partial_quote():
    text = (
        "Budget\n\nMinister Karl Obst presented the budget.\n\n"
        "Asked about cuts, he replied that the plan was “the only honest budget on offer”.\n"
    )
    assert _direct(text) == [("the only honest budget on offer", "Karl Obst")]


def test_quote_after_role_noun_and_colon_goes_to_the_recent_speaker_with_that_role():
    text = (
        "Hearing\n\nSenator Maja Torvik, a member of the justice committee, spoke next.\n\n"
        "The senator said: “I have visited four centres this year.”\n"
    )
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    direct = [(s.text, names.get(s.speaker_key)) for s in doc.statements if s.kind == "direct"]
    assert direct == [("I have visited four centres this year.", "Maja Torvik")]


def test_german_low_high_marks_open_and_close_a_quote():
    text = "Interview\n\n„We stay united, whatever comes,“ said Mira Kolvenko, the movement’s leader.\n"
    assert _direct(text) == [("We stay united, whatever comes,", "Mira Kolvenko")]


def test_single_curly_marks_as_main_marks_make_a_quote():
    text = (
        "Pledge\n\nGovernor Elena Dravik said that the new bridge ‘will open before the winter’. "
        "Builders were not asked.\n"
    )
    assert _direct(text) == [("will open before the winter", "Elena Dravik")]


def test_apostrophes_inside_words_do_not_close_a_single_quote():
    text = "Visit\n\nTomas Reil called the plan ‘a start, but it won’t be enough’ on Monday.\n"
    assert _direct(text) == [("a start, but it won’t be enough", "Tomas Reil")]


def test_doubled_apostrophes_stand_for_double_marks():
    text = "Hearing\n\n''Nobody listened to the farmers,'' said Ada Lindqvist.\n"
    assert _direct(text) == [("Nobody listened to the farmers,", "Ada Lindqvist")]


def test_quote_never_closed_runs_through_following_speech_lines():
    text = (
        "Delegates Gather for the Second Day of the Harbour Congress\n\n"
        "In her opening speech on Saturday, Ona Petrauskaite greeted the delegates who had "
        "come to Portwick.\n"
        "“Dear friends, welcome to the second day.\n"
        "We know many of you travelled far to be here.\n"
        "Our work is not finished, and I thank you all.\n"
    )
    found = _direct(text)
    assert [t for t, _ in found] == [
        "Dear friends, welcome to the second day.",
        "We know many of you travelled far to be here.",
        "Our work is not finished, and I thank you all.",
    ]
    assert {s for _, s in found} == {"Ona Petrauskaite"}


def test_quote_left_open_does_not_swallow_the_narration_after_it():
    text = (
        "Forum\n\n“The river must be cleaned, said Karl Mertens.\n\n"
        "The forum then moved on to the budget of the port authority.\n"
    )
    assert [t for t, _ in _direct(text)] == ["The river must be cleaned, said Karl Mertens."]


def test_pronoun_in_a_relative_clause_goes_to_the_subject_of_the_sentence():
    text = (
        "Debate\n\nMayor Ruth Okonkwo spoke first.\n\n"
        "Pavel Strand recalled the flood of last spring, which he described as “a warning”.\n"
    )
    assert _direct(text) == [("a warning", "Pavel Strand")]


def test_partial_quote_before_the_subject_belongs_to_the_sentence_speaker():
    text = (
        "Session\n\nWhile praising the ‘careful and honest work’ of the inspectors, "
        "Lena Vuori argued that the ministry must publish the full report.\n"
    )
    assert _direct(text) == [("careful and honest work", "Lena Vuori")]


def test_stage_directions_inside_a_quote_are_not_the_speakers_words():
    text = (
        "Rally\n\n“We will keep the ferry running. (Applause.) And we will not give up "
        "the harbour [laughter],” said Mara Quell.\n"
    )
    doc = parse_document(text)
    assert [s.text for s in doc.statements if s.kind == "direct"] == [
        "We will keep the ferry running.",
        "And we will not give up the harbour",
    ]
