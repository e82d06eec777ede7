"""Cross-document identity: when name forms from different sources are one speaker.

Inside one post the parser resolves "Berg" to the "Anna Berg" introduced there. Across
documents the archive is stricter, so that two people never become one and the result does not
depend on which file came first:

- only full forms ("Anna Berg", "José Marín Solano") are cross-document aliases of a person;
  a surname ("Berg"), an initial with a surname ("A. Berg") or the tail of a longer form of the
  same speaker ("Marín Solano") is kept as a spelling (search finds it) but never matches a
  speaker of another document;
- two full forms are one person only when their surnames agree (``names_match`` rules) and
  their given names are the same name: equal, accents aside, a known variant (Bob/Robert), a
  transliteration (Mohammed/Muhammad) or a short form (Ken/Kenneth); Peter and Petra, Jan and
  Jana are two people until an editor says otherwise;
- the canonical name and the spelling kept for each alias are chosen from all the forms seen,
  by a fixed order (most complete, accents kept, no titles), never "the first one imported".

The same goes for events (``same_event``: name, dates, kind and place weighed together) and
statements (``SAME_STATEMENT_RATIO``): every "is this the same one?" threshold lives here.

Pure functions over strings: no database.
"""

import re
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from archive.folding import fold
from ingest.dates import days_between
from ingest.names import (
    PARTICLES,
    TITLES,
    full_names_match,
    is_full_name,
    names_match,
    normalize_name,
)
from ingest.types import ParsedEvent

# A given name shorter than this is never taken as the short form of a longer one ("Al").
MIN_SHORT_GIVEN_NAME = 3

# Given names at least this long may match by their consonant skeleton (transliterations:
# Mohammed/Muhammad, Aleksandr/Alexander); shorter ones must agree letter for letter (spelling
# folded), or Dan and Don would be one name.
MIN_SKELETON_LENGTH = 5

# What a longer given name adds to a shorter one when they are two names, usually a woman's and
# a man's (Jan/Jana, Paul/Paula/Pauline, Carl/Carla, Don/Donna): then no short form.
GENDERED_ENDINGS = frozenset(
    [
        "a",
        "e",
        "ia",
        "ie",
        "na",
        "ne",
        "ina",
        "ine",
        "ette",
        "etta",
        "elle",
        "ella",
        "lle",
        "la",
        "le",
    ]
)

# Known variants of a given name (diminutives and spellings no rule finds): each line one name.
GIVEN_NAME_VARIANTS = (
    "robert bob bobby rob robbie bert",
    "william bill billy will willy liam",
    "richard dick rick ricky rich",
    "james jim jimmy jamie",
    "john jack johnny jon",
    "elizabeth liz lizzie beth betty eliza",
    "margaret maggie meg peggy",
    "katherine catherine kathryn kate kathy katie cathy",
    "michael mike mick mickey",
    "thomas tom tommy",
    "joseph josef joe joey",
    "charles charlie chuck",
    "edward ed eddie ted ned",
    "anthony antony tony",
    "christopher chris kit",
    "nicholas nick nicky",
    "alexander aleksandr alex sasha sandy",
    "daniel dan danny",
    "david dave davy",
    "samuel sam sammy",
    "benjamin ben benny",
    "matthew matt",
    "andrew andy drew",
    "stephen steven steve",
    "patrick pat paddy",
    "susan sue susie",
    "jennifer jen jenny",
    "rebecca becky",
    "deborah debbie deb",
    "victoria vicky tori",
    "frederick fred freddie",
    "gregory greg",
    "kenneth ken kenny",
    "lawrence laurence larry",
    "leonard len lenny",
    "ronald ron ronnie",
    "donald don donnie",
    "timothy tim timmy",
    "peter pete",
    "gerald gerry",
    "harold harry hal",
    "henry harry hank",
    "theodore ted teddy theo",
    "francisco paco",
    "jose pepe",
    "dmitri dmitry dima",
    "mikhail misha",
    "yekaterina ekaterina katya",
    "yevgeny evgeny zhenya",
)

_VARIANT_GROUPS: dict[str, set[int]] = {}
for _index, _line in enumerate(GIVEN_NAME_VARIANTS):
    for _name in _line.split():
        _VARIANT_GROUPS.setdefault(_name, set()).add(_index)

_VOWELS = set("aeiouy")


def _words(form: str) -> list[str]:
    """Significant words of a normalised form, hyphenated surnames split, particles dropped."""
    return [w for w in normalize_name(form).replace("-", " ").split() if w not in PARTICLES]


def given_name(form: str) -> str:
    """First significant word of a full name ("" for a one-word name)."""
    words = _words(form)
    return words[0] if len(words) >= 2 else ""


def _spelling_key(name: str) -> str:
    """A given name with spelling-only differences folded: ph/f, c/k, silent h, double letters."""
    value = fold(name).replace("ph", "f")
    value = re.sub(r"c(?![eiy])", "k", value)
    value = re.sub(r"(?<=[^aeiou])h", "", value)  # John/Jon, Thomas/Tomas
    value = re.sub(r"(.)\1+", r"\1", value)
    return re.sub(r"y$", "i", value)


def _skeleton(name: str) -> str:
    """First letter, the consonants after it, and a final vowel: Mohammed/Muhammad -> mhmd."""
    key = _spelling_key(name).replace("ks", "x").replace("kh", "h")
    consonants = re.sub(r"(.)\1+", r"\1", "".join(c for c in key[1:] if c not in _VOWELS))
    ending = key[-1] if key[-1] in _VOWELS else ""
    return key[:1] + consonants + ending


def given_names_compatible(a: str, b: str) -> bool:
    """Two given names that may belong to one person (see the module docstring)."""
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    if a == b or _spelling_key(a) == _spelling_key(b):
        return True
    if _VARIANT_GROUPS.get(a, set()) & _VARIANT_GROUPS.get(b, set()):
        return True
    if min(len(a), len(b)) >= MIN_SKELETON_LENGTH and _skeleton(a) == _skeleton(b):
        return True
    short, long_ = sorted((a, b), key=len)
    return (
        len(short) >= MIN_SHORT_GIVEN_NAME
        and long_.startswith(short)
        and long_[len(short) :] not in GENDERED_ENDINGS
    )


def _is_tail(short: list[str], long_: list[str]) -> bool:
    return len(short) < len(long_) and long_[len(long_) - len(short) :] == short


def best_spelling(spellings: Iterable[str]) -> str:
    """One spelling of a name: without titles, with accents, then the shortest, then A-Z."""

    def rank(spelling: str) -> tuple:
        titled = any(w.rstrip(".").lower() in TITLES for w in spelling.split())
        accented = sum(1 for c in spelling if ord(c) > 127 and c.isalpha())
        return (titled, -accented, len(spelling), spelling)

    return min(spellings, key=rank)


def all_forms(name: str, aliases: Iterable[str]) -> dict[str, str]:
    """Lookup form -> best spelling of every form of a name (all are kept as aliases, for search)."""
    spellings: dict[str, list[str]] = {}
    for spelling in (name, *aliases):
        if key := normalize_name(spelling)[:200]:
            spellings.setdefault(key, []).append(spelling[:200])
    return {key: best_spelling(found) for key, found in spellings.items()}


def alias_forms(name: str, aliases: Iterable[str], kind: str) -> dict[str, str]:
    """Lookup form -> spelling of the forms that may identify this speaker in other documents.

    A person's short forms (a surname, an initial and a surname, the tail of a longer form) are
    dropped when a full form exists; a speaker known by one word only keeps that word.
    """
    forms = all_forms(name, aliases)
    if kind != "person":
        return forms
    full = [key for key in forms if is_full_name(key)]
    if not full:
        return forms
    words = {key: _words(key) for key in full}
    return {
        key: forms[key]
        for key in full
        if not any(_is_tail(words[key], words[other]) for other in full if other != key)
    }


def same_speaker(found: dict[str, str], known: dict[str, str], kind: str) -> bool:
    """True when two sets of cross-document forms (from ``alias_forms``) are one speaker."""
    if kind != "person":
        return bool(found.keys() & known.keys()) or names_match(found.values(), known.values())
    full_a = [k for k in found if is_full_name(k)]
    full_b = [k for k in known if is_full_name(k)]
    if not full_a and not full_b:
        return bool(found.keys() & known.keys())  # one-word names: only the same word
    if not full_a or not full_b:
        return False  # a surname alone never resolves a full name in another document
    agreeing = False
    for a in full_a:
        for b in full_b:
            compatible = given_names_compatible(given_name(a), given_name(b))
            if _words(a)[-1] == _words(b)[-1] and not compatible:
                return False  # Anna Berg and Peter Berg: two people
            if compatible and full_names_match(_with_given_name(a, given_name(b)), b):
                agreeing = True
    return agreeing


def _with_given_name(form: str, given: str) -> str:
    """``form`` with its first word replaced, so names.py compares the rest (Bob/Robert Lund)."""
    words = normalize_name(form).split()
    return " ".join([given, *words[1:]])


def canonical_name(spellings: Iterable[str]) -> str:
    """The name to show for a speaker: the most complete of its forms, spelt by ``best_spelling``."""
    by_key: dict[str, list[str]] = {}
    for spelling in spellings:
        by_key.setdefault(normalize_name(spelling), []).append(spelling)
    best = {key: best_spelling(found) for key, found in by_key.items()}
    key = min(best, key=lambda k: (-len(_words(k)), -len(k), best[k]))
    return best[key]


def canonical_event_name(names: Iterable[str]) -> str:
    """One name for an event reported under several: the shortest, then A-Z (not the first)."""
    return min((n for n in names if n), key=lambda n: (len(n), n))


def canonical_description(descriptions: Iterable[str]) -> str:
    """One role description from several sources: the longest, then A-Z (not the first)."""
    return min((d for d in descriptions if d), key=lambda d: (-len(d), d), default="")


# --- Speakers in the database ------------------------------------------------------------------

# Trigram similarity (pg_trgm) of a new name to an archived speaker's aliases before
# ``same_speaker`` is asked: a shortlist, not a verdict.
SPEAKER_SHORTLIST_SIMILARITY = 0.4

# --- Statements ---------------------------------------------------------------------------------

# rapidfuzz ratio of two quotes (folded words) at or above which they are one statement.
SAME_STATEMENT_RATIO = 92
# A curated passage whose words changed is still found again at this ratio (and flagged).
REWORDED_RATIO = 80

# --- Events -------------------------------------------------------------------------------------

SAME_UNDATED_EVENT_NAMES = 85  # name similarity that makes two undated events of a kind one
SAME_EVENT_MAX_DAYS_APART = 2  # reports of one event date it at most this far apart
SAME_EVENT_EVIDENCE = 70  # name similarity, less 10 a day apart, +10 same kind, +-15 place
SAME_PLACE, OTHER_PLACE = 80, 40  # place similarity that counts for / against


def _norm(text: str) -> str:
    """Lowercase words without digits-only tokens and punctuation, for fuzzy comparison."""
    words = re.findall(r"[^\W\d_]+", (text or "").lower())
    return " ".join(words)


def _similar(a: str, b: str) -> float:
    """0-100 similarity of two short texts, order-insensitive."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a, b)


def _range_gap(a: ParsedEvent, b: ParsedEvent) -> int:
    """Days from ``b``'s start to ``a``'s run of days (0 when it falls inside it)."""
    if a.start_date is None or b.start_date is None or a.end_date is None:
        return days_between(a.start_date, b.start_date) if a.start_date and b.start_date else 0
    if a.start_date <= b.start_date <= a.end_date:
        return 0
    return min(days_between(a.start_date, b.start_date), days_between(a.end_date, b.start_date))


def same_event(a: ParsedEvent, b: ParsedEvent) -> bool:
    """Whether two events from different documents are the same real event."""
    names = _similar(a.name, b.name)
    if a.start_date is None or b.start_date is None:
        return a.kind == b.kind and names >= SAME_UNDATED_EVENT_NAMES
    gap = min(days_between(a.start_date, b.start_date), _range_gap(a, b), _range_gap(b, a))
    if gap > SAME_EVENT_MAX_DAYS_APART:
        return False
    evidence = names - 10 * gap + (10 if a.kind == b.kind else 0)
    if a.location and b.location:
        places = _similar(a.location, b.location)
        evidence += 15 if places >= SAME_PLACE else -15 if places < OTHER_PLACE else 0
    return evidence >= SAME_EVENT_EVIDENCE


def merge_events(a: ParsedEvent, b: ParsedEvent) -> ParsedEvent:
    """One event from two reports of it: the earlier date (posts follow events), fuller fields."""
    dates = [d for d in (a.start_date, b.start_date) if d is not None]
    ends = [d for d in (a.end_date, b.end_date) if d is not None]
    return replace(
        a,
        start_date=min(dates, default=None),
        end_date=max(ends, default=None),
        location=a.location if len(a.location) >= len(b.location) else b.location,
        description=a.description or b.description,
    )
