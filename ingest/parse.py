"""Entry point of the pure parser: decoded page text in, ``ParsedDocument`` out.

Walks each post paragraph by paragraph, keeping track of who is speaking: a heading line
naming a speaker, the subject of the last reporting clause, a paragraph ending in a colon.
Direct quotes come from ``ingest.quotes``, reported speech from ``ingest.reported``.
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.articles import Post, split_posts, subheading_sections
from ingest.confidence import confidence
from ingest.dates import reference_date
from ingest.events import article_date, detect_event, section_event
from ingest.names import (
    NATIONALITIES,
    ORG_WORDS,
    PARTICLES,
    TITLES,
    Mention,
    find_anaphora,
    find_mentions,
    is_full_name,
    is_role_word,
    names_match,
    normalize_name,
    strip_titles,
    surname_matches,
)
from ingest.quotes import Quote, find_quotes, is_speech_sized, is_title_or_name
from ingest.reported import (
    REPORTING_VERBS,
    find_verbs,
    opinion_intro,
    prefix_ok,
    subject_before,
    trailing_attribution,
    trailing_offset,
)
from ingest.text import Span, fold, is_abbreviation, sentences, trim, word_count
from ingest.types import (
    ParsedArticle,
    ParsedDocument,
    ParsedSpeaker,
    ParsedStatement,
)

_SALUTATION = re.compile(
    r"^(?:(?:my\s+)?(?:dear|fellow)\b[^,.!?]{0,60},|ladies and gentlemen\b)", re.IGNORECASE
)
_INTERVIEW = re.compile(r"^\s*((?:[A-Z][\w.’'\-]*\s*){1,4}):\s*$")
_INTERVIEWER = frozenset({"q", "question", "interviewer", "reporter", "host"})
_QUOTE_START = '“”"„«'
_CAPITALISED = re.compile(r"(?<![\w’'\-])[A-ZÀ-Þ][\w’'\-]*")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-zß-ÿ][a-zß-ÿ\-]*(?![\w’'\-])")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[\w’'\-]+")
# "at the 5th", "in": what comes before a place name
_LOCATIVE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?$")
_WORD_EDGE = "“”\"‘’'()[],.:;!?–—-"
# What precedes the first word of a sentence: a line start, or an end mark and a space.
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?:;…]\s|[.!?…][”\"’)]\s|[“\"‘(\[])\s*$")
# A message, letter or statement sent by someone and read out by someone else.
_MESSAGE_FROM = re.compile(
    r"\b(?:message|letter|statement|greetings|note|video message)\s+(?:sent\s+)?(?:from|by)\s+"
)
# "<Place> skipper <Name>": lower-case role words between a one-word place and a name.
_ROLE_GAP = re.compile(
    r"\s+(?:(?!(?:of|a|an|the|and|or|for|in|on|at|to|with|from|by)\s)[a-z][\w\-]*\s+){1,3}"
)
# '“constructive engagement” with the government, which has said': the sentence goes on
# after the closing mark; what follows is not an attribution of the quote
_CONTINUES = re.compile(
    r"\s*(?:with|and|or|of|in|on|for|to|at|from|by|as|but|that|which|is|was|are|were|"
    r"has|have|had|will|would|into|over|under|against|since)\b"
)
# "Image: ...", "Photo: ...", "... (AP Photo/...)", "... / Getty Images": a picture caption
_CAPTION = re.compile(r"^\s*(?:Image|Photo|Picture|Caption|Photograph|Credit)s?\s*:", re.I)
_PHOTO_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters)\b[^)]*\)|Getty Images|/\s*(?:AFP|Reuters)\b"
    # "X, left, and Y at the rally": where each person stands in the picture
    r"|,\s*(?:left|right|centre|center|second from (?:left|right))\s*,|\((?:left|right|centre|center)\)"
)
# "his father X", "her late husband X": the relative of the person a text is about
_KIN = re.compile(
    r"\b(?:his|her|their)\s+(?:late\s+)?(?:father|mother|son|daughter|wife|husband|brother|"
    r"sister|uncle|aunt|grandfather|grandmother|cousin|nephew|niece|parents?)\s*,?\s*$",
    re.IGNORECASE,
)
# "a speech by X", "her keynote address from X"
_SPEECH_BY = re.compile(
    r"\b(?:speech|address|remarks|keynote|message|testimony|intervention|statement)\s+"
    r"(?:by|from)\s+",
    re.IGNORECASE,
)
# "Statement of Senator X", "Remarks by the Minister": whose words the paragraphs below are
_STATEMENT_OF = re.compile(
    r"(?:Statement|Remarks|Message|Speech|Testimony|Address|Letter|Keynote)s?\s+(?:of|by|from)\s+"
)
# "6 April 2019", "April 6, 2019": a dateline before the first quotation mark
_DATE_ONLY = re.compile(
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})[\s:–—-]*"
)
# "X released the following statement": an act of speech whose content is not in the sentence
_CONTENTLESS = re.compile(
    r"\b(?:released|issued|published|put out|releases|issues) (?:the following|a|an|this|their|"
    r"his|her|its) (?:joint |written |short |brief )?(?:statement|letter|message|declaration)"
    r"(?![^.]*\b(?:that|saying|calling|urging|demanding|condemning|warning|asking)\b)"
)
# Quotes shorter than this inside a sentence do not stop it being reported speech.
PARTIAL_QUOTE_WORDS = 4
# "A second resolution, proposed by Dr X, asked": a document and its author
_PASSIVE_AGENT = re.compile(
    r"(?:[^,.;:“”\"]{0,60}\s)?(?:resolution|motion|statement|letter|report|petition|"
    r"proposal|amendment|declaration|appeal|message)s?,\s+(?:first\s+)?(?:proposed|tabled|"
    r"moved|drafted|written|signed|submitted|introduced|sponsored|put forward)\s+by\s+",
    re.IGNORECASE,
)
# "The senator said", "Opening the session, the chair said", "It added:"
_DESCRIBED_SUBJECT = re.compile(
    r"([^.;:!?“”\"]{0,80},\s*)?([Ii]t|[Tt]he\s+(?:[\w\-’']+\s+){0,3}?([a-z\-]{3,}))\s+"
    r"(?:also\s+|then\s+|later\s+|further\s+)?(?i:"
    + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
    + r")\b"
)


@dataclass
class _Entry:
    """A speaker being collected for one document."""

    key: str
    kind: str
    forms: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)

    def add_form(self, form: str) -> None:
        """Remember one printed form of the name."""
        form = form.strip(" ,.")
        if form and form not in self.forms:
            self.forms.append(form)

    def add_description(self, value: str) -> None:
        """Remember one role phrase."""
        value = value.strip(" ,.;()")
        if value and value not in self.descriptions and len(value) < 200:
            self.descriptions.append(value)

    def canonical(self, words: Counter | None = None) -> str:
        """Most complete form: most words, then the spelling the document uses most often
        (``words`` counts every word of the document, quotes and headings included), then
        the longer spelling when one is a prefix of the other ("Jaberi" over "Jaber")."""
        counts = Counter(normalize_name(f) for f in self.forms)
        words = words if words is not None and self.kind == "person" else Counter()

        def evidence(form: str) -> int:
            tokens = strip_titles(form).replace("-", " ").split()
            return sum(words[t.strip(".,’'")] for t in tokens)

        best = max(
            self.forms,
            # "Gordon Fairweather-Leigh" is more complete than "Fairweather Leigh"
            key=lambda f: (
                len(normalize_name(f).replace("-", " ").split()),
                evidence(f),
                counts[normalize_name(f)],
                len(normalize_name(f)) if self.kind == "person" else 0,
                -len(f),
            ),
        )
        return best


class _Registry:
    """Speakers of one document, merged by name."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.known: list[Mention] = []  # full-name person mentions seen anywhere
        self.known_orgs: list[Mention] = []  # organisations named anywhere, in order

    def add(self, mention: Mention) -> _Entry:
        """The entry for a full name (or an organisation/group), created when new."""
        for entry in self.entries:
            if entry.kind != mention.kind:
                continue
            if mention.kind == "group":
                if any(
                    f.split()[-1].lower() == mention.name.split()[-1].lower() for f in entry.forms
                ):
                    break
            elif names_match([mention.name], entry.forms):
                break
        else:
            entry = _Entry(key=f"s{len(self.entries) + 1}", kind=mention.kind)
            self.entries.append(entry)
        entry.add_form(mention.name)
        entry.add_form(mention.surface)
        if mention.role:
            entry.add_description(mention.role)
        return entry

    def by_surname(self, mention: Mention, recent: list[_Entry]) -> _Entry | None:
        """Resolve a one-word reference: recent speakers first, then names seen so far.

        A whole surname anywhere beats one part of a compound surname ("Dorescu" is Mihail
        Dorescu, not the more recent Ana Dorescu-Lind).
        """
        before = [m for m in self.known if m.start < mention.start]
        after = [m for m in self.known if m.start >= mention.start]
        for compound in (False, True):
            for entry in recent:
                if entry.kind == "person" and any(
                    surname_matches(mention.name, f, compound) for f in entry.forms
                ):
                    return entry
            for known in [*reversed(before), *after]:
                if surname_matches(mention.name, known.name, compound):
                    return self.add(known)
        for entry in self.entries:
            if normalize_name(mention.name) in {normalize_name(f) for f in entry.forms}:
                return entry
        return None


@dataclass
class _Context:
    """Who is speaking, as the walk through one post goes on."""

    recent: list[_Entry] = field(default_factory=list)  # most recent first
    heading: _Entry | None = None
    intro: _Entry | None = None  # "X said:" at the end of the previous paragraph
    last_quote: _Entry | None = None
    # speaker of a quotation the previous paragraph left open (multi-paragraph quote)
    carried: _Entry | None = None
    # entry key -> people who introduced the next quotation jointly with that speaker
    partners: dict[str, list[_Entry]] = field(default_factory=dict)

    def touch(self, entry: _Entry | None) -> None:
        """Make ``entry`` the most recent speaker."""
        if entry is None:
            return
        if entry in self.recent:
            self.recent.remove(entry)
        self.recent.insert(0, entry)

    def pronoun(self, word: str) -> _Entry | None:
        """Resolve he/she/they to the most recent fitting speaker."""
        if word.lower() == "they":
            # a plural pronoun stands for a group or an organisation, not for one person
            groups = [e for e in self.recent[:2] if e.kind != "person"]
            return groups[0] if groups else None
        people = [e for e in self.recent if e.kind == "person"]
        return people[0] if people else (self.recent[0] if self.recent else None)


class _Parser:
    """Holds the document-wide state of one ``parse_document`` call."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.registry = _Registry()
        self.statements: list[ParsedStatement] = []
        self.speaker_of: dict[int, _Entry | None] = {}
        self._mentions: dict[Span, list[Mention]] = {}
        self._quoted: dict[Span, list[Span]] = {}
        self._touched: set[int] = set()
        self._sentences: dict[Span, list[Span]] = {}
        self._post_start = 0
        self._post_paras: list[Span] = []
        self._proper = _proper_words(text)
        self._common = _common_words(text)
        self._headings = _title_case_lines(text)
        self._words = Counter(_WORD.findall(text))
        self._surname_known: dict[str, bool] = {}
        self._raw: dict[Span, list[Mention]] = {}
        # name of the rule behind the last speaker found (set by the attribution methods)
        self.how = ""
        # the subject mention and verb offset behind the last sentence_subject answer
        self.subject: tuple[Mention, int] | None = None

    def sentences(self, start: int, end: int) -> list[Span]:
        """Sentences of ``text[start:end]``, cached (the walk asks for them repeatedly)."""
        key = (start, end)
        if key not in self._sentences:
            self._sentences[key] = sentences(self.text, start, end)
        return self._sentences[key]

    # -- names ---------------------------------------------------------------------------

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
        if not _LOCATIVE.search(before):
            return False
        return not re.match(r"(?:’s|'s|’|')", self.text[mention.end : mention.end + 2])

    def _generic_group(self, mention: Mention) -> bool:
        """ "Guest speakers also pledged": a plural noun whose only capital is the sentence's
        first letter names no particular group."""
        words = mention.surface.split()
        if len(words) != 2 or not words[0][0].isupper() or words[1][0].isupper():
            return False
        before = self.text[max(0, mention.start - 3) : mention.start]
        opening = mention.start == 0 or _SENTENCE_OPENING.search(before)
        return bool(opening) and words[0] not in self._proper

    def mentions_in(self, start: int, end: int, para: Span) -> list[Mention]:
        """Mentions of a paragraph that fall inside ``[start, end)``."""
        return [m for m in self.mentions(*para) if start <= m.start and m.end <= end]

    def resolve(self, mention: Mention, ctx: _Context, create: bool = False) -> _Entry | None:
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

    def _by_first_name(self, mention: Mention) -> _Entry | None:
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

    def resolve_anaphor(self, mention: Mention, ctx: _Context) -> _Entry | None:
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

    def _document_sender(self, mention: Mention, ctx: _Context) -> _Entry | None:
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
        self, start: int, end: int, para: Span, ctx: _Context, first: bool = False
    ) -> _Entry | None:
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
        found.sort(key=lambda m: (_rank(m), -m.start if first else m.start))
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

    # -- reporting clauses ---------------------------------------------------------------

    def sentence_subject(
        self, start: int, end: int, para: Span, ctx: _Context, nearest: bool = False
    ) -> _Entry | None:
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
        agent = self.passive_agent(start, end, para, ctx)
        if agent is not None:
            self.how = "passive-agent"
            return agent
        self.how = "role-noun"
        return self.described_subject(start, end, ctx)

    def _own_subject(
        self, start: int, verb_start: int, pronoun: str, mentions: list[Mention], ctx: _Context
    ) -> _Entry | None:
        """ "X recalled that ..., which he described as “...”": a pronoun goes first to the
        person who is the subject of an earlier reporting verb of the same sentence."""
        if pronoun not in ("he", "she"):
            return None
        for earlier, _ in find_verbs(self.text, start, verb_start):
            found = subject_before(self.text, start, earlier, mentions)
            if found and found.subject is not None and found.subject.kind == "person":
                return self.resolve(found.subject, ctx, create=True)
        return None

    def _last_person(self, pos: int, pronoun: str, ctx: _Context) -> _Entry | None:
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

    def _first_speaker_after(self, pos: int, ctx: _Context) -> _Entry | None:
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
        return bool(_KIN.search(self.text, max(0, mention.start - 40), mention.start))

    def passive_agent(self, start: int, end: int, para: Span, ctx: _Context) -> _Entry | None:
        """ "A second resolution, proposed by Dr X, asked ...": a document subject whose
        author is named in a passive appositive speaks through it."""
        match = _PASSIVE_AGENT.match(self.text, start, end)
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

    def described_subject(self, start: int, end: int, ctx: _Context) -> _Entry | None:
        """ "The senator said:", "Opening the session, the chair said", "It added:": a
        description (or "it") as the subject names the recent speaker it fits."""
        match = _DESCRIBED_SUBJECT.match(self.text, start, end)
        if not match or not prefix_ok(match.group(1) or ""):
            return None
        if match.group(2).lower() == "it":
            groups = [e for e in ctx.recent[:2] if e.kind != "person"]
            return groups[0] if groups else None
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
        return None

    def _describe(self, entry: _Entry, mention: Mention, verb_start: int) -> None:
        """Keep the appositive between a name and its verb as a role description."""
        gap = self.text[mention.end : verb_start].strip()
        if gap.startswith(",") and len(gap) > 2:
            entry.add_description(gap.strip(", "))

    # -- posts ---------------------------------------------------------------------------

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
        ctx = _Context()
        message: _Entry | None = None
        chain: _Entry | None = None  # speaker of reported speech running on
        for pos, para in enumerate(paras):
            event_key = section_events.get(pos, post_event)
            ptext = text[para[0] : para[1]]
            if self._caption(paras, pos):
                continue  # the people in a picture are not the post's speakers
            pquotes = [q for q in by_para.get(para, []) if not is_title_or_name(text, q)]
            if message is None and _SALUTATION.match(ptext) and ptext[0] not in _QUOTE_START:
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
        if _CAPTION.match(ptext) or _PHOTO_CREDIT.search(ptext):
            return True
        if pos == 0:
            return False
        before = self.text[paras[pos - 1][0] : paras[pos - 1][1]]
        return bool(_CAPTION.match(before)) and len(before) < 120 and ptext[:1] not in _QUOTE_START

    def add(
        self,
        post: Post,
        index: int,
        event_key: str | None,
        kind: str,
        start: int,
        end: int,
        speaker: _Entry | None,
        *,
        rule: str,
    ) -> None:
        """Record one statement, with the rule that attributed it and that rule's confidence."""
        start, end = trim(self.text, start, end)
        if end <= start:
            return
        role = speaker.descriptions[0] if speaker and speaker.descriptions else ""
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

    # -- speaker headings ----------------------------------------------------------------

    def heading_speaker(
        self, para: Span, paras: list[Span], pos: int, ctx: _Context, pquotes: list[Quote]
    ) -> _Entry | None:
        """A short line naming who speaks in the quoted paragraphs that follow it."""
        text = self.text
        ptext = text[para[0] : para[1]]
        if pquotes or len(ptext) > 300 or ptext[0] in _QUOTE_START:
            return None
        if ptext.rstrip().endswith(".") and word_count(ptext) > 15:
            return None  # a sentence of narration, not a line naming a speaker
        following = [text[s:e] for s, e in paras[pos + 1 : pos + 4]]
        if not any(f[0] in _QUOTE_START for f in following[:3]):
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

    def statement_of(self, para: Span, ctx: _Context) -> _Entry | None:
        """ "Statement of Senator X – 6 April, Harbour Rally": a title line naming whose
        statement the next paragraphs give."""
        ptext = self.text[para[0] : para[1]]
        match = _STATEMENT_OF.search(ptext)
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

    # -- who said a quote ----------------------------------------------------------------

    def attribute(
        self, quote: Quote, para: Span, paras: list[Span], pos: int, ctx: _Context
    ) -> tuple[_Entry | None, str]:
        """The speaker of one quoted passage, and the name of the rule that found it."""
        text = self.text
        if quote.continued:
            return ctx.last_quote, "continued-paragraph"
        lead = text[para[0] : quote.open_at] if quote.open_at is not None else ""
        label = _INTERVIEW.match(lead) if lead else None
        if label:
            if label.group(1).strip().lower() in _INTERVIEWER:
                return None, "interviewer"
            entry = self.resolve_phrase(para[0], quote.open_at, para, ctx)
            if entry:
                return entry, "name-label"
        self.how = ""
        after = self.after_attribution(quote, para, paras, pos, ctx)
        if after is not None:
            return after, self.how or "said-after"
        if ctx.carried is not None and quote.open_at == para[0]:
            # the previous paragraph left its quotation open and this one opens a mark
            # again: the same speaker's multi-paragraph quotation goes on
            return ctx.carried, "continued-paragraph"
        self.how = ""
        before = self.before_attribution(quote, para, ctx)
        if before is not None:
            return before, self.how or "said-before"
        at_start = (
            not lead.strip()
            or _DATE_ONLY.fullmatch(lead.strip())
            or (quote.stray_close and quote.start == para[0])
        )
        earlier = [q for q in self.speaker_of if para[0] <= q < quote.start]
        if earlier:
            return self.speaker_of[max(earlier)], "same-paragraph"
        if at_start:
            if ctx.intro:
                return ctx.intro, "colon-intro"
            if ctx.heading:
                return ctx.heading, "heading"
            return (ctx.recent[0], "recent-speaker") if ctx.recent else (None, "")
        return None, ""

    def after_attribution(
        self, quote: Quote, para: Span, paras: list[Span], pos: int, ctx: _Context
    ) -> _Entry | None:
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
            or _CONTINUES.match(text, start, end)
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

    def _clause_speaker(self, start: int, end: int, para: Span, ctx: _Context) -> _Entry | None:
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

    def before_attribution(self, quote: Quote, para: Span, ctx: _Context) -> _Entry | None:
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

    def paragraph_subject(self, start: int, end: int, para: Span, ctx: _Context) -> _Entry | None:
        """Speaker of the nearest reporting clause in the sentences before ``end``."""
        if self.speaker_of and any(start <= q < end for q in self.speaker_of):
            return None
        spans = [s for s in self.sentences(start, end) if s[1] <= end]
        for s, e in reversed(spans):
            entry = self.sentence_subject(s, e, para, ctx)
            if entry:
                return entry
        return None

    def intro_for_next(self, para: Span, ctx: _Context) -> _Entry | None:
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

    def partners(
        self, subject: Mention, verb_start: int, para: Span, ctx: _Context
    ) -> list[_Entry]:
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
                _key_word(w) in TITLES for w in mention.role.split()
            )
            direct = (mention.start - subject.end <= 6 or titled_mention) and re.search(
                r"\sand\s+$", before
            )
            titled = re.search(
                r"(?:[,)]\s*|\s)and\s+((?:his|her)\s+\w+|(?:[A-Z][\w.\-]*\s+){1,2})\s*$", before
            )
            if titled and not titled.group(1).startswith(("his", "her")):
                titled = all(_key_word(w) in TITLES for w in titled.group(1).split()) and titled
            if not (direct or titled):
                continue
            entry = self.resolve(mention, ctx, create=True)
            if entry is not None and entry.key != subject.name:
                found.append(entry)
        return found

    def _next_opens_quote(self, para: Span) -> bool:
        """The paragraph after ``para`` in the current post starts with a quotation mark."""
        paras = self._post_paras
        if para not in paras:
            return False
        pos = paras.index(para)
        if pos + 1 >= len(paras):
            return False
        nxt = self.text[paras[pos + 1][0] : paras[pos + 1][1]].lstrip()
        return nxt[:1] in _QUOTE_START

    def message_sender(self, start: int, end: int, para: Span, ctx: _Context) -> _Entry | None:
        """ "A message from X, ..., was read to the chamber by Y:" -> X wrote what follows."""
        match = _MESSAGE_FROM.search(self.text, start, end)
        if not match:
            return None
        for mention in self.mentions_in(match.end(), min(end, match.end() + 80), para):
            if mention.start - match.end() <= 12:
                return self.resolve(mention, ctx, create=True)
        return None

    # -- reported speech -----------------------------------------------------------------

    def reported(
        self,
        post: Post,
        index: int,
        event_key: str | None,
        para: Span,
        pquotes: list[Quote],
        ctx: _Context,
        chain: _Entry | None,
    ) -> _Entry | None:
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
            if long_quote or _introduces_quote(sentence):
                continue
            if _CONTENTLESS.search(sentence):
                continue  # "X issued a statement.": what was said comes elsewhere, if at all
            self.add(post, index, event_key, "indirect", s, e, speaker, rule=rule)
            if rule == "reported-verb" and self.subject is not None:
                for partner in self.partners(*self.subject, para, ctx):
                    self.add(post, index, event_key, "indirect", s, e, partner, rule="joint")
        return chain

    def _give_quote(self, quote: Quote, speaker: _Entry) -> None:
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
        self, start: int, end: int, para: Span, chain: _Entry, ctx: _Context
    ) -> bool:
        """Does the sentence open with someone other than the reporting speaker?"""
        for mention in self.mentions_in(start, min(end, start + 60), para):
            if mention.kind != "person":
                continue
            entry = self.resolve(mention, ctx)
            return entry is not chain
        return False

    def _note_subject(self, start: int, end: int, para: Span, ctx: _Context) -> None:
        """A person opening a sentence becomes the referent of a later "he"/"she"."""
        previous = None
        for mention in self.mentions_in(start, min(end, start + 90), para):
            if previous is not None and not _ROLE_GAP.fullmatch(
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

    def _note_speech_by(self, start: int, end: int, para: Span, ctx: _Context) -> None:
        """ "... with a speech by X": the speech's author is who "she" means next."""
        match = _SPEECH_BY.search(self.text, start, end)
        if not match:
            return
        for mention in self.mentions_in(match.end(), min(end, match.end() + 60), para):
            if mention.start - match.end() <= 12 and mention.kind == "person":
                entry = self.resolve(mention, ctx, create=True)
                ctx.touch(entry)
            return

    def touch_before(self, para: Span, upto: int, ctx: _Context) -> None:
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

    # -- document ------------------------------------------------------------------------

    def speakers(self) -> list[ParsedSpeaker]:
        """Entries that speak in at least one statement, as ``ParsedSpeaker``."""
        used = {s.speaker_key for s in self.statements}
        found = []
        for entry in self.registry.entries:
            if entry.key not in used:
                continue
            name = entry.canonical(self._words)
            clean = _clean_name(name)
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


def _key_word(word: str) -> str:
    """A word as the word lists hold it: lower case, without full stops."""
    return word.strip(".,").lower()


def _introduces_quote(sentence: str) -> bool:
    """ "The minister decreed:", "Mrs. Okafor said,", "he added.": an attribution with no content
    of its own (it introduces or closes a quotation)."""
    return sentence.rstrip().endswith((":", ",")) or word_count(sentence) <= 4


def _title_case_lines(text: str) -> list[Span]:
    """Lines written in Title Case ("Mayors Condemn Closures in Northern Towns"): every
    word longer than three letters is capitalised, so the capitals say nothing about names."""
    found = []
    for match in _LINE.finditer(text):
        words = match.group().split()
        long_words = [w for w in words if len(w.strip(_WORD_EDGE)) > 3]
        if len(words) >= 3 and long_words and all(w[0].isupper() for w in long_words):
            found.append(match.span())
    return found


def _proper_words(text: str) -> frozenset[str]:
    """Capitalised words that occur somewhere other than at the start of a sentence (or in a
    Title Case heading)."""
    headings = _title_case_lines(text)
    found = set()
    h = 0
    for match in _CAPITALISED.finditer(text):
        while h < len(headings) and headings[h][1] <= match.start():
            h += 1
        if h < len(headings) and headings[h][0] <= match.start():
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if not _SENTENCE_OPENING.search(before) and match.start() > 0:
            found.add(match.group())
    return frozenset(found)


def _common_words(text: str) -> frozenset[str]:
    """Words printed in lower case somewhere in the text ("executions", "resistance")."""
    return frozenset(_LOWER_WORD.findall(text))


def _rank(mention: Mention) -> int:
    """How surely a mention names a speaker: full personal names first, one-word names last."""
    if mention.kind == "person":
        return 3 if is_full_name(mention.name) else 1
    return 2


def _clean_name(name: str) -> str:
    """Canonical name without honorifics or leading role words."""
    words = name.split()
    while len(words) > 1 and is_role_word(words[0]) and words[0] != "The":
        words = words[1:]
    if words[0] == "The" and len(words) >= 3:
        words = words[1:]  # "The Harbour Press Coalition"; but "The Telegraph" keeps it
    return " ".join(words)


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
    document = ParsedDocument(text=text, title=posts[0].title if posts else "")
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
        parser.parse_post(post, index, event.key if event else None, sections)
    document.speakers = parser.speakers()
    document.statements = sorted(parser.statements, key=lambda s: (s.start, s.kind))
    return document
