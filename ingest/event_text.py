"""Lines, sentences and the lead of a post's body, with offsets, for the event finders."""

from ingest.text import sentences as split_sentences

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
    """Sentences of one line of prose with their start offsets (``ingest.text.sentences``)."""
    return [(offset + a, text[a:b]) for a, b in split_sentences(text, 0, len(text))]


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
