"""``manage.py search_sync``: apply the search index changes waiting in the outbox."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max, Min

from cms.management.progress import Progress
from search import outbox
from search.models import IndexChange


class Command(BaseCommand):
    help = (
        "Apply pending search index changes (retrying those that failed), report the counts, "
        "and delete applied changes older than --keep-days. Exits with an error while changes "
        "remain pending after a failure, so a scheduler notices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, help="at most this many documents")
        parser.add_argument("--batch-size", type=int, default=outbox.BATCH_SIZE)
        parser.add_argument(
            "--keep-days",
            type=int,
            default=7,
            help="keep applied changes this many days (default 7; 0 deletes them all)",
        )
        parser.add_argument(
            "--status", action="store_true", help="only report what is pending, apply nothing"
        )

    def handle(self, *args, **options) -> None:
        if options["status"]:
            self._status()
            return
        pending = outbox.pending_count()
        progress = Progress("Applying", pending, stream=self.stderr._out)
        report = outbox.apply_pending(
            limit=options["limit"],
            batch_size=max(1, options["batch_size"]),
            progress=progress.advance,
        )
        if pending:
            progress.finish()
        pruned = outbox.prune_applied(older_than=datetime.timedelta(days=options["keep_days"]))
        left = outbox.pending_count()
        self.stdout.write(
            f"Applied {report.rows} changes: {report.indexed} documents indexed, "
            f"{report.deleted} removed; {report.failed} failed; {left} pending; "
            f"{pruned} old applied changes deleted."
        )
        if report.failed:
            raise CommandError(
                f"{report.failed} document(s) still pending: {'; '.join(report.errors[:3])}"
            )

    def _status(self) -> None:
        pending = IndexChange.objects.pending()
        summary = pending.aggregate(oldest=Min("created_at"), attempts=Max("attempts"))
        count = pending.count()
        documents = pending.values("page_id").distinct().count()
        if not count:
            self.stdout.write("Nothing pending.")
            return
        self.stdout.write(
            f"{count} pending changes for {documents} documents, oldest from "
            f"{summary['oldest']:%Y-%m-%d %H:%M:%S}, at most {summary['attempts']} attempts."
        )
        failed = pending.exclude(last_error="").order_by("-id").first()
        if failed is not None:
            self.stdout.write(f"Last error (page {failed.page_id}): {failed.last_error}")
