"""Two people who share a surname stay two speakers; one person's variant names stay one."""

import pytest

from archive.models import Speaker
from ingest.identity import (
    alias_forms,
    canonical_description,
    canonical_name,
    given_names_compatible,
    same_speaker,
)
from ingest.services import import_paths

FILES = {
    "harbour.txt": (
        "Harbour works agreed\n\n"
        "“We will rebuild the north pier before the winter storms,” said Anna Berg, the harbour master.\n\n"
        "Berg said the work would start in the spring.\n"
    ),
    "council.txt": (
        "Council budget vote\n\n"
        "“This budget leaves the libraries with nothing at all,” said Peter Berg, a councillor.\n\n"
        "Berg said he would vote against the budget on Thursday.\n"
    ),
}


def _write(tmp_path, files: dict[str, str]):
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        paths.append(path)
    return paths


def _speakers() -> dict[str, int]:
    return {s.name: s.statements.count() for s in Speaker.objects.all()}


@pytest.mark.django_db
@pytest.mark.parametrize("order", [1, -1])
def test_two_people_sharing_a_surname_stay_two_speakers(tmp_path, order):
    import_paths(paths=_write(tmp_path, FILES)[::order], max_bytes=10**6)
    assert _speakers() == {"Anna Berg": 2, "Peter Berg": 2}


@pytest.mark.django_db
def test_a_surname_alone_in_another_document_resolves_to_nobody_else(tmp_path):
    files = {
        **FILES,
        "ferry.txt": "Ferry timetable\n\n“The first boat will leave at six,” said Berg.\n",
    }
    import_paths(paths=_write(tmp_path, files), max_bytes=10**6)
    speakers = _speakers()
    assert speakers["Anna Berg"] == 2 and speakers["Peter Berg"] == 2
    assert speakers.get("Berg") == 1


@pytest.mark.django_db
def test_a_diminutive_and_an_accent_variant_are_one_person(tmp_path):
    files = {
        "one.txt": "Port report\n\n“The cranes are back in service,” said Robert Lindqvist, the port director.\n",
        "two.txt": "Quay news\n\n“We lost three days to the wind,” said Bob Lindqvist, the port director.\n",
        "three.txt": "Library\n\n“Reading rooms open on Sunday now,” said Ingrid Solheim.\n",
        "four.txt": "Library again\n\n“The new wing opens in May,” said Íngrid Solheim.\n",
    }
    import_paths(paths=_write(tmp_path, files), max_bytes=10**6)
    assert _speakers() == {"Robert Lindqvist": 2, "Íngrid Solheim": 2}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bob", "Robert"),
        ("Ken", "Kenneth"),
        ("Mohammed", "Muhammad"),
        ("Aleksandr", "Alexander"),
        ("José", "Jose"),
        ("Geoffry", "Geoffrey"),
        ("Jon", "John"),
        ("Sergei", "Sergey"),
    ],
)
def test_known_variants_of_a_given_name_agree(a, b):
    assert given_names_compatible(a, b) and given_names_compatible(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Anna", "Peter"), ("Peter", "Petra"), ("Jan", "Jana"), ("Dan", "Don"), ("Paul", "Paula")],
)
def test_different_given_names_never_agree(a, b):
    assert not given_names_compatible(a, b) and not given_names_compatible(b, a)


def test_only_full_forms_match_across_documents():
    anna = alias_forms("Anna Berg", ["Berg", "Ms Berg"], "person")
    assert set(anna) == {"anna berg"}
    assert not same_speaker(alias_forms("Berg", [], "person"), anna, "person")
    assert not same_speaker(alias_forms("Peter Berg", ["Berg"], "person"), anna, "person")
    assert same_speaker(alias_forms("Anna M. Berg", ["Berg"], "person"), anna, "person")


def test_the_canonical_name_is_the_most_complete_form_whatever_came_first():
    forms = ["Jose Marin", "José Marín Solano", "Marín", "Jose Marin Solano"]
    assert canonical_name(forms) == canonical_name(forms[::-1]) == "José Marín Solano"


def test_the_description_kept_does_not_depend_on_which_source_came_first():
    found = ["Minister", "Minister of Education", ""]
    assert canonical_description(found) == canonical_description(found[::-1])
    assert canonical_description(found) == "Minister of Education"
