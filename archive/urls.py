from django.urls import path

from archive import feeds
from archive.views import browse, changes, statements
from archive.views.methods import read_only

app_name = "archive"
# Every public address is read-only (archive.views.methods): the views and feeds named here
# without the decorator on their definition get it where they are routed.
urlpatterns = [
    path("", browse.home, name="home"),
    path("robots.txt", read_only(browse.robots_txt), name="robots"),
    path("statements/", statements.statement_list, name="statement-list"),
    path("statements/feed/", read_only(feeds.SearchFeed()), name="statement-feed"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement-detail"),
    path("speakers/", browse.speaker_list, name="speaker-list"),
    path("speakers/<slug:slug>/", browse.speaker_detail, name="speaker-detail"),
    path("speakers/<slug:slug>/feed/", read_only(feeds.SpeakerFeed()), name="speaker-feed"),
    path("events/", browse.event_list, name="event-list"),
    path("events/<slug:slug>/", browse.event_detail, name="event-detail"),
    path("events/<slug:slug>/feed/", read_only(feeds.EventFeed()), name="event-feed"),
    path("sources/", browse.source_list, name="source-list"),
    path("sources/<int:pk>/", browse.source_detail, name="source-detail"),
    path("changes/", read_only(changes.change_list), name="changes"),
    path("changes/feed/", read_only(changes.ChangesFeed()), name="changes-feed"),
]
