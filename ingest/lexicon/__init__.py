"""Every word list the parser uses, each written once (in the spirit of nameparser's
data-only ``config`` modules): import from here, derive subsets, never copy a list.
"""

from ingest.lexicon.abbreviations import ABBREVIATIONS
from ingest.lexicon.documents import (
    DOCUMENT_NOUNS,
    ELSEWHERE_PHRASES,
    OWNED_DOCUMENTS,
    QUOTED_TEXTS,
    WRITING_VERBS,
)
from ingest.lexicon.function_words import SMALL_WORDS, STOP_WORDS
from ingest.lexicon.organisations import (
    EVENT_WORDS,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    ORG_ANAPHORS,
    ORG_WORDS,
    POSTING_WORDS,
)
from ingest.lexicon.people import HONORIFICS, PARTICLES, POST_NOMINALS, ROLE_WORDS, TITLES
from ingest.lexicon.places import DIRECTIONS, NATIONALITIES
from ingest.lexicon.speech import (
    PARTICIPIAL_PROMISES,
    PARTICIPIAL_REPORTS,
    REPORTING_VERBS,
    STAGE_DIRECTIONS,
)
from ingest.lexicon.words import word_set

__all__ = [
    "ABBREVIATIONS",
    "DIRECTIONS",
    "DOCUMENT_NOUNS",
    "ELSEWHERE_PHRASES",
    "EVENT_WORDS",
    "GENERIC_GROUPS",
    "GROUP_NOUNS",
    "HONORIFICS",
    "NATIONALITIES",
    "ORG_ANAPHORS",
    "ORG_WORDS",
    "OWNED_DOCUMENTS",
    "PARTICIPIAL_PROMISES",
    "PARTICIPIAL_REPORTS",
    "PARTICLES",
    "POSTING_WORDS",
    "POST_NOMINALS",
    "QUOTED_TEXTS",
    "REPORTING_VERBS",
    "ROLE_WORDS",
    "SMALL_WORDS",
    "STAGE_DIRECTIONS",
    "STOP_WORDS",
    "TITLES",
    "WRITING_VERBS",
    "word_set",
]
