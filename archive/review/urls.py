from django.urls import path

from archive.review import item, merge, views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.bulk, name="bulk"),
    path("speakers.json", views.speaker_lookup, name="speaker-lookup"),
    path("<int:pk>/", item.item, name="item"),
    path("<int:pk>/act/", item.act, name="act"),
    path("merge/speakers/", merge.merge_speakers, name="merge-speakers"),
    path("merge/events/", merge.merge_events, name="merge-events"),
    path("split/<int:pk>/", merge.split_speaker, name="split"),
]
