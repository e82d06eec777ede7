"""A realistic synthetic corpus, written straight into the archive's real tables with COPY.

Shape (all from one seeded random generator, so a size always gives the same corpus):

- speakers: ``scale / 50``, a long tail (Zipf weights) and one prolific speaker holding
  about 8% of all statements; each with one or two aliases;
- events: ``scale / 200`` over 30 years of dates, Zipf-weighted, one very large event
  (about 3% of statements); 15% of statements have no event;
- sources: about 20 statements each, in posts (articles) of one event; the source text
  really holds every passage at its offsets (the database trigger checks it), 3% of the
  statements are quoted again by a later source;
- words: a synthetic vocabulary drawn with Zipf weights, plus marker words with known
  frequencies that the query mix searches (see ``WORDS``).

Rows are written as COPY lines (``line``); ``bench.loading`` copies them into the tables.
"""

import bisect
import hashlib
import itertools
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta

from archive.folding import fingerprint, fold

# Marker words and the share of statements that hold each one: the query classes.
WORDS = {
    "very_common": ("water", 0.25),
    "common": ("climate", 0.05),
    "rare": ("zeppelin", 0.0002),
    "phrase_a": ("public", 0.04),
    "phrase_b": ("health", 0.04),
}
PHRASE = "public health"
PHRASE_SHARE = 0.02

PROLIFIC_SHARE = 0.08
LARGE_EVENT_SHARE = 0.03
NO_EVENT_SHARE = 0.15
REQUOTE_SHARE = 0.03
FIRST_DAY = date(1995, 1, 1)
DAYS = 30 * 365

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vor",
    "sul",
    "an",
    "bel",
    "dri",
    "fen",
    "gor",
    "hal",
    "ist",
    "jun",
    "kel",
    "mar",
    "nob",
    "pel",
    "quin",
    "ros",
    "tav",
    "ul",
    "ven",
    "wes",
    "yor",
    "zel",
]
FIRST = [
    "Ana",
    "Boris",
    "Chidi",
    "Dana",
    "Elif",
    "Farid",
    "Greta",
    "Hana",
    "Ivan",
    "Jonas",
    "Kemal",
    "Lena",
    "Malik",
    "Nora",
    "Omar",
    "Petra",
    "Rafael",
    "Sara",
    "Tomas",
    "Uma",
    "Vera",
    "Yusuf",
    "Zora",
]
EVENT_WORDS = [
    "Summit",
    "Forum",
    "Rally",
    "Hearing",
    "Conference",
    "Assembly",
    "Panel",
    "Session",
    "Congress",
    "Meeting",
]
KINDS = ["conference", "rally", "panel", "un-session", "interview", "message", "other"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class Picker:
    """Weighted choice by bisection over cumulative weights (fast for a million draws)."""

    def __init__(self, rng: random.Random, weights: list[float]):
        self.rng = rng
        self.cum = list(itertools.accumulate(weights))

    def __call__(self) -> int:
        return bisect.bisect(self.cum, self.rng.random() * self.cum[-1])


def zipf(n: int, s: float = 1.1) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


def esc(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def line(*values) -> str:
    return "\t".join(esc(v) for v in values) + "\n"


class Corpus:
    """Generates the rows of every table for ``scale`` statements."""

    def __init__(self, scale: int, seed: int = 11):
        self.scale = scale
        self.rng = random.Random(seed)
        self.n_speakers = max(50, scale // 50)
        self.n_events = max(20, scale // 200)
        self.vocabulary = self._vocabulary(5000)
        self.word = Picker(self.rng, zipf(len(self.vocabulary), 1.0))
        self.speakers = self._speakers()
        self.events = self._events()
        tail = zipf(self.n_speakers - 1)
        share = (1 - PROLIFIC_SHARE) / sum(tail)
        self.speaker = Picker(self.rng, [PROLIFIC_SHARE] + [w * share for w in tail])
        tail = zipf(self.n_events - 1, 0.9)
        share = (1 - LARGE_EVENT_SHARE) / sum(tail)
        self.event = Picker(self.rng, [LARGE_EVENT_SHARE] + [w * share for w in tail])

    def _vocabulary(self, n: int) -> list[str]:
        words, seen = [], {w for w, _ in WORDS.values()}
        while len(words) < n:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _speakers(self) -> list[tuple[str, list[str]]]:
        speakers = []
        for _ in range(self.n_speakers):
            last = "".join(self.rng.choice(SYLLABLES) for _ in range(2)).capitalize()
            name = f"{self.rng.choice(FIRST)} {last}"
            aliases = [name, f"{name[0]}. {last}"]
            if self.rng.random() < 0.3:
                aliases.append(f"Dr {name}")
            speakers.append((name, aliases))
        return speakers

    def _events(self) -> list[tuple[str, str, date]]:
        events = []
        for _ in range(self.n_events):
            day = FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))
            name = (
                f"{self.rng.choice(self.vocabulary).capitalize()} "
                f"{self.rng.choice(EVENT_WORDS)} {day.year}"
            )
            events.append((name, self.rng.choice(KINDS), day))
        return events

    def text(self) -> str:
        words = [self.vocabulary[self.word()] for _ in range(self.rng.randint(12, 40))]
        for word, share in WORDS.values():
            if self.rng.random() < share:
                words.insert(self.rng.randrange(len(words) + 1), word)
        if self.rng.random() < PHRASE_SHARE:
            words.insert(self.rng.randrange(len(words) + 1), PHRASE)
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."

    # -- rows ---------------------------------------------------------------------------------

    def speaker_rows(self, now: str) -> Iterator[tuple[str, str]]:
        for i, (name, _) in enumerate(self.speakers, start=1):
            yield "speaker", line(i, name, f"{slug(name)}-{i}", "person", "", False, now, now)
        alias_id = itertools.count(1)
        for i, (_, aliases) in enumerate(self.speakers, start=1):
            for alias in dict.fromkeys(aliases):
                yield "alias", line(next(alias_id), i, alias, fold(alias))

    def event_rows(self, now: str) -> Iterator[tuple[str, str]]:
        for i, (name, kind, day) in enumerate(self.events, start=1):
            yield (
                "event",
                line(i, f"{name}", f"{slug(name)}-{i}", kind, day, None, "", "", False, now, now),
            )

    def document_rows(self, now: str) -> Iterator[tuple[str, str]]:
        """Sources, articles, statements and occurrences, source by source."""
        rng = self.rng
        statement_id = itertools.count(1)
        article_id = itertools.count(1)
        occurrence_id = itertools.count(1)
        pending: dict[int, list[tuple]] = {}  # source id -> statements it quotes again
        made, source_id = 0, 0
        while made < self.scale:
            source_id += 1
            parts: list[str] = []
            length = 0

            def add(chunk: str, parts=parts) -> tuple[int, int]:
                nonlocal length
                start = length
                parts.append(chunk)
                length += len(chunk)
                return start, length

            add(f"Report {source_id}\n\n")
            occurrences, articles = [], []
            for position in range(rng.choice((1, 1, 2, 3))):
                event = None if rng.random() < NO_EVENT_SHARE else self.event() + 1
                day = self.events[event - 1][2] if event else None
                start, _ = add(
                    f"Post {position + 1}: {self.events[event - 1][0] if event else 'Notes'}\n\n"
                )
                article = next(article_id)
                for _ in range(rng.randint(4, 12)):
                    if made >= self.scale:
                        break
                    made += 1
                    speaker = self.speaker() + 1
                    name = self.speakers[speaker - 1][1][rng.randrange(2)]
                    text = self.text()
                    kind = "direct" if rng.random() < 0.7 else "indirect"
                    when = day or FIRST_DAY + timedelta(days=rng.randrange(DAYS))
                    if rng.random() < 0.01:
                        when = None
                    pk = next(statement_id)
                    sources = [source_id]
                    if rng.random() < REQUOTE_SHARE and made < self.scale - 100:
                        later = source_id + rng.randint(1, 3)
                        pending.setdefault(later, []).append((pk, name, text, kind))
                        sources.append(later)
                    lead = f"{name} said: “" if kind == "direct" else f"{name} said that "
                    add(lead)
                    span = add(text)
                    add("”\n\n" if kind == "direct" else "\n\n")
                    occurrences.append((pk, article, span))
                    status = rng.random()
                    review = (
                        "rejected"
                        if status < 0.02
                        else "verified"
                        if status < 0.1
                        else "unreviewed"
                    )
                    names = " ".join(
                        dict.fromkeys(
                            [self.speakers[speaker - 1][0], *self.speakers[speaker - 1][1]]
                        )
                    )
                    yield (
                        "statement",
                        line(
                            pk,
                            speaker,
                            event,
                            kind,
                            text,
                            when,
                            review,
                            fingerprint(text),
                            names,
                            "bench",
                            0.8,
                            False,
                            now,
                            now,
                            "",
                            "{" + ",".join(map(str, sources)) + "}",
                        ),
                    )
                for pk, name, text, _kind in pending.pop(source_id, []):
                    add(f"As {name} put it earlier: “")
                    occurrences.append((pk, article, add(text)))
                    add("”\n\n")
                articles.append((article, position, start, event, day))
            body = "".join(parts)
            sha = hashlib.sha256(body.encode()).hexdigest()
            yield (
                "source",
                line(
                    source_id,
                    f"report-{source_id}.txt",
                    sha,
                    body,
                    "utf-8",
                    f"Report {source_id}",
                    "bench.example",
                    "",
                    now,
                    None,
                    None,
                ),
            )
            for position, (article, index, start, event, day) in enumerate(articles):
                end = articles[position + 1][2] if position + 1 < len(articles) else len(body)
                yield (
                    "article",
                    line(article, source_id, index, f"Post {index + 1}", start, end, day, event),
                )
            for pk, article, (start, end) in occurrences:
                yield (
                    "occurrence",
                    line(next(occurrence_id), pk, source_id, article, start, end, "", now),
                )
