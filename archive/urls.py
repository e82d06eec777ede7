from django.urls import path

from archive.views import browse, changes, statements

app_name = "archive"
urlpatterns = [
    path("", browse.home, name="home"),
    path("statements/", statements.statement_list, name="statement-list"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement-detail"),
    path("speakers/", browse.speaker_list, name="speaker-list"),
    path("speakers/<slug:slug>/", browse.speaker_detail, name="speaker-detail"),
    path("events/", browse.event_list, name="event-list"),
    path("events/<slug:slug>/", browse.event_detail, name="event-detail"),
    path("sources/", browse.source_list, name="source-list"),
    path("sources/<int:pk>/", browse.source_detail, name="source-detail"),
    path("changes/", changes.change_list, name="changes"),
    path("changes/feed/", changes.ChangesFeed(), name="changes-feed"),
]
