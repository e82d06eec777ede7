"""Where an event took place and what to call it (pure functions on sentences)."""

import calendar
import re

from ingest.event_kinds import OPINION_RE, cue
from ingest.event_text import all_sentences, lead

_CAPS = r"[A-Z0-9][\w’'.-]*(?:\s+(?:(?:of|de|du|des|la|le|and|for|the)\s+)*[A-Z0-9][\w’'.-]*)*"
_PLACE = rf"(?:the\s+)?{_CAPS}(?:,\s+{_CAPS})?(?:\s+in\s+{_CAPS}(?:,\s+{_CAPS})?)?"
_WHEN = r"(?:\s+(?:today|yesterday|on\s+\w+(?:\s+\d+\w*)?),?)?"
_LOCATION_RES = (
    re.compile(rf"\b(?:held|took place|gathered|rallied|convened){_WHEN}\s+(?:in|at)\s+({_PLACE})"),
    re.compile(rf"\bvisit(?:ed|s)?\s+({_PLACE})"),
    re.compile(rf"\b(?:in|at)\s+({_PLACE})"),
)
_CAPTION_PLACE_RE = re.compile(rf"({_PLACE})\s*[–—,-]?\s*$")
_NOT_PLACE_WORDS = frozenset(
    [w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name) if w]
    + ["sept", "this", "that", "these", "those", "his", "her", "their", "our", "its", "a", "an"]
)
_EVENT_WORD_RE = re.compile(
    r"\b(?:Conference|Summit|Rally|Exhibition|Panel|Symposium|Seminar|Forum|Gathering|Session"
    r"|Meeting|Event)s?\b",
    re.IGNORECASE,
)


_RUN_IN_RE = re.compile(r"[a-z]{3,}[A-Z][a-z]")


def _clean_place(place: str) -> str:
    """A place phrase without a leading "the", possessives or an event name in front."""
    place = re.split(r"[’']s\b", place)[0].strip(" ,.")
    if _EVENT_WORD_RE.search(place):  # "the Harvest Rally in Lyon" -> "Lyon"
        place = place.rpartition(" in ")[2] if " in " in place else ""
    place = re.sub(r"\s+in\s+", ", ", re.sub(r"^the\s+", "", place))
    place = re.split(r"(?<=\.)(?=[A-Z][a-z])", place)[0]  # "Miami, Fla.Jane Roe / Agency"
    words = place.split()
    if not words or words[0].lower().strip(".,") in _NOT_PLACE_WORDS or len(words) > 12:
        return ""
    if _RUN_IN_RE.search(place):
        return ""  # "Read MoreStatement of ...": link text run into the next headline
    return place if re.search(r"[A-Z][a-z]", place) else ""


def location_in(sentence: str, date_start: int | None = None) -> str:
    """The place a sentence names ("held in", "visited", "in <Place>", "<Place> – <date>")."""
    found = cue(sentence, need_context=False)
    after = found[0] if found else 0
    for regex in _LOCATION_RES:
        # A place named after the cue word ("session of the General Assembly in New York")
        # describes the event better than one before it ("prices in Spain").
        matches = sorted(regex.finditer(sentence), key=lambda m: m.start() < after)
        for m in matches:
            place = _clean_place(m[1])
            if place:
                return place
    if date_start is not None:
        m = _CAPTION_PLACE_RE.search(sentence[:date_start])
        if m:
            return _clean_place(m[1])
    return ""


# "Nordic Water Summit 2019", "Harbour Convention for Clean Seas": a proper event name
_PROPER_CUE_RE = re.compile(
    r"(?:[A-Z][\w’'-]*\s+){1,5}(?:Conference|Convention|Summit|Rally|Exhibition|Panel|Symposium"
    r"|Seminar|Forum|Gathering|Session|Ceremony|Vigil|Festival)"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,5})?"
    r"(?:\s+\d{4})?"
)


def _clean_title(title: str) -> str:
    """A headline without hashtags, labels like "ANALYSIS:" and doubled spaces."""
    title = OPINION_RE.sub("", title or "").lstrip(" :-–—")
    return re.sub(r"\s+", " ", title.replace("#", "")).strip()


def _with_place(name: str, location: str) -> str:
    """``name`` followed by "in <location>" unless it already names that place."""
    words = re.findall(r"[A-Z]\w+", location)
    if not location or any(w in name for w in words):
        return name
    return f"{name} in {location}"


_KIND_LABELS = {"un-session": "UN session", "other": "Event", "parliamentary-motion": "Motion"}
# a clause rather than a name: digits, commas, weekdays or a verb of happening
_CLAUSE_RE = re.compile(
    r"[\d,]|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:held|took place|gathered"
    r"|hosted|organi[sz]ed|convened|attended|today|yesterday)\b"
)
# cues that start with a verb ("told the radio", "addressed the Council") name no event
# and nor do the people at one ("demonstrators")
_VERB_CUE_RE = re.compile(
    r"\w+(?:ed|ing)$|(?:told|spoke|met|before|reports?|demonstrators|protesters)$", re.I
)


def _cue_phrase(sentence: str, location: str) -> str:
    """ "Panel at the National Press Club": the cue word up to the place it names."""
    found = cue(sentence, need_context=False)
    if found is None:
        return ""
    end = sentence.find(location.split(",")[0], found[0]) if location else -1
    phrase = sentence[found[0] : end + len(location.split(",")[0])] if end >= 0 else ""
    words = sentence[found.start : found.end].split()
    label = _KIND_LABELS.get(found.kind, found.kind.capitalize())
    if _CLAUSE_RE.search(phrase) or not 0 < len(phrase) <= 80 or _VERB_CUE_RE.match(words[0]):
        # "Farmers gathered this Saturday, May 8, at the Quay", "ceremony held on Tuesday
        # in Strasbourg": a clause, not a name; "press conference" names itself, "told
        # the state radio" does not
        own = " ".join(words) if len(words) <= 3 and not _VERB_CUE_RE.match(words[0]) else ""
        phrase = _with_place(own or label, location)
    return phrase[:1].upper() + phrase[1:]


def event_name(title: str, sentence: str, kind: str, location: str, context: str = "") -> str:
    """A short name: a proper event name in the headline, the sentence or ``context`` (the
    post's lead), else the headline, else the sentence's cue phrase."""
    proper = (
        _PROPER_CUE_RE.search(title or "")
        or _PROPER_CUE_RE.search(sentence)
        or _PROPER_CUE_RE.search(context)
    )
    if proper:
        return _with_place(proper[0].strip(), location)
    title = _clean_title(title)
    if title:
        return title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + "..."
    return _cue_phrase(sentence, location) or kind.replace("-", " ").capitalize()


def cue_sentence(title: str, body: str) -> tuple[int, str]:
    """The first lead sentence with an event cue, else the first lead sentence."""
    opening = lead(body) or all_sentences(body)
    for item in opening:
        if cue(item[1], need_context=False):
            return item
    return opening[0]
