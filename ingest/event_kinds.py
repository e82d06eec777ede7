"""What kind of event a post reports, from cue words in its headline and lead."""

import re
from typing import NamedTuple

from ingest.dates import RELATIVE_RE, find_dates
from ingest.event_text import lead

EVENT_KINDS = (
    "conference",
    "rally",
    "panel",
    "un-session",
    "exhibition",
    "interview",
    "message",
    "parliamentary-motion",
    "other",
)

# (kind, pattern, strong). A weak cue names an event only with a "held"-type verb or a
# date in the same sentence ("a meeting" alone is often just talk about meetings).
_CUES = (
    # a press conference is not a conference: kind "other" (checked before "conference")
    ("other", r"\b(?:press|news|media)\s+(?:conferences?|briefings?)\b", True),
    ("parliamentary-motion", r"early[- ]day motions?|\bEDMs?\b|parliamentary motions?", True),
    # a motion before an elected body: "Council backs fountain motion", "the motion was carried"
    (
        "parliamentary-motion",
        r"\b(?:council|parliament|assembly|senate|chamber|commons|congress)\b[^.!?]{0,60}"
        r"\bmotions?\b|\bmotions?\b[^.!?]{0,60}\b(?:council|carried|passed|tabled|adopted|"
        r"defeated|votes? (?:to|for|against))\b",
        True,
    ),
    # a debate in an elected chamber: "MPs debate petition", "was debated by MPs"
    (
        "parliamentary-motion",
        r"\b(?:MPs|MEPs|senators|lawmakers|parliament|chamber|commons|councillors)\b[^.!?]{0,40}"
        r"\bdebat(?:e|es|ed)\b|\bdebated by (?:MPs|MEPs|senators|lawmakers|councillors)\b",
        True,
    ),
    ("panel", r"\bpanels?\b|\bside[- ]events?\b|\bround[- ]?tables?\b|\bbriefings?\b", True),
    ("exhibition", r"\bexhibitions?\b|\bexhibits?\b|\bexpos?\b", True),
    ("conference", r"\bconferences?\b|\bsummits?\b|\bsymposi(?:um|a)\b|\bseminars?\b", True),
    ("conference", r"\bwebinars?\b|\bconventions?\b|\bforums?\b", False),
    ("rally", r"\brall(?:y|ies|ied)\b|\bdemonstrators\b", True),
    # "march" the walk, never the month ("on 12 March", "in March", "March 2020")
    (
        "rally",
        r"\bdemonstrations?\b|\bgatherings?\b|(?-i:\bmarch(?:ed|es)?\b)"
        r"|(?<!\d\s)(?<!\bin\s)(?<!\bof\s)(?<!\bsince\s)(?<!\blast\s)(?<!\buntil\s)"
        r"(?-i:\bMarch(?:ed|es)?\b)(?![\s,]+\d)"
        # "Solidarity March 2019": a capitalised word (not a weekday) names the march
        r"|(?-i:\b[A-Z][\w’'-]*(?<!day)(?<!\bThe)(?<!\bIn)(?<!\bOn)(?<!\bBy)(?<!\bSince)"
        r"(?<!\bUntil)(?<!\bLast)(?<!\bEarly)(?<!\bLate)(?<!\bMid)\s+March(?:es)?\b)",
        False,
    ),
    ("interview", r"\binterview(?:s|ed)?\b", True),
    # "she told the state radio", "speaking to a weekly newspaper": an interview with a medium
    (
        "interview",
        r"\b(?:told|telling|speaking to|spoke to|in remarks to)\s+(?:the\s+|an?\s+)?"
        r"(?:[^\s.,;:]+\s+){0,3}(?:radio|television|TV|broadcaster|newspaper|daily|weekly"
        r"|magazine|news agency|podcast|channel)\b",
        True,
    ),
    ("message", r"\bmessages?\b", True),
    ("un-session", r"\bsessions?\b", False),
    # "told the Human Rights Council", "addressed the General Assembly": a UN sitting
    (
        "un-session",
        r"\b(?:told|addressed|address(?:ing)?|briefed|brief(?:ing)?|reports?\s+to|reported\s+to"
        r"|speech\s+to|statement\s+to|before)\s+the\s+(?:[A-Z][\w.]*\s+){0,3}"
        r"(?:Council|General Assembly)\b",
        True,
    ),
    ("other", r"\bvisit(?:s|ed)?\b|\bmeets\b|\bmet with\b|\bsermons?\b|\bvigils?\b", True),
    # a hearing: "testified before the Committee on ...", "a public hearing of the committee"
    (
        "other",
        r"\b(?:testif(?:y|ies|ied|ying)|testimony|gave evidence|give evidence)\b[^.!?]{0,80}"
        r"\b(?:committee|subcommittee|hearing|inquiry|commission|tribunal)s?\b"
        r"|\b(?:committee|congressional|parliamentary|senate|public)\s+hearings?\b"
        r"|\bhearings?\s+(?:of|before|by)\s+(?:the|a)\b[^.!?]{0,60}\bcommittee\b",
        True,
    ),
    ("other", r"\bmeetings?\b|\bceremon(?:y|ies)\b|\bhearings?\b|\bevents?\b", False),
    (
        "other",
        r"\b(?:awards?|prize|gala|charity|fundraising|launch)\s+(?:evening|night|dinner|"
        r"ceremony|party|lunch|breakfast)s?\b|\bgalas?\b|\breceptions?\b|\bfestivals?\b",
        False,
    ),
)
CUE_RES = tuple((kind, re.compile(p, re.IGNORECASE), strong) for kind, p, strong in _CUES)
# A session is a UN-style sitting when an intergovernmental or international body holds it.
_UN_RE = re.compile(
    r"\bU\.?N\.?\b|United Nations|General Assembly|Human Rights Council|Security Council"
    r"|\bInternational\s+(?:[A-Z]\w+\s+){0,2}(?:Commission|Council|Committee|Conference|Court"
    r"|Organi[sz]ation|Agency)\b|\b(?:Commission|Council|Committee)\s+(?:on|of|for)\s+[A-Z]"
)
HAPPENED_RE = re.compile(
    r"\b(?:held|hosted|organi[sz]ed|took place|taking place|convened|gathered|rallied"
    r"|attended|addressed|participated|took part|opened|visited|met|spoke|staged"
    r"|co-?sponsored|sent|delivered|told|aired)\b",
    re.IGNORECASE,
)
FUTURE_RE = re.compile(
    r"\b(?:will|is due to|are due to|is expected to|are expected to|is scheduled|"
    r"are scheduled|is set to|are set to|upcoming|next week|next month)\b",
    re.IGNORECASE,
)
OPINION_RE = re.compile(
    r"^\s*(?:opinion|op-?ed|editorial|commentary|analysis|column|viewpoint)\b", re.IGNORECASE
)
QA_RE = re.compile(r"^\s*Q\s*[:.-]", re.MULTILINE)


class Cue(NamedTuple):
    """An event cue found in a text: ``text[start:end]`` suggests an event of ``kind``."""

    start: int
    kind: str
    end: int


def cue(text: str, *, need_context: bool) -> Cue | None:
    """(position, kind) of the earliest event cue in ``text``; weak cues need context."""
    best = None
    context = HAPPENED_RE.search(text) or find_dates(text) or RELATIVE_RE.search(text)
    for kind, regex, strong in CUE_RES:
        if not strong and need_context and not context:
            continue
        m = regex.search(text)
        if not m or (best and best[0] <= m.start()):
            continue
        if kind == "un-session" and not _UN_RE.search(text):
            continue
        if kind == "parliamentary-motion" and _UN_RE.search(text):
            kind = "un-session"  # "the UN Human Rights Council passed a motion"
        best = Cue(m.start(), kind, m.end())
    return best


def event_kind(*, title: str, body: str) -> str | None:
    """Kind of event the post reports (headline cue, then lead cue, then Q&A), else None."""
    found = cue(title or "", need_context=False)
    if found:
        return found[1]
    if OPINION_RE.match(title or ""):
        return "interview" if len(QA_RE.findall(body)) >= 2 else None
    for _, sentence in lead(body):
        found = cue(sentence, need_context=True)
        if found:
            return found[1]
    return "interview" if len(QA_RE.findall(body)) >= 2 else None
