"""Stage 2, mentions: the names, pronouns and descriptions of a paragraph resolved to
the document's speaker entries (a surname to the full name, "the coalition" to the
organisation named earlier, a role phrase to whoever holds it).
"""

import re

from archive.folding import fold
from ingest.layout import LOCATIVE, SENTENCE_OPENING, mention_rank
from ingest.name_finder import find_anaphora, find_mentions
from ingest.names import (
    NATIONALITIES,
    ORG_WORDS,
    PARTICLES,
    Mention,
    is_full_name,
    is_role_word,
    normalize_name,
    surname_matches,
)
from ingest.registry import Context, Entry
from ingest.text import Span, sentences


class MentionStage:
    """Resolves mentions to speaker entries; mixed into the parser of ``ingest.parse``."""

    def sentences(self, start: int, end: int) -> list[Span]:
        """Sentences of ``text[start:end]``, cached (the walk asks for them repeatedly)."""
        key = (start, end)
        if key not in self._sentences:
            self._sentences[key] = sentences(self.text, start, end)
        return self._sentences[key]

    def mentions(self, start: int, end: int) -> list[Mention]:
        """Mentions in a paragraph, cached."""
        key = (start, end)
        if key not in self._mentions:
            quoted = self._quoted.get(key, [])
            anaphora = find_anaphora(self.text, start, end)
            # "the Society": the anaphor (resolved to the full name) rather than a new "Society"
            named = [
                m
                for m in self.raw_mentions(start, end)
                if not any(
                    a.start <= m.start and m.end <= a.end and m.name.lower() == a.name
                    for a in anaphora
                )
            ]
            named += [
                a for a in anaphora if not any(m.start < a.end and a.start < m.end for m in named)
            ]
            self._mentions[key] = sorted(
                (
                    m
                    for m in named
                    if not any(qs <= m.start and m.end <= qe for qs, qe in quoted)
                    and not self._sentence_initial_word(m)
                ),
                key=lambda m: m.start,
            )
        return self._mentions[key]

    def raw_mentions(self, start: int, end: int) -> list[Mention]:
        """``find_mentions`` of a paragraph, computed once per document."""
        key = (start, end)
        if key not in self._raw:
            self._raw[key] = find_mentions(self.text, start, end)
        return self._raw[key]

    def _sentence_initial_word(self, mention: Mention) -> bool:
        """ "Executions have continued", "Over the past years": a capitalised word that the
        document never capitalises except where a sentence starts (or in a Title Case heading)
        is not a name; nor is one word the document also prints in lower case as a common noun
        ("Resistance" beside "the resistance movement"), nor one word after "the" and a
        nationality ("the Chilean Opposition")."""
        if mention.kind == "group":
            return self._generic_group(mention)
        if mention.kind == "person" and (
            self._place_phrase(mention) or self._common_phrase(mention)
        ):
            return True
        if not (
            mention.kind == "person"
            and mention.surface == mention.name
            and " " not in mention.name
            and (
                mention.name not in self._proper
                or mention.name.lower() in self._common
                or self._national_noun(mention)
            )
        ):
            return False
        # a surname of someone named in full elsewhere ("Fallhian:" for Ali Fallahian) is a name
        if mention.name not in self._surname_known:
            self._surname_known[mention.name] = any(
                surname_matches(mention.name, k.name) for k in self.registry.known
            )
        return not self._surname_known[mention.name]

    def _common_phrase(self, mention: Mention) -> bool:
        """ "39 Years of Repression": a Title Case heading whose words the document also
        prints in lower case is a phrase, not a name."""
        words = [w for w in mention.name.split() if w.lower() not in PARTICLES]
        return (
            mention.surface == mention.name
            and any(s <= mention.start < e for s, e in self._headings)
            and len(words) >= 2
            and all(w.lower() in self._common for w in words)
        )

    def _national_noun(self, mention: Mention) -> bool:
        """ "the Chilean Opposition", "the Greek Resistance": "the", a nationality, a noun."""
        roles = mention.role.split()
        if not roles or not all(w.lower() in NATIONALITIES for w in roles):
            return False
        before = self.text[max(0, mention.start - 60) : mention.start]
        return bool(
            re.search(r"\b[Tt]he\s+" + r"\s+".join(map(re.escape, roles)) + r"\s+$", before)
        )

    def _place_phrase(self, mention: Mention) -> bool:
        """ "held at the 5th District Municipality", "the spokesman in Paris": a name right
        after "at"/"in" is where something happens, not who speaks (unless it owns something:
        "in Okafor’s words")."""
        before = self.text[max(0, mention.start - 30) : mention.start]
        if not LOCATIVE.search(before):
            return False
        return not re.match(r"(?:’s|'s|’|')", self.text[mention.end : mention.end + 2])

    def _generic_group(self, mention: Mention) -> bool:
        """ "Guest speakers also pledged": a plural noun whose only capital is the sentence's
        first letter names no particular group."""
        words = mention.surface.split()
        if len(words) != 2 or not words[0][0].isupper() or words[1][0].isupper():
            return False
        before = self.text[max(0, mention.start - 3) : mention.start]
        opening = mention.start == 0 or SENTENCE_OPENING.search(before)
        return bool(opening) and words[0] not in self._proper

    def mentions_in(self, start: int, end: int, para: Span) -> list[Mention]:
        """Mentions of a paragraph that fall inside ``[start, end)``."""
        return [m for m in self.mentions(*para) if start <= m.start and m.end <= end]

    def resolve(self, mention: Mention, ctx: Context, create: bool = False) -> Entry | None:
        """The speaker entry a mention refers to; ``create`` admits unknown one-word names."""
        if mention.anaphor:
            return self.resolve_anaphor(mention, ctx)
        if mention.role_only:
            wanted = fold(mention.name)
            for entry in [*ctx.recent, *self.registry.entries]:
                if any(wanted in fold(d) for d in entry.descriptions):
                    return entry
            if not self._has_name_word(mention):
                # "the United Nations Secretary General": an office nobody here holds by name
                return None
        if mention.kind == "person" and not is_full_name(mention.name):
            entry = self.registry.by_surname(mention, ctx.recent)
            if entry is None:
                entry = self._by_first_name(mention)
            if entry is None and create and not is_role_word(mention.name):
                entry = self.registry.add(mention)
            if entry:
                entry.add_form(mention.surface)
            return entry
        return self.registry.add(mention)

    def _by_first_name(self, mention: Mention) -> Entry | None:
        """ "Linda said": a given name alone is the one person of this post named in full
        with that given name."""
        if not self._post_paras:
            return None
        lo, hi = self._post_paras[0][0], self._post_paras[-1][1]
        key = normalize_name(mention.name)
        found = {
            normalize_name(k.name): k
            for k in self.registry.known
            if lo <= k.start < hi and normalize_name(k.name).split()[:1] == [key]
        }
        if len(found) != 1:
            return None
        return self.registry.add(next(iter(found.values())))

    @staticmethod
    def _has_name_word(mention: Mention) -> bool:
        """Does a role phrase name an institution ("US State Department") or an office with
        its remit ("High Commissioner for Human Rights") rather than end in a bare title
        ("Secretary General"), which is no one's name?"""
        words = [w.rstrip(".,").lower() for w in mention.name.split()]
        return words[-1] in ORG_WORDS or "for" in words or "of" in words

    def resolve_anaphor(self, mention: Mention, ctx: Context) -> Entry | None:
        """ "the coalition" -> the organisation named earlier whose name has that noun;
        "the report" -> the author named where the report was last mentioned ("X’s report")."""
        if mention.kind == "document":
            owner = self._document_owner(mention)
            if owner is not None:
                return self.resolve(owner, ctx)
            return self._document_sender(mention, ctx)
        noun = mention.name.lower()
        # a fuller name holding the noun: "the Society" -> "Northmere Society of ..."
        for entry in ctx.recent:
            if entry.kind != "person" and any(
                noun in f.lower().split() and len(f.split()) > 1 for f in entry.forms
            ):
                return entry
        earlier = [m for m in self.registry.known_orgs if m.start < mention.start]
        for known in reversed(earlier):
            if noun in known.name.lower().split() and len(known.name.split()) > 1:
                return self.registry.add(known)
        short = mention.surface.split()[-1]
        if short[:1].isupper():
            # "the Society" with no fuller name before it: the short name is all there is
            return self.registry.add(
                Mention(mention.start, mention.end, short, mention.surface, "", "organization")
            )
        return None

    def _document_sender(self, mention: Mention, ctx: Context) -> Entry | None:
        """ "X said in a statement that ... “...,” the statement said": the subject of the
        last sentence before ``mention`` that names the same kind of document."""
        noun = re.compile(rf"\b{mention.name}s?\b", re.IGNORECASE)
        for para in reversed(self._post_paras):
            if para[0] >= mention.start:
                continue
            for s, e in reversed(self.sentences(*para)):
                if s >= mention.start or not noun.search(self.text, s, min(e, mention.start)):
                    continue
                hit = noun.search(self.text, s, min(e, mention.start))
                if hit.start() == mention.start + mention.surface.lower().find(mention.name):
                    continue
                return self.sentence_subject(s, min(e, mention.start), para, ctx)
        return None

    def _document_owner(self, mention: Mention) -> Mention | None:
        """Owner of the last "<owner>’s ... report" (or "report by/of <owner>") before ``mention``."""
        noun = mention.name
        start = max(self._post_start, mention.start - 1500)
        owned = re.compile(
            rf"(?:’s|'s|’|')\s+(?:[\w\-]+\s+){{0,2}}{noun}s?\b"
            rf"|\b{noun}s?\s+(?:\w+\s+)?(?:by|of|from)\s+(?=[A-Zt])"
        )
        hits = list(owned.finditer(self.text, start, mention.start))
        for hit in reversed(hits):
            para = self._paragraph_at(hit.start())
            if para is None:
                continue
            candidates = [m for m in self.mentions(*para) if m is not mention]
            if hit.group().startswith(("’", "'")):
                owners = [m for m in candidates if 0 <= hit.start() - m.end <= 1]
            else:
                owners = [m for m in candidates if 0 <= m.start - hit.end() <= 4]
            owners = [m for m in owners if m.kind != "document"]
            if owners:
                return owners[0]
        return None

    def _paragraph_at(self, pos: int) -> Span | None:
        """The paragraph of the current post holding ``pos``."""
        for para in self._post_paras:
            if para[0] <= pos < para[1]:
                return para
        return None

    def resolve_phrase(
        self, start: int, end: int, para: Span, ctx: Context, first: bool = False
    ) -> Entry | None:
        """A speaker named in ``text[start:end]``: a name, a pronoun or a description.

        ``first`` picks the head of a subject phrase ("the laureates’ letter to Guterres");
        otherwise the name closest to the comma wins ("said former mayor Rudolph Giuliani,").
        """
        phrase = self.text[start:end]
        comma = re.search(r"\w[^,]*?,", phrase)
        stop = start + comma.end() if comma else end
        found = self.mentions_in(start, stop, para)
        if first and comma and not found:
            # "the commission’s chair, Ambassador Efua Mensah-Quaye, said": the name is in the
            # appositive after a description
            found = self.mentions_in(start, end, para)
        found.sort(key=lambda m: (mention_rank(m), -m.start if first else m.start))
        for mention in reversed(found):
            entry = self.resolve(mention, ctx, create=True)
            if entry:
                return entry
        word = re.match(r"\W*(he|she|they)\b", phrase, re.IGNORECASE)
        if word:
            return ctx.pronoun(word.group(1)) or self._last_person(start, word.group(1), ctx)
        if re.match(r"\W*the\b", phrase, re.IGNORECASE) and ctx.recent:
            entry = ctx.last_quote if ctx.last_quote in ctx.recent[:3] else ctx.recent[0]
            entry.add_description(phrase.strip(" ,.").removeprefix("the "))
            return entry
        return None
