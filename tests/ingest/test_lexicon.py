"""Word lists live in ingest.lexicon, each once; the parser's modules only import them."""

import re
from pathlib import Path

import pytest

from ingest import lexicon

INGEST = Path(__file__).resolve().parents[2] / "ingest"
PARSER_MODULES = ["names.py", "parse.py", "quotes.py", "reported.py", "text.py", "confidence.py"]


@pytest.mark.parametrize("module", PARSER_MODULES)
def test_parser_modules_define_no_word_lists_of_their_own(module):
    source = (INGEST / module).read_text(encoding="utf-8")
    assert not re.search(r"^\w+ = word_set\(", source, re.MULTILINE)


def test_each_word_list_is_exported_once_from_the_lexicon():
    assert len(lexicon.__all__) == len(set(lexicon.__all__))
    for name in lexicon.__all__:
        assert getattr(lexicon, name)


def test_demonyms_and_titles_are_lower_case_words():
    for words in (lexicon.NATIONALITIES, lexicon.TITLES, lexicon.ROLE_WORDS):
        assert all(w == w.lower() and " " not in w for w in words)
