"""Stage 1, layout: the shapes of a page that the later stages read (capitalised words,
Title Case lines, captions, datelines, salutations) and the small helpers they share.
"""

import re

from ingest.names import Mention, is_full_name, is_role_word
from ingest.reported import REPORTING_VERBS
from ingest.text import Span, word_count

SALUTATION = re.compile(
    r"^(?:(?:my\s+)?(?:dear|fellow)\b[^,.!?]{0,60},|ladies and gentlemen\b)", re.IGNORECASE
)
INTERVIEW = re.compile(r"^\s*((?:[A-Z][\w.’'\-]*\s*){1,4}):\s*$")
INTERVIEWER = frozenset({"q", "question", "interviewer", "reporter", "host"})
QUOTE_START = '“”"„«'
CAPITALISED = re.compile(r"(?<![\w’'\-])[A-ZÀ-Þ][\w’'\-]*")
LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-zß-ÿ][a-zß-ÿ\-]*(?![\w’'\-])")
LINE = re.compile(r"[^\n]+")
WORD = re.compile(r"[\w’'\-]+")
# "at the 5th", "in": what comes before a place name
LOCATIVE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?$")
WORD_EDGE = "“”\"‘’'()[],.:;!?–—-"
# What precedes the first word of a sentence: a line start, or an end mark and a space.
SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?:;…]\s|[.!?…][”\"’)]\s|[“\"‘(\[])\s*$")
# A message, letter or statement sent by someone and read out by someone else.
MESSAGE_FROM = re.compile(
    r"\b(?:message|letter|statement|greetings|note|video message)\s+(?:sent\s+)?(?:from|by)\s+"
)
# "<Place> skipper <Name>": lower-case role words between a one-word place and a name.
ROLE_GAP = re.compile(
    r"\s+(?:(?!(?:of|a|an|the|and|or|for|in|on|at|to|with|from|by)\s)[a-z][\w\-]*\s+){1,3}"
)
# '“constructive engagement” with the government, which has said': the sentence goes on
# after the closing mark; what follows is not an attribution of the quote
CONTINUES = re.compile(
    r"\s*(?:with|and|or|of|in|on|for|to|at|from|by|as|but|that|which|is|was|are|were|"
    r"has|have|had|will|would|into|over|under|against|since)\b"
)
# "Image: ...", "Photo: ...", "... (AP Photo/...)", "... / Getty Images": a picture caption
CAPTION = re.compile(r"^\s*(?:Image|Photo|Picture|Caption|Photograph|Credit)s?\s*:", re.I)
PHOTO_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters)\b[^)]*\)|Getty Images|/\s*(?:AFP|Reuters)\b"
    # "X, left, and Y at the rally": where each person stands in the picture
    r"|,\s*(?:left|right|centre|center|second from (?:left|right))\s*,|\((?:left|right|centre|center)\)"
)
# "his father X", "her late husband X": the relative of the person a text is about
KIN = re.compile(
    r"\b(?:his|her|their)\s+(?:late\s+)?(?:father|mother|son|daughter|wife|husband|brother|"
    r"sister|uncle|aunt|grandfather|grandmother|cousin|nephew|niece|parents?)\s*,?\s*$",
    re.IGNORECASE,
)
# "a speech by X", "her keynote address from X"
SPEECH_BY = re.compile(
    r"\b(?:speech|address|remarks|keynote|message|testimony|intervention|statement)\s+"
    r"(?:by|from)\s+",
    re.IGNORECASE,
)
# "Statement of Senator X", "Remarks by the Minister": whose words the paragraphs below are
STATEMENT_OF = re.compile(
    r"(?:Statement|Remarks|Message|Speech|Testimony|Address|Letter|Keynote)s?\s+(?:of|by|from)\s+"
)
# "6 April 2019", "April 6, 2019": a dateline before the first quotation mark
DATE_ONLY = re.compile(
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})[\s:–—-]*"
)
# "X released the following statement": an act of speech whose content is not in the sentence
CONTENTLESS = re.compile(
    r"\b(?:released|issued|published|put out|releases|issues) (?:the following|a|an|this|their|"
    r"his|her|its) (?:joint |written |short |brief )?(?:statement|letter|message|declaration)"
    r"(?![^.]*\b(?:that|saying|calling|urging|demanding|condemning|warning|asking)\b)"
)
# Quotes shorter than this inside a sentence do not stop it being reported speech.
PARTIAL_QUOTE_WORDS = 4
# "A second resolution, proposed by Dr X, asked": a document and its author
PASSIVE_AGENT = re.compile(
    r"(?:[^,.;:“”\"]{0,60}\s)?(?:resolution|motion|statement|letter|report|petition|"
    r"proposal|amendment|declaration|appeal|message)s?,\s+(?:first\s+)?(?:proposed|tabled|"
    r"moved|drafted|written|signed|submitted|introduced|sponsored|put forward)\s+by\s+",
    re.IGNORECASE,
)
# "The senator said", "Opening the session, the chair said", "It added:"
DESCRIBED_SUBJECT = re.compile(
    r"([^.;:!?“”\"]{0,80},\s*)?([Ii]t|[Tt]he\s+(?:[\w\-’']+\s+){0,3}?([a-z\-]{3,}))\s+"
    r"(?:also\s+|then\s+|later\s+|further\s+)?(?i:"
    + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
    + r")\b"
)


def key_word(word: str) -> str:
    """A word as the word lists hold it: lower case, without full stops."""
    return word.strip(".,").lower()


def introduces_quote(sentence: str) -> bool:
    """ "The minister decreed:", "Mrs. Okafor said,", "he added.": an attribution with no content
    of its own (it introduces or closes a quotation)."""
    return sentence.rstrip().endswith((":", ",")) or word_count(sentence) <= 4


def title_case_lines(text: str) -> list[Span]:
    """Lines written in Title Case ("Mayors Condemn Closures in Northern Towns"): every
    word longer than three letters is capitalised, so the capitals say nothing about names."""
    found = []
    for match in LINE.finditer(text):
        words = match.group().split()
        long_words = [w for w in words if len(w.strip(WORD_EDGE)) > 3]
        if len(words) >= 3 and long_words and all(w[0].isupper() for w in long_words):
            found.append(match.span())
    return found


def proper_words(text: str) -> frozenset[str]:
    """Capitalised words that occur somewhere other than at the start of a sentence (or in a
    Title Case heading)."""
    headings = title_case_lines(text)
    found = set()
    h = 0
    for match in CAPITALISED.finditer(text):
        while h < len(headings) and headings[h][1] <= match.start():
            h += 1
        if h < len(headings) and headings[h][0] <= match.start():
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if not SENTENCE_OPENING.search(before) and match.start() > 0:
            found.add(match.group())
    return frozenset(found)


def common_words(text: str) -> frozenset[str]:
    """Words printed in lower case somewhere in the text ("executions", "resistance")."""
    return frozenset(LOWER_WORD.findall(text))


def mention_rank(mention: Mention) -> int:
    """How surely a mention names a speaker: full personal names first, one-word names last."""
    if mention.kind == "person":
        return 3 if is_full_name(mention.name) else 1
    return 2


def clean_name(name: str) -> str:
    """Canonical name without honorifics or leading role words."""
    words = name.split()
    while len(words) > 1 and is_role_word(words[0]) and words[0] != "The":
        words = words[1:]
    if words[0] == "The" and len(words) >= 3:
        words = words[1:]  # "The Harbour Press Coalition"; but "The Telegraph" keeps it
    return " ".join(words)
