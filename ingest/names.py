"""Speaker names: find them in text, split off titles and roles, normalise and match them.

``normalize_name`` and ``names_match`` are also used by ``ingest.services`` to merge the
same person across documents ("Geoffry Hale QC" / "Geoffrey Hale",
"Íngrid Sol" / "Ingrid Sol", "Ken Marsh" / "Kenneth Marsh").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from ingest.lexicon import (
    DIRECTIONS,
    DOCUMENT_NOUNS,
    EVENT_WORDS,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    HONORIFICS,
    NATIONALITIES,
    ORG_ANAPHORS,
    ORG_WORDS,
    OWNED_DOCUMENTS,
    PARTICLES,
    POST_NOMINALS,
    POSTING_WORDS,
    ROLE_WORDS,
    STOP_WORDS,
    TITLES,
)
from ingest.text import fold

# Endings that turn a place name into its demonym: Syria+n, Canada+ian, Japan+ese, Israel+i.
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")


_TOKEN = (
    r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-Þ][\w’'\-]*\.?|(?:al|el|bin|ibn|abu|ad|ar|as)-[A-ZÀ-Þ][\w’'\-]*)"
)
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|of|for|bin|ibn)"
_RUN = re.compile(rf"{_TOKEN}(?:[ \u00a0]+(?:(?:{_PARTICLE}|and|&)[ \u00a0]+)?{_TOKEN})*")
_JOINER = re.compile(r"[ \u00a0]+(?:and|&)[ \u00a0]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


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


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitalised run at full stops that end a sentence rather than an initial."""
    pieces = []
    cursor = start
    for match in re.finditer(r"\S+", text[start:end]):
        token = match.group()
        acronym = re.fullmatch(r"(?:[A-Z]\.){2,}", token)  # "U.S.", "U.N." end no sentence
        if token.endswith(".") and not _is_initial(token) and _key(token) not in TITLES:
            if acronym:
                continue
            stop = start + match.end() - 1
            pieces.append((cursor, stop))
            cursor = start + match.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s and text[s:e].strip()]


def _mention_from_run(text: str, start: int, end: int) -> Mention | None:
    """Turn one capitalised run into a mention, splitting off role words in front."""
    tokens = [
        (m.start() + start, m.end() + start, m.group())
        for m in re.finditer(r"\S+", text[start:end])
    ]
    while tokens and (_key(tokens[-1][2]) in PARTICLES or _key(tokens[-1][2]) in POST_NOMINALS):
        tokens.pop()
    if not tokens:
        return None
    if _key(tokens[-1][2]) in EVENT_WORDS:
        return None  # "Harvest Rally", "Free Expression Summit": an event, not a speaker
    last_role = -1
    keys = [_key(t[2]) for t in tokens]
    # "...Network", "Council of Resistance of Norland", "University of Tromsdal"
    org_name = keys[-1] in ORG_WORDS or any(
        k in ORG_WORDS and nxt in ("of", "for") for k, nxt in pairwise(keys)
    )
    for i, (_, _, token) in enumerate(tokens):
        # a possessive inside a personal name's run ends what it qualifies ("Norland’s Prime
        # Minister X"); inside an organisation's name it belongs to it ("Reporters' Union")
        owned = not org_name and i < len(tokens) - 1 and _POSSESSIVE.search(token)
        if is_role_word(token) or _key(token) in STOP_WORDS or owned:
            last_role = i
    # "Southern Observatory", "North Sea Alliance": a compass word can start an org's name
    org_stops = STOP_WORDS - DIRECTIONS
    if org_name and any(
        not is_role_word(t[2]) and _key(t[2]) not in org_stops | ORG_WORDS | PARTICLES
        for t in tokens
    ):
        # "Wellspring Rights Network", "National Press Club": role words inside a proper
        # organisation name belong to it
        last_role = -1
        while _key(tokens[last_role + 1][2]) in org_stops:
            last_role += 1
    name_tokens = tokens[last_role + 1 :]
    if len(name_tokens) == 1 and is_place_word(name_tokens[0][2]):
        return None
    if (
        not org_name
        and last_role >= 1
        and keys[last_role] in ("of", "for")
        and is_role_word(tokens[last_role - 1][2])
    ):
        return None  # "Minister for Higher Education": an office's portfolio, not a name
    if not org_name:
        # "Mayor Ana Ruiz of Dembela": the place after a full personal name is not part of it
        name_keys = [_key(t[2]) for t in name_tokens]
        if "of" in name_keys[2:] and not set(name_keys[:2]) & PARTICLES:
            name_tokens = name_tokens[: name_keys.index("of", 2)]
    # honorifics stay in the printed form: "Mrs. Okafor", "Sir John Hale"
    first = last_role + 1
    while first > 0 and _key(tokens[first - 1][2]) in TITLES - {"former", "ex"}:
        if _key(tokens[first - 1][2]) in {"president", "minister", "justice", "general"}:
            break
        first -= 1
    if not name_tokens:
        phrase_tokens = [t for t in tokens if _key(t[2]) not in STOP_WORDS or _key(t[2]) == "the"]
        if not phrase_tokens or all(_key(t[2]) in STOP_WORDS for t in phrase_tokens):
            return None
        s, e = phrase_tokens[0][0], phrase_tokens[-1][1]
        if _key(phrase_tokens[0][2]) != "the" and s > start and text[start:s].strip() == "The":
            s = start
        surface = _POSSESSIVE.sub("", text[s:e])
        kind = speaker_kind(surface)
        if kind == "person" or (len(phrase_tokens) < 2 and kind != "group"):
            return None
        name = surface.removeprefix("The ").strip()
        only = all(is_role_word(t[2]) or _key(t[2]) in STOP_WORDS for t in phrase_tokens)
        return Mention(s, s + len(surface), name, surface, "", kind, role_only=only)
    while name_tokens and _key(name_tokens[0][2]) in PARTICLES:
        name_tokens = name_tokens[1:]
    if not name_tokens:
        return None
    s = tokens[first][0]
    e = name_tokens[-1][1]
    surface = _POSSESSIVE.sub("", text[s:e]).rstrip(".,")
    name = strip_titles(_POSSESSIVE.sub("", text[name_tokens[0][0] : e]).rstrip(".,"))
    if not name or not any(c.isalpha() for c in name):
        return None
    role_words = [t[2] for t in tokens[: last_role + 1] if _key(t[2]) not in HONORIFICS]
    role = " ".join(role_words)
    kind = "organization" if any(_key(t[2]) in ORG_WORDS for t in name_tokens) else "person"
    if kind == "organization" and first > 0 and _key(tokens[first - 1][2]) == "the":
        s = tokens[first - 1][0]
        surface = _POSSESSIVE.sub("", text[s:e]).rstrip(".,")
    return Mention(s, s + len(surface), name, surface, role, kind)


# Case-sensitive on purpose: with IGNORECASE, [A-Z] would match every word and the
# regex would try every position of every paragraph (it was most of the parse time).
_GROUP = re.compile(
    r"\b(?:(?:[Tt]he|[Aa] group of|[Dd]ozens of|[Mm]any|\d+)[ \u00a0]+){0,2}"
    r"(?:(?:[A-Z][\w\-]*|prominent|cross-party|several|other)[ \u00a0]+)*"
    r"\b(?i:" + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True)) + r")\b",
)


def _group_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Plural subjects such as "A group of Nobel laureates" or "The British MPs"."""
    found = []
    for match in _GROUP.finditer(text, start, end):
        surface = match.group().strip()
        words = surface.split()
        head = words[-1]
        modifiers = [w for w in words[:-1] if w[0].isupper() and _key(w) not in STOP_WORDS]
        if (
            not modifiers
            and not head[0].isupper()
            and not re.match(r"(?i)the|a group|dozens|\d", surface)
        ):
            continue
        if not modifiers and _key(head) in GENERIC_GROUPS:
            continue  # "Speakers called for", "the protesters": nobody in particular
        name = " ".join([*modifiers, head]) if modifiers else head
        found.append(Mention(match.start(), match.end(), name, surface, "", "group"))
    return found


def _org_with_and(text: str, start: int, end: int) -> Mention | None:
    """ "The Allied Transport and Logistics Union": one organisation, "and" inside its name."""
    surface = _POSSESSIVE.sub("", text[start:end]).rstrip(".,")
    words = surface.split()
    if _key(words[-1]) not in ORG_WORDS or any(_key(w) in TITLES for w in words):
        return None
    name = surface.removeprefix("The ").strip()
    return Mention(start, start + len(surface), name, surface, "", "organization")


# "Lena MarsUnion delegate": a page that lost the space between a name and what follows
_RUN_TOGETHER = re.compile(r"(?<=[a-zß-ÿ]{3})(?=[A-ZÀ-Þ][a-zß-ÿ])")


def _unjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run where a later word runs into the next one without a space ("WhatsApp",
    one word, stays whole: only a word after the first can have lost its space)."""
    first_space = text.find(" ", start, end)
    if first_space < 0:
        return [(start, end)]
    cut = _RUN_TOGETHER.search(text, first_space, end)
    if not cut:
        return [(start, end)]
    return [(start, cut.start()), *_unjoined(text, cut.start(), end)]


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised runs; "A and B" stays one run only when it names an organisation."""
    found = []
    for match in _RUN.finditer(text, start, end):
        for s, e in _unjoined(text, *match.span()):
            found.extend(_joined_runs(text, s, e))
    return found


def _joined_runs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """One capitalised run, split at "and" unless it names an organisation."""
    joiners = list(_JOINER.finditer(text, s, e))
    if not joiners or _org_with_and(text, s, e):
        return [(s, e)]
    found = []
    for joiner in joiners:
        found.append((s, joiner.start()))
        s = joiner.end()
    found.append((s, e))
    return found


_POSTING_PLACE = re.compile(
    r"[ \u00a0]+in[ \u00a0]+([A-ZÀ-Þ][\w’'\-]*(?:[ \u00a0]+[A-ZÀ-Þ][\w’'\-]*)?)"
)


def _with_posting(text: str, mention: Mention, end: int) -> Mention:
    """Extend an embassy's or consulate's name with the city it sits in."""
    if mention.kind != "organization" or _key(mention.name.split()[-1]) not in POSTING_WORDS:
        return mention
    match = _POSTING_PLACE.match(text, mention.end, end)
    if not match or any(_key(w) in STOP_WORDS for w in match.group(1).split()):
        return mention
    tail = text[mention.end : match.end()]
    return replace(
        mention, end=match.end(), name=mention.name + tail, surface=mention.surface + tail
    )


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Capitalised name runs in ``text[start:end]`` that can name a speaker."""
    end = len(text) if end is None else end
    found = []
    for run_start, run_end in _runs(text, start, end):
        joined = _JOINER.search(text, run_start, run_end)
        if joined and (mention := _org_with_and(text, run_start, run_end)):
            found.append(mention)
            continue
        for s, e in _split_run(text, run_start, run_end):
            mention = _mention_from_run(text, s, e)
            if mention:
                found.append(mention)
    extended = [x for m in found if (x := _with_posting(text, m, end)) is not m]
    if extended:
        found = [
            next((x for x in extended if x.start == m.start), m)
            for m in found
            if not any(x.start < m.start < x.end for x in extended)
        ]
    groups = _group_mentions(text, start, end)
    for group in groups:
        overlapping = [m for m in found if m.start < group.end and group.start < m.end]
        # "the Harbour Families Association": a group noun inside a longer organisation's
        # name does not replace it
        if all(m.end <= group.end for m in overlapping):
            found = [m for m in found if m not in overlapping]
            found.append(group)
    return sorted(found, key=lambda m: m.start)


_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:new|annual|latest|final|joint|full|written|short|recent)\s+)?("
    + "|".join(sorted(ORG_ANAPHORS | DOCUMENT_NOUNS, key=len, reverse=True))
    # "the Society", "the Commission": the short form of a name given in full earlier, but
    # not the start of a longer name ("the Commission Against ...")
    + "|(?:"
    + "|".join(sorted((n.capitalize() for n in ORG_ANAPHORS), key=len, reverse=True))
    + r")(?![\w\-]|\s+[A-Z&])"
    + r")\b(?!\s+(?:of|for|on)\s+[A-Z])"
)


# What follows a possessive: a document ("’s annual report") keeps the owner as its author.
_OWNED_WORDS = re.compile(r"(?:’s|'s|’|')\s+((?:[\w\-]+[ \u00a0]*){1,3})")


def find_anaphora(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """ "the coalition", "the network’s", "the report": references to a source named earlier."""
    end = len(text) if end is None else end
    found = []
    for match in _ANAPHOR.finditer(text, start, end):
        owned = _OWNED_WORDS.match(text, match.end(), min(end, match.end() + 40))
        if owned and not OWNED_DOCUMENTS & set(owned.group(1).lower().split()):
            continue  # "the union’s general secretary" is a person, not the union
        noun = match.group(1).lower()
        kind = "document" if noun in DOCUMENT_NOUNS else "organization"
        found.append(
            Mention(match.start(), match.end(), noun, match.group(), "", kind, anaphor=True)
        )
    return found


def is_full_name(name: str) -> bool:
    """A name of at least two significant words."""
    return len(_tokens(name)) >= 2


def surname(name: str) -> str:
    """Last significant word of a name."""
    tokens = _tokens(name)
    return tokens[-1] if tokens else ""
