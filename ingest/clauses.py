"""Stage 3, clauses: the subject of a reporting clause ("X said", "she added", "X, who
said", "the senator said", "A and B released a statement") and who a pronoun means.
"""

import re

from archive.folding import fold
from ingest.layout import DESCRIBED_SUBJECT, KIN, MESSAGE_FROM, PASSIVE_AGENT, key_word
from ingest.lexicon import ELSEWHERE_PHRASES, GENERIC_GROUPS, QUOTED_TEXTS, WRITING_VERBS
from ingest.names import TITLES, Mention, is_full_name, is_role_word
from ingest.registry import Context, Entry
from ingest.reported import (
    find_verbs,
    participial_report,
    participial_subject,
    prefix_ok,
    subject_before,
)
from ingest.text import Span

_TEXTS = "|".join(sorted(QUOTED_TEXTS))
# The clause of a statement says it was written, or issued away from the event: "As X wrote,",
# "the decree states:", "in his book", "later told reporters", "wrote on X".
WRITTEN_ELSEWHERE = re.compile(
    r"(?<![\w’'\-])(?:as\s+(?:[\w.’'\-]+\s+){1,8}?(?:"
    + "|".join(sorted(WRITING_VERBS))
    + r")|(?:the|this|that|his|her|its|their)\s+(?:[\w\-]+\s+)?(?:"
    + _TEXTS
    + r")\s+(?:says|said|states|stated|reads|read|declares|declared|proclaims)"
    + r"|in\s+(?:the|his|her|its|their|a|an)\s+(?:[\w\-]+\s+)?(?:"
    + _TEXTS
    + r")|"
    + "|".join(p.replace(" ", r"\s+") for p in ELSEWHERE_PHRASES)
    + r")(?![\w’'\-])",
    re.IGNORECASE,
)
_CLOSERS = "”\"’'»"


class ClauseStage:
    """Finds the subjects of reporting clauses; mixed into the parser of ``ingest.parse``."""

    def sentence_subject(
        self, start: int, end: int, para: Span, ctx: Context, nearest: bool = False
    ) -> Entry | None:
        """Speaker of a reporting clause in the sentence ``[start, end)``, if any.

        ``nearest`` tries the last reporting verb first: a quote belongs to the clause right
        before it ("A reminded them that B had described it as “...”" -> B).
        """
        mentions = self.mentions(*para)
        verbs = find_verbs(self.text, start, end)
        self.subject = None
        for verb_start, _ in reversed(verbs) if nearest else verbs:
            found = subject_before(self.text, start, verb_start, mentions)
            if not found:
                continue
            if found.subject is not None:
                entry = self.resolve(found.subject, ctx, create=True)
                if entry:
                    self._describe(entry, found.subject, verb_start)
                    self.subject = (found.subject, verb_start)
                    return entry
                continue
            self.how = "pronoun"
            own = self._own_subject(start, verb_start, found.pronoun, mentions, ctx)
            if own is not None:
                return own
            return ctx.pronoun(found.pronoun) or self._last_person(start, found.pronoun, ctx)
        # "X, who said that ..."
        for mention in mentions:
            if not (start <= mention.start < end):
                continue
            after = self.text[mention.end : min(end, mention.end + 40)]
            if re.match(r",?\s+who\s+(?:also\s+|then\s+|had\s+|has\s+)?(\w+)", after) and any(
                vs - mention.end < 40 for vs, _ in find_verbs(self.text, mention.end, end)
            ):
                self.how = "relative-clause"
                return self.resolve(mention, ctx)
        comma = participial_report(self.text, start, end)
        subject = participial_subject(self.text, start, comma, mentions) if comma else None
        if subject is not None:
            # "X spoke for an hour, saying that ...": the participle reports X's words
            entry = self.resolve(subject, ctx, create=True)
            if entry is not None:
                self.how = "participial"
                self.subject = (subject, comma)
                return entry
        agent = self.passive_agent(start, end, para, ctx)
        if agent is not None:
            self.how = "passive-agent"
            return agent
        self.how = "role-noun"
        return self.described_subject(start, end, ctx)

    def _own_subject(
        self, start: int, verb_start: int, pronoun: str, mentions: list[Mention], ctx: Context
    ) -> Entry | None:
        """ "X recalled that ..., which he described as “...”": a pronoun goes first to the
        person who is the subject of an earlier reporting verb of the same sentence."""
        if pronoun not in ("he", "she"):
            return None
        for earlier, _ in find_verbs(self.text, start, verb_start):
            found = subject_before(self.text, start, earlier, mentions)
            if found and found.subject is not None and found.subject.kind == "person":
                return self.resolve(found.subject, ctx, create=True)
        return None

    def _last_person(self, pos: int, pronoun: str, ctx: Context) -> Entry | None:
        """ "he"/"she" with no speaker yet: the person named last before ``pos`` in the post;
        in a post that names nobody before it (a page cut before the name), the first person
        it names after."""
        if pronoun.lower() not in ("he", "she"):
            return None
        post_end = self._post_paras[-1][1] if self._post_paras else len(self.text)
        named = [
            m
            for m in self.registry.known
            if self._post_start <= m.start < post_end and not self._kin(m)
        ]
        before = [m for m in named if m.start < pos]
        if before:
            return self.resolve(before[-1], ctx, create=True)
        if any(self._post_start <= m.start < pos for m in self.registry.known):
            return None
        return self._first_speaker_after(pos, ctx)

    def _first_speaker_after(self, pos: int, ctx: Context) -> Entry | None:
        """The first person who is the subject of a reporting verb after ``pos`` (within a
        few paragraphs): who an opening "she told the radio" means on a page cut before the
        name."""
        paras = [p for p in self._post_paras if p[1] > pos][:4]
        for para in paras:
            mentions = self.mentions(*para)
            for s, e in self.sentences(*para):
                if e <= pos:
                    continue
                for verb_start, _ in find_verbs(self.text, s, e):
                    found = subject_before(self.text, s, verb_start, mentions)
                    if found and found.subject is not None and found.subject.kind == "person":
                        return self.resolve(found.subject, ctx, create=True)
                for mention in self.mentions_in(s, e, para):
                    # "„...,“ X, based in Y, added.": a name right after a closing mark
                    lead = self.text[max(s, mention.start - 3) : mention.start]
                    if mention.kind == "person" and re.search(r"[”“\"],?\s*$", lead):
                        return self.resolve(mention, ctx, create=True)
        return None

    def _kin(self, mention: Mention) -> bool:
        """ "his father X", "her husband X": a relative of the person the text is about."""
        return bool(KIN.search(self.text, max(0, mention.start - 40), mention.start))

    def passive_agent(self, start: int, end: int, para: Span, ctx: Context) -> Entry | None:
        """ "A second resolution, proposed by Dr X, asked ...": a document subject whose
        author is named in a passive appositive speaks through it."""
        match = PASSIVE_AGENT.match(self.text, start, end)
        if not match:
            return None
        for mention in self.mentions_in(match.end(), end, para):
            if mention.start != match.end():
                break
            rest = self.text[mention.end : end]
            clause = re.match(r"[^,.;:]{0,60},\s*(?:also\s+)?", rest)
            if not clause or not find_verbs(
                self.text, mention.end + clause.end(), mention.end + clause.end() + 12
            ):
                break
            return self.resolve(mention, ctx, create=True)
        return None

    def described_subject(self, start: int, end: int, ctx: Context) -> Entry | None:
        """ "The senator said:", "Opening the session, the chair said", "It added:": a
        description (or "it") as the subject names the recent speaker it fits."""
        match = DESCRIBED_SUBJECT.match(self.text, start, end)
        if not match or not prefix_ok(match.group(1) or ""):
            return None
        if match.group(2).lower() == "it":
            groups = [e for e in ctx.recent[:2] if e.kind != "person"]
            return groups[0] if groups else None
        if match.group(3).lower() in GENERIC_GROUPS:
            return None  # "the protesters demanded": nobody in particular
        noun = re.compile(rf"\b{re.escape(match.group(3).lower())}\b")
        for entry in ctx.recent[:4]:
            if any(noun.search(fold(v).lower()) for v in [*entry.forms, *entry.descriptions]):
                return entry
        if is_role_word(match.group(3)) and ctx.recent and ctx.recent[0].kind == "person":
            # "The opposition’s leader said": an office nobody here was described by yet
            # is the person the post is about
            self.how = "role-noun-recent"
            ctx.recent[0].add_description(match.group(2).removeprefix("The ").removeprefix("the "))
            return ctx.recent[0]
        if is_role_word(match.group(3)) and not ctx.recent:
            named_before = any(self._post_start <= m.start < start for m in self.registry.known)
            if not named_before:
                # a page cut before the name: "the party leader announced ..." opens it
                self.how = "role-noun-recent"
                return self._first_speaker_after(start, ctx)
        return None

    def _describe(self, entry: Entry, mention: Mention, verb_start: int) -> None:
        """Keep the appositive between a name and its verb as a role description."""
        gap = self.text[mention.end : verb_start].strip()
        if gap.startswith(",") and len(gap) > 2:
            entry.add_description(gap.strip(", "))

    def partners(self, subject: Mention, verb_start: int, para: Span, ctx: Context) -> list[Entry]:
        """ "A (of X), chair of Y, and B, chair of Z, released a statement": the other people
        joined to the subject by "and" before its verb, who speak jointly with it."""
        if subject.kind != "person":
            return []
        found = []
        for mention in self.mentions_in(subject.end, verb_start, para):
            if mention.kind != "person" or not is_full_name(mention.name):
                continue
            before = self.text[max(subject.end, mention.start - 60) : mention.start]
            # "A and B", or "A, role, and Senator B" / "A and her husband B"
            titled_mention = bool(mention.role) and all(
                key_word(w) in TITLES for w in mention.role.split()
            )
            direct = (mention.start - subject.end <= 6 or titled_mention) and re.search(
                r"\sand\s+$", before
            )
            titled = re.search(
                r"(?:[,)]\s*|\s)and\s+((?:his|her)\s+\w+|(?:[A-Z][\w.\-]*\s+){1,2})\s*$", before
            )
            if titled and not titled.group(1).startswith(("his", "her")):
                titled = all(key_word(w) in TITLES for w in titled.group(1).split()) and titled
            if not (direct or titled):
                continue
            entry = self.resolve(mention, ctx, create=True)
            if entry is not None and entry.key != subject.name:
                found.append(entry)
        return found

    def message_sender(self, start: int, end: int, para: Span, ctx: Context) -> Entry | None:
        """ "A message from X, ..., was read to the chamber by Y:" -> X wrote what follows."""
        match = MESSAGE_FROM.search(self.text, start, end)
        if not match:
            return None
        for mention in self.mentions_in(match.end(), min(end, match.end() + 80), para):
            if mention.start - match.end() <= 12:
                return self.resolve(mention, ctx, create=True)
        return None

    def paragraph_subject(self, start: int, end: int, para: Span, ctx: Context) -> Entry | None:
        """Speaker of the nearest reporting clause in the sentences before ``end``."""
        if self.speaker_of and any(start <= q < end for q in self.speaker_of):
            return None
        spans = [s for s in self.sentences(start, end) if s[1] <= end]
        for s, e in reversed(spans):
            entry = self.sentence_subject(s, e, para, ctx)
            if entry:
                return entry
        return None

    def said_elsewhere(self, kind: str, start: int, end: int) -> bool:
        """The statement at ``[start, end)`` was written or issued away from the event.

        Only the reporting clause is read, never the quoted words: for a quote, the sentence
        before its opening mark (or the line ending in a colon before its paragraph) and the
        clause right after its closing mark; for reported speech, the reporting verb and the few
        words after it, up to "that".
        """
        text = self.text
        para = next((p for p in self._post_paras if p[0] <= start < p[1]), None)
        if para is None:
            return False
        if kind == "indirect":
            verbs = find_verbs(text, start, end)
            clause = text[start : verbs[0][1] + 40] if verbs else ""
            cut = re.search(r"\bthat\b", clause)
            return bool(WRITTEN_ELSEWHERE.search(clause[: cut.start() if cut else None]))
        lead = re.split(r"[.!?”\"»]\s", text[para[0] : start].rstrip(_CLOSERS + "“„«‘ "))[-1]
        if not lead.strip():
            pos = self._post_paras.index(para)
            before = text[slice(*self._post_paras[pos - 1])] if pos else ""
            lead = re.split(r"[.!?]\s", before)[-1] if before.rstrip().endswith(":") else ""
        tail = text[end : para[1]].lstrip(_CLOSERS + " ")
        if tail.startswith((",", "–", "—")) or tail[:1].islower():
            tail = re.split(r"[.!?;“\"«]", tail)[0]
        else:
            tail = ""
        return bool(WRITTEN_ELSEWHERE.search(lead) or WRITTEN_ELSEWHERE.search(tail))
