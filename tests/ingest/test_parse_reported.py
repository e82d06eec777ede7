"""Reported speech: whole sentences whose content is what someone said."""

from ingest.parse import parse_document
from ingest.reported import _gap_is_ignorable, find_verbs, subject_before


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


def test_name_with_appositive_and_told_that_is_reported_speech_not_a_heading():
    text = (
        "Rally\n\nNina Walsh, the union’s general secretary, told the crowd that the rota was unfair.\n\n"
        "“We are against being told about our own lives by email,” she said.\n"
    )
    assert _indirect(text) == [
        (
            "Nina Walsh, the union’s general secretary, told the crowd that the rota was unfair.",
            "Nina Walsh",
        )
    ]


def test_organisation_that_has_written_urging_is_a_speaker():
    text = "Preview\n\nThe Harbour Porters and Crane Drivers Union has written to all councillors urging them to vote.\n"
    assert [s for _, s in _indirect(text)] == ["Harbour Porters and Crane Drivers Union"]


def test_day_after_appositive_does_not_hide_the_subject():
    text = "Reaction\n\nThe Press Safety Coalition, a network of unions, on Friday welcomed the resolution.\n"
    assert [s for _, s in _indirect(text)] == ["Press Safety Coalition"]


def test_first_verb_joined_to_reporting_verb_by_and():
    text = (
        "Debate\n\nCllr Ana Ruiz later thanked Lady Hale and said the council should invite her.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Ana Ruiz"]


def test_owned_report_with_appositive_found_that_is_the_owners_statement():
    text = (
        "Forum\n\nThe forum was organised by the Clearwater Rights Network.\n\n"
        "The network’s annual report, launched at the forum, found that the poor pay more.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Clearwater Rights Network"]


def test_speaker_with_place_of_origin_before_verb():
    text = "Forum\n\nMayor Ana Ruiz of Northfield described how the town halved its prices.\n"
    assert [s for _, s in _indirect(text)] == ["Ana Ruiz"]


def test_attribution_that_only_introduces_a_quote_is_not_indirect():
    text = "Speech\n\nKaren Holm declared:\n\n“We will not stop.”\n"
    assert _indirect(text) == []


def test_appositive_without_closing_comma_is_skipped():
    text = (
        "Panel\n\nLeo Marsh, Independent Expert on water equity started his intervention by "
        "stating that access is a right.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Leo Marsh"]


def test_sentence_initial_common_word_does_not_interrupt_a_speaker():
    text = (
        "Panel\n\nKaren Holm pointed out that the flood was the worst in a century. "
        "Over the past decade, there have been many floods.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Karen Holm", "Karen Holm"]


def test_post_nominal_letters_between_name_and_verb_are_skipped():
    text = (
        "Debate\n\nOpening for the Rules Committee, Helen Markby QC MP said the bill was overdue.\n"
    )
    assert _indirect(text)[0][1] == "Helen Markby"


def test_affiliation_then_appositive_between_name_and_verb_is_skipped():
    text = (
        "Quay\n\nRuth Obi of the Inshore Crews Union, who came as an observer, said the "
        "plan ignored small boats.\n"
    )
    assert _indirect(text)[0][1] == "Ruth Obi"


def test_short_org_name_resolves_to_the_full_name_given_earlier():
    text = (
        "Congress\n\nDoctors met for the annual congress of the Fenwick Society of Nursing.\n\n"
        "In its closing motion, the Society called on ministers to fund ferries.\n"
    )
    assert _indirect(text) == [
        (
            "In its closing motion, the Society called on ministers to fund ferries.",
            "Fenwick Society of Nursing",
        )
    ]


def test_role_noun_subject_names_the_recent_speaker_with_that_role():
    text = (
        "Hearing\n\nSenator Maja Torvik, a member of the justice committee, spoke next. "
        "Ole Brand disagreed.\n\nThe senator said the deadlines could not be met.\n"
    )
    assert ("The senator said the deadlines could not be met.", "Maja Torvik") in _indirect(text)


def test_role_noun_subject_with_no_matching_speaker_is_not_attributed():
    text = "Hearing\n\nOle Brand spoke first.\n\nThe baker said the bread was late.\n"
    assert all(speaker != "Ole Brand" for _, speaker in _indirect(text)[1:])


def test_it_as_subject_names_the_recent_organisation():
    text = (
        "Rents\n\nThe Harbour Chamber of Commerce said it opposed the cap. "
        "It added that shops would close.\n"
    )
    assert _indirect(text)[-1] == (
        "It added that shops would close.",
        "Harbour Chamber of Commerce",
    )


def test_document_proposed_by_a_person_is_their_statement():
    text = (
        "Congress\n\nA second motion, proposed by Dr Lena Fjell, asked the board to open "
        "a register of volunteers.\n"
    )
    assert _indirect(text) == [
        (
            "A second motion, proposed by Dr Lena Fjell, asked the board to open a register "
            "of volunteers.",
            "Lena Fjell",
        )
    ]


def test_advised_is_a_reporting_verb():
    text = "Panel\n\nKaren Holm advised that the regime could not be trusted.\n"
    assert _indirect(text) == [
        ("Karen Holm advised that the regime could not be trusted.", "Karen Holm")
    ]


def test_possessive_pronoun_with_document_is_the_subject_of_its_verb():
    text = "His letter, “Open the Gates”, names six officials and calls them “jailers”."
    verb = next(s for s, _ in find_verbs(text, 0, len(text)) if text[s:].startswith("calls"))
    found = subject_before(text, 0, verb, [])
    assert found is not None and found.pronoun == "he"


def test_and_n_other_organisations_between_subject_and_verb_is_ignorable():
    assert _gap_is_ignorable(" and eleven other organisations ")
    assert _gap_is_ignorable(" and 30 other groups")
    assert not _gap_is_ignorable(" and the minister")


def test_passive_speech_verb_names_no_speaker():
    text = "Panel\n\nThe new tax, denounced by farmers across the valley, took effect in May.\n"
    assert _indirect(text) == []


def test_spoke_at_an_event_is_an_appearance_not_a_statement():
    text = "Rally\n\nSenator Ivo Brankovic spoke at the rally on the harbour front.\n"
    assert _indirect(text) == []


def test_wider_speech_acts_are_reported_speech():
    text = (
        "Summit\n\nMilan Oresko, a former envoy to the council, spotlighted the abuses in the "
        "mines. Clara Veit conceded that the plan had come too late.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Milan Oresko", "Clara Veit"]


def test_name_run_into_the_next_word_is_split():
    text = "Testimonies\n\nJonas MarekRiver Trust founder: “The fish are gone from the bay.”\n"
    doc = parse_document(text)
    assert [s.name for s in doc.speakers] == ["Jonas Marek"]


def test_generic_group_with_nothing_naming_it_is_no_speaker():
    text = (
        "Forum\n\nSpeakers called for an independent inquiry into the closures. "
        "The protesters demanded the release of the fishers.\n"
    )
    assert [s for _, s in _indirect(text) if s is not None] == []


def test_trailing_according_to_names_the_source_of_a_count():
    text = "Count\n\nAbout 2,000 people took part, according to Harbour Police.\n"
    assert _indirect(text) == [
        ("About 2,000 people took part, according to Harbour Police.", "Harbour Police")
    ]


def test_welcoming_guests_is_a_greeting_not_reported_speech():
    text = "Rally\n\nMayor Ilse Varnholt welcomed the guests and Senator Ida Vollan.\n"
    assert _indirect(text) == []


def test_welcoming_a_decision_is_a_stance_and_reported_speech():
    text = (
        "Rally\n\nThe Harbour Families Union welcomed the council’s decision to reopen the pier.\n"
    )
    assert [s for _, s in _indirect(text)] == ["Harbour Families Union"]


def test_any_adverb_between_subject_and_verb_is_skipped():
    text = "Panel\n\nMarta Ilves spoke first. She has directly accused the port of hiding the figures.\n"
    assert _indirect(text) == [
        ("She has directly accused the port of hiding the figures.", "Marta Ilves")
    ]


def test_participial_saying_that_reports_the_subject_of_the_main_clause():
    text = (
        "Forum\n\nDock union leader Mara Quell spoke for an hour at the harbour forum, "
        "saying that the wages had to rise.\n"
    )
    assert _indirect(text) == [(text.split("\n\n")[1].strip(), "Mara Quell")]


def test_participial_report_after_a_dateline_goes_to_both_joint_subjects():
    text = (
        "March\n\nTARNHOLM - Ferry union leader Olav Drecht and her husband Ivo Drecht joined "
        "the weekly march on Monday, reiterating that the strike would go on.\n"
    )
    assert sorted(speaker for _, speaker in _indirect(text)) == ["Ivo Drecht", "Olav Drecht"]


def test_participial_report_after_someone_elses_action_is_not_the_objects_speech():
    text = (
        "Arrest\n\nThe guards held Oskar Brenn at the gate for an hour, "
        "saying that his permit was void.\n"
    )
    assert _indirect(text) == []


def test_participle_without_reported_content_is_not_reported_speech():
    text = "Exit\n\nAda Fenn left the hall early, saying nothing to the waiting press.\n"
    assert _indirect(text) == []
