"""schema.org markup for statement pages: a ``Quotation`` in JSON-LD.

JSON-LD sits in ``<script type="application/ld+json">``: data, not script, so the Content
Security Policy allows it. ``json_script``-style escaping keeps "</script>" in a quote inert.
"""

import json

from django.utils.safestring import SafeString, mark_safe

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def quotation(statement, permalink: str, occurrence=None) -> SafeString:
    """The statement as a schema.org ``Quotation`` (speaker, date, event, where it appeared)."""
    speaker = statement.speaker
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": permalink,
        "url": permalink,
        "text": statement.text,
        "creator": {
            "@type": "Person" if speaker.kind == "person" else "Organization",
            "name": speaker.name,
        },
        "genre": statement.get_kind_display(),
    }
    if statement.date:
        data["dateCreated"] = statement.date.isoformat()
    if statement.event:
        data["locationCreated"] = {"@type": "Event", "name": statement.event.name}
        if statement.event.start_date:
            data["locationCreated"]["startDate"] = statement.event.start_date.isoformat()
    if occurrence is not None:
        source = occurrence.source
        work = {"@type": "CreativeWork", "name": source.title or occurrence.headline}
        if source.url:
            work["url"] = source.url
        if source.site:
            work["publisher"] = {"@type": "Organization", "name": source.site}
        data["isPartOf"] = work
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
