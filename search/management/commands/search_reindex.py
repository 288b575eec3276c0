"""``manage.py search_reindex``: rebuild the search index from the published documents."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from search.backends import get_backend
from search.documents import indexable_documents, records_for
from search.models import IndexChange

from ._progress import Progress


class Command(BaseCommand):
    help = (
        "Empty the search index and index every published document again, with a progress "
        "bar on stderr. Pending outbox changes written before the rebuild started are marked "
        "applied (the rebuild read the documents after them)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=200,
            help="documents read and written per batch (default 200)",
        )

    def handle(self, *args, **options) -> None:
        batch_size = max(1, options["batch_size"])
        backend = get_backend()
        # Changes recorded before this point are covered by the rebuild; later ones are not.
        last_change = IndexChange.objects.order_by("-id").values_list("id", flat=True).first()
        documents = indexable_documents()
        total = documents.count()
        started = time.perf_counter()
        backend.clear()
        progress = Progress("Indexing", total, stream=self.stderr._out)
        written = articles = 0
        batch = []
        for record in records_for(documents, batch_size=batch_size):
            batch.append(record)
            if len(batch) >= batch_size:
                written, articles = self._write(backend, batch, progress, written, articles)
                batch = []
        if batch:
            written, articles = self._write(backend, batch, progress, written, articles)
        progress.finish()
        if hasattr(backend, "optimize"):
            backend.optimize()
        seconds = time.perf_counter() - started
        covered = 0
        if last_change is not None:
            covered = (
                IndexChange.objects.pending()
                .filter(id__lte=last_change)
                .update(applied_at=timezone.now(), last_error="")
            )
        self.stdout.write(
            f"Indexed {written} documents ({articles} articles) with the {backend.name} backend "
            f"in {seconds:.1f} s: {written / seconds if seconds else 0:.0f} documents/s, "
            f"{articles / seconds if seconds else 0:.0f} articles/s."
            + (f" {covered} pending outbox changes covered." if covered else "")
        )

    @staticmethod
    def _write(backend, batch, progress, written, articles):
        backend.index(batch)
        progress.advance(len(batch))
        return written + len(batch), articles + sum(len(record.articles) for record in batch)
