"""Template filters for statement wording (the rules live in archive.wording)."""

from django import template

from archive import fragments, wording
from archive.models import StatementKind

register = template.Library()


@register.filter
def cited(statement, max_chars: int = 160) -> str:
    """``statement``'s words for a link: “quoted” when direct, plain when reported speech."""
    return wording.as_cited(
        statement.text, reported=statement.kind == StatementKind.INDIRECT, max_chars=max_chars
    )


@register.filter
def shortened(text: str, max_chars: int | None = 80) -> str:
    """``text`` cut at a word boundary with an ellipsis (full text goes in a title attribute)."""
    return wording.shorten(text or "", int(max_chars or 80))


# Fragments repeated down long lists, built in Python (archive.fragments says why).


@register.simple_tag
def statement_text(statement, shown=None, words=None, extra_class=""):
    return fragments.statement_text(statement, shown=shown, words=words, extra_class=extra_class)


@register.simple_tag
def event_name(event, limit=None):
    return fragments.event_name(event, limit)


@register.simple_tag
def statement_rows(statements):
    return fragments.statement_rows(statements)


@register.simple_tag
def facet_options(facet, options):
    return fragments.facet_options(facet, options)


@register.simple_tag
def event_dates(event):
    return fragments.event_dates(event)


@register.simple_tag
def speaker_statements(statements, speaker):
    return fragments.speaker_statements(statements, speaker)


@register.simple_tag
def event_passages(occurrences):
    return fragments.event_passages(occurrences)


@register.simple_tag
def event_speakers(event, speakers, search_url):
    return fragments.event_speakers(event, speakers, search_url)


@register.simple_tag
def article_items(articles):
    return fragments.article_items(articles)


@register.simple_tag
def timeline_bars(timeline):
    return fragments.timeline_bars(timeline)


@register.simple_tag
def timeline_rows(timeline):
    return fragments.timeline_rows(timeline)
