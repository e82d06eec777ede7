"""Stage 5, reported speech: the sentences of a paragraph whose content is what someone
said, and who the walk's later pronouns mean.
"""

import re
from dataclasses import replace

from ingest.articles import Post
from ingest.confidence import confidence
from ingest.layout import CONTENTLESS, PARTIAL_QUOTE_WORDS, ROLE_GAP, SPEECH_BY, introduces_quote
from ingest.names import is_full_name
from ingest.quotes import Quote
from ingest.registry import Context, Entry
from ingest.reported import opinion_intro, prefix_ok, trailing_attribution, trailing_offset
from ingest.text import Span, word_count

# "..., according to Harbour Police.": the source of a sentence named at its end
_ACCORDING_AFTER = re.compile(r",\s*according to\s+(\S[^,]*?)[.”\"]*\s*$")


class IndirectStage:
    """Finds reported speech; mixed into the parser of ``ingest.parse``."""

    def reported(
        self,
        post: Post,
        index: int,
        event_key: str | None,
        para: Span,
        pquotes: list[Quote],
        ctx: Context,
        chain: Entry | None,
    ) -> Entry | None:
        """Indirect statements of one paragraph; returns the speaker still reporting."""
        text = self.text
        all_quotes = [q for q in pquotes]
        first = True
        for s, e in self.sentences(para[0], para[1]):
            sentence = text[s:e]
            inside = [q for q in all_quotes if q.start < e and q.end > s]
            long_quote = any(
                word_count(text[q.start : q.end]) >= PARTIAL_QUOTE_WORDS for q in inside
            )
            if any(q.start <= s and q.end >= e for q in inside):
                chain = None
                first = False
                continue
            speaker = None
            rule = "opinion-intro"
            intro = opinion_intro(sentence)
            if intro:
                speaker = (
                    ctx.pronoun(intro)
                    if intro in ("he", "she", "they")
                    else self.resolve_phrase(s, s + len(sentence), para, ctx)
                )
            if speaker is None:
                self.how = "reported-verb"
                speaker = self.sentence_subject(s, e, para, ctx)
                rule = "reported-pronoun" if self.how == "pronoun" else self.how
            if speaker is None:
                rule = "said-after-sentence"
                trailing = trailing_attribution(sentence)
                if trailing:
                    speaker = (
                        ctx.pronoun(trailing)
                        if trailing.lower() in ("he", "she", "they")
                        else self.resolve_phrase(s + trailing_offset(sentence), e, para, ctx)
                    )
            according = _ACCORDING_AFTER.search(sentence) if speaker is None else None
            if according:
                # "About 2,000 took part, according to the harbour police.": who gave it
                rule = "according-to-after"
                speaker = self.resolve_phrase(s + according.start(1), e, para, ctx)
            if speaker is None and chain is not None and not inside:
                starts_other = self._starts_with_other_person(s, e, para, chain, ctx)
                pronoun_start = re.match(r"(?:he|she|they)\b", sentence, re.IGNORECASE)
                if not starts_other and (not first or pronoun_start):
                    speaker, rule = chain, "reported-chain"
            if speaker is None:
                chain = None
                self._note_subject(s, e, para, ctx)
                self._note_speech_by(s, e, para, ctx)
                first = False
                continue
            ctx.touch(speaker)
            chain = speaker
            for quote in inside:
                if self.speaker_of.get(quote.start, speaker) is None:
                    self._give_quote(quote, speaker)
            first = False
            if long_quote or introduces_quote(sentence):
                continue
            if CONTENTLESS.search(sentence):
                continue  # "X issued a statement.": what was said comes elsewhere, if at all
            self.add(post, index, event_key, "indirect", s, e, speaker, rule=rule)
            if rule in ("reported-verb", "participial") and self.subject is not None:
                for partner in self.partners(*self.subject, para, ctx):
                    self.add(post, index, event_key, "indirect", s, e, partner, rule="joint")
        return chain

    def _give_quote(self, quote: Quote, speaker: Entry) -> None:
        """ "While praising the ‘fine work’ of X, Y argued ...": an unattributed partial quote
        belongs to the speaker of the sentence around it."""
        self.speaker_of[quote.start] = speaker
        for i, found in enumerate(self.statements):
            if found.kind == "direct" and found.start == quote.start and found.speaker_key is None:
                self.statements[i] = replace(
                    found,
                    speaker_key=speaker.key,
                    rule="sentence-subject",
                    confidence=confidence("sentence-subject"),
                )

    def _starts_with_other_person(
        self, start: int, end: int, para: Span, chain: Entry, ctx: Context
    ) -> bool:
        """Does the sentence open with someone other than the reporting speaker?"""
        for mention in self.mentions_in(start, min(end, start + 60), para):
            if mention.kind != "person":
                continue
            entry = self.resolve(mention, ctx)
            return entry is not chain
        return False

    def _note_subject(self, start: int, end: int, para: Span, ctx: Context) -> None:
        """A person opening a sentence becomes the referent of a later "he"/"she"."""
        previous = None
        for mention in self.mentions_in(start, min(end, start + 90), para):
            if previous is not None and not ROLE_GAP.fullmatch(
                self.text[previous.end : mention.start]
            ):
                return
            if mention.kind != "person" or not prefix_ok(self.text[start : mention.start]):
                return
            if self._kin(mention):
                return
            entry = self.resolve(mention, ctx)
            if entry is not None:
                ctx.touch(entry)
                return
            if is_full_name(mention.name):
                return
            # "Harbourtown skipper Ann Vell": a one-word place name and a role before the name
            previous = mention

    def _note_speech_by(self, start: int, end: int, para: Span, ctx: Context) -> None:
        """ "... with a speech by X": the speech's author is who "she" means next."""
        match = SPEECH_BY.search(self.text, start, end)
        if not match:
            return
        for mention in self.mentions_in(match.end(), min(end, match.end() + 60), para):
            if mention.start - match.end() <= 12 and mention.kind == "person":
                entry = self.resolve(mention, ctx, create=True)
                ctx.touch(entry)
            return

    def touch_before(self, para: Span, upto: int, ctx: Context) -> None:
        """Update who was last mentioned with the sentences of ``para`` before ``upto``."""
        for s, e in self.sentences(para[0], para[1]):
            if e > upto:
                break
            if s in self._touched:
                continue
            self._touched.add(s)
            entry = self.sentence_subject(s, e, para, ctx)
            if entry:
                ctx.touch(entry)
            else:
                self._note_subject(s, e, para, ctx)
                self._note_speech_by(s, e, para, ctx)
