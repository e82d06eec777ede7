"""The attribution rules: an ordered, named table, and the rule each kind of quote meets."""

import pytest

from ingest.attribution import ATTRIBUTION_RULES
from ingest.parse import parse_document


def test_rules_are_tried_in_a_fixed_named_order():
    assert [name for name, _ in ATTRIBUTION_RULES] == [
        "continued-paragraph",
        "name-label",
        "said-after",
        "open-quote-goes-on",
        "said-before",
        "same-paragraph",
        "colon-intro",
        "heading",
        "recent-speaker",
    ]


CASES = [
    ("“The pier must reopen,” said Mayor Ilse Varnholt.", "said-after"),
    ("“The pier must reopen,” according to Ilse Varnholt.", "according-to"),
    ("Mayor Ilse Varnholt said: “The pier must reopen.”", "said-before"),
    ("Ilse Varnholt: “The pier must reopen.”", "name-label"),
    ("Mayor Ilse Varnholt spoke first. She said: “The pier must reopen.”", "pronoun"),
]


@pytest.mark.parametrize(("paragraph", "rule"), CASES)
def test_each_kind_of_attribution_names_its_rule(paragraph, rule):
    doc = parse_document(f"Harbour Council\n\n{paragraph}\n")
    direct = [s for s in doc.statements if s.kind == "direct"]
    assert [s.rule for s in direct] == [rule]
    assert 0.0 < direct[0].confidence <= 1.0


def test_interviewers_question_has_no_speaker():
    doc = parse_document(
        "Interview\n\nQ: “Will the pier reopen?”\n\nIlse Varnholt: “It will, in May.”\n"
    )
    names = {s.key: s.name for s in doc.speakers}
    assert [(s.rule, names.get(s.speaker_key)) for s in doc.statements] == [
        ("interviewer", None),
        ("name-label", "Ilse Varnholt"),
    ]
