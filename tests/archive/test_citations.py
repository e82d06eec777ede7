"""Citation formats are pure functions of a ``Citation``: no database needed."""

import json
from dataclasses import replace
from datetime import date

from archive.citations import Citation, bibtex, bibtex_escape, csl_item, csl_json, plain_text, title

CITATION = Citation(
    statement_id=42,
    speaker="Íngrid Betancourt",
    text="Water rights are human rights.",
    reported=False,
    date=date(2021, 3, 2),
    event="Water Forum",
    source_title="Forum report",
    source_site="news.example",
    permalink="https://archive.example/statements/42/",
    accessed=date(2026, 5, 4),
)


def test_plain_text_citation_reads_as_a_reference():
    assert plain_text(CITATION) == (
        "Íngrid Betancourt. “Water rights are human rights.” Water Forum, 2 March 2021. "
        "Reported in Forum report, news.example. Statement Archive, statement 42. "
        "https://archive.example/statements/42/ (accessed 4 May 2026)."
    )


def test_plain_text_citation_marks_reported_speech_and_skips_missing_parts():
    undated = replace(CITATION, reported=True, date=None, event="", source_title="")
    assert plain_text(undated) == (
        "Íngrid Betancourt. “Water rights are human rights.” (reported speech). "
        "Statement Archive, statement 42. "
        "https://archive.example/statements/42/ (accessed 4 May 2026)."
    )


def test_plain_text_citation_closes_the_quote_with_a_full_stop():
    assert "Betancourt. “No more dams.” Water" in plain_text(replace(CITATION, text="No more dams"))


def test_long_statements_are_cut_in_titles():
    text = " ".join(f"word{n}" for n in range(50))
    assert title(text, words=3) == "word0 word1 word2…"
    assert title("Short\n  text.") == "Short text."


def test_bibtex_entry_has_permalink_access_date_and_unsplit_author():
    entry = bibtex(CITATION)
    assert entry.startswith("@misc{statement42,\n")
    assert "  author = {{Íngrid Betancourt}},\n" in entry
    assert "  title = {Water rights are human rights.},\n" in entry
    assert "  date = {2021-03-02},\n  year = {2021},\n" in entry
    assert "  howpublished = {Statement at Water Forum},\n" in entry
    assert "  url = {https://archive.example/statements/42/},\n" in entry
    assert "  urldate = {2026-05-04},\n" in entry
    assert entry.endswith("Accessed 2026-05-04}\n}")


def test_bibtex_escapes_tex_special_characters():
    assert bibtex_escape("50% & {more} #1 $5 a_b ~ ^ \\") == (
        r"50\% \& \{more\} \#1 \$5 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )
    entry = bibtex(replace(CITATION, text="100% {sure}", speaker="A & B"))
    assert "author = {{A \\& B}}" in entry
    assert "title = {100\\% \\{sure\\}}" in entry


def test_csl_json_item_carries_dates_url_and_event():
    item = csl_item(CITATION)
    assert item == {
        "id": "statement-42",
        "type": "speech",
        "title": "Water rights are human rights.",
        "author": [{"literal": "Íngrid Betancourt"}],
        "genre": "Direct quote",
        "publisher": "Statement Archive",
        "URL": "https://archive.example/statements/42/",
        "accessed": {"date-parts": [[2026, 5, 4]]},
        "issued": {"date-parts": [[2021, 3, 2]]},
        "event": "Water Forum",
        "event-title": "Water Forum",
        "container-title": "Forum report",
        "note": "Statement Archive, statement 42",
    }
    assert json.loads(csl_json(CITATION)) == [item]


def test_csl_json_leaves_out_unknown_date_and_event():
    item = csl_item(replace(CITATION, date=None, event="", source_title="", reported=True))
    assert "issued" not in item
    assert "event" not in item
    assert "container-title" not in item
    assert item["genre"] == "Reported speech"
