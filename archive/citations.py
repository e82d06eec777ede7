"""How to cite a statement: plain text, BibTeX and CSL-JSON, from plain values.

``Citation`` holds what a citation needs; the formatters are pure functions of it, so they
are tested without a database. ``citation_for()`` is the one place that reads models.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from archive.models import StatementKind

ARCHIVE_NAME = "Statement Archive"

# Titles of long statements are cut to this many words.
TITLE_WORDS = 30


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


def citation_for(statement, *, permalink: str, accessed: date, source=None) -> Citation:
    """The citation of ``statement`` (speaker and event loaded); ``source`` is where it was read."""
    return Citation(
        statement_id=statement.pk,
        speaker=statement.speaker.name,
        text=statement.text,
        reported=statement.kind == StatementKind.INDIRECT,
        date=statement.date,
        event=statement.event.name if statement.event else "",
        source_title=(source.title or source.file_name) if source else "",
        source_site=source.site if source else "",
        permalink=permalink,
        accessed=accessed,
    )


def title(text: str, words: int = TITLE_WORDS) -> str:
    """The statement's text on one line, cut after ``words`` words."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:") + "…"


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def plain_text(c: Citation) -> str:
    """A reference in running prose, e.g. for a footnote."""
    quote = title(c.text)
    if not quote.endswith((".", "!", "?", "…")):
        quote += "."
    quoted = f"“{quote}”" + (" (reported speech)." if c.reported else "")
    said = ", ".join(part for part in (c.event, long_date(c.date) if c.date else "") if part)
    parts = [f"{c.speaker}.", quoted]
    if said:
        parts.append(f"{said}.")
    if c.source_title:
        where = f"{c.source_title}, {c.source_site}" if c.source_site else c.source_title
        parts.append(f"Reported in {where}.")
    parts.append(f"{ARCHIVE_NAME}, statement {c.statement_id}.")
    parts.append(f"{c.permalink} (accessed {long_date(c.accessed)}).")
    return " ".join(parts)


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


def bibtex(c: Citation) -> str:
    """A biblatex/BibTeX ``@misc`` entry; the speaker in double braces so it is not split."""
    fields = [
        ("author", "{" + bibtex_escape(c.speaker) + "}"),
        ("title", bibtex_escape(title(c.text))),
    ]
    if c.date:
        fields += [("date", c.date.isoformat()), ("year", str(c.date.year))]
    howpublished = "Reported speech" if c.reported else "Statement"
    if c.event:
        howpublished += " at " + bibtex_escape(c.event)
    fields.append(("howpublished", howpublished))
    fields += [
        ("organization", ARCHIVE_NAME),
        ("url", c.permalink),
        ("urldate", c.accessed.isoformat()),
        (
            "note",
            f"{ARCHIVE_NAME}, statement {c.statement_id}. Accessed {c.accessed.isoformat()}",
        ),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{statement{c.statement_id},\n{body}\n}}"


def _date_parts(value: date) -> dict:
    return {"date-parts": [[value.year, value.month, value.day]]}


def csl_item(c: Citation) -> dict:
    """One CSL-JSON item (the format of Zotero, Pandoc and citeproc)."""
    item = {
        "id": f"statement-{c.statement_id}",
        "type": "speech",
        "title": title(c.text),
        "author": [{"literal": c.speaker}],
        "genre": "Reported speech" if c.reported else "Direct quote",
        "publisher": ARCHIVE_NAME,
        "URL": c.permalink,
        "accessed": _date_parts(c.accessed),
        "note": f"{ARCHIVE_NAME}, statement {c.statement_id}",
    }
    if c.date:
        item["issued"] = _date_parts(c.date)
    if c.event:
        # "event-title" is CSL 1.0.2; older processors read "event".
        item["event-title"] = item["event"] = c.event
    if c.source_title:
        item["container-title"] = c.source_title
    return item


def csl_json(c: Citation) -> str:
    """CSL-JSON text: a list holding the one item, ready to save as a .json file."""
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=2)
