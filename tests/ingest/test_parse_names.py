"""Speaker names: titles, roles, spellings."""

from ingest.names import find_mentions, names_match, normalize_name


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
