"""``manage.py search_reindex``: rebuild the search index from the published documents."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cms.management.progress import Progress
from search import backends
from search.index_records import indexable_documents
from search.models import IndexChange
from search.rebuild import rebuild_index


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
            help="documents read from the database per batch (default 200)",
        )

    def handle(self, *args, **options) -> None:
        # Changes recorded before this point are covered by the rebuild; later ones are not.
        last_change = IndexChange.objects.order_by("-id").values_list("id", flat=True).first()
        backend = backends.get_backend()
        progress = Progress("Indexing", indexable_documents().count(), stream=self.stderr._out)
        rebuilt = rebuild_index(
            backend=backend, batch_size=max(1, options["batch_size"]), progress=progress.advance
        )
        progress.finish()
        covered = 0
        if last_change is not None:
            covered = (
                IndexChange.objects.pending()
                .filter(id__lte=last_change)
                .update(applied_at=timezone.now(), last_error="")
            )
        self.stdout.write(
            f"Indexed {rebuilt.documents} documents ({rebuilt.articles} articles) with the "
            f"{backend.name} backend in {rebuilt.seconds:.1f} s: "
            f"{rebuilt.documents_per_s:.0f} documents/s, {rebuilt.articles_per_s:.0f} articles/s."
            + (f" {covered} pending outbox changes covered." if covered else "")
        )
