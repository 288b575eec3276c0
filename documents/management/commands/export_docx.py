"""``manage.py export_docx --number NUMBER -o FILE``: a document as DOCX in the official layout."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.models import LegalDocumentPage
from cms.numbers import number_key
from documents.export import export_document


class Command(BaseCommand):
    help = (
        "Export the document with this number (e.g. 629/QĐ-UBND; case, Đ/D and dashes ignored) "
        "as a DOCX laid out per Decree 30/2020/NĐ-CP."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--number", required=True, help="số, ký hiệu: 629/QĐ-UBND")
        parser.add_argument("-o", "--output", required=True, type=Path, help="DOCX file to write")
        parser.add_argument(
            "--year", type=int, help="issue year, when the same number exists in several years"
        )
        parser.add_argument(
            "--place",
            help="place name of the date line (default: the issuing body's, else the deployment's)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        number = options["number"].strip()
        key = number_key(number) if number else ""
        if not key:
            raise CommandError("Give a document number, e.g. --number 629/QĐ-UBND")
        pages = LegalDocumentPage.objects.filter(number_key=key).select_related(
            "document_type", "issuing_body"
        )
        if options["year"]:
            pages = pages.filter(number_year=options["year"])
        found = list(pages.order_by("issued_on", "pk"))
        if not found:
            raise CommandError(f"No document has the number {number!r}.")
        if len(found) > 1:
            listed = "; ".join(
                f"{p.number} of {p.issued_on:%d/%m/%Y} (page {p.pk})"
                if p.issued_on
                else f"{p.number} (page {p.pk})"
                for p in found
            )
            raise CommandError(
                f"The number {number!r} is ambiguous: {listed}. Add --year to choose one."
            )
        page = found[0]
        # The published text when there is one, else the latest draft.
        if not page.live and page.latest_revision_id:
            page = page.get_latest_revision_as_object()
        data = export_document(page, place=options["place"])
        output: Path = options["output"]
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from error
        self.stdout.write(f"{output}: {page.display_title} ({len(data)} bytes)")
