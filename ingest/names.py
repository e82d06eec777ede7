"""Speaker names: split off titles and roles, normalise and match them (``ingest.name_finder``
finds them in text).

``normalize_name`` and ``names_match`` are also used by ``ingest.services`` to merge the
same person across documents ("Geoffry Hale QC" / "Geoffrey Hale",
"Íngrid Sol" / "Ingrid Sol", "Ken Marsh" / "Kenneth Marsh").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from archive.folding import fold
from ingest.lexicon import (
    GROUP_NOUNS,
    NATIONALITIES,
    ORG_WORDS,
    PARTICLES,
    ROLE_WORDS,
    TITLES,
)

_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")

# Endings that turn a place name into its demonym: Syria+n, Canada+ian, Japan+ese, Israel+i.
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")


@dataclass(frozen=True)
class Mention:
    """A person, organisation or group named in the text."""

    start: int  # offsets of ``surface`` in the source text
    end: int
    name: str  # canonical form: no titles, no role words
    surface: str  # the form as printed (titles kept, role prefix dropped)
    role: str = ""  # role words printed right before the name ("Canadian Senator")
    kind: str = "person"
    role_only: bool = False  # "the UN Special Rapporteur": a description, not a name
    anaphor: bool = False  # "the coalition", "the report": refers back to a named source


@lru_cache(maxsize=16384)
def _key(token: str) -> str:
    """Lower-case a token without its trailing dot and possessive."""
    return _POSSESSIVE.sub("", token).rstrip(".").lower()


@lru_cache(maxsize=4096)
def is_place_word(token: str) -> bool:
    """A country-like name whose demonym is a known nationality ("Syria", "Italy", "Japan")."""
    key = _key(token)
    if len(key) < 4 or key in NATIONALITIES:
        return False
    if any(key + ending in NATIONALITIES for ending in _DEMONYM_ENDINGS):
        return True
    # Italy -> Italian, Ukraine -> Ukrainian, Germany -> German
    stem = key[:-1]
    return key[-1] in "aye" and any(stem + e in NATIONALITIES for e in ("", *_DEMONYM_ENDINGS))


def is_role_word(token: str) -> bool:
    """True for words that describe an office, an institution or a nationality."""
    key = _key(token)
    if key in ROLE_WORDS or key in NATIONALITIES:
        return True
    bare = token.rstrip(".").replace(".", "")
    return len(bare) >= 2 and bare.isupper()  # acronyms: UN, WHO, U.S., MEP


def _is_initial(token: str) -> bool:
    """A middle initial such as "M." or "J."."""
    return bool(re.fullmatch(r"[A-Z]\.", token))


def strip_titles(name: str) -> str:
    """Drop honorifics and post-nominals ("Dr.", "QC", "Sir") from a printed name."""
    words = [w for w in name.replace(",", " ").split() if _key(w) not in TITLES]
    return " ".join(words)


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Comparison key for a name: no accents, case, titles, initials or punctuation."""
    value = fold(name).replace("'", "")
    value = re.sub(r"[^a-z0-9\- ]+", " ", value)
    words = [w.strip("-") for w in value.split()]
    words = [w for w in words if (w and w not in TITLES and len(w) > 1) or w.isdigit()]
    return " ".join(words)


@lru_cache(maxsize=8192)
def _tokens(name: str) -> tuple[str, ...]:
    """Significant tokens of a name for matching (particles dropped)."""
    return tuple(w for w in normalize_name(name).split() if w not in PARTICLES)


@lru_cache(maxsize=8192)
def _parts(name: str) -> tuple[str, ...]:
    """Name tokens with compound surnames split: "Ferreira-Lund" and "Ferreira Lund" agree."""
    words = normalize_name(name).replace("-", " ").split()
    return tuple(w for w in words if w not in PARTICLES)


def _similar(a: str, b: str, threshold: float) -> bool:
    """Two name tokens that are the same word or a small misspelling of it."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b) >= threshold


def _first_names_match(a: str, b: str) -> bool:
    """Given names that agree: equal, misspelt, or one a short form of the other (Ken/Kenneth)."""
    if _similar(a, b, 80):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Word lists of equal length that agree word by word (small misspellings allowed)."""
    return len(a) == len(b) and all(_similar(x, y, 85) for x, y in zip(a, b, strict=True))


def full_names_match(a: str, b: str) -> bool:
    """Two multi-word names for the same person."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    pa, pb = _parts(a), _parts(b)
    if ta == tb or pa == pb:
        return True
    shorter, longer = sorted((pa, pb), key=len)
    # "Castañeda Ruiz", "Solheim Varga": a compound surname without the given name
    if (
        len(shorter) >= 2
        and len(longer) > len(shorter)
        and _same_words(shorter, longer[-len(shorter) :])
    ):
        return True
    if len(ta) < 2 or len(tb) < 2:
        return False
    if not _first_names_match(ta[0], tb[0]):
        return False
    if _similar(ta[-1], tb[-1], 85):
        return True
    shorter, longer = sorted((ta, tb), key=len)
    return any(_similar(shorter[-1], t, 90) for t in longer[1:])


def surname_matches(surname: str, full: str, compound: bool = True) -> bool:
    """A one-word reference ("Marsh", "Okafr") to a full name.

    With ``compound=False`` only a whole surname matches, not one part of a hyphenated
    one ("Dorescu" for "Mihail Dorescu" but not for "Ana Dorescu-Lind").
    """
    s = _tokens(surname)
    t = _tokens(full)
    if len(s) != 1 or not t:
        return False
    if any(_similar(s[0], token, 85) for token in t[1:] or t):
        return True
    if not compound:
        return False
    # one part of a compound surname: "Oyarzun" or "Holt" for "Saskia Oyarzún-Holt",
    # "Addae Sorensen" for "Kofi Addae-Sørensen"
    ps, pt = _parts(surname), _parts(full)[1:]
    if len(ps) == 1:
        return len(ps[0]) >= 4 and any(_similar(ps[0], part, 85) for part in pt)
    return any(_same_words(ps, pt[i : i + len(ps)]) for i in range(len(pt) - len(ps) + 1))


def names_match(forms_a: Iterable[str], forms_b: Iterable[str]) -> bool:
    """True when two sets of name forms (name + aliases) belong to the same speaker."""
    forms_a = [f for f in forms_a if normalize_name(f)]
    forms_b = [f for f in forms_b if normalize_name(f)]
    full_a = [f for f in forms_a if len(_tokens(f)) >= 2]
    full_b = [f for f in forms_b if len(_tokens(f)) >= 2]
    if full_a and full_b:
        return any(full_names_match(a, b) for a in full_a for b in full_b)
    if not full_a and not full_b:
        keys_a = {normalize_name(f) for f in forms_a}
        return bool(keys_a & {normalize_name(f) for f in forms_b})
    singles, fulls = (forms_a, full_b) if not full_a else (forms_b, full_a)
    return any(surname_matches(s, f) for s in singles for f in fulls)


def speaker_kind(phrase: str) -> str:
    """person, organization or group, from the words of a subject phrase."""
    words = [_key(w) for w in phrase.split()]
    if not words:
        return "person"
    if words[-1] in GROUP_NOUNS or (words[-1].endswith("s") and words[-1][:-1] in GROUP_NOUNS):
        return "group"
    if any(w in ORG_WORDS for w in words) or words[0] == "the":
        return "organization"
    return "person"


def is_full_name(name: str) -> bool:
    """A name of at least two significant words."""
    return len(_tokens(name)) >= 2


def surname(name: str) -> str:
    """Last significant word of a name."""
    tokens = _tokens(name)
    return tokens[-1] if tokens else ""
