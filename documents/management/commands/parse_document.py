"""``manage.py parse_document FILE [--json]``: show the structure the parser finds in a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.parsing import DocumentParseError, format_json, format_outline, parse_bytes

MAX_INPUT_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Parse a legal text (DOCX or UTF-8 text, told apart by content) and print its structure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="DOCX or UTF-8 text file")
        parser.add_argument("--json", action="store_true", help="print JSON instead of an outline")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            if path.stat().st_size > MAX_INPUT_BYTES:
                raise CommandError(f"{path}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        try:
            document = parse_bytes(data)
        except DocumentParseError as error:
            raise CommandError(f"{path}: {error}") from error
        self.stdout.write(format_json(document) if options["json"] else format_outline(document))
