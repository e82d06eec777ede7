"""The editors' view of the archive.

Saving a speaker, event or statement here marks it ``curated`` so that a later import never
overwrites the editor's work.
"""

from django.contrib import admin
from django.db import models
from django.db.models.functions import Upper
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from archive import editing, history
from archive.models import (
    Article,
    Event,
    IngestRun,
    Occurrence,
    SlugRedirect,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
)


class CuratedOnSaveMixin:
    """Mark a record as curated whenever an editor saves it."""

    def save_model(self, request, obj, form, change):
        obj.curated = True
        super().save_model(request, obj, form, change)


class HistoryMixin:
    """The record's edit history with values (pghistory) on the admin's History page."""

    object_history_template = "admin/archive/object_history.html"
    history_model = ""

    def history_view(self, request, object_id, extra_context=None):
        changes = history.record_history(self.history_model, int(object_id))
        extra = {"history": changes, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=extra)


def _merge_action(url_name: str, noun: str):
    """An admin action that opens the merge preview for the ticked records."""

    def merge(modeladmin, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        query = urlencode([("ids", pk) for pk in ids])
        return HttpResponseRedirect(f"{reverse(url_name)}?{query}")

    merge.short_description = f"Merge selected {noun}"
    merge.allowed_permissions = ("change", "delete")
    merge.__name__ = f"merge_{noun}"
    return merge


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0
    fields = ["name", "normalized"]


@admin.register(Speaker)
class SpeakerAdmin(HistoryMixin, CuratedOnSaveMixin, admin.ModelAdmin):
    history_model = "speaker"
    change_form_template = "admin/archive/speaker/change_form.html"
    actions = [_merge_action("review:merge-speakers", "speakers")]
    list_display = ["name", "kind", "description", "statement_count", "curated"]
    ordering = [Upper("name")]  # the count annotation groups rows and drops Meta.ordering
    list_filter = ["kind", "curated"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Search reads a copy of the name and aliases on each statement: keep it current.
        form.instance.refresh_statement_names()

    @admin.display(ordering="statement_count", description="Statements")
    def statement_count(self, obj):
        return obj.statement_count


@admin.register(Event)
class EventAdmin(HistoryMixin, CuratedOnSaveMixin, admin.ModelAdmin):
    history_model = "event"
    actions = [_merge_action("review:merge-events", "events")]
    list_display = ["name", "kind", "start_date", "location", "statement_count", "curated"]
    ordering = ["-start_date", "name"]  # the count annotation drops Meta.ordering
    list_filter = ["kind", "curated", ("start_date", admin.DateFieldListFilter)]
    search_fields = ["name", "location", "description"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(ordering="statement_count", description="Statements")
    def statement_count(self, obj):
        return obj.statement_count


class OccurrenceInline(admin.TabularInline):
    model = Occurrence
    extra = 0
    fields = ["source", "start", "end", "role", "passage_link"]
    readonly_fields = ["source", "start", "end", "passage_link"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="Passage")
    def passage_link(self, obj):
        if not obj.pk:
            return ""
        return format_html('<a href="{}">view in source</a>', obj.get_absolute_url())


@admin.register(Statement)
class StatementAdmin(HistoryMixin, CuratedOnSaveMixin, admin.ModelAdmin):
    history_model = "statement"
    change_form_template = "admin/archive/statement/change_form.html"
    list_display = [
        "short_text",
        "speaker",
        "kind",
        "event",
        "date",
        "review_status",
        "rule",
        "confidence",
        "curated",
    ]
    list_filter = ["review_status", "kind", "curated", "rule", "event__kind"]
    list_select_related = ["speaker", "event"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker", "event"]
    date_hierarchy = "date"
    readonly_fields = [
        "rule",
        "confidence",
        "review_flag",
        "source_wording",
        "fingerprint",
        "speaker_names",
        "created_at",
        "updated_at",
    ]
    inlines = [OccurrenceInline]
    actions = ["mark_verified", "mark_rejected"]

    def save_model(self, request, obj, form, change):
        # The speaker may have changed: search reads their names from this copy.
        obj.speaker_names = obj.speaker.search_names
        super().save_model(request, obj, form, change)

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "..."

    @admin.action(description="Mark selected statements verified")
    def mark_verified(self, request, queryset):
        editing.verify(queryset)

    @admin.action(description="Mark selected statements rejected")
    def mark_rejected(self, request, queryset):
        editing.reject(queryset, reason="rejected from the statement list")


class ArticleInline(admin.TabularInline):
    model = Article
    extra = 0
    fields = ["position", "title", "published", "event", "start", "end"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["file_name", "title", "imported_at", "superseded_by", "ingest_run"]
    list_filter = [("superseded_by", admin.EmptyFieldListFilter)]
    search_fields = ["file_name", "title", "sha256"]
    readonly_fields = ["file_name", "sha256", "encoding", "imported_at", "ingest_run", "text"]
    inlines = [ArticleInline]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "started_at", "finished_at", "status", "process", "heartbeat_at"]
    list_filter = ["status"]
    readonly_fields = [
        "started_at",
        "finished_at",
        "status",
        "paths",
        "counts",
        "warnings",
        "errors",
        "pid",
        "host",
        "heartbeat_at",
    ]

    @admin.display(description="Process")
    def process(self, run: IngestRun) -> str:
        return f"{run.pid} on {run.host}" if run.pid else ""

    def changelist_view(self, request, extra_context=None):
        # A run whose process is gone is shown as failed, not "running" forever.
        IngestRun.objects.mark_abandoned()
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "position", "published", "event"]
    list_select_related = ["source", "event"]
    list_filter = [("published", admin.DateFieldListFilter)]
    search_fields = ["title", "source__file_name"]
    autocomplete_fields = ["event"]
    readonly_fields = ["source", "position", "start", "end"]


@admin.register(Occurrence)
class OccurrenceAdmin(HistoryMixin, admin.ModelAdmin):
    history_model = "occurrence"
    list_display = ["statement", "source", "start", "end", "role"]
    list_select_related = ["statement__speaker", "source"]
    search_fields = ["statement__text", "source__file_name", "role"]
    readonly_fields = ["statement", "source", "article", "start", "end", "created_at"]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(HistoryMixin, admin.ModelAdmin):
    history_model = "alias"
    list_display = ["name", "normalized", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["name", "normalized", "speaker__name"]
    autocomplete_fields = ["speaker"]

    # Each change refreshes the names search reads on the speakers' statements.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _refresh_statement_names({obj.speaker_id, form.initial.get("speaker")})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _refresh_statement_names({obj.speaker_id})

    def delete_queryset(self, request, queryset):
        speaker_ids = set(queryset.values_list("speaker_id", flat=True))
        super().delete_queryset(request, queryset)
        _refresh_statement_names(speaker_ids)


def _refresh_statement_names(speaker_ids: set) -> None:
    for speaker in Speaker.objects.filter(pk__in=speaker_ids - {None}):
        speaker.refresh_statement_names()


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old slugs of merged-away records (made by merges; read-only here)."""

    list_display = ["old_slug", "kind", "speaker", "event", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["speaker", "event"]
    search_fields = ["old_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
