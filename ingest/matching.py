"""Which archived statement a parsed quote is: the same words, nearly the same, or an
editor's curated passage found again in a new version of its file.

``StatementMatcher`` looks quotes up by fingerprint through the (speaker, fingerprint) index and
compares near-identical wording only with a bounded shortlist (``ingest.identity`` holds the
ratios); ``CuratedPassages`` finds curated statements by passage position and text, whatever
speaker an editor gave them. Called by ``ingest.services`` inside a file's transaction.
"""

from django.db.models import F
from django.db.models.functions import Length
from rapidfuzz import fuzz

from archive.folding import comparable, fingerprint
from archive.models import Occurrence, ReviewStatus, Source, Speaker, Statement
from ingest.identity import REWORDED_RATIO, SAME_STATEMENT_RATIO

REWORDED_FLAG = "Source wording changed on re-import"


def flag_if_reworded(statement: Statement, text: str) -> None:
    """A reviewed statement whose source now says something else goes back to the queue.

    The statement keeps its reviewed text; the new wording is kept beside it for the editor.
    """
    if statement.review_status != ReviewStatus.VERIFIED:
        return
    if comparable(text) == comparable(statement.text):
        return
    statement.review_status = ReviewStatus.UNREVIEWED
    statement.review_flag = REWORDED_FLAG
    statement.source_wording = text
    statement.save(update_fields=["review_status", "review_flag", "source_wording", "updated_at"])


class CuratedPassages:
    """The curated statements of a file's previous version, found again in its new text.

    Editors may have moved such a statement to another speaker or changed its span, so the
    parser's speaker and wording cannot find it; its exact passage can. Each passage is
    looked up in the new text (the copy nearest its old position); a quote the parser finds
    overlapping it is that statement, anchored where the editor put it. A passage whose
    words changed is matched by close wording instead and sent back to review.
    """

    def __init__(self, previous: Source, new_text: str) -> None:
        self._open: list[tuple[Statement, str, int, int | None]] = []
        rows = (
            Occurrence.objects.filter(source=previous, statement__curated=True)
            .select_related("statement")
            .order_by("start", "pk")
        )
        for occ in rows:
            passage = previous.text[occ.start : occ.end]
            self._open.append(
                (occ.statement, passage, occ.start, _nearest(new_text, passage, occ.start))
            )
        self.ids = {statement.pk for statement, *_ in self._open}
        self.count = len(self.ids)

    def claim(self, found) -> tuple[Statement, int, int] | None:
        """(statement, start, end) for a parsed quote that is a curated passage, else None."""
        for index, (statement, passage, _, start) in enumerate(self._open):
            if start is not None and start < found.end and found.start < start + len(passage):
                del self._open[index]
                return statement, start, start + len(passage)
        wanted = comparable(found.text)
        for index, (statement, passage, _, start) in enumerate(self._open):
            if (
                start is None
                and statement.kind == found.kind
                and (fuzz.ratio(wanted, comparable(passage)) >= REWORDED_RATIO)
            ):
                del self._open[index]
                flag_if_reworded(statement, found.text)
                return statement, found.start, found.end
        return None


def _nearest(text: str, passage: str, near: int) -> int | None:
    """Where ``passage`` occurs in ``text``, the copy closest to ``near``; None if nowhere."""
    best, at = None, text.find(passage)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = text.find(passage, at + 1)
    return best


class StatementMatcher:
    """Finds the archived statement a quote is, with indexed lookups and a bounded shortlist.

    The same words by the same speaker (by fingerprint, the (speaker, fingerprint) index), or
    nearly the same words (rapidfuzz ratio >= SAME_STATEMENT_RATIO, for quotes at least 40
    characters long) among those of the speaker's ``SHORTLIST`` latest statements that have
    about the same length, are one statement. So a speaker's 80,000 earlier statements are never loaded.
    New statements are kept in memory and written together by ``save()``.
    """

    # How many of a speaker's latest statements are read to compare wording with.
    SHORTLIST = 200

    def __init__(self) -> None:
        self._loaded: dict[int, Statement] = {}  # archived statements found so far, by pk
        self._new: list[Statement] = []
        self._changed: dict[int, set[str]] = {}

    def _archived(self, speaker: Speaker, kind: str, text: str, print_: str) -> list[Statement]:
        fields = (
            "id",
            "kind",
            "text",
            "fingerprint",
            "curated",
            "event_id",
            "date",
            "speaker_id",
            "review_status",
        )
        # No default ordering on either query: a "first" by date or id would walk the whole
        # table's date or id index instead of the speaker's own rows.
        same = Statement.objects.filter(speaker=speaker, kind=kind).only(*fields).order_by()
        exact = list(same.filter(fingerprint=print_)[:1])
        if exact or len(comparable(text)) < 40:
            return exact
        low, high = int(len(text) / 1.15), int(len(text) / 0.85) + 1
        # The shortlist is the speaker's latest public statements (the speaker index, so the
        # rows read are bounded), of those the ones of about the same length; a rejected
        # statement is still found again by its fingerprint.
        latest = (
            same.exclude(review_status=ReviewStatus.REJECTED)
            .order_by(F("date").desc(nulls_last=True), "-id")
            .values("pk")[: self.SHORTLIST]
        )
        return list(
            same.filter(pk__in=latest)
            .annotate(length=Length("text"))
            .filter(length__gte=low, length__lte=high)
        )

    def find(self, *, speaker: Speaker, kind: str, text: str) -> Statement | None:
        print_ = fingerprint(text)
        new = [s for s in self._new if s.speaker_id == speaker.pk and s.kind == kind]
        archived = [
            self._loaded.setdefault(s.pk, s) for s in self._archived(speaker, kind, text, print_)
        ]
        candidates = new + archived
        for candidate in candidates:
            if candidate.fingerprint == print_:
                return candidate
        wanted = comparable(text)
        if len(wanted) < 40:  # short fragments are too easily alike to merge safely
            return None
        for candidate in candidates:
            if 0.85 <= len(candidate.text) / len(text) <= 1.15 and (
                fuzz.ratio(wanted, comparable(candidate.text)) >= SAME_STATEMENT_RATIO
            ):
                return candidate
        return None

    def resolve(
        self, *, speaker: Speaker, kind: str, text: str, event, date, rule: str, confidence: float
    ) -> Statement:
        """The matching statement (filling in what it lacks) or a new, not yet saved one."""
        statement = self.find(speaker=speaker, kind=kind, text=text)
        if statement is None:
            statement = Statement(
                speaker=speaker,
                kind=kind,
                text=text,
                event=event,
                date=date,
                fingerprint=fingerprint(text),
                review_status=ReviewStatus.UNREVIEWED,
                rule=rule,
                confidence=confidence,
            )
            self._new.append(statement)
        elif statement.curated and statement.pk is not None:
            flag_if_reworded(statement, text)
        elif statement.pk is not None:
            if statement.event_id is None and event is not None:
                statement.event = event
                self._changed.setdefault(statement.pk, set()).add("event")
            if statement.date is None and date is not None:
                statement.date = date
                self._changed.setdefault(statement.pk, set()).add("date")
        return statement

    @property
    def created(self) -> list[Statement]:
        """The statements ``save()`` wrote."""
        return self._new

    def save(self) -> None:
        Statement.objects.bulk_create(self._new)
        for pk, fields in self._changed.items():
            self._loaded[pk].save(update_fields=[*fields, "updated_at"])
