"""``manage.py extract_relations``: read the relations published documents state in their
articles (what they repeal, replace or amend) and store them for review.

See ``documents.relations.service``; docs/documents.md, "Relations read from the texts".
"""

from django.core.management.base import BaseCommand, CommandParser

from cms.management.progress import Progress
from cms.models import LegalDocumentPage
from documents.relations.service import extract_relations


class Command(BaseCommand):
    help = (
        "Read the effect articles of published documents (hết hiệu lực, bãi bỏ, thay thế, "
        "sửa đổi, bổ sung) and store the relations they state, linked to the documents present "
        "or kept as citations. Idempotent; staff reviews are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--document", type=int, action="append", help="page id (repeatable; default: all)"
        )
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, **options) -> None:
        wanted = options["document"]
        total = len(wanted) if wanted else LegalDocumentPage.objects.live().count()
        progress = Progress("Relations", total, stream=self.stderr._out)
        report = extract_relations(
            source_ids=wanted, batch_size=options["batch_size"], progress=progress.advance
        )
        progress.finish()
        self.stdout.write(str(report))
