"""Direct quotations: find quoted passages by the structure of their quote marks.

Handles curly and straight marks, a closing mark used as an opener (``” How``), quotes
nested inside quotes, a closing mark whose opener the writer forgot (``...people,” said X``)
and multi-paragraph quotations, where every paragraph opens a mark and only the last one
closes. Spans are the text inside the marks, without the marks.
"""

import re
from dataclasses import dataclass

from ingest.lexicon import SMALL_WORDS, STAGE_DIRECTIONS
from ingest.text import Span, trim, word_count

# Words right before a quotation that make it a title or a name, not speech.
_TITLE_CUE = re.compile(
    r"(?:entitled|titled|called|named|dubbed|so-called|term|book|report|article|film|"
    r"documentary|campaign|slogan|motto|hashtag|headline|programme|program|operation|"
    r"conference|exhibition|event|plan|project|chanting|chanted|chants? of|shouting|"
    r"shouted|banner|sign|placards?|the|annual|its|their|his|her|our)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quote:
    """One quoted passage inside one paragraph."""

    start: int  # inside the marks, trimmed
    end: int
    open_at: int | None  # offset of the opening mark; None when the piece starts the paragraph
    close_at: int | None  # offset of the closing mark; None when it runs to the paragraph end
    paragraph: Span
    depth: int = 0  # 0 for a top-level quotation, 1+ when nested inside another
    continued: bool = False  # continues a quotation left open by the previous paragraph
    stray_close: bool = False  # the writer left out the opening mark


# "„Wir sind hier“" (German), "»so«": the mark that closes a quotation opened by another
_CLOSER_OF = {"„": "“", "»": "«", "«": "»"}
# ''doubled apostrophes'' stand for a straight double mark
_DOUBLED = "''"


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(offset, width) of every double quotation mark in ``text[start:end]``."""
    found = []
    i = start
    while i < end:
        if text[i] in '“”"„«»':
            found.append((i, 1))
        elif text.startswith(_DOUBLED, i) and i + 2 <= end and text[i + 2 : i + 3] != "'":
            found.append((i, 2))
            i += 1
        i += 1
    return found


def _is_opening(text: str, i: int, para_start: int, width: int = 1) -> bool:
    """Decide whether the double mark at ``i`` opens a quotation."""
    mark = text[i]
    before = text[para_start:i].rstrip()
    after = text[i + width : i + width + 1]
    if mark in "“„«":
        return True
    if mark in "”»":
        # a right mark at the start of a paragraph or right after a colon opens a quote
        if not before or before.endswith(":"):
            return (bool(after) and not after.isspace()) or bool(text[i + 1 :].strip())
        return False
    # straight mark: opening when it follows a space/bracket and precedes a non-space
    prev = text[i - 1] if i > para_start else " "
    return (prev.isspace() or prev in "([—–-:") and bool(after) and not after.isspace()


# First and second person, greetings: a paragraph that reads as the speaker's own words
_SPEECH = re.compile(
    r"\b(?:I|I’m|I'm|I’ve|I've|we|we’re|we're|us|our|ours|my|me|you|your)\b|"
    r"^(?:Welcome|Thank you|Thanks|Dear|Ladies|Friends|Let us|Let’s|Please)\b",
    re.IGNORECASE,
)


def _speech_like(text: str, start: int, end: int) -> bool:
    """Does a paragraph without marks of its own read as the continuation of a speech?"""
    own = re.sub(r"[“„«\"][^“”„«»\"]*[”“»\"]", "", text[start:end])
    return bool(_SPEECH.search(own))


def _followed_by_text(text: str, i: int, end: int) -> bool:
    """Is there more than punctuation after the mark at ``i`` before ``end``?"""
    return bool(re.search(r"\w", text[i + 1 : end]))


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Every quoted passage in the given paragraphs, in document order."""
    found: list[Quote] = []
    carried = False  # a quotation is still open from the previous paragraph
    for para_start, para_end in paragraphs:
        marks = _marks(text, para_start, para_end)
        widths = dict(marks)
        stack: list[int | None] = []
        first_mark = marks[0][0] if marks else None
        if carried:
            opens_para = first_mark == para_start and _is_opening(
                text, para_start, para_start, widths[para_start]
            )
            closes_first = (
                first_mark is not None
                and not opens_para
                and not _is_opening(text, first_mark, para_start, widths[first_mark])
            )
            if closes_first or (not opens_para and _speech_like(text, para_start, para_end)):
                # the quotation left open goes on in this paragraph, to its closing mark or,
                # never closed, to the paragraph's end
                stack.append(None)
        carried = False
        last_close = None
        pieces: list[Quote] = []
        for i, width in marks:
            top = stack[-1] if stack else None
            closes_top = top is not None and _CLOSER_OF.get(text[top]) == text[i]
            if not closes_top and _is_opening(text, i, para_start, width):
                stack.append(i)
                continue
            if stack:
                opened = stack.pop()
                inner = (opened + widths[opened]) if opened is not None else para_start
                s, e = trim(text, inner, i)
                if s < e:
                    pieces.append(
                        Quote(s, e, opened, i, (para_start, para_end), len(stack), opened is None)
                    )
                last_close = i
                continue
            # a closing mark with nothing open: the writer dropped the opening mark
            after_text = _followed_by_text(text, i, para_end)
            comma = text[i - 1 : i] == ","
            if after_text or last_close is not None or comma:
                inner = last_close + widths[last_close] if last_close is not None else para_start
                s, e = trim(text, inner, i)
                if s < e:
                    pieces.append(Quote(s, e, None, i, (para_start, para_end), 0, stray_close=True))
                last_close = i
        if stack:
            opened = stack[0]
            inner = (opened + widths[opened]) if opened is not None else para_start
            s, e = trim(text, inner, para_end)
            if s < e:
                pieces.append(Quote(s, e, opened, None, (para_start, para_end), 0, opened is None))
            carried = True
        pieces += _single_quotes(text, (para_start, para_end), pieces)
        found.extend(sorted(pieces, key=lambda q: (q.start, q.depth)))
    return found


# ‘single curly marks’ as the main marks: an opening mark after a space or bracket, closed
# by the next ’ that ends a word (not the apostrophe of "don’t")
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:]))‘(?=\S)([^‘]*?\S)’(?![\w’])", re.MULTILINE)


def _single_quotes(text: str, para: Span, pieces: list[Quote]) -> list[Quote]:
    """Single-quoted passages outside any double-quoted one (nested ones are inner quotes
    of the double-quoted speech, not statements of their own)."""
    found = []
    for match in _SINGLE.finditer(text, para[0], para[1]):
        if any(q.start - 1 <= match.start() < q.end + 1 for q in pieces):
            continue
        s, e = trim(text, match.start(1), match.end(1))
        if s < e:
            found.append(Quote(s, e, match.start(), match.end() - 1, para))
    return found


def is_title_or_name(text: str, quote: Quote) -> bool:
    """Quoted titles, names and scare quotes that are not anyone's words."""
    inner = text[quote.start : quote.end]
    words = re.findall(r"[\w’'\-]+", inner)
    if not words:
        return True
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    capitalised = [w for w in content if w[0].isupper() or w[0].isdigit()]
    title_case = content and len(capitalised) == len(content)
    ends_sentence = inner.rstrip('”"’').endswith((".", "!", "?", "…"))
    before = text[quote.paragraph[0] : quote.open_at or quote.start]
    if title_case and (len(content) >= 2 or len(words) <= 3) and not ends_sentence:
        return True
    if len(words) <= 3 and _TITLE_CUE.search(before) and not ends_sentence:
        return True
    return bool(re.search(r"(?:entitled|titled|called|named|dubbed)\W*$", before, re.I))


def is_speech_sized(text: str, quote: Quote) -> bool:
    """Quotes of one or two letters are noise (initials, stray marks)."""
    return word_count(text[quote.start : quote.end]) >= 1 and quote.end - quote.start > 2


_STAGE = re.compile(
    r"[(\[]\s*(?:" + "|".join(sorted(STAGE_DIRECTIONS)) + r")\b[^()\[\]]{0,40}[)\]]",
    re.IGNORECASE,
)


def without_stage_directions(text: str, start: int, end: int) -> list[Span]:
    """``text[start:end]`` less its stage directions ("(Applause.)", "[laughter]"): the
    pieces of the speaker's own words, in order (one piece when there are none)."""
    pieces, cursor = [], start
    for match in _STAGE.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    return pieces
