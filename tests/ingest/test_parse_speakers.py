"""Speaker precision: phrases that are not names never become speakers."""

from ingest.parse import parse_document


def _statements(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, text, speaker name) for every statement."""
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    return [(s.kind, s.text, names.get(s.speaker_key)) for s in doc.statements]


def _speakers(text: str) -> set[str]:
    return {s.name for s in parse_document(text).speakers}


def test_sentence_initial_noun_capitalised_in_a_title_case_heading_is_not_a_speaker():
    text = (
        "Report\n\nWriters Condemn Arrests in Norland Today\n\n"
        "Arrests have continued since the vote, and arrests are rising.\n"
    )
    assert "Arrests" not in _speakers(text)


def test_one_word_after_the_and_a_nationality_is_not_a_person():
    text = (
        "Report\n\nHuman rights defenders, dignitaries, European politicians and the French "
        "Resistance called for the formation of an inquiry into the killings.\n"
    )
    assert "Resistance" not in _speakers(text)


def test_title_case_heading_of_common_words_is_not_a_speaker():
    text = (
        "Report\n\n40 Years of Silence\n\n"
        "They recalled forty years of silence and called for justice.\n"
    )
    assert "Years of Silence" not in _speakers(text)


def test_plural_pronoun_does_not_resolve_to_a_single_person():
    text = (
        "Report\n\nKaren Holm arrived at the hall.\n\n"
        "They demanded that the prisoners be released.\n"
    )
    assert [name for _, _, name in _statements(text)] == []


def test_bare_office_title_is_not_a_speaker():
    text = (
        "Report\n\nThe writers’ letter to the United Nations Secretary General stressing that "
        "“the prisoners must be released at once and without conditions” is giving hope.\n"
    )
    assert "General" not in _speakers(text)


def test_office_with_its_remit_stays_a_speaker():
    text = (
        "Report\n\nThe UN High Commissioner for Human Rights said: "
        "“At least four prisoners were put to death this month.”\n"
    )
    assert _statements(text)[0][2] == "UN High Commissioner for Human Rights"


def test_place_after_at_or_in_is_not_a_speaker():
    text = (
        "Report\n\nAn exhibition was held today at the 5th District Townhall of Lisbon, "
        "focusing on the “disappearance of hundreds of students in 1975 and the right of "
        "their families to the truth.”\n"
    )
    assert "District Townhall" not in _speakers(text)


def test_generic_plural_at_sentence_start_is_not_a_group_speaker():
    text = (
        "Report\n\nVisiting speakers also pledged their support to the movement, "
        "and the visiting speakers were applauded.\n"
    )
    assert not {"Visiting speakers"} & _speakers(text)


def test_canonical_name_is_the_spelling_used_most_often():
    text = (
        "Report\n\nMs. Nadia Karimi, former prisoner\n\n"
        "“My name is Nadia Karimi. I spent five years in prison.”\n\n"
        "Nadia Karim also said that “the guards beat us every single day of the year”.\n"
    )
    assert _speakers(text) == {"Nadia Karimi"}


def test_prefix_spelling_loses_to_the_longer_spelling_on_a_tie():
    text = (
        "Report\n\nNadia Karim said: “We were tortured for years in that prison.”\n\n"
        "Nadia Karimi added: “Nobody has been punished for it since then.”\n"
    )
    assert _speakers(text) == {"Nadia Karimi"}


def test_given_name_alone_is_the_person_of_the_post_with_that_given_name():
    text = (
        "Report\n\nTeresa Montalvo spoke first at the rally.\n\n"
        "Teresa then told the crowd, “We will not stop until they are free.”\n"
    )
    assert _speakers(text) == {"Teresa Montalvo"}


def test_message_from_x_read_by_y_sentence_introduces_the_quoted_paragraphs():
    text = (
        "Report\n\nThe meeting closed with a message from Mrs. Ilse Varnow, President of the "
        "Harbour Union, read by the secretary of the Youth League.\n\n"
        "“Dear friends, I cannot be with you today, but my thoughts are in the hall.\n\n"
        "“We will not stop until every dock worker is free.”\n"
    )
    found = _statements(text)
    assert (
        "direct",
        "Dear friends, I cannot be with you today, but my thoughts are in the hall.",
        "Ilse Varnow",
    ) in found
    assert ("direct", "We will not stop until every dock worker is free.", "Ilse Varnow") in found


def test_multi_paragraph_interview_answer_stays_with_the_answerer():
    text = (
        "Report\n\nThe Herald spoke to the painter and to his brother, Otto Brenn-Lase.\n\n"
        "Q: “Why paint at all?”\n\n"
        "Karl Brenn: “Because nobody else would remember them. That was the only reason.\n\n"
        "“I painted every face I could see from my window.”\n\n"
        "Q: “And now?”\n\n"
        "Brenn: “Now I paint the river.”\n"
    )
    found = _statements(text)
    assert ("direct", "I painted every face I could see from my window.", "Karl Brenn") in found
    # a bare surname is the whole surname of one person, not a part of a compound one
    assert ("direct", "Now I paint the river.", "Karl Brenn") in found


def test_spokesman_for_an_embassy_in_a_city_speaks_for_the_embassy():
    text = (
        "Report\n\nA spokesman for the Norland Embassy in Ottawa said in a written response "
        'that the report was "a collection of lies" and that the Embassy would not comment '
        'on "rumours from abroad."\n'
    )
    speakers = {name for _, _, name in _statements(text)}
    assert speakers == {"Norland Embassy in Ottawa"}


def test_first_conjunct_of_x_and_n_other_organisations_speaks():
    text = (
        "Report\n\nIn a joint letter sent on Monday, the Dockside Families Association and "
        "nine other organisations wrote: “The findings match what we have said for years.”\n"
    )
    found = _statements(text)
    assert (
        "direct",
        "The findings match what we have said for years.",
        "Dockside Families Association",
    ) in found


def test_her_report_describes_names_the_woman_last_named():
    text = (
        "Report\n\nThe inspector, Dr. Marta Olsen-Baird, presented her findings to the "
        "committee today.\n\n"
        "Her report, “Cold Walls: Detention in Norland”, lists 40 deaths in the year and "
        "describes the camp as “a place built to break people”.\n"
    )
    found = _statements(text)
    assert ("direct", "a place built to break people", "Marta Olsen-Baird") in found


def test_name_followed_by_who_said_speaks_the_quote():
    text = (
        "Council Session on Water\n\nThe session was opened by the Water Commissioner Ilse "
        "Norberg who said “We cannot wait for another dry summer.”\n"
    )
    assert _statements(text) == [
        ("direct", "We cannot wait for another dry summer.", "Ilse Norberg")
    ]


def test_role_appositive_left_unclosed_still_leaves_the_name_as_subject():
    text = (
        "Keynote\n\nIn her keynote speech, Madam Reta Solberg, the president-elect of the "
        "Harbour Council of Norland (HCN) said, “The harbour belongs to its people.”\n"
    )
    assert _statements(text)[-1] == ("direct", "The harbour belongs to its people.", "Reta Solberg")


def test_unnamed_representative_speaks_for_the_organisation():
    text = (
        "Session\n\nAddressing the council on 3 May, a representative of the Coastal Families "
        "Union called for an inquiry into the closures.\n"
    )
    assert [s for _, _, s in _statements(text)] == ["Coastal Families Union"]


def test_quote_followed_by_more_of_the_sentence_is_not_attributed_to_what_follows():
    text = (
        "Report\n\nAnita Rask has told the council her aim is “open dialogue” with the port "
        "authority, which has said it will not meet her.\n"
    )
    assert ("direct", "open dialogue", "Anita Rask") in _statements(text)


def test_people_in_a_picture_caption_are_not_speakers():
    text = (
        "Rally in the Harbour\n\nImage: Lotte Brandt, Maja Brandt\n\n"
        "Lotte Brandt, left, and her mother at the rally in Portwick.\n\n"
        "The crowd cheered the mayor, Oskar Lind, as he arrived.\n\n"
        "“We will rebuild the pier,” he said.\n"
    )
    assert _statements(text)[-1] == ("direct", "We will rebuild the pier,", "Oskar Lind")


def test_wire_lead_with_trailing_role_and_name_is_reported_speech():
    text = (
        "Harbour Politics\n\nPortwick, 3 May (Wire) – I will not resign before the vote, "
        "opposition leader Jana Kovac said Monday.\n"
    )
    assert [(k, s) for k, _, s in _statements(text)] == [("indirect", "Jana Kovac")]


def test_relative_named_after_his_or_her_is_not_who_he_means():
    text = (
        "Exile and Return\n\nThe prince left the island in 1970. Two years later, his father "
        "Anton Varga was deposed.\n\n“We will go home one day,” he said.\n"
    )
    assert ("direct", "We will go home one day,", "Anton Varga") not in _statements(text)


def test_author_of_a_speech_by_is_who_she_means_next():
    text = (
        "Rally in Portwick\n\nThe rally ended with a speech by Marta Holm, the chair of the "
        "fishers’ union. She called for a ban on night trawling.\n"
    )
    assert _statements(text)[-1][2] == "Marta Holm"


def test_page_cut_before_the_name_gives_an_opening_pronoun_to_the_next_speaker():
    text = (
        "Four Years On\n\n„We are still here, and we are many,“ she told the radio on Friday.\n"
        "„Our silence is not surrender,“ Ilse Varnholt, who lives in exile, added.\n"
    )
    assert {s for _, _, s in _statements(text)} == {"Ilse Varnholt"}


def test_an_office_not_yet_described_goes_to_the_person_the_post_is_about():
    text = (
        "Exile Leader Speaks\n\nMarta Ilves spoke to the radio on Friday about the vote.\n\n"
        "The Norland opposition’s leader said she is ready to lead the protests next year.\n"
    )
    assert _statements(text)[-1] == (
        "indirect",
        "The Norland opposition’s leader said she is ready to lead the protests next year.",
        "Marta Ilves",
    )


def test_a_nationality_before_a_noun_is_not_a_speaker():
    text = (
        "March in the Capital\n\n„We stay,“ Ana Lukic told the radio.\n\n"
        "The Belarusian opposition gathered later. „We march again,“ she said.\n"
    )
    assert {s for _, _, s in _statements(text)} == {"Ana Lukic"}


def test_joint_statement_gives_one_statement_per_speaker():
    text = (
        "Statement on the Harbour Report\n\nPORTWICK – Today, Councillor Ana Ruiz (Ward 4), "
        "chair of the harbour committee and Councillor Tomas Bell (Ward 9), chair of the budget "
        "committee, released the following statement:\n\n"
        "“The report shows the harbour needs a new plan now.”\n"
    )
    found = [(k, t, s) for k, t, s in _statements(text) if k == "direct"]
    assert sorted(s for _, _, s in found) == ["Ana Ruiz", "Tomas Bell"]
    assert {t for _, t, _ in found} == {"The report shows the harbour needs a new plan now."}


def test_statement_released_without_its_content_is_not_reported_speech():
    text = "Harbour News\n\nOn Monday the Harbour Families Union issued a statement.\n"
    assert _statements(text) == []


def test_a_country_in_a_list_of_origins_is_not_the_subject():
    text = (
        "Appeal\n\nNine scientists from Norland, Velmaria and Ostrava wrote a letter urging "
        "the council to act.\n"
    )
    assert "Ostrava" not in {s for _, _, s in _statements(text)}


def test_statement_of_title_line_names_the_speaker_of_the_dated_quote_below():
    text = (
        "Harbour Rally Statements\n\nStatement of Senator Ida Vollan – 6 April 2019, Harbour "
        "Rally\n\nApril 6, 2019 “I want to thank the fishers for organising this rally.”\n"
    )
    assert _statements(text)[-1] == (
        "direct",
        "I want to thank the fishers for organising this rally.",
        "Ida Vollan",
    )


def test_dotted_acronym_stays_inside_an_organisation_name():
    text = (
        "Appeal\n\nThe U.N. Harbour Commission on Thursday called on Norland to free the three "
        "fishers.\n"
    )
    assert [s for _, _, s in _statements(text)] == ["U.N. Harbour Commission"]


def test_capitalised_speech_verb_inside_a_name_is_not_a_verb():
    text = "Appeal\n\nThe State Department of Norland on Monday urged the port to reopen.\n"
    assert [s for _, _, s in _statements(text)] == ["State Department of Norland"]


def test_according_to_sentence_before_a_quote_is_not_a_heading():
    text = (
        "March in Portwick\n\nAccording to Harbour Radio, an incident broke out when two "
        "marchers carried the old flag of the republic to the square.\n\n"
        '"The flag divides us," said Ola Berg.\n'
    )
    assert ("indirect", "Harbour Radio") in {(k, s) for k, _, s in _statements(text)}


def test_page_cut_before_the_name_gives_an_opening_role_noun_to_the_next_speaker():
    text = (
        "Second Day of the Harbour Congress\n\nDuring her opening remarks at the congress, the "
        "Norland opposition leader announced talks on the fishers’ pensions. Ms. Ilves called "
        "for unity.\n"
    )
    assert {s for _, _, s in _statements(text)} == {"Ilves"}
