"""/changes/: editors' corrections, newest first, and the same list as an Atom feed.

Only changes an editor made are listed (not imports, and not plain verifications); changes to
rejected statements are left out like the statements themselves.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive import history
from archive.models import Event, Occurrence, ReviewStatus, Speaker, SpeakerAlias, Statement

CHANGES_SHOWN = 50
FEED_ITEMS = 30


@dataclass
class PublicChange:
    """A correction as the public sees it: what, on which record, when."""

    change: history.Change
    title: str
    url: str

    @property
    def fields(self) -> list[str]:
        return [name.removesuffix("_id").replace("_", " ") for name in self.change.changes]


def public_corrections(limit: int) -> list[PublicChange]:
    """Editors' corrections joined to the records they changed (a fixed number of queries)."""
    changes = history.recent_corrections(limit * 2)
    ids = {name: set() for name in history.HISTORY_MODELS}
    for change in changes:
        ids[change.model].add(change.obj_id)
    occurrences = Occurrence.objects.in_bulk(ids["occurrence"])
    aliases = SpeakerAlias.objects.in_bulk(ids["alias"])
    statements = Statement.objects.select_related("speaker").in_bulk(
        ids["statement"] | {o.statement_id for o in occurrences.values()}
    )
    speakers = Speaker.objects.in_bulk(ids["speaker"] | {a.speaker_id for a in aliases.values()})
    events = Event.objects.in_bulk(ids["event"])
    shown = []
    for change in changes:
        record = None
        if change.model == "occurrence" and change.obj_id in occurrences:
            record = statements.get(occurrences[change.obj_id].statement_id)
        elif change.model == "alias" and change.obj_id in aliases:
            record = speakers.get(aliases[change.obj_id].speaker_id)
        else:
            record = {"statement": statements, "speaker": speakers, "event": events}.get(
                change.model, {}
            ).get(change.obj_id)
        if record is None:
            continue  # merged away or deleted: the survivor's own change is listed
        if isinstance(record, Statement):
            if record.review_status == ReviewStatus.REJECTED:
                continue
            title = f"Statement {record.pk} by {record.speaker.name}: “{_short(record.text)}”"
        else:
            title = str(record)
        shown.append(PublicChange(change, title, record.get_absolute_url()))
    return shown[:limit]


def _short(text: str, words: int = 12) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + (" …" if len(cut) > words else "")


def change_list(request: HttpRequest) -> HttpResponse:
    context = {"corrections": public_corrections(CHANGES_SHOWN)}
    return render(request, "archive/change_list.html", context)


class ChangesFeed(Feed):
    """/changes/feed/: the latest corrections as Atom, for researchers who cite the archive."""

    feed_type = Atom1Feed
    title = "Statement Archive: corrections"
    subtitle = "Corrections editors made to statements, speakers and events."

    def link(self):
        return reverse("archive:changes")

    def items(self):
        return public_corrections(FEED_ITEMS)

    def item_title(self, item: PublicChange) -> str:
        return f"{item.change.summary}: {item.title}"

    def item_description(self, item: PublicChange) -> str:
        fields = ", ".join(item.fields)
        return f"{item.change.summary} on {item.change.at:%d %b %Y}" + (
            f" ({fields})" if fields else ""
        )

    def item_link(self, item: PublicChange) -> str:
        return item.url

    def item_guid(self, item: PublicChange) -> str:
        return f"change-{item.change.model}-{item.change.obj_id}-{item.change.at.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: PublicChange):
        return item.change.at

    def item_updateddate(self, item: PublicChange):
        return item.change.at
