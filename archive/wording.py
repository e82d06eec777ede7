"""How a statement's words are shown and quoted: one place for the rules.

A direct quote is wrapped in quotation marks (its own inner double marks become single ones,
so a closing mark is never doubled); reported speech is a paraphrase and is never wrapped.
Shortened text is cut at a word boundary and ends with an ellipsis, never mid-word.
"""

import re

ELLIPSIS = "…"
# Marks a quote may already carry at its edges (the statement text is the source's words).
_OPEN_MARKS = "“\"«„‘'"
_CLOSE_MARKS = "”\"»“’'"
_INNER_DOUBLE = str.maketrans({"“": "‘", "”": "’", '"': "'"})
# Trailing characters dropped before an ellipsis: "word," + "…" reads badly.
_TRAILING = " \t\n,;:—–-"


def one_line(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, max_chars: int) -> str:
    """``text`` on one line, whole if it fits in ``max_chars``, else cut after a whole word + "…".

    >>> shorten("We will build the bridge next spring", 20)
    'We will build the…'
    """
    text = one_line(text)
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars + 1]
    space = cut.rfind(" ")
    # One giant word (a URL): cut it rather than return nothing.
    head = cut[:space] if space > 0 else text[:max_chars]
    return head.rstrip(_TRAILING).rstrip(_CLOSE_MARKS + _TRAILING) + ELLIPSIS


def strip_outer_marks(text: str) -> str:
    """``text`` without one pair of quotation marks wrapping the whole of it."""
    if len(text) >= 2 and text[0] in _OPEN_MARKS and text[-1] in _CLOSE_MARKS:
        inner = text[1:-1]
        # Only a real wrapping pair: '"No" and "yes"' keeps its marks.
        if not any(mark in inner for mark in '“”"'):
            return inner.strip()
    return text


def quoted(text: str) -> str:
    """A direct quote in double quotation marks, its inner double marks made single."""
    inner = strip_outer_marks(one_line(text)).translate(_INNER_DOUBLE)
    return f"“{inner}”"


def as_cited(text: str, *, reported: bool, max_chars: int | None = None) -> str:
    """The words as a citation or a link shows them: quoted if direct, plain if reported."""
    body = strip_outer_marks(one_line(text))
    if max_chars is not None:
        body = shorten(body, max_chars)
    return body if reported else quoted(body)
