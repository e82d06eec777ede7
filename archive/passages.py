"""A source's original text with its statement passages marked, for the source page.

``segment`` is pure: it cuts the text at every passage boundary and says where each marked
element opens and closes, so that overlapping passages always give well-nested markup. A
passage that crosses the end of another is split: its first piece carries the anchor id
(``occurrence-<pk>``), the later pieces are marked as its continuation.

``render_source`` turns that into HTML: every piece of text goes through ``escape()``; only
the elements added here are markup, so nothing in a source can become HTML.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    """A character range to mark; ``key`` (the occurrence pk) breaks ties between equal ranges."""

    start: int
    end: int
    key: int


@dataclass(frozen=True)
class Anchor:
    """A zero-width marker at ``position`` (the start of a post)."""

    position: int
    key: int


class Op(StrEnum):
    TEXT = "text"
    OPEN = "open"
    CLOSE = "close"
    ANCHOR = "anchor"


@dataclass(frozen=True)
class Token:
    """One step of the marked text.

    ``first`` on OPEN: this piece starts the span (it carries the id). ``last`` on CLOSE: the
    span ends here (it is not closed only to be reopened).
    """

    op: Op
    text: str = ""
    span: Span | None = None
    anchor: Anchor | None = None
    first: bool = False
    last: bool = False


def segment(text: str, spans: Iterable[Span], anchors: Iterable[Anchor] = ()) -> list[Token]:
    """Cut ``text`` into text, open, close and anchor tokens that nest properly.

    Spans that are empty or fall outside the text are left out. At one position, spans
    ending there close before anchors and new spans open; longer spans open first, so a
    span inside another nests inside it.
    """
    length = len(text)
    spans = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length), key=lambda s: (s.start, -s.end, s.key)
    )
    anchors = sorted((a for a in anchors if 0 <= a.position <= length), key=lambda a: a.position)
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    anchored: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        anchored.setdefault(anchor.position, []).append(anchor)
    cuts = sorted({0, length, *starting, *(s.end for s in spans), *anchored})

    tokens: list[Token] = []
    stack: list[Span] = []  # open spans, outermost first
    pos = 0
    for cut in cuts:
        if cut > pos:
            tokens.append(Token(Op.TEXT, text=text[pos:cut]))
            pos = cut
        ending = [i for i, span in enumerate(stack) if span.end == cut]
        if ending:
            # Close everything from the outermost ending span inwards; reopen the inner spans
            # that go on (they continue as new pieces inside whatever stays open).
            above = stack[ending[0] :]
            del stack[ending[0] :]
            for span in reversed(above):
                tokens.append(Token(Op.CLOSE, span=span, last=span.end == cut))
            for span in above:
                if span.end != cut:
                    tokens.append(Token(Op.OPEN, span=span, first=False))
                    stack.append(span)
        for anchor in anchored.get(cut, ()):
            tokens.append(Token(Op.ANCHOR, anchor=anchor))
        for span in starting.get(cut, ()):
            tokens.append(Token(Op.OPEN, span=span, first=True))
            stack.append(span)
    return tokens


@dataclass
class RenderedSource:
    html: SafeString
    # Occurrences split into several pieces: the page adds a rule so that all their pieces
    # light up with the first one when it is the :target.
    split: list[int] = field(default_factory=list)


def render_source(text: str, occurrences: Iterable, articles: Iterable = ()) -> RenderedSource:
    """``text`` escaped, each occurrence in ``<mark id="occurrence-<pk>">``, posts anchored.

    ``occurrences`` need ``pk``, ``start``, ``end`` and ``statement`` (with ``speaker``
    joined); ``articles`` need ``pk`` and ``start``.
    """
    by_pk = {occ.pk: occ for occ in occurrences}
    posts = {article.pk: article for article in articles}
    tokens = segment(
        text,
        [Span(occ.start, occ.end, occ.pk) for occ in by_pk.values()],
        [Anchor(article.start, article.pk) for article in posts.values()],
    )
    parts: list[str] = []
    split: set[int] = set()
    for token in tokens:
        if token.op is Op.TEXT:
            parts.append(escape(token.text))
        elif token.op is Op.ANCHOR:
            parts.append(
                format_html('<span class="post-anchor" id="post-{}"></span>', token.anchor.key)
            )
        elif token.op is Op.OPEN:
            occ = by_pk[token.span.key]
            classes = f"passage passage--{occ.statement.kind}"
            if occ.statement.review_status == "rejected":
                classes += " passage--rejected"
            if token.first:
                parts.append(format_html('<mark class="{}" id="occurrence-{}">', classes, occ.pk))
            else:
                split.add(occ.pk)
                parts.append(
                    format_html(
                        '<mark class="{} passage--continued passage-part-{}">', classes, occ.pk
                    )
                )
        else:  # CLOSE
            parts.append("</mark>")
            if token.last:
                parts.append(_reference(by_pk[token.span.key]))
    # Every piece of source text above went through escape(); the rest is our own markup.
    return RenderedSource(html=mark_safe("".join(parts)), split=sorted(split))


def _reference(occ) -> str:
    """The link after a passage to its statement's page (kept out of copied text by CSS)."""
    statement = occ.statement
    return format_html(
        '<a class="passage-ref" href="{}" title="Statement {} by {}">'
        '<span class="visually-hidden">Statement {} by {}</span>'
        '<span aria-hidden="true">{}</span></a>',
        reverse("archive:statement-detail", args=[statement.pk]),
        statement.pk,
        statement.speaker.name,
        statement.pk,
        statement.speaker.name,
        statement.pk,
    )
