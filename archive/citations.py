"""How to cite a statement: plain text, BibTeX, RIS and CSL-JSON, from plain values.

``Citation`` holds what a citation needs; the formatters are pure functions of it, so they
are tested without a database. ``citation_for()`` is the one place that reads models.
Every format carries the permalink, the access date, the review status and the archive's
data version; a demo archive's citations say they are invented.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from nameparser import HumanName

from archive import wording
from archive.models import SpeakerKind, StatementKind

ARCHIVE_NAME = "Statement Archive"
DEMO_WARNING = "DEMO DATA: invented documents, not a real statement; do not cite"

# Quotes in citations are cut to this many characters (at a word boundary, with "…").
QUOTE_CHARS = 300


@dataclass(frozen=True)
class Citation:
    statement_id: int
    speaker: str
    text: str
    reported: bool  # reported speech rather than a direct quote
    date: date | None
    event: str
    source_title: str
    source_site: str
    permalink: str
    accessed: date
    speaker_is_person: bool = True
    source_url: str = ""
    source_published: date | None = None
    review_status: str = "Unreviewed"
    data_version: str = ""  # e.g. "import 12 of 2026-12-01 22:00 UTC"
    demo: bool = False


def citation_for(
    statement,
    *,
    permalink: str,
    accessed: date,
    source=None,
    occurrence=None,
    data_version: str = "",
    demo: bool = False,
) -> Citation:
    """The citation of ``statement`` (speaker and event loaded) as read in ``source``.

    ``occurrence`` (with its article) gives the post's headline and date where the source
    has no title or date of its own; a file name is never a title.
    """
    article = getattr(occurrence, "article", None)
    source_title = ""
    if source is not None:
        source_title = source.title or (article.title if article else "")
    # The post's own date first: a page of several posts states the first post's date.
    published = (article.published if article else None) or getattr(source, "published", None)
    return Citation(
        statement_id=statement.pk,
        speaker=statement.speaker.name,
        speaker_is_person=statement.speaker.kind == SpeakerKind.PERSON,
        text=statement.text,
        reported=statement.kind == StatementKind.INDIRECT,
        date=statement.date,
        event=statement.event.name if statement.event else "",
        source_title=source_title,
        source_site=source.site if source else "",
        source_url=source.url if source else "",
        source_published=published,
        permalink=permalink,
        accessed=accessed,
        review_status=statement.get_review_status_display(),
        data_version=data_version,
        demo=demo,
    )


def title(text: str, chars: int = QUOTE_CHARS) -> str:
    """The statement's words on one line, whole or cut after a word with an ellipsis."""
    return wording.shorten(wording.strip_outer_marks(wording.one_line(text)), chars)


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _status_note(c: Citation) -> str:
    parts = [f"{ARCHIVE_NAME}, statement {c.statement_id}", f"review status: {c.review_status}"]
    if c.data_version:
        parts.append(f"data version: {c.data_version}")
    return "; ".join(parts)


def _words(c: Citation) -> str:
    """The quote in marks, or the reported speech plainly, ending with a full stop."""
    words = title(c.text)
    if not words.endswith((".", "!", "?", "…")):
        words += "."
    return f"Reported speech: {words}" if c.reported else wording.quoted(words)


def plain_text(c: Citation) -> str:
    """A reference in running prose, e.g. for a footnote."""
    parts = [f"{DEMO_WARNING}." if c.demo else "", f"{c.speaker}.", _words(c)]
    said = ", ".join(part for part in (c.event, long_date(c.date) if c.date else "") if part)
    if said:
        parts.append(f"{said}.")
    if c.source_title or c.source_url:
        where = [f"“{c.source_title}”" if c.source_title else "", c.source_site]
        if c.source_published:
            where.append(long_date(c.source_published))
        if c.source_url:
            where.append(c.source_url)
        parts.append("Reported in " + ", ".join(p for p in where if p) + ".")
    parts.append(_status_note(c) + ".")
    parts.append(f"{c.permalink} (accessed {long_date(c.accessed)}).")
    return " ".join(p for p in parts if p)


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL_RE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))


def bibtex_escape(value: str) -> str:
    """``value`` with the characters TeX treats specially made literal."""
    return _BIBTEX_SPECIAL_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], value)


def person_parts(name: str) -> tuple[str, str]:
    """``(family, given)`` of a person's name ("Geoffrey Robertson" -> Robertson, Geoffrey)."""
    human = HumanName(name)
    family = " ".join(p for p in (human.last, human.suffix) if p) or name
    given = " ".join(p for p in (human.first, human.middle) if p)
    return family, given


def bibtex_author(c: Citation) -> str:
    """``Last, First`` for a person; an organisation or group braced so it is never split."""
    if not c.speaker_is_person:
        return "{" + bibtex_escape(c.speaker) + "}"
    family, given = person_parts(c.speaker)
    family = bibtex_escape(family)
    if " " in family:  # "van der Berg": one family name, not a middle name
        family = "{" + family + "}"
    return f"{family}, {bibtex_escape(given)}" if given else family


def bibtex(c: Citation) -> str:
    """A biblatex/BibTeX ``@misc`` entry."""
    fields = [("author", bibtex_author(c)), ("title", bibtex_escape(title(c.text)))]
    if c.date:
        fields += [("date", c.date.isoformat()), ("year", str(c.date.year))]
    howpublished = "Reported speech" if c.reported else "Statement"
    if c.event:
        howpublished += " at " + bibtex_escape(c.event)
    if c.source_title:
        howpublished += ", reported in " + bibtex_escape(c.source_title)
    if c.source_site:
        howpublished += ", " + bibtex_escape(c.source_site)
    fields.append(("howpublished", howpublished))
    note = _status_note(c)
    if c.source_url:
        note += "; source: " + c.source_url
    if c.demo:
        note = DEMO_WARNING + "; " + note
    fields += [
        ("organization", ARCHIVE_NAME),
        ("url", c.permalink),
        ("urldate", c.accessed.isoformat()),
        ("note", bibtex_escape(note)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{statement{c.statement_id},\n{body}\n}}"


def ris(c: Citation) -> str:
    """An RIS record (EndNote, Zotero, Mendeley)."""
    if c.speaker_is_person:
        family, given = person_parts(c.speaker)
        author = f"{family}, {given}" if given else family
    else:
        author = c.speaker
    lines = [("TY", "GEN"), ("AU", author), ("TI", title(c.text))]
    if c.date:
        lines.append(("DA", c.date.strftime("%Y/%m/%d/")))
        lines.append(("PY", str(c.date.year)))
    lines.append(("M3", "Reported speech" if c.reported else "Direct quote"))
    if c.event:
        lines.append(("C1", c.event))
    if c.source_title:
        lines.append(("T2", c.source_title))
    if c.source_site:
        lines.append(("PB", c.source_site))
    lines += [("UR", c.permalink), ("Y2", c.accessed.strftime("%Y/%m/%d/"))]
    if c.demo:
        lines.append(("N1", DEMO_WARNING))
    lines.append(("N1", _status_note(c)))
    if c.source_url:
        lines.append(("N1", f"Source: {c.source_url}"))
    lines.append(("DB", ARCHIVE_NAME))
    body = "\n".join(f"{tag}  - {wording.one_line(value)}" for tag, value in lines)
    return body + "\nER  - \n"


def _date_parts(value: date) -> dict:
    return {"date-parts": [[value.year, value.month, value.day]]}


def csl_item(c: Citation) -> dict:
    """One CSL-JSON item (the format of Zotero, Pandoc and citeproc)."""
    if c.speaker_is_person:
        family, given = person_parts(c.speaker)
        author = {"family": family, "given": given} if given else {"literal": c.speaker}
    else:
        author = {"literal": c.speaker}
    note = _status_note(c)
    if c.demo:
        note = DEMO_WARNING + "; " + note
    item = {
        "id": f"statement-{c.statement_id}",
        "type": "speech",
        "title": title(c.text),
        "author": [author],
        "genre": "Reported speech" if c.reported else "Direct quote",
        "archive": ARCHIVE_NAME,
        "archive_location": f"statement {c.statement_id}",
        "URL": c.permalink,
        "accessed": _date_parts(c.accessed),
        "note": note,
    }
    if c.date:
        item["issued"] = _date_parts(c.date)
    if c.event:
        item["event-title"] = c.event
    if c.source_title:
        item["container-title"] = c.source_title
    if c.source_site:
        item["publisher"] = c.source_site
    return item


def csl_json(c: Citation) -> str:
    """CSL-JSON text: a list holding the one item, ready to save as a .json file."""
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=2)
