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


# Fragments repeated down long lists, built in Python (archive.fragments says why), each a
# tag of the same name and arguments.
for fragment in (
    fragments.statement_text,
    fragments.event_name,
    fragments.statement_rows,
    fragments.facet_options,
    fragments.event_dates,
    fragments.speaker_statements,
    fragments.event_passages,
    fragments.event_speakers,
    fragments.article_items,
    fragments.timeline_bars,
    fragments.timeline_rows,
):
    register.simple_tag(fragment)
