"""Text helpers for the parser: paragraphs and sentences with offsets.

Nothing here changes the source text: every splitter returns ``(start, end)`` offsets into
the string it was given, so ``text[start:end]`` is always the exact passage.
"""

import re

from ingest.lexicon import ABBREVIATIONS, word_set  # noqa: F401 (word_set: re-exported)

Span = tuple[int, int]

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
QUOTE_CHARS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE


_SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9À-Þ…])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def squash(value: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space."""
    return re.sub(r"\s+", " ", value.replace("\u00a0", " ")).strip()


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``(start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, trimmed; scraped pages put one paragraph a line."""
    end = len(text) if end is None else end
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        s, e = trim(text, start + match.start(), start + match.end())
        if s < e:
            spans.append((s, e))
    return spans


def blank_line_blocks(text: str, start: int = 0, end: int | None = None) -> list[list[Span]]:
    """Groups of consecutive non-blank lines (a blank line separates groups)."""
    blocks: list[list[Span]] = []
    current: list[Span] = []
    previous_end = None
    for span in lines(text, start, end):
        if previous_end is not None and text.count("\n", previous_end, span[0]) > 1:
            blocks.append(current)
            current = []
        current.append(span)
        previous_end = span[1]
    if current:
        blocks.append(current)
    return blocks


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text[max(0, dot - 40) : dot])
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # single capital initials ("Alan M. Dershowitz") and dotted acronyms ("U.S.")
    return bool(re.fullmatch(r"[a-z]", word) and match.group(1)[0].isupper()) or bool(
        re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)
    )


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of ``text[start:end]`` as trimmed spans (abbreviation- and quote-aware)."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        first = match.start()
        if match.group() == "." and is_abbreviation(text, first):
            continue
        s, e = trim(text, cursor, stop)
        if s < e:
            spans.append((s, e))
        cursor = stop
    s, e = trim(text, cursor, end)
    if s < e:
        spans.append((s, e))
    return spans


def word_count(value: str) -> int:
    """Number of words (letters/digits runs) in ``value``."""
    return len(re.findall(r"\w+", value))
