"""Speaker names: titles, roles, spellings."""

from ingest.names import (
    find_anaphora,
    find_mentions,
    is_place_word,
    names_match,
    normalize_name,
)


def test_normalize_name_drops_titles_accents_and_case():
    assert normalize_name("Dr. Élise MARTIN QC") == "elise martin"


def test_role_words_before_a_name_are_split_off():
    mention = find_mentions("Former Belgian Senator Hugo de Wit said")[0]
    assert (mention.name, mention.role) == ("Hugo de Wit", "Former Belgian Senator")


def test_misspelt_given_name_matches():
    assert names_match(["Geoffry Hale"], ["Geoffrey Hale"])


def test_misspelt_surname_matches():
    assert names_match(["Leo Marakas"], ["Leo Marakos"])


def test_short_given_name_matches_long_form():
    assert names_match(["Ken Walsh"], ["Kenneth Walsh"])


def test_surname_only_reference_matches_full_name():
    assert names_match(["Walsh"], ["Kenneth Walsh", "Mr. Walsh"])


def test_same_surname_different_people_do_not_match():
    assert not names_match(["Maria Duarte", "Duarte"], ["Jorge Duarte", "Duarte"])


def test_councillor_abbreviation_is_a_title():
    (mention,) = find_mentions("Cllr Anna Berg said")
    assert mention.name == "Anna Berg"
    assert normalize_name("Cllr Anna Berg") == "anna berg"


def test_and_inside_an_organisation_name_keeps_one_organisation():
    (mention,) = find_mentions("The Harbour Porters and Crane Drivers Union has written")
    assert (mention.name, mention.kind) == (
        "Harbour Porters and Crane Drivers Union",
        "organization",
    )


def test_and_between_two_people_gives_two_mentions():
    assert [m.name for m in find_mentions("Ana Ruiz and Tom Hale spoke")] == [
        "Ana Ruiz",
        "Tom Hale",
    ]


def test_place_after_a_full_personal_name_is_not_part_of_it():
    (mention,) = find_mentions("Mayor Ana Ruiz of Northfield described")
    assert mention.name == "Ana Ruiz"


def test_role_words_inside_an_organisation_name_belong_to_it():
    (mention,) = find_mentions("The Clearwater Rights Network said")
    assert (mention.name, mention.kind) == ("Clearwater Rights Network", "organization")
    (council,) = find_mentions("the Council of Elders of Norland")
    assert council.kind == "organization"


def test_possessive_place_before_a_role_is_not_part_of_the_name():
    (mention,) = find_mentions("Norland’s Prime Minister Ola Brekke said")
    assert mention.name == "Ola Brekke"


def test_country_named_alone_is_not_a_person():
    assert is_place_word("Syria") and is_place_word("Italy") and is_place_word("Canada")
    assert not is_place_word("Russell") and not is_place_word("Marin")
    assert find_mentions("Syria said") == []


def test_run_ending_in_an_event_noun_is_not_a_speaker():
    assert find_mentions("The Harvest Rally") == []


def test_lower_case_reference_to_an_organisation_is_an_anaphor():
    (ref,) = find_anaphora("the coalition said in a statement")
    assert (ref.name, ref.anaphor) == ("coalition", True)
    assert find_anaphora("the union’s general secretary said") == []
    assert [a.name for a in find_anaphora("The network’s annual report found")] == ["network"]
