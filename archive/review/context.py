"""The source passage around a statement, escaped, with the quote and the speaker's names marked."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# How far around the quote the context reaches, then cut at a sentence end.
CONTEXT_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*\s+|\n\s*\n")


def passage_context(
    text: str, start: int, end: int, *, names: list[str] = (), reach: int = CONTEXT_CHARS
) -> SafeString:
    """A few sentences around ``text[start:end]``: the quote in ``<mark>``, names in ``<mark
    class="cue">`` (the attribution cue is usually the speaker's name beside the quote)."""
    left = max(0, start - reach)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    if left > 0 and ends and ends[0] < start:
        left = ends[0]
    right = min(len(text), end + reach)
    stop = None
    for match in _SENTENCE_END.finditer(text, end, right):
        stop = match.start() + 1
    if right < len(text) and stop:
        right = stop
    before = _cues(text[left:start], names)
    after = _cues(text[end:right], names)
    quote = escape(text[start:end])
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    return mark_safe(f'{prefix}{before}<mark class="review-quote">{quote}</mark>{after}{suffix}')


def _cues(chunk: str, names: list[str]) -> str:
    """Escape ``chunk`` and mark every spelling of the speaker's name in it."""
    # Each spelling, and its last word: reports name a speaker in full once, then by surname.
    forms = {n for n in names} | {n.split()[-1] for n in names if n.split()}
    spellings = sorted({n for n in forms if len(n) >= 3}, key=len, reverse=True)
    if not spellings:
        return escape(chunk)
    pattern = re.compile("|".join(re.escape(n) for n in spellings), re.IGNORECASE)
    out, at = [], 0
    for match in pattern.finditer(chunk):
        out.append(escape(chunk[at : match.start()]))
        out.append(f'<mark class="review-cue">{escape(match.group())}</mark>')
        at = match.end()
    out.append(escape(chunk[at:]))
    return "".join(out)
