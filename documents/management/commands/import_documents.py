"""``manage.py import_documents PATH...``: load issued documents from JSON Lines files.

See ``documents.corpus`` for what a record becomes; ``docs/documents.md`` for usage.
"""

import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.management.progress import Progress
from cms.models import DocumentIndexPage
from documents.corpus.importer import (
    DocumentImporter,
    deferred_indexing,
    parsing_pool,
    update_wagtail_indexes,
)
from documents.corpus.records import input_files
from documents.relations.service import extract_relations
from workflow import bulk


class Command(BaseCommand):
    help = (
        "Create or update issued, published legal documents from JSON Lines files "
        "(.jsonl or .jsonl.gz; a directory means the files in it), then index them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or directories")
        parser.add_argument(
            "--parent",
            help="id or slug of the document index page (default: the first one in the tree)",
        )
        parser.add_argument(
            "--no-parse",
            action="store_true",
            help="keep text-only records as text instead of splitting them into articles",
        )
        parser.add_argument(
            "--no-topics",
            action="store_true",
            help="do not turn the records' topics (codification headings) into sectors",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="leave the search index changes pending in the outbox (apply with search_sync)",
        )
        parser.add_argument(
            "--wagtail-index",
            action="store_true",
            help="also update Wagtail's own search and reference indexes for the imported pages "
            "(admin search); otherwise run `manage.py update_index` later",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=max(min(os.cpu_count() or 1, 4) - 1, 0),
            help="processes that read and parse the texts while this one writes "
            "(default: one less than the CPUs, at most 3; 0: none)",
        )
        parser.add_argument(
            "--commit-every",
            type=int,
            default=200,
            help="records per transaction: an interrupted import loses at most one batch, "
            "which a rerun imports (default: 200)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            help="documents per batch when indexing at the end (default: the index's own)",
        )

    def handle(self, *args, **options) -> None:
        files = input_files(options["paths"])
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        if not files:
            raise CommandError("No .jsonl or .jsonl.gz file to import.")
        parent = self._parent(options["parent"])
        started = time.perf_counter()
        with deferred_indexing(), parsing_pool(options["workers"]) as pool:
            importer = DocumentImporter(
                parent=parent,
                use_parser=not options["no_parse"],
                topics_as_sectors=not options["no_topics"],
                commit_every=max(options["commit_every"], 1),
                pool=pool,
            )
            total = importer.scan(files)
            progress = Progress("Importing", total, stream=self.stderr._out)
            for path in files:
                importer.import_file(path, progress.advance)
            progress.finish()
            report = importer.report
            report.seconds = time.perf_counter() - started
            # What the imported texts repeal, replace or amend (docs/documents.md).
            relations = extract_relations(source_ids=importer.touched)
        self._summary(report, files)
        self.stdout.write(f"Relations read from the texts: {relations}")

        if not options["no_index"]:
            # The search index (and whatever else follows publications) catches up now.
            for line in bulk.catch_up(batch_size=options["batch_size"], stream=self.stderr._out):
                self.stdout.write(line)
        if options["wagtail_index"] and importer.touched:
            progress = Progress("Wagtail index", len(importer.touched), stream=self.stderr._out)
            update_wagtail_indexes(importer.touched, progress=progress.advance)
            progress.finish()
        elif importer.touched:
            self.stdout.write(
                "Wagtail's admin search index was not updated for these pages: "
                "run `manage.py update_index` when convenient."
            )

    def _parent(self, wanted: str | None) -> DocumentIndexPage:
        pages = DocumentIndexPage.objects.order_by("path")
        if wanted:
            lookup = {"pk": int(wanted)} if wanted.isdigit() else {"slug": wanted}
            parent = pages.filter(**lookup).first()
            if parent is None:
                raise CommandError(f"No document index page {wanted!r}.")
            return parent
        parent = pages.first()
        if parent is None:
            raise CommandError(
                "There is no document index page to import under: run `manage.py load_demo` "
                "or create one in the admin first."
            )
        return parent

    def _summary(self, report, files) -> None:
        rate = report.lines / report.seconds if report.seconds else 0.0
        created = ", ".join(f"{n} {what}" for what, n in report.reference_created.items() if n)
        self.stdout.write(
            f"{len(files)} file(s), {report.lines} records in {report.seconds:.1f} s "
            f"({rate:.1f} documents/s): {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.skipped)} skipped."
        )
        if created:
            self.stdout.write(f"Reference data created: {created}.")
        if report.parsed_texts or report.kept_texts:
            self.stdout.write(
                f"Text-only records: {report.parsed_texts} split into articles, "
                f"{report.kept_texts} kept as text."
            )
        if report.skipped:
            self.stdout.write(f"Skipped lines ({len(report.skipped)}):")
            for skipped in report.skipped:
                self.stdout.write(f"  {skipped}")
