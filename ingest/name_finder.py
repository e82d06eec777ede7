"""Finding names in text: capitalised runs split into the people, organisations and groups
they name (``find_mentions``), and references back to a source named earlier
(``find_anaphora``). ``ingest.names`` normalises and matches the names found.
"""

import re
from dataclasses import replace
from itertools import pairwise

from ingest.lexicon import (
    DIRECTIONS,
    DOCUMENT_NOUNS,
    EVENT_WORDS,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    HONORIFICS,
    ORG_ANAPHORS,
    ORG_WORDS,
    OWNED_DOCUMENTS,
    PARTICLES,
    POST_NOMINALS,
    POSTING_WORDS,
    STOP_WORDS,
    TITLES,
)
from ingest.names import (
    _POSSESSIVE,
    Mention,
    _is_initial,
    _key,
    is_place_word,
    is_role_word,
    speaker_kind,
    strip_titles,
)

_TOKEN = (
    r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-Þ][\w’'\-]*\.?|(?:al|el|bin|ibn|abu|ad|ar|as)-[A-ZÀ-Þ][\w’'\-]*)"
)

_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|of|for|bin|ibn)"

_RUN = re.compile(rf"{_TOKEN}(?:[ \u00a0]+(?:(?:{_PARTICLE}|and|&)[ \u00a0]+)?{_TOKEN})*")

_JOINER = re.compile(r"[ \u00a0]+(?:and|&)[ \u00a0]+")


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
