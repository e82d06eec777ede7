"""Stage 4, attribution: who said each quoted passage, by named rules tried in order
(``ATTRIBUTION_RULES``), and which lines name the speaker of what follows them.
"""

import re
from dataclasses import dataclass

from ingest.layout import CONTINUES, DATE_ONLY, INTERVIEW, INTERVIEWER, QUOTE_START, STATEMENT_OF
from ingest.names import Mention, is_full_name
from ingest.quotes import Quote
from ingest.registry import Context, Entry
from ingest.reported import find_verbs, subject_before
from ingest.text import Span, is_abbreviation, sentences, word_count


class AttributionStage:
    """Attributes quoted passages; mixed into the parser of ``ingest.parse``."""

    def heading_speaker(
        self, para: Span, paras: list[Span], pos: int, ctx: Context, pquotes: list[Quote]
    ) -> Entry | None:
        """A short line naming who speaks in the quoted paragraphs that follow it."""
        text = self.text
        ptext = text[para[0] : para[1]]
        if pquotes or len(ptext) > 300 or ptext[0] in QUOTE_START:
            return None
        if ptext.rstrip().endswith(".") and word_count(ptext) > 15:
            return None  # a sentence of narration, not a line naming a speaker
        following = [text[s:e] for s, e in paras[pos + 1 : pos + 4]]
        if not any(f[0] in QUOTE_START for f in following[:3]):
            return None
        people = [m for m in self.mentions(*para) if m.kind == "person" and is_full_name(m.name)]
        if not people or len(self.sentences(*para)) > 1:
            return None  # a heading is one line, not a paragraph of sentences
        first = people[0]
        prefix = text[para[0] : first.start]
        if re.search(r"[.;:!?]", prefix) or any(
            w[0].islower() and w not in {"of", "the", "to", "and", "for", "in", "on"}
            for w in prefix.split()
        ):
            return None
        after = text[first.end : para[1]].strip()
        if after and not after.startswith((",", "(", "–", "-", "—")):
            return None
        if find_verbs(text, first.end, min(para[1], first.end + 60)) and not after.startswith(","):
            return None
        if self._is_reporting_sentence(first, para):
            return None
        entry = self.resolve(first, ctx)
        if entry and after:
            description = re.split(r"\s+(?:at|in)\s+an?\b|“|\"", after.strip(", "))[0]
            entry.add_description(description)
        if entry and prefix.strip():
            entry.add_description(prefix.strip())
        return entry

    def statement_of(self, para: Span, ctx: Context) -> Entry | None:
        """ "Statement of Senator X – 6 April, Harbour Rally": a title line naming whose
        statement the next paragraphs give."""
        ptext = self.text[para[0] : para[1]]
        match = STATEMENT_OF.search(ptext)
        if not match or len(ptext) > 200 or ptext.rstrip().endswith("."):
            return None
        at = para[0] + match.end()
        for mention in self.mentions_in(at, para[1], para):
            if mention.start - at <= 15 and mention.kind in ("person", "organization"):
                return self.resolve(mention, ctx, create=True)
            break
        return None

    def _is_reporting_sentence(self, mention: Mention, para: Span) -> bool:
        """ "X, the union's general secretary, told the crowd that ...": a sentence, not a heading.

        A heading names the speaker and a role; it does not end in a full stop after a
        reporting verb whose subject is the name.
        """
        if not self.text[para[0] : para[1]].rstrip().endswith((".", "!", "?", ":")):
            return False
        mentions = self.mentions(*para)
        return any(
            (found := subject_before(self.text, para[0], verb_start, mentions)) is not None
            and found.subject is mention
            for verb_start, _ in find_verbs(self.text, mention.end, para[1])
        )

    def attribute(
        self, quote: Quote, para: Span, paras: list[Span], pos: int, ctx: Context
    ) -> tuple[Entry | None, str]:
        """The speaker of one quoted passage and the name of the rule that found it: the
        first rule of ``ATTRIBUTION_RULES`` with an answer wins."""
        site = QuoteSite(quote, para, paras, pos, ctx)
        for _name, rule in ATTRIBUTION_RULES:
            found = rule(self, site)
            if found is not None:
                return found
        return None, ""

    def after_attribution(
        self, quote: Quote, para: Span, paras: list[Span], pos: int, ctx: Context
    ) -> Entry | None:
        """``,” said X`` / ``,” X added.`` right after the closing mark."""
        text = self.text
        if quote.close_at is None:
            return None
        start = quote.close_at + 1
        end = para[1]
        # 'diesel". She said ...', '“... now.” They said ...': a new sentence, not an
        # attribution of this quote
        if (
            re.match(r"\s*[.!?]", text[start:end])
            or CONTINUES.match(text, start, end)
            or (
                re.search(r"[.!?…]\W*$", text[quote.start : quote.close_at])
                and re.match(r"\s*(?:He|She|They|It)\b", text[start:end])
            )
        ):
            return None
        nxt = re.search(r"[“”\"]", text[start:end])
        if nxt:
            end = start + nxt.start()
        window_para = para
        if not re.search(r"\w", text[start:end]) and pos + 1 < len(paras):
            # the attribution sits on the next line: "said Philip Luther."
            nxt_para = paras[pos + 1]
            first = text[nxt_para[0] : nxt_para[1]]
            if first[:1].islower():
                start, end, window_para = nxt_para[0], nxt_para[1], nxt_para
        return self._clause_speaker(start, min(end, start + 160), window_para, ctx)

    def _clause_speaker(self, start: int, end: int, para: Span, ctx: Context) -> Entry | None:
        """Speaker of a short attribution clause such as ``said X`` or ``the X continued``."""
        text = self.text
        lead = re.match(r"[\s,.;:!?…—–\-']*", text[start:end])
        start += lead.end()
        for stop in re.finditer(r"(?<![A-Z])\.\s|[;:]", text[start:end]):
            # "Mr. Quintanilla said": the full stop of a title does not end the clause
            if text[start + stop.start()] == "." and is_abbreviation(text, start + stop.start()):
                continue
            end = start + stop.start() + 1
            break
        verbs = [v for v in find_verbs(text, start, end) if v[0] - start <= 90]
        according = re.match(r"according to\s+", text[start:end], re.IGNORECASE)
        if according:
            self.how = "according-to"
            return self.resolve_phrase(start + according.end(), end, para, ctx)
        if not verbs:
            return None
        verb_start, verb_end = verbs[0]
        if verb_start == start:
            self.how = "said-after"
            return self.resolve_phrase(verb_end, min(end, verb_end + 90), para, ctx)
        subject = text[start:verb_start]
        if len(sentences(text, start, verb_start)) > 1 or word_count(subject) > 12:
            return None
        self.how = "said-after"
        return self.resolve_phrase(start, verb_start, para, ctx, first=True)

    def before_attribution(self, quote: Quote, para: Span, ctx: Context) -> Entry | None:
        """``X said: “...`` / ``X described it as “...`` in the same sentence."""
        text = self.text
        if quote.open_at is None:
            return None
        sent_start = para[0]
        for s, e in self.sentences(para[0], para[1]):
            if s <= quote.open_at < e:
                sent_start = s
                break
            if s > quote.open_at:
                break
        if sent_start >= quote.open_at:
            self.how = "said-earlier"
            return self.paragraph_subject(para[0], quote.open_at, para, ctx)
        prior_close = [q for q in self.speaker_of if para[0] <= q < quote.open_at]
        self.how = "said-before"
        entry = self.sentence_subject(sent_start, quote.open_at, para, ctx, nearest=True)
        if entry:
            return entry
        if prior_close:
            return None
        zone_mentions = self.mentions_in(sent_start, quote.open_at, para)
        people = [m for m in zone_mentions if m.kind in ("person", "group", "organization")]
        for mention in people[:1]:
            if mention.start - sent_start < 60:
                self.how = "named-before"
                return self.resolve(mention, ctx)
        word = re.match(r"\s*(he|she|they)\b", text[sent_start : quote.open_at], re.IGNORECASE)
        if word:
            self.how = "pronoun"
            return ctx.pronoun(word.group(1))
        return None

    def intro_for_next(self, para: Span, ctx: Context) -> Entry | None:
        """A paragraph ending "X said:" / "X wrote," introduces the next paragraph's quote."""
        text = self.text
        ptext = text[para[0] : para[1]].rstrip()
        spans = self.sentences(para[0], para[1])
        start = spans[-1][0] if spans else para[0]
        if not ptext.endswith((":", ",")):
            # "The summit closed with a message from X, ..., read by Y." followed by a
            # paragraph that opens a quotation: the message is what follows.
            if not (ptext.endswith(".") and self._next_opens_quote(para)):
                return None
            entry = self.message_sender(start, para[1], para, ctx)
            if entry is not None:
                ctx.touch(entry)
            return entry
        entry = self.message_sender(start, para[1], para, ctx)
        ctx.partners = {}
        if entry is None:
            entry = self.sentence_subject(start, para[1], para, ctx)
            if entry is not None and self.subject is not None:
                ctx.partners = {entry.key: self.partners(*self.subject, para, ctx)}
        if entry is None:
            entry = ctx.recent[0] if ctx.recent else None
        ctx.touch(entry)
        return entry

    def _next_opens_quote(self, para: Span) -> bool:
        """The paragraph after ``para`` in the current post starts with a quotation mark."""
        paras = self._post_paras
        if para not in paras:
            return False
        pos = paras.index(para)
        if pos + 1 >= len(paras):
            return False
        nxt = self.text[paras[pos + 1][0] : paras[pos + 1][1]].lstrip()
        return nxt[:1] in QUOTE_START


@dataclass(frozen=True)
class QuoteSite:
    """One quoted passage and where it stands, as the attribution rules see it."""

    quote: Quote
    para: Span
    paras: list[Span]
    pos: int  # index of ``para`` in ``paras``
    ctx: Context

    def lead(self, text: str) -> str:
        """The paragraph's text before the opening mark ("" when the piece opens it)."""
        if self.quote.open_at is None:
            return ""
        return text[self.para[0] : self.quote.open_at]

    def at_start(self, text: str) -> bool:
        """Does the quote open its paragraph (after at most a dateline)?"""
        lead = self.lead(text).strip()
        quote = self.quote
        return bool(
            not lead
            or DATE_ONLY.fullmatch(lead)
            or (quote.stray_close and quote.start == self.para[0])
        )


Found = tuple[Entry | None, str] | None  # (speaker or None, rule name); None: no answer


def continued_quote(parser, site: QuoteSite) -> Found:
    """A piece continuing the quotation the previous paragraph left open."""
    return (site.ctx.last_quote, "continued-paragraph") if site.quote.continued else None


def name_label(parser, site: QuoteSite) -> Found:
    """ "Q: “...”" never has the interviewee's words; "Ana Ruiz: “...”" has hers."""
    lead = site.lead(parser.text)
    label = INTERVIEW.match(lead) if lead else None
    if not label:
        return None
    if label.group(1).strip().lower() in INTERVIEWER:
        return None, "interviewer"
    entry = parser.resolve_phrase(site.para[0], site.quote.open_at, site.para, site.ctx)
    return (entry, "name-label") if entry else None


def said_after(parser, site: QuoteSite) -> Found:
    """ "“...,” said X" / "“...,” X added" / "“...,” according to X"."""
    parser.how = ""
    entry = parser.after_attribution(site.quote, site.para, site.paras, site.pos, site.ctx)
    return (entry, parser.how or "said-after") if entry is not None else None


def open_quote_goes_on(parser, site: QuoteSite) -> Found:
    """The previous paragraph left its quotation open and this one opens a mark again: the
    same speaker's multi-paragraph quotation goes on."""
    ctx = site.ctx
    if ctx.carried is not None and site.quote.open_at == site.para[0]:
        return ctx.carried, "continued-paragraph"
    return None


def said_before(parser, site: QuoteSite) -> Found:
    """ "X said: “...”", "X described it as “...”", "She said: “...”" in the same sentence
    (or a reporting clause earlier in the paragraph)."""
    parser.how = ""
    entry = parser.before_attribution(site.quote, site.para, site.ctx)
    return (entry, parser.how or "said-before") if entry is not None else None


def same_paragraph(parser, site: QuoteSite) -> Found:
    """A later quote of a paragraph goes to the speaker of the one before it."""
    earlier = [q for q in parser.speaker_of if site.para[0] <= q < site.quote.start]
    return (parser.speaker_of[max(earlier)], "same-paragraph") if earlier else None


def colon_intro(parser, site: QuoteSite) -> Found:
    """The previous paragraph ended "X said:"."""
    if site.ctx.intro and site.at_start(parser.text):
        return site.ctx.intro, "colon-intro"
    return None


def heading(parser, site: QuoteSite) -> Found:
    """A line above the quoted paragraphs named their speaker."""
    if site.ctx.heading and site.at_start(parser.text):
        return site.ctx.heading, "heading"
    return None


def recent_speaker(parser, site: QuoteSite) -> Found:
    """A paragraph that is all quotation, nothing else to go by: the post's last speaker."""
    if not site.at_start(parser.text):
        return None
    recent = site.ctx.recent
    return (recent[0], "recent-speaker") if recent else (None, "")


# The attribution rules, in the order they are tried (dateparser-style: the first rule with
# an answer wins, and its name stays on the statement). An answer may be "no speaker"
# (an interviewer's question), which ends the search.
ATTRIBUTION_RULES = (
    ("continued-paragraph", continued_quote),
    ("name-label", name_label),
    ("said-after", said_after),
    ("open-quote-goes-on", open_quote_goes_on),
    ("said-before", said_before),
    ("same-paragraph", same_paragraph),
    ("colon-intro", colon_intro),
    ("heading", heading),
    ("recent-speaker", recent_speaker),
)
