"""Entry point of the pure parser: decoded page text in, ``ParsedDocument`` out.

``parse_document`` splits the page into posts (``ingest.articles``), finds each post's event
(``ingest.events``), then walks each post paragraph by paragraph, keeping track of who is
speaking. The walk is staged, each stage a module the parser class mixes in:

1. ``ingest.layout``: page shapes (Title Case lines, captions, datelines) and shared helpers;
2. ``ingest.mentions``: names, pronouns and descriptions resolved to speaker entries
   (``ingest.registry`` holds the entries and the walk's context);
3. ``ingest.clauses``: the subject of a reporting clause, and who a pronoun means;
4. ``ingest.attribution``: who said each quote, by the ordered table ``ATTRIBUTION_RULES``;
5. ``ingest.indirect``: reported speech sentence by sentence;

and this module assembles the statements (each with its rule and confidence) and speakers.
Quote marks come from ``ingest.quotes``, reporting verbs from ``ingest.reported``, every word
list from ``ingest.lexicon``.
"""

import re
from collections import Counter

from ingest.articles import Post, split_posts, subheading_sections
from ingest.attribution import AttributionStage
from ingest.clauses import ClauseStage
from ingest.confidence import confidence
from ingest.dates import reference_date
from ingest.events import article_date, detect_event, section_event
from ingest.indirect import IndirectStage
from ingest.layout import (
    CAPTION,
    PHOTO_CREDIT,
    QUOTE_START,
    SALUTATION,
    WORD,
    clean_name,
    common_words,
    proper_words,
    title_case_lines,
)
from ingest.mentions import MentionStage
from ingest.metadata import with_metadata
from ingest.names import Mention, is_full_name
from ingest.other_events import paragraph_events
from ingest.quotes import (
    Quote,
    find_quotes,
    is_speech_sized,
    is_title_or_name,
    without_stage_directions,
)
from ingest.registry import Context, Entry, Registry
from ingest.text import Span, trim
from ingest.types import ParsedArticle, ParsedDocument, ParsedSpeaker, ParsedStatement


class _Parser(MentionStage, ClauseStage, AttributionStage, IndirectStage):
    """Holds the document-wide state of one ``parse_document`` call."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.registry = Registry()
        self.statements: list[ParsedStatement] = []
        self.speaker_of: dict[int, Entry | None] = {}
        self._mentions: dict[Span, list[Mention]] = {}
        self._quoted: dict[Span, list[Span]] = {}
        self._touched: set[int] = set()
        self._sentences: dict[Span, list[Span]] = {}
        self._post_start = 0
        self._post_paras: list[Span] = []
        self._proper = proper_words(text)
        self._common = common_words(text)
        self._headings = title_case_lines(text)
        self._words = Counter(WORD.findall(text))
        self._surname_known: dict[str, bool] = {}
        self._raw: dict[Span, list[Mention]] = {}
        # name of the rule behind the last speaker found (set by the attribution methods)
        self.how = ""
        # the subject mention and verb offset behind the last sentence_subject answer
        self.subject: tuple[Mention, int] | None = None

    def parse_post(
        self,
        post: Post,
        index: int,
        post_event: str | None,
        section_events: dict[int, str] | None = None,
    ) -> None:
        """Find every statement of one post.

        ``section_events`` maps a paragraph index to the event of the section it belongs to,
        where a subheading names an event of its own; other paragraphs get ``post_event``.
        """
        section_events = section_events or {}
        text = self.text
        paras = list(post.body)
        self._post_start, self._post_paras = post.start, paras
        every = find_quotes(text, paras)
        for quote in every:
            self._quoted.setdefault(quote.paragraph, []).append((quote.start, quote.end))
        quotes = [q for q in every if q.depth == 0 and is_speech_sized(text, q)]
        by_para: dict[Span, list[Quote]] = {}
        for quote in quotes:
            by_para.setdefault(quote.paragraph, []).append(quote)
        ctx = Context()
        message: Entry | None = None
        chain: Entry | None = None  # speaker of reported speech running on
        for pos, para in enumerate(paras):
            event_key = section_events.get(pos, post_event)
            ptext = text[para[0] : para[1]]
            if self._caption(paras, pos):
                continue  # the people in a picture are not the post's speakers
            pquotes = [q for q in by_para.get(para, []) if not is_title_or_name(text, q)]
            if message is None and SALUTATION.match(ptext) and ptext[0] not in QUOTE_START:
                message = ctx.intro or (ctx.recent[0] if ctx.recent else None)
            if message is not None:
                self.add(
                    post, index, event_key, "direct", para[0], para[1], message, rule="message"
                )
                for quote in pquotes:
                    speaker, rule = self.attribute(quote, para, paras, pos, ctx)
                    if speaker is not None and speaker is not message:
                        self.add(
                            post,
                            index,
                            event_key,
                            "direct",
                            quote.start,
                            quote.end,
                            speaker,
                            rule=rule,
                        )
                ctx.carried = None
                continue
            heading = self.heading_speaker(para, paras, pos, ctx, pquotes)
            if heading is None and not pquotes:
                heading = self.statement_of(para, ctx)
            if heading is not None:
                ctx.heading = heading
                ctx.touch(heading)
                chain = None
                ctx.carried = None
                continue
            carried = None
            for quote in pquotes:
                self.touch_before(para, quote.open_at or quote.start, ctx)
                speaker, rule = self.attribute(quote, para, paras, pos, ctx)
                ctx.last_quote = speaker
                self.speaker_of[quote.start] = speaker
                ctx.touch(speaker)
                self.add(
                    post, index, event_key, "direct", quote.start, quote.end, speaker, rule=rule
                )
                joint = ctx.partners.get(speaker.key, []) if speaker else []
                if rule not in ("colon-intro", "continued-paragraph", "same-paragraph"):
                    joint = []
                    ctx.partners = {}
                for partner in joint:
                    self.add(
                        post,
                        index,
                        event_key,
                        "direct",
                        quote.start,
                        quote.end,
                        partner,
                        rule="joint",
                    )
                carried = speaker if quote.close_at is None else None
            ctx.carried = carried
            chain = self.reported(post, index, event_key, para, pquotes, ctx, chain)
            ctx.intro = self.intro_for_next(para, ctx)

    def _caption(self, paras: list[Span], pos: int) -> bool:
        """A picture caption: labelled, ending in a photo credit, or right after a label."""
        ptext = self.text[paras[pos][0] : paras[pos][1]]
        if CAPTION.match(ptext) or PHOTO_CREDIT.search(ptext):
            return True
        if pos == 0:
            return False
        before = self.text[paras[pos - 1][0] : paras[pos - 1][1]]
        return bool(CAPTION.match(before)) and len(before) < 120 and ptext[:1] not in QUOTE_START

    def add(
        self,
        post: Post,
        index: int,
        event_key: str | None,
        kind: str,
        start: int,
        end: int,
        speaker: Entry | None,
        *,
        rule: str,
    ) -> None:
        """Record one statement, with the rule that attributed it and that rule's confidence."""
        start, end = trim(self.text, start, end)
        if end <= start:
            return
        pieces = without_stage_directions(self.text, start, end) if kind == "direct" else []
        if len(pieces) > 1:
            # "We will win. (Applause.) And ...": the words around a stage direction
            for s, e in pieces:
                if re.search(r"\w", self.text[s:e]):
                    self.add(post, index, event_key, kind, s, e, speaker, rule=rule)
            return
        role = speaker.descriptions[0] if speaker and speaker.descriptions else ""
        if event_key is not None and self.said_elsewhere(kind, start, end):
            event_key = None  # quoted from writing, or issued elsewhere: not said at the event
        self.statements.append(
            ParsedStatement(
                kind=kind,
                start=start,
                end=end,
                text=self.text[start:end],
                speaker_key=speaker.key if speaker else None,
                event_key=event_key,
                article_index=index,
                role=role,
                rule=rule,
                confidence=confidence(rule) if speaker else 0.0,
            )
        )

    def speakers(self) -> list[ParsedSpeaker]:
        """Entries that speak in at least one statement, as ``ParsedSpeaker``."""
        used = {s.speaker_key for s in self.statements}
        found = []
        for entry in self.registry.entries:
            if entry.key not in used:
                continue
            name = entry.canonical(self._words)
            clean = clean_name(name)
            aliases = tuple(f for f in entry.forms if f != clean)
            found.append(
                ParsedSpeaker(
                    key=entry.key,
                    name=clean,
                    kind=entry.kind,
                    aliases=aliases,
                    descriptions=tuple(entry.descriptions),
                )
            )
        return found


def parse_document(text: str) -> ParsedDocument:
    """Parse one scraped page into posts, events, speakers and statements."""
    parser = _Parser(text)
    posts = split_posts(text)
    for post in posts:
        for s, e in post.body:
            found = parser.raw_mentions(s, e)
            parser.registry.known.extend(
                m for m in found if m.kind == "person" and is_full_name(m.name)
            )
            parser.registry.known_orgs.extend(
                m for m in found if m.kind == "organization" and not m.role_only
            )
    document = with_metadata(ParsedDocument(text=text, title=posts[0].title if posts else ""))
    # Gives a year to "on July 19" in posts that carry no date of their own.
    page_date = reference_date(text)
    for index, post in enumerate(posts):
        body = "\n\n".join(text[s:e] for s, e in post.body)
        published = article_date(title=post.title, body=body)
        event = detect_event(
            title=post.title,
            body=body,
            published=published,
            key=f"e{index + 1}",
            context_date=page_date,
        )
        if event is not None:
            document.events.append(event)
        start = post.title_span[0] if post.title_span else post.start
        document.articles.append(
            ParsedArticle(
                title=post.title,
                start=min(start, post.start),
                end=post.end,
                published=published,
                event_key=event.key if event else None,
            )
        )
        sections = {}
        for first, last, heading in subheading_sections(text, post.body):
            found = section_event(
                heading=heading,
                body="\n\n".join(text[s:e] for s, e in post.body[first:last]),
                published=published,
                key=f"e{index + 1}.{first}",
                context_date=page_date,
                post_kind=event.kind if event else None,
                post_date=event.start_date if event else None,
            )
            if found is None or (event is not None and found.start_date == event.start_date):
                continue
            document.events.append(found)
            sections.update({pos: found.key for pos in range(first, last)})
        for pos, found in paragraph_events(
            paragraphs=[text[s:e] for s, e in post.body],
            post_event=event,
            published=published,
            key=f"e{index + 1}",
            context_date=page_date,
        ).items():
            if pos not in sections:
                document.events += [found] if found not in document.events else []
                sections[pos] = found.key
        parser.parse_post(post, index, event.key if event else None, sections)
    document.speakers = parser.speakers()
    document.statements = sorted(parser.statements, key=lambda s: (s.start, s.kind))
    return document
