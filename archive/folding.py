"""The fold for comparing names and words: the contract between ingest and the archive.

Ingest stores every speaker alias folded (``SpeakerAlias.normalized``) and matches names by
it; the archive folds a visitor's name search the same way. A statement's ``fingerprint`` is
the hash of its folded words, which ingest looks quotes up by. Imported by both (and by the
test factories and the bench corpus); it imports nothing of the app.
"""

import hashlib
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def fold(value: str) -> str:
    """Lower-case, strip accents and unify quote marks, for comparisons only."""
    value = unicodedata.normalize("NFKD", value.translate(_UNDECOMPOSED))
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = value.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return value.lower()


def comparable(text: str) -> str:
    """A quote reduced to its lower-case unaccented words, for comparing two sources."""
    return " ".join(re.findall(r"\w+", fold(text)))


def fingerprint(text: str) -> str:
    """Hash of a quote's letters and digits, lower-cased and unaccented."""
    return hashlib.sha256(comparable(text).encode()).hexdigest()
