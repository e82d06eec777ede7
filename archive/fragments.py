"""The HTML fragments repeated down long lists, built in Python instead of template includes.

A search page repeats a result row 25 times and a facet option some 70 times; as template
includes they cost more than all of the page's SQL (each include resolves its variables
and filters one by one). Built here with ``format_html`` they cost a small fraction of
that, and every value still goes through ``escape``. The templates call them through
``archive_tags``; the markup is the same as the partials they replace.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr, truncatewords
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from archive import wording
from archive.models import ReviewStatus, StatementKind

EVENT_NAME_CHARS = 80  # the default length of a shortened event name


def _class(base: str, extra: str = "") -> str:
    return f"{base} {extra}" if extra else base


def statement_text(statement, *, shown=None, words=None, extra_class: str = "") -> SafeString:
    """A statement's words: a blockquote when direct, a labelled paraphrase when reported
    (never in quotation marks). ``shown``: escaped text with <mark>; ``words``: truncate."""
    if shown:
        words_html = shown
    elif words:
        words_html = format_html("{}", truncatewords(statement.text, words))
    else:
        words_html = linebreaksbr(statement.text)
    if statement.kind == StatementKind.INDIRECT:
        return format_html(
            '<div class="{}"><p><span class="reported__label">Reported speech:</span> {}</p></div>',
            _class("reported", extra_class),
            words_html,
        )
    return format_html(
        '<blockquote class="{}"><p>{}</p></blockquote>',
        _class("quote quote--direct", extra_class),
        words_html,
    )


def event_name(event, limit: int | None = None) -> SafeString:
    """An event's name, shortened when long: the full name on hover and for screen readers."""
    short = wording.shorten(event.name or "", int(limit or EVENT_NAME_CHARS)) or event.name
    if short == event.name:
        return format_html("{}", event.name)
    return format_html(
        '<span class="event-name--short" title="{}" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span>',
        event.name,
        short,
        event.name,
    )


def statement_row(statement) -> SafeString:
    """One search result (speaker and event joined; ``highlighted`` when searched)."""
    speaker_url = statement.speaker.get_absolute_url()
    event = (
        format_html(
            '<span class="statement-row__event">at <a href="{}">{}</a></span>',
            statement.event.get_absolute_url(),
            event_name(statement.event, 60),
        )
        if statement.event
        else ""
    )
    when = (
        format_html(
            '<time datetime="{}">{}</time>',
            format_date(statement.date, "Y-m-d"),
            format_date(statement.date, "j F Y"),
        )
        if statement.date
        else ""
    )
    rejected = statement.review_status == ReviewStatus.REJECTED
    return format_html(
        '<li class="{}">\n  <article>\n    {}\n    <p class="statement-row__meta">\n'
        '      <a class="statement-row__speaker" href="{}">{}</a>\n      {}\n      {}\n'
        '      <span class="statement-kind statement-kind--{}">{}</span>\n'
        '      <span class="status-badge status-badge--{}">{}</span>\n    </p>\n'
        '    <p class="statement-row__link"><a href="{}">Statement {}'
        '<span class="visually-hidden"> by {}</span>: sources and citation</a></p>\n'
        "  </article>\n</li>",
        _class("statement-row", "statement-row--rejected" if rejected else ""),
        statement_text(
            statement,
            shown=getattr(statement, "highlighted", None),
            words=60,
            extra_class="statement-row__text",
        ),
        speaker_url,
        statement.speaker.name,
        event,
        when,
        statement.kind,
        statement.get_kind_display(),
        statement.review_status,
        statement.get_review_status_display(),
        statement.get_absolute_url(),
        statement.pk,
        statement.speaker.name,
    )


def statement_rows(statements) -> SafeString:
    return mark_safe("\n".join(statement_row(s) for s in statements))  # each one escaped


def facet_option(facet, option) -> SafeString:
    """One facet option: a link switching it on (or off, when selected), with its count."""
    short = wording.shorten(option.label or "", 48)
    if short != option.label:
        title = format_html(' title="{}"', option.label)
        label = format_html(
            '<span class="facet__label" aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span>',
            short,
            option.label,
        )
    else:
        title, label = "", format_html('<span class="facet__label">{}</span>', option.label)
    selected = ", selected: follow to remove" if option.selected else ""
    return format_html(
        '<li>\n  <a class="{}" href="?{}"{}{}>\n    {}\n'
        '    <span class="facet__count">{}{}<span class="visually-hidden"> statement{}{}</span>'
        "</span>\n  </a>\n</li>",
        _class("facet__option", "is-selected" if option.selected else ""),
        option.query_string,
        mark_safe(' aria-current="true"') if option.selected else "",
        title,
        label,
        "≈" if facet.estimated else "",
        intcomma(option.count),
        "" if option.count == 1 else "s",
        selected,
    )


def facet_options(facet, options) -> SafeString:
    return format_html_join("\n", "{}", ((facet_option(facet, o),) for o in options))
