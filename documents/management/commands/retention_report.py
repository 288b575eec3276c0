"""Print how many words of the shared corpus texts an import keeps (``documents.retention``)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from documents.retention import CORPUS, corpus_retention, report


class Command(BaseCommand):
    help = "Words of the corpus full texts (laws and DOCX files) kept by parse and convert."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
        parser.add_argument("--worst", type=int, default=5, help="how many worst documents")

    def handle(self, *args, corpus: Path, worst: int, **options) -> None:
        self.stdout.write(report(corpus_retention(corpus), worst))
