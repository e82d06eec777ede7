"""Hypothesis strategies: hostile text built from the pieces the parser looks for, and noise."""

from hypothesis import strategies as st

# Pieces that steer the parser into its rules (names, quotes, verbs, datelines, headlines),
# mixed with arbitrary text so that every rule meets broken input.
FRAGMENTS = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    " said ",
    " says ",
    " told reporters ",
    " added: ",
    " according to ",
    "Anna Berg",
    "Dr. Karl Ostrom",
    "Ms Lund",
    "Berg",
    "The Harbour Workers Union",
    "the union",
    "\n\n",
    "\n",
    ". ",
    ", ",
    "GENEVA, 3 March 2021 — ",
    "Posted on 12/04/2019",
    "Summit on water rights\n\n",
    "Home | About | Contact\n",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\r\n",
    "<script>alert(1)</script>",
    "\x00",
    "\ud7ff",
    "e\u0301",
]

NAMES = ["Anna Berg", "Peter Berg", "Berg", "Dr. Karl Ostrom", "Íngrid Sol", "The Harbour Union"]
_word = st.one_of(
    st.sampled_from(["we", "will", "rebuild", "the", "pier", "Berg", "this", "year", "never"]),
    st.text(max_size=8),
)
_words = st.lists(_word, min_size=1, max_size=12).map(" ".join)

# Whole statements in the shapes the parser knows, with arbitrary words inside.
sentences = st.one_of(
    st.builds("“{},” said {}.\n\n".format, _words, st.sampled_from(NAMES)),
    st.builds("{} said that {}.\n\n".format, st.sampled_from(NAMES), _words),
    st.builds("{} said: “{}”\n\n".format, st.sampled_from(NAMES), _words),
)
_noise = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30))

# A headline, then statements with noise between them: attribution, merging and export all run.
documents = st.builds(
    "{}{}".format,
    st.sampled_from(["", "Harbour works agreed\n\n", "Home | News\nCouncil vote\n\n"]),
    st.lists(st.one_of(sentences, sentences, _noise), max_size=12).map("".join),
)

SEARCH_PARAMS = [
    "q",
    "speaker",
    "event",
    "event_kind",
    "source",
    "kind",
    "status",
    "date_from",
    "date_to",
    "sort",
    "page",
    "format",
]

hostile_values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            '"',
            '"unclosed phrase',
            "-",
            "OR",
            "a OR OR b",
            "--x",
            "&&",
            "!!",
            ":*",
            "\\",
            "'",
            "%",
            "0",
            "-1",
            "99999999999999999999",
            "2021-02-30",
            "9999-12-31",
            "csv",
            "json",
            "xml",
            "date",
            "-date",
            "rank",
            "\x00",
            "<script>",
            "a" * 600,
        ]
    ),
)

search_queries = st.lists(
    st.tuples(st.sampled_from(SEARCH_PARAMS), hostile_values), min_size=1, max_size=5
)
