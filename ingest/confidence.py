"""How reliable each attribution rule is: the confidence a statement carries.

Calibrated on the real annotated pages (``../shared/realdev``) and the samples with
``python -m tools.confidence_bands realdev seeds --rules``: roughly the share of characters
a rule attributes to the right speaker there, rounded down, lower for rules that guess from
context alone. Editors review low-confidence statements first.
"""

RULE_CONFIDENCE = {
    # direct quotes
    "said-after": 0.85,  # “...,” said X / “...,” X added.
    "said-before": 0.9,  # X said: “...” in the same sentence
    "according-to": 0.85,  # “...,” according to X
    "name-label": 0.9,  # X: “...” (a speaker label)
    "heading": 0.9,  # a line naming the speaker above the quoted paragraphs
    "message": 0.85,  # a letter or message read out, paragraph by paragraph
    "colon-intro": 0.85,  # the previous paragraph ends "X said:"
    "continued-paragraph": 0.85,  # a quotation left open by the previous paragraph
    "same-paragraph": 0.8,  # a second quote in a paragraph whose first quote is attributed
    "said-earlier": 0.75,  # a reporting clause in an earlier sentence of the paragraph
    "pronoun": 0.75,  # he/she said: the most recent person in subject position
    "named-before": 0.5,  # a name opens the sentence, no reporting verb
    "recent-speaker": 0.4,  # nothing in the paragraph: the last speaker of the post
    "sentence-subject": 0.75,  # a partial quote inside a reported sentence of X
    "joint": 0.7,  # A and B said / released the following statement: one statement each
    "interviewer": 0.0,
    # reported speech
    "reported-verb": 0.8,  # X urged / demanded / said that ...
    "reported-pronoun": 0.75,  # she warned that ...
    "relative-clause": 0.55,  # X, who said that ...
    "participial": 0.7,  # X spoke for an hour, saying that ...
    "passive-agent": 0.7,  # a motion, proposed by X, asked ...
    "role-noun": 0.65,  # the senator said ... (the recent speaker with that role)
    "role-noun-recent": 0.5,  # the party's leader said ... (no one so described: the recent person)
    "opinion-intro": 0.8,  # in X's view, ...
    "said-after-sentence": 0.75,  # ..., X said.
    "according-to-after": 0.6,  # ..., according to X. (X may be only the source of a figure)
    "reported-chain": 0.45,  # a further sentence of the same speaker's report
}


def confidence(rule: str) -> float:
    """Confidence of a statement attributed by ``rule`` (0.5 for a rule not yet measured)."""
    return RULE_CONFIDENCE.get(rule, 0.5)
