"""python manage.py ingest PATH [PATH ...]: import text files and folders of them."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError
from tqdm import tqdm

from ingest.services import DatabaseLost, FileResult, import_paths

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
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say per file what would be created, updated and removed; change nothing.",
        )

    def handle(self, *args, paths, max_bytes, no_progress, verbosity, dry_run=False, **options):
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
        try:
            run, results = import_paths(
                paths=paths,
                max_bytes=max_bytes,
                on_file=on_file,
                on_total=on_total,
                dry_run=dry_run,
            )
        except DatabaseLost as exc:
            bar.close()
            raise CommandError(str(exc)) from None
        except (OperationalError, InterfaceError) as exc:
            bar.close()
            detail = " ".join(str(exc).split())[:200]
            raise CommandError(
                f"Cannot reach the database ({detail}); nothing was imported."
            ) from None
        bar.close()
        self._warnings(run.warnings, verbosity)
        if dry_run:
            self._dry_run_report(results)
        self._summary(
            run.counts, len(run.warnings), verbosity, time.monotonic() - started, run.pk, dry_run
        )
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} files could not be imported.")

    def _dry_run_report(self, results: list[FileResult]) -> None:
        self.stdout.write("Dry run: nothing was changed. Per file, what an import would do:")
        for result in results:
            c = result.changes
            if result.status in ("failed", "unchanged"):
                line = result.reason or "unchanged (already imported)"
            else:
                line = (
                    f"{result.status}: would create {c.get('created', 0)} statements, update "
                    f"{c.get('updated', 0)}, remove {c.get('removed', 0)}; "
                    f"{c.get('curated_kept', 0)} curated statements left alone "
                    f"({c.get('curated_found', 0)} found again)"
                )
            self.stdout.write(f"  {result.path}: {line}")

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
        self,
        counts: dict,
        warnings: int,
        verbosity: int,
        seconds: float,
        run_id: int,
        dry_run: bool = False,
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
        run = "a dry run, rolled back" if dry_run else f"import run {run_id}"
        self.stdout.write(f"Took {seconds:.2f} s ({run}).")
