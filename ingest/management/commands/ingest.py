"""python manage.py ingest PATH [PATH ...]: import text files and folders of them."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest.services import FileResult, import_paths

# Without -v 2, at most this many warning lines are printed (all are kept on the run).
MAX_WARNINGS_SHOWN = 40


def refuse_demo_documents(paths: list[Path]) -> None:
    """Keep the project's invented sample documents out of the real archive."""
    demo = settings.ARCHIVE_DEMO_SOURCES.resolve()
    for path in paths:
        resolved = path.resolve()
        if resolved == demo or demo in resolved.parents:
            raise CommandError(
                f"{path} holds the project's invented demo documents; they go only into the "
                "demo archive (its own database): run `make run`, or ARCHIVE_DEMO=1 manage.py "
                "ingest ..."
            )


class Command(BaseCommand):
    help = "Import .txt files (and folders of them) as sources, finding their statements."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.INGEST_MAX_FILE_BYTES,
            help="Refuse files larger than this (default: INGEST_MAX_FILE_BYTES).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, paths, max_bytes, no_progress, verbosity, **options):
        if not settings.ARCHIVE_DEMO:
            refuse_demo_documents(paths)
        bar = tqdm(
            unit="file",
            disable=no_progress or verbosity == 0 or not sys.stderr.isatty(),
            file=sys.stderr,
        )

        def on_total(total: int) -> None:
            bar.total = total
            bar.refresh()

        def on_file(result: FileResult) -> None:
            bar.update(1)
            if result.status == "failed":
                bar.write(self.style.ERROR(f"{result.path}: {result.reason}"), file=sys.stderr)
            elif verbosity > 1:
                bar.write(f"{result.path}: {result.status}", file=sys.stderr)

        started = time.monotonic()
        run, results = import_paths(
            paths=paths, max_bytes=max_bytes, on_file=on_file, on_total=on_total
        )
        bar.close()
        self._warnings(run.warnings, verbosity)
        self._summary(run.counts, len(run.warnings), verbosity, time.monotonic() - started, run.pk)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} files could not be imported.")

    def _warnings(self, warnings: list[str], verbosity: int) -> None:
        """Each warning with its file and passage; long lists cut, the rest kept on the run."""
        if verbosity == 0 or not warnings:
            return
        shown = warnings if verbosity > 1 else warnings[:MAX_WARNINGS_SHOWN]
        self.stdout.write(self.style.WARNING(f"Warnings ({len(warnings)}):"))
        for line in shown:
            self.stdout.write(f"  {line}")
        if len(shown) < len(warnings):
            self.stdout.write(
                f"  ... and {len(warnings) - len(shown)} more: run with -v 2 to see them all, "
                "or open the import run in the admin."
            )

    def _summary(
        self, counts: dict, warnings: int, verbosity: int, seconds: float, run_id: int
    ) -> None:
        if verbosity == 0:
            return
        files = ", ".join(
            f"{counts.get(status, 0)} {status}"
            for status in ("imported", "updated", "unchanged", "failed")
        )
        found = ", ".join(
            f"{counts.get(name, 0)} {name}" for name in ("posts", "events", "speakers")
        )
        passages = counts.get("statements", 0)
        new = counts.get("statements_new", 0)
        self.stdout.write(f"Files: {counts.get('files', 0)} ({files}).")
        self.stdout.write(
            f"Found: {found}; {passages} statement passages: {new} new statements created, "
            f"{passages - new} found again (already in the archive or earlier in this run)."
        )
        self.stdout.write(f"{warnings} warnings.")
        self.stdout.write(f"Took {seconds:.2f} s (import run {run_id}).")
