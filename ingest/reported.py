"""Reported (indirect) speech: reporting verbs and the subject that did the saying.

An indirect statement is a whole sentence whose main content is what a named speaker said,
argued, urged, wrote...: "Rama Yade demanded an international investigation ...",
"Not least, there were several admissions of guilt ..., he said."
"""

import re
from dataclasses import dataclass

from ingest.lexicon import PARTICIPIAL_PROMISES, PARTICIPIAL_REPORTS, REPORTING_VERBS
from ingest.names import Mention, is_role_word

_VERB_RE = re.compile(
    r"\b(" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Phrasal reporting: "went on to argue", "took the floor to", "gave an overview", "spoke of".
_PHRASAL = re.compile(
    r"\b(?:went on to \w+|took the floor|gave an? (?:overview|account|speech|address)|"
    r"started (?:the event|his intervention|her intervention|by)|ended (?:his|her|their) "
    r"(?:intervention|remarks|speech)|sent a (?:video )?(?:message|letter)|spoke out|"
    r"made reference|paid tribute|expressed (?:concern|anger|support)|raised the|"
    r"called for|called on|called out|in a (?:statement|message|letter)|"
    r"shed light on|sheds light on|drew attention to|draws attention to|drawing attention to|"
    r"(?:released|issued|published|put out|releases|issues) (?:the following|a|an|this|their|"
    r"his|her|its) (?:joint |written |short |brief )?(?:statement|letter|message|declaration)|"
    r"(?:found|finds|find|showed|shows|show|concluded|concludes) that)\b"
)

PRONOUNS = {"he": "person", "she": "person", "they": "group", "his": "person", "her": "person"}
_ADVERBS = re.compile(
    r"^(?:\s*(?:also|then|further|once again|again|strongly|repeatedly|has|have|had|recently|"
    r"previously|finally|however|later|publicly|personally|even|still|already|first|"
    r"clearly|firmly|explicitly|openly|notably|[a-z]{3,}ly|,|in an? (?:video |recorded |written )?"
    r"(?:message|letter|statement|speech|video|address|interview)(?: to [^,]{1,60})?|"
    # when: "on Friday", "last week", "yesterday", "on 4 March"
    r"(?:on|last|this|earlier|late|early) (?:on )?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"week|month|year|night|morning|afternoon|evening|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})"
    r"(?: (?:morning|afternoon|evening|night))?|yesterday|today|tonight))*\s*$",
    re.IGNORECASE,
)
# "X later thanked Y and said": a first verb phrase joined to the reporting verb by "and".
_COORDINATED = re.compile(
    r"^(?:\s*(?:also|later|then|first|briefly|warmly)\b)*\s*[a-z]+ed\b[^,.;:!?“”\"]{0,80}"
    r"\band(?:\s+(?:also|then|later))?\s*$"
)
# "the Families Association and eleven other organisations wrote": the first conjunct
# speaks for the coalition
_AND_OTHERS = re.compile(
    r"^(?:,\s*)?(?:and|along with|together with)\s+(?:[\w\-]+\s+){0,2}other\s+"
    r"(?:organi[sz]ations|groups|NGOs|associations|unions|charities|bodies|parties|"
    r"networks|signatories|campaigners|activists|members)$"
)
# "Amnesty International’s statement reads:" / "the laureates’ letter continues"
_OWNED = re.compile(
    r"^(?:’s|'s|’|')?\s*(?:\w+\s+){0,2}?(?:statement|letter|message|report|article|decree|"
    r"ruling|edict|order|website|post|tweet|column|editorial|book|resolution|motion|declaration)"
    r"(?:\s+to\s+[\w\s]{1,40})?$",
    re.IGNORECASE,
)
_OWNED_HEAD = re.compile(
    r"^(?:’s|'s|’|')\s*(?:\w+\s+){0,2}?(?:statement|letter|message|report|article|decree|"
    r"order|website|post|tweet|column|editorial|book|resolution|motion|declaration|study|survey)"
    r"(?=[\s,])",
    re.IGNORECASE,
)
_UNCLOSED_APPOSITIVE = re.compile(
    r"^\s*(?:(?:the|a|an|former)\s+[\w\-]+"
    r"(?:\s+(?!(?:is|was|has|had|who|which|that)\b|and\s+[A-Z])[\w\-’'()]+)*"
    r"|[A-Z][\w\-]*(?:\s+(?!(?:is|was|has|had|who|which|that)\b|and\s+[A-Z])[\w\-’']+)*)\s*$"
)
# "a representative of the": an unnamed delegate speaks for the organisation named next
_DELEGATE = re.compile(
    r"\b(?:an?|the)\s+(?:\w+\s+)?(?:representative|spokesperson|spokesman|spokeswoman|"
    r"delegate|delegation|envoy|official)s?\s+(?:of|for|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"^(?:(?:in|on|at|during|after|before|while|referring|following|speaking|addressing|"
    r"also|finally|meanwhile|moreover|furthermore|similarly|likewise|separately|however|"
    r"elsewhere|earlier|later|today|yesterday|in addition|in response|in conclusion|"
    r"in a related matter|in his remarks|in her remarks)\b[^.]*,\s*|also,?\s*|finally,?\s*)?$",
    re.IGNORECASE,
)


# "Mayor Ana Ruiz of Dembela described": where the speaker is from, between name and verb.
_AFFILIATION = re.compile(r"^of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*){0,4}$")
# "X of the Harbour Union, who ..., said": the affiliation, then an appositive
_AFFILIATION_HEAD = re.compile(
    r"^of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*){0,4}(?=\s*,)"
)
# "Jane Roe QC MP said": letters after a name are part of it
_POST_NOMINALS = re.compile(
    r"^(?:\s*\b(?:QC|KC|MP|MEP|MSP|OBE|CBE|MBE|KBE|DBE|PhD|Jr\.?|Sr\.?)\b)+"
)


@dataclass(frozen=True)
class Reporting:
    """A reporting clause: who (a mention or a pronoun) and the verb."""

    subject: Mention | None
    pronoun: str  # "he", "she", "they" when the subject is a pronoun
    verb_start: int
    verb_end: int


# "a regime denounced by the protesters": a passive verb reports nothing of its subject;
# "spoke at the rally": an appearance, not speech with content
_NOT_REPORTING_AFTER = re.compile(r"\s+by\b")
_NAME_WORD_AFTER = re.compile(r" [A-Z][a-z]")
_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w.]* $")
_WELCOME = re.compile(r"welcome[sd]?|welcoming", re.IGNORECASE)
_GUESTS = re.compile(
    r"\s+(?:(?:the|all|our)\s+)?(?:guests|participants|delegates|audience|attendees|visitors|"
    r"speakers|everyone|crowd)\b|\s+[A-Z]\w+(?:\s+[A-Z]\w+)*(?![\w’'])"
)
_SPEAK = re.compile(r"spe?a?ks?|spoke|speaking", re.IGNORECASE)
_SPEAK_WHERE = re.compile(r"\s+(?:at|in|during|before|on|with)\b")


def _reports(text: str, start: int, end: int) -> bool:
    """Is the verb at ``text[start:end]`` used as a verb of speech here?"""
    word = text[start:end]
    if _NOT_REPORTING_AFTER.match(text, end):
        return False
    if word[0].isupper() and (
        _NAME_WORD_AFTER.match(text, end)
        or _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    ):
        return False  # "the State Department", "Human Rights Watch Reports": part of a name
    if _WELCOME.fullmatch(word) and _GUESTS.match(text, end):
        return False  # "welcomed the guests": a greeting, no content
    return not (_SPEAK.fullmatch(word) and _SPEAK_WHERE.match(text, end))


def find_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Reporting-verb occurrences in ``text[start:end]``."""
    found = [
        (m.start(), m.end())
        for m in _VERB_RE.finditer(text, start, end)
        if _reports(text, m.start(), m.end())
    ]
    found += [(m.start(), m.end()) for m in _PHRASAL.finditer(text, start, end)]
    return sorted(set(found))


def _gap_is_ignorable(gap: str) -> bool:
    """What may stand between a subject and its verb: adverbs, an appositive, a bracket."""
    gap = _POST_NOMINALS.sub("", gap.strip()).strip()
    if not gap or _ADVERBS.match(gap):
        return True
    if _AFFILIATION.match(gap) or _COORDINATED.match(gap) or _AND_OTHERS.match(gap):
        return True
    affiliation = _AFFILIATION_HEAD.match(gap)
    if affiliation:
        return _gap_is_ignorable(gap[affiliation.end() :])
    owned = _OWNED_HEAD.match(gap)
    if owned and owned.end() < len(gap):
        # "’s annual report, launched at the forum, found": the document, then an appositive
        return _gap_is_ignorable(gap[owned.end() :])
    if _OWNED.match(gap):
        return True
    if gap.startswith("(") and gap.endswith(")") and len(gap) < 120:
        return True
    if gap.startswith(",") and len(gap) < 260:
        inner = gap.rstrip()
        if inner.endswith(","):
            return True
        # ", the UN Special Rapporteur ..., reiterated" / ", a former senior UN official also"
        head, _, tail = inner.rpartition(",")
        if head:
            return bool(_ADVERBS.match(tail))
        # ", Independent Expert on the promotion of ... started": the writer left the
        # appositive's closing comma out
        return bool(_UNCLOSED_APPOSITIVE.match(tail)) and len(tail.split()) <= 16
    return bool(gap.startswith("(") and gap.endswith(","))


def subject_before(
    text: str, sentence_start: int, verb_start: int, mentions: list[Mention]
) -> Reporting | None:
    """The speaker who is the grammatical subject of the verb at ``verb_start``."""
    zone = text[sentence_start:verb_start]
    candidates = [m for m in mentions if sentence_start <= m.start and m.end <= verb_start]
    # people first, nearest the start of the sentence first: the subject, not an appositive
    people = [m for m in candidates if m.kind == "person" and len(m.name.split()) > 1]
    people += [m for m in candidates if m.kind == "person" and len(m.name.split()) == 1]
    others = [m for m in reversed(candidates) if m.kind != "person"]
    for mention in [*people, *others]:
        gap = text[mention.end : verb_start]
        if not _gap_is_ignorable(gap):
            continue
        prefix = text[sentence_start : mention.start]
        if delegate := _DELEGATE.search(prefix):
            prefix = prefix[: delegate.start()]
        # "A reminded them that, last year, B had described": B heads the "that" clause
        clause = re.split(r"\bthat\b", prefix)[-1]
        if prefix_ok(prefix) or (clause != prefix and prefix_ok(clause)):
            return Reporting(mention, "", verb_start, verb_start)
    match = re.search(r"\b(he|she|they)\b([^.;:]*)$", zone, re.IGNORECASE)
    if match and _gap_is_ignorable(match.group(2)):
        return Reporting(None, match.group(1).lower(), verb_start, verb_start)
    owned = _POSSESSIVE_DOCUMENT.match(zone)
    if owned and _document_gap(owned.group(2)):
        # "Her report, “Title”, ... describes X as": the owner speaks through the document
        return Reporting(None, _POSSESSIVE_PRONOUN[owned.group(1).lower()], verb_start, verb_start)
    return None


_POSSESSIVE_PRONOUN = {"her": "she", "his": "he", "its": "they", "their": "they"}
# "Her report", "His annual letter", "Its written statement": a pronoun owns a document
_POSSESSIVE_DOCUMENT = re.compile(
    r"\s*(her|his|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:report|statement|letter|message|"
    r"submission|study|article|declaration|testimony|book|memoir)s?\b(.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "documents 87 executions ... and": an earlier verb phrase of the same subject
_PRESENT_COORDINATED = re.compile(r"^[a-z]+(?:s|ed)\b[^,.;:!?“”\"]{0,100}\band\s*$")


def _document_gap(gap: str) -> bool:
    """Between a document subject and its verb: an appositive title, a coordinated verb."""
    gap = gap.strip()
    title = re.match(r",\s*[“\"‘][^“”\"‘’]{1,150}[”\"’]\s*,?\s*", gap)
    if title:
        gap = gap[title.end() :]
    return not gap or _gap_is_ignorable(gap) or bool(_PRESENT_COORDINATED.match(gap))


def prefix_ok(prefix: str) -> bool:
    """Text allowed before the subject: nothing, role words, or an introductory phrase."""
    stripped = prefix.strip()
    if not stripped:
        return True
    if re.fullmatch(r"(?:the|a|an)\s*", stripped, re.IGNORECASE):
        return True
    # "scientists from A, B and": the name ends a list, it does not head the subject
    if re.search(r",[^,]*\b(?:and|or)$", stripped):
        return False
    if _INTRO.match(prefix.strip() + (" " if not prefix.strip().endswith(",") else "")):
        return True
    if (
        stripped.endswith(",")
        and len(stripped.split()) <= 25
        and not re.search(r"\b(?:that|which|who|said|says)\b", stripped)
    ):
        return True
    # role words in lower case: "Political prisoner", "British human rights lawyer and ex-UN judge"
    return (
        len(stripped.split()) <= 14
        and not re.search(r"[;:!?]", stripped)
        and (
            not re.search(
                r"\b(?:is|was|were|are|has|had|that|which|who|by|with|about|included|includes|"
                r"including|featured|featuring|among)\b",
                stripped,
            )
        )
    )


_TRAILING = re.compile(
    r",\s*(?:[\w\-]+\s+){0,5}?(he|she|they|[A-Z][\w\-]+(?: [A-Z][\w\-]+)*)\s+(?:also\s+)?"
    r"(?:said|added|argued|noted|stressed|explained|recounted|insisted|warned|continued|"
    r"wrote|concluded|emphasi[sz]ed|pointed out|observed|claimed|remarked|told [\w\s]{1,30}?)"
    r"(?:\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|"
    r"last (?:week|night|month)|on [A-Z][a-z]+ \d{1,2}|on \d{1,2} [A-Z][a-z]+))?\.?[”\"]?$"
)


def trailing_attribution(sentence: str) -> str | None:
    """``", he said."`` / ``", party leader X said Monday."`` at the end of a sentence (a wire
    lead without quotation marks): the pronoun or name."""
    match = _TRAILING.search(sentence.strip())
    return match.group(1) if match else None


def trailing_offset(sentence: str) -> int:
    """Where the trailing attribution clause of ``sentence`` begins (after its comma)."""
    match = _TRAILING.search(sentence.strip())
    lead = len(sentence) - len(sentence.lstrip())
    return lead + match.start() + 1 if match else 0


def opinion_intro(sentence: str) -> str | None:
    """``"In the opinion of X, ..."`` / ``"In her view, ..."``: the speaker phrase."""
    match = re.match(
        r"^(?:in the (?:opinion|view|words) of|according to)\s+([^,]+),", sentence, re.I
    )
    if match:
        return match.group(1)
    match = re.match(r"^in (his|her|their) (?:view|opinion|words),", sentence, re.I)
    if match:
        return {"his": "he", "her": "she", "their": "they"}[match.group(1).lower()]
    return None


# ", reiterating that ..." / ", stressing the need to ..." / ", pledging to ...": a participial
# clause that reports what the subject of the main clause said
_PARTICIPIAL = re.compile(
    r",\s+(?:also\s+|again\s+|once again\s+)?(?:(?:"
    + "|".join(sorted(PARTICIPIAL_REPORTS))
    + r")\s+(?:that\b|the (?:need|importance|urgency)\b|for\b|:)|(?:"
    + "|".join(sorted(PARTICIPIAL_PROMISES))
    + r")\s+to\s+[a-z])"
)
# "VILNIUS - ": a dateline before the subject
_DATELINE = re.compile(r"^[A-Z][A-Z .’'\-]+\s*[-–—]+\s*")
# what the main clause between the subject and the participle may not hold: another clause
_CLAUSE_BREAK = re.compile(
    r"[;:“”\"«»]|\b(?:who|whom|whose|which|that|while|when|after|because|as|but|if)\b"
)
_SMALL = {"the", "a", "an", "of", "and", "former", "then"}


def participial_report(text: str, start: int, end: int) -> int | None:
    """Where a reporting participial clause of the sentence ``[start, end)`` begins."""
    match = _PARTICIPIAL.search(text, start, end)
    return match.start() if match else None


def participial_subject(
    text: str, sentence_start: int, comma: int, mentions: list[Mention]
) -> Mention | None:
    """The named subject of the main clause before a participial report at ``comma``:
    "Belarusian opposition leader X spoke for an hour, saying that ..." -> X. Only a name
    opening the sentence (after a dateline, role words or an introductory phrase) whose
    main clause runs without a break to the comma."""
    candidates = [m for m in mentions if sentence_start <= m.start and m.end <= comma]
    # people first, full names first: "Harbour leader X" is X, not "Harbour"
    candidates.sort(key=lambda m: (m.kind != "person", len(m.name.split()) == 1, m.start))
    for mention in candidates:
        prefix = _DATELINE.sub("", text[sentence_start : mention.start])
        head, _, words = prefix.rpartition(", ")
        if head and not _INTRO.match(head + ", "):
            continue
        if not all(w in _SMALL or w[:1].isupper() or is_role_word(w) for w in words.split()):
            continue
        gap = text[mention.end : comma]
        appositive = re.match(r"\s*,[^,]{1,80},", gap)
        if appositive:
            gap = gap[appositive.end() :]
        if _CLAUSE_BREAK.search(gap) or not re.match(r"\s*(?:\w+ly\s+)?[a-z]", gap):
            continue
        return mention
    return None
