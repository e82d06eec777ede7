"""The speakers one document names, merged by name, and who is speaking as the walk goes on."""

from collections import Counter
from dataclasses import dataclass, field

from ingest.names import Mention, names_match, normalize_name, strip_titles, surname_matches


@dataclass
class Entry:
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


class Registry:
    """Speakers of one document, merged by name."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.known: list[Mention] = []  # full-name person mentions seen anywhere
        self.known_orgs: list[Mention] = []  # organisations named anywhere, in order

    def add(self, mention: Mention) -> Entry:
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
            entry = Entry(key=f"s{len(self.entries) + 1}", kind=mention.kind)
            self.entries.append(entry)
        entry.add_form(mention.name)
        entry.add_form(mention.surface)
        if mention.role:
            entry.add_description(mention.role)
        return entry

    def by_surname(self, mention: Mention, recent: list[Entry]) -> Entry | None:
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
class Context:
    """Who is speaking, as the walk through one post goes on."""

    recent: list[Entry] = field(default_factory=list)  # most recent first
    heading: Entry | None = None
    intro: Entry | None = None  # "X said:" at the end of the previous paragraph
    last_quote: Entry | None = None
    # speaker of a quotation the previous paragraph left open (multi-paragraph quote)
    carried: Entry | None = None
    # entry key -> people who introduced the next quotation jointly with that speaker
    partners: dict[str, list[Entry]] = field(default_factory=dict)

    def touch(self, entry: Entry | None) -> None:
        """Make ``entry`` the most recent speaker."""
        if entry is None:
            return
        if entry in self.recent:
            self.recent.remove(entry)
        self.recent.insert(0, entry)

    def pronoun(self, word: str) -> Entry | None:
        """Resolve he/she/they to the most recent fitting speaker."""
        if word.lower() == "they":
            # a plural pronoun stands for a group or an organisation, not for one person
            groups = [e for e in self.recent[:2] if e.kind != "person"]
            return groups[0] if groups else None
        people = [e for e in self.recent if e.kind == "person"]
        return people[0] if people else (self.recent[0] if self.recent else None)
