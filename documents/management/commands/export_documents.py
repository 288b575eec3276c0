"""``manage.py export_documents --jsonl OUT``: every published document as JSON Lines in the
format ``import_documents`` reads (``documents.corpus.export``); ``OUT`` ending in ``.gz`` is
gzip-compressed, ``-`` is standard output."""

import contextlib
import gzip
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from cms.models import DeploymentIdentity
from documents.corpus.export import jsonl_lines


class Command(BaseCommand):
    help = "Write every published legal document as JSON Lines (the import_documents format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, help="output file (.jsonl, .jsonl.gz or -)")

    def handle(self, *args, **options) -> None:
        target = options["jsonl"]
        identity = DeploymentIdentity.current()
        lines = jsonl_lines(identity=identity, url_of=lambda page: page.full_url or "")
        if target == "-":
            out = contextlib.nullcontext(sys.stdout.buffer)
        else:
            out = (gzip.open if target.endswith(".gz") else open)(Path(target), "wb")
        count = 0
        with out as stream:
            for line in lines:
                stream.write(line)
                count += 1
        self.stderr.write(f"{count} published document(s) written to {target}.")
