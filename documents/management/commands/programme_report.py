"""``manage.py programme_report --from 2015-01-01 --to 2015-06-30 -o FILE``."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.reports import programme_report_docx


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = "Write the drafting programme's progress report for a period as DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("-o", "--output", required=True, type=Path, help="DOCX file to write")
        parser.add_argument("--today", help="date of the report (YYYY-MM-DD); default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_to < date_from:
            raise CommandError("--to is before --from")
        today = _date(options["today"]) if options["today"] else None
        data = programme_report_docx(date_from=date_from, date_to=date_to, today=today)
        output: Path = options["output"]
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from error
        self.stdout.write(f"{output}: {len(data)} bytes")
