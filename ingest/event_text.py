"""Lines, sentences and the lead of a post's body, with offsets, for the event finders."""

import re

from ingest.text import ABBREVIATIONS

_SENTENCE_END_RE = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"‘(\[A-Z0-9])")
_PROSE_END = (".", "!", "?", "”", '"', "’", "…")
LEAD_LINES = 4  # prose paragraphs that make up a post's lead


def body_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of ``text`` with their start offsets."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def sentences(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """Sentences of one line of prose with their start offsets."""
    bounds, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        word = re.search(r"(\w+)\W*$", text[start : m.start() + 1])
        if word and (word[1].lower() in ABBREVIATIONS or len(word[1]) == 1):
            continue  # "Dec. 4", "Mr. Smith", "U.S. Ambassador" do not end a sentence
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    out = []
    for a, b in bounds:
        chunk = text[a:b]
        if chunk.strip():
            out.append((offset + a + len(chunk) - len(chunk.lstrip()), chunk.strip()))
    return out


def is_prose(line: str) -> bool:
    """A paragraph of running text, not a heading, caption or tag list."""
    line = line.strip()
    return len(line.split()) >= 8 and line.endswith(_PROSE_END)


def lead(body: str) -> list[tuple[int, str]]:
    """Sentences of the post's first few prose paragraphs."""
    prose = [(pos, line) for pos, line in body_lines(body) if is_prose(line)][:LEAD_LINES]
    return [s for pos, line in prose for s in sentences(line, pos)]


def sentence_at(items: list[tuple[int, str]], pos: int) -> tuple[int, str]:
    """The (offset, sentence) that contains position ``pos``."""
    current = items[0]
    for item in items:
        if item[0] > pos:
            break
        current = item
    return current


def all_sentences(body: str) -> list[tuple[int, str]]:
    """Every sentence of the body, line by line, with offsets."""
    return [s for pos, line in body_lines(body) for s in sentences(line, pos)] or [(0, "")]
