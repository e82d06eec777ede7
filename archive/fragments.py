"""The HTML fragments repeated down long lists, built in Python instead of template includes.

A search page repeats a result row 25 times and a facet option some 70 times; as template
includes they cost more than all of the page's SQL (each include resolves its variables
and filters one by one). Built here with ``_html`` (``format_html`` without its checks
for lazy arguments) they cost a small fraction of that, and every value still goes
through ``escape``. The templates call them through ``archive_tags``; the markup is the
same as the partials they replace.
"""

import html

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import linebreaksbr, pluralize, truncatewords, urlencode
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.safestring import SafeString, mark_safe

from archive import wording
from archive.models import ReviewStatus, StatementKind

EVENT_NAME_CHARS = 80  # the default length of a shortened event name


def _escaped(value) -> str:
    """``conditional_escape``: safe strings as they are, everything else escaped."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _html(template: str, *values) -> SafeString:
    """``format_html(template, *values)`` without the checks for lazy arguments that wrap
    every call of it and of ``conditional_escape`` (a search page makes some 350 calls, the
    largest event page 450: 2.7 ms of them per 450 against 1.0 ms here). Same output."""
    return SafeString(template.format(*map(_escaped, values)))


def _html_join(separator: str, template: str, rows) -> SafeString:
    """``format_html_join``: ``template`` filled with each row's values, joined."""
    return SafeString(separator.join(_html(template, *row) for row in rows))


def _class(base: str, extra: str = "") -> str:
    return f"{base} {extra}" if extra else base


def _each(items, fragment) -> SafeString:
    """``fragment(item)`` for each of ``items``, one per line."""
    return _html_join("\n", "{}", ((fragment(item),) for item in items))


def statement_text(statement, *, shown=None, words=None, extra_class: str = "") -> SafeString:
    """A statement's words: a blockquote when direct, a labelled paraphrase when reported
    (never in quotation marks). ``shown``: escaped text with <mark>; ``words``: truncate."""
    if shown:
        words_html = shown
    elif words:
        words_html = _html("{}", truncatewords(statement.text, words))
    else:
        words_html = linebreaksbr(statement.text)
    if statement.kind == StatementKind.INDIRECT:
        return _html(
            '<div class="{}"><p><span class="reported__label">Reported speech:</span> {}</p></div>',
            _class("reported", extra_class),
            words_html,
        )
    return _html(
        '<blockquote class="{}"><p>{}</p></blockquote>',
        _class("quote quote--direct", extra_class),
        words_html,
    )


def event_name(event, limit: int | None = None) -> SafeString:
    """An event's name, shortened when long: the full name on hover and for screen readers."""
    short = wording.shorten(event.name or "", int(limit or EVENT_NAME_CHARS)) or event.name
    if short == event.name:
        return _html("{}", event.name)
    return _html(
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
        _html(
            '<span class="statement-row__event">at <a href="{}">{}</a></span>',
            statement.event.get_absolute_url(),
            event_name(statement.event, 60),
        )
        if statement.event
        else ""
    )
    when = _time(statement.date) if statement.date else ""
    rejected = statement.review_status == ReviewStatus.REJECTED
    return _html(
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
    return _each(statements, statement_row)


def facet_option(facet, option) -> SafeString:
    """One facet option: a link switching it on (or off, when selected), with its count."""
    short = wording.shorten(option.label or "", 48)
    if short != option.label:
        title = _html(' title="{}"', option.label)
        label = _html(
            '<span class="facet__label" aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span>',
            short,
            option.label,
        )
    else:
        title, label = "", _html('<span class="facet__label">{}</span>', option.label)
    selected = ", selected: follow to remove" if option.selected else ""
    return _html(
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
        pluralize(option.count),
        selected,
    )


def facet_options(facet, options) -> SafeString:
    return _each(options, lambda option: facet_option(facet, option))


def _time(day, *, short_month: bool = False) -> SafeString:
    """A ``<time>`` of ``day`` (a date), machine-readable and shown as the ``date`` filter's
    "j F Y" ("19 July 2020") or, with ``short_month``, "j M Y" ("19 Jul 2020"), from the same
    month names; without the filter's format parser, which cost a list of 50 posts more
    than its SQL."""
    month = MONTHS_3[day.month].title() if short_month else MONTHS[day.month]
    return _html(
        '<time datetime="{}">{} {} {}</time>', day.isoformat(), day.day, month, f"{day.year:04d}"
    )


def event_dates(event) -> SafeString:
    """An event's date or date range; "Date not recorded" without one."""
    if not event.start_date:
        return mark_safe('<span class="dates dates--unknown">Date not recorded</span>')
    end = (
        _html(" – {}", _time(event.end_date))
        if event.end_date and event.end_date != event.start_date
        else ""
    )
    return _html('<span class="dates">{}{}</span>', _time(event.start_date), end)


def _statement_link(statement, speaker_name: str) -> SafeString:
    return _html(
        '<a href="{}">Statement {}<span class="visually-hidden"> by {}</span>: '
        "sources and citation</a>",
        statement.get_absolute_url(),
        statement.pk,
        speaker_name,
    )


def _kind(statement) -> SafeString:
    return _html(
        '<span class="statement-kind statement-kind--{}">{}</span>',
        statement.kind,
        statement.get_kind_display(),
    )


def speaker_statement(statement, speaker) -> SafeString:
    """One statement on its speaker's page (the event it was said at heads its group)."""
    verified = (
        mark_safe('<span class="status-badge status-badge--verified">Verified</span>')
        if statement.review_status == ReviewStatus.VERIFIED
        else ""
    )
    return _html(
        '<li>\n  {}\n  <p class="compact-statements__meta">\n    {}\n    {}\n    {}\n    {}\n'
        "  </p>\n</li>",
        statement_text(statement, words=80),
        _time(statement.date) if statement.date else "",
        _kind(statement),
        verified,
        _statement_link(statement, speaker.name),
    )


def speaker_statements(statements, speaker) -> SafeString:
    return _each(statements, lambda statement: speaker_statement(statement, speaker))


def event_passage(occurrence) -> SafeString:
    """One passage on its event's page: who said it (in what role), what, and where."""
    statement, speaker = occurrence.statement, occurrence.statement.speaker
    role = _html('<span class="role">, {}</span>', occurrence.role) if occurrence.role else ""
    return _html(
        '<li>\n  <p class="compact-statements__speaker"><a href="{}">{}</a>{}</p>\n  {}\n'
        '  <p class="compact-statements__meta">\n    {}\n    {}\n'
        '    <a href="{}">View in source<span class="visually-hidden">: statement {}</span></a>\n'
        "  </p>\n</li>",
        speaker.get_absolute_url(),
        speaker.name,
        role,
        statement_text(statement, words=80),
        _kind(statement),
        _statement_link(statement, speaker.name),
        occurrence.get_absolute_url(),
        statement.pk,
    )


def event_passages(occurrences) -> SafeString:
    return _each(occurrences, event_passage)


def event_speaker(event, speaker, search_url: str) -> SafeString:
    """One of an event's speakers, with a link to search their statements there."""
    count = speaker.statement_count
    return _html(
        '<li><a href="{}">{}</a>\n  <a class="count" href="{}?event={}&amp;speaker={}">{}'
        '<span class="visually-hidden"> statement{} by {} here</span></a></li>',
        speaker.get_absolute_url(),
        speaker.name,
        search_url,
        urlencode(event.slug),
        urlencode(speaker.slug),
        intcomma(count),
        pluralize(count),
        speaker.name,
    )


def event_speakers(event, speakers, search_url: str) -> SafeString:
    return _each(speakers, lambda speaker: event_speaker(event, speaker, search_url))


def article_item(article) -> SafeString:
    """A post reporting an event: its title, when it was published, in which source."""
    published = (
        _html("{}, ", _time(article.published, short_month=True)) if article.published else ""
    )
    return _html(
        '<li><a href="{}">{}</a>\n  <span class="meta">{}{}</span></li>',
        article.get_absolute_url(),
        article.title or "Untitled post",
        published,
        article.source,
    )


def article_items(articles) -> SafeString:
    return _each(articles, article_item)


def timeline_bars(timeline) -> SafeString:
    """The chart's bars (SVG), one per period with statements, each titled with its count."""
    return _html_join(
        "",
        '<rect class="timeline__bar" x="{}" y="{}" width="{}" height="{}">'
        "<title>{}: {} statement{}</title></rect>",
        (
            (
                bar.x,
                bar.y,
                bar.width,
                bar.height,
                bar.label,
                bar.count,
                pluralize(bar.count),
            )
            for bar in timeline.bars
            if bar.count
        ),
    )


def timeline_rows(timeline) -> SafeString:
    """The chart's data as table rows, for screen readers and for copying."""
    return _html_join(
        "",
        '<tr><td><time datetime="{}">{}</time></td><td class="num">{}</td></tr>',
        ((bar.period, bar.label, intcomma(bar.count)) for bar in timeline.bars if bar.count),
    )
