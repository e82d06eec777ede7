"""python manage.py export_archive [--output FILE]: one JSON object per occurrence."""

import json
import sys

from django.core.management.base import BaseCommand

from archive.exports import data_version, occurrence_rows, version_label


class Command(BaseCommand):
    help = "Write every statement occurrence as JSON Lines (stdout unless --output is given)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write; '-' or none for stdout.")

    def handle(self, *args, output=None, **options):
        stream = sys.stdout if output in (None, "-") else open(output, "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        # Every row names the data version it came from, so an export can be reproduced.
        version = version_label(data_version())
        try:
            for row in occurrence_rows():
                row["data_version"] = version
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if stream is not sys.stdout:
                stream.close()
        if stream is not sys.stdout:
            self.stderr.write(f"Wrote {count} occurrences to {output} ({version}).")
