"""python manage.py explain FILE: how the parser reads one file, statement by statement.

Needs no database: it decodes the file and runs ``parse_document``, then prints each
statement with its kind, offsets, speaker, the rule that attributed it, that rule's
confidence and the first words of its text, for whoever debugs a miss.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.decode import RejectedFile, decode_bytes
from ingest.parse import parse_document

PREVIEW_WORDS = 10


def explain_lines(text: str) -> list[str]:
    """One line per statement of ``text`` (and per event), in document order."""
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    lines = [f"event {e.key}: {e.kind} {e.start_date or 'no date'} {e.name!r}" for e in doc.events]
    for s in doc.statements:
        words = " ".join(s.text.split()[:PREVIEW_WORDS])
        lines.append(
            f"{s.kind:8} {s.start:>6}-{s.end:<6} {names.get(s.speaker_key, '(no speaker)')!s:28}"
            f" {s.rule or '-':20} {s.confidence:.2f}  {words!r}"
        )
    lines.append(f"{len(doc.statements)} statements, {len(doc.speakers)} speakers")
    return lines


class Command(BaseCommand):
    help = "Print each statement the parser finds in a text file, with speaker, rule, confidence."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .txt file to parse.")

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot read ({error.strerror})") from error
        try:
            text = decode_bytes(data).text
        except RejectedFile as error:
            raise CommandError(f"{file}: {error}") from error
        for line in explain_lines(text):
            self.stdout.write(line)
