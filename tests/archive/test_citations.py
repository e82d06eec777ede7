"""Citation formats are pure functions of a ``Citation``: no database needed."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from archive.citations import (
    Citation,
    bibtex,
    bibtex_author,
    bibtex_escape,
    csl_item,
    csl_json,
    plain_text,
    ris,
    title,
)
from archive.wording import as_cited, quoted, shorten

CSL_SCHEMA = json.loads((Path(__file__).parent / "csl_data_subset.schema.json").read_text())

CITATION = Citation(
    statement_id=42,
    speaker="Íngrid Betancourt",
    text="Water rights are human rights.",
    reported=False,
    date=date(2021, 3, 2),
    event="Water Forum",
    source_title="Forum report",
    source_site="news.example",
    source_url="https://news.example/forum-report",
    source_published=date(2021, 3, 3),
    permalink="https://archive.example/statements/42/",
    accessed=date(2026, 5, 4),
    review_status="Verified",
    data_version="import 7 of 2026-05-01 10:00 UTC",
)


def test_plain_text_citation_reads_as_a_reference():
    assert plain_text(CITATION) == (
        "Íngrid Betancourt. “Water rights are human rights.” Water Forum, 2 March 2021. "
        "Reported in “Forum report”, news.example, 3 March 2021, "
        "https://news.example/forum-report. "
        "Statement Archive, statement 42; review status: Verified; "
        "data version: import 7 of 2026-05-01 10:00 UTC. "
        "https://archive.example/statements/42/ (accessed 4 May 2026)."
    )


def test_reported_speech_is_never_in_quotation_marks():
    text = plain_text(replace(CITATION, reported=True, text="the rights must be restored"))
    assert "Reported speech: the rights must be restored." in text
    assert "“the rights" not in text
    assert as_cited("the rights must be restored", reported=True) == "the rights must be restored"


def test_a_long_quote_is_cut_at_a_word_boundary_with_one_ellipsis():
    text = "We will " + "rebuild the harbour wall " * 30 + "together."
    cut = title(text, chars=60)
    assert cut.endswith("…") and not cut.endswith(" …")
    assert len(cut) <= 61
    assert all(word in text.split() for word in cut.rstrip("…").split())
    assert shorten("Short\n  text.", 80) == "Short text."


def test_a_quote_ending_with_its_own_mark_gets_no_doubled_closing_mark():
    assert quoted("He called it “a disgrace”") == "“He called it ‘a disgrace’”"
    assert quoted("“Already quoted.”") == "“Already quoted.”"
    entry = plain_text(replace(CITATION, text="“Already quoted.”"))
    assert "””" not in entry and "“Already quoted.”" in entry


def test_a_demo_citation_says_it_is_invented():
    demo = replace(CITATION, demo=True)
    for formatted in (plain_text(demo), bibtex(demo), ris(demo), csl_json(demo)):
        assert "DEMO DATA: invented documents" in formatted


@pytest.mark.parametrize(
    "speaker, person, author",
    [
        ("Geoffrey Robertson", True, "Robertson, Geoffrey"),
        ("Íngrid Betancourt", True, "Betancourt, Íngrid"),
        ("Mary Ann van der Berg", True, "{van der Berg}, Mary Ann"),
        ("Council of Rivers & Lakes", False, "{Council of Rivers \\& Lakes}"),
    ],
)
def test_bibtex_author_is_last_comma_first_and_organisations_braced(speaker, person, author):
    assert bibtex_author(replace(CITATION, speaker=speaker, speaker_is_person=person)) == author


def test_bibtex_entry_has_permalink_access_date_status_and_version():
    entry = bibtex(CITATION)
    assert entry.startswith("@misc{statement42,\n")
    assert "  author = {Betancourt, Íngrid},\n" in entry
    assert "  title = {Water rights are human rights.},\n" in entry
    assert "  date = {2021-03-02},\n  year = {2021},\n" in entry
    assert "Statement at Water Forum, reported in Forum report, news.example" in entry
    assert "  url = {https://archive.example/statements/42/},\n" in entry
    assert "  urldate = {2026-05-04},\n" in entry
    assert "review status: Verified; data version: import 7" in entry


def test_bibtex_escapes_tex_special_characters():
    assert bibtex_escape("50% & {more} #1 $5 a_b ~ ^ \\") == (
        r"50\% \& \{more\} \#1 \$5 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )
    entry = bibtex(replace(CITATION, text="100% {sure}"))
    assert "title = {100\\% \\{sure\\}}" in entry


def test_ris_record_has_its_tags_and_ends_with_er():
    record = ris(CITATION)
    lines = record.splitlines()
    assert lines[0] == "TY  - GEN"
    assert "AU  - Betancourt, Íngrid" in lines
    assert "UR  - https://archive.example/statements/42/" in lines
    assert "Y2  - 2026/05/04/" in lines
    assert "T2  - Forum report" in lines
    assert any(line.startswith("N1  - ") and "review status: Verified" in line for line in lines)
    assert lines[-1] == "ER  - "


def test_csl_json_validates_against_the_csl_schema():
    for variant in (
        CITATION,
        replace(CITATION, reported=True, date=None, event="", source_title="", source_site=""),
        replace(CITATION, speaker="Council of Rivers", speaker_is_person=False, demo=True),
    ):
        jsonschema.validate(json.loads(csl_json(variant)), CSL_SCHEMA)


def test_csl_json_item_carries_names_dates_url_and_source():
    item = csl_item(CITATION)
    assert item["author"] == [{"family": "Betancourt", "given": "Íngrid"}]
    assert item["issued"] == {"date-parts": [[2021, 3, 2]]}
    assert item["accessed"] == {"date-parts": [[2026, 5, 4]]}
    assert item["URL"] == "https://archive.example/statements/42/"
    assert item["container-title"] == "Forum report"
    assert item["publisher"] == "news.example"
    assert item["event-title"] == "Water Forum"
    assert "review status: Verified" in item["note"]


def test_the_schema_refuses_a_misspelt_variable():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**csl_item(CITATION), "Url": "x"}], CSL_SCHEMA)
