"""``manage.py search_check``: compare the configured backend's answers with the embedded
engine's on the judged queries."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search import backends
from search.check import JUDGEMENTS, compare_backends, judged_queries
from search.rebuild import rebuild_index


class Command(BaseCommand):
    help = (
        "Ask the configured search backend and the embedded engine the judged queries and "
        "report every query whose total or first hits differ (exit status 1 if any). The "
        "embedded engine's index is rebuilt from the published documents first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=10, help="first hits compared (10)")
        parser.add_argument(
            "--queries", type=Path, default=JUDGEMENTS, help="a judgements JSON file"
        )
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="use the embedded index as it is (it is kept only when it is the backend)",
        )

    def handle(self, *args, **options) -> None:
        checked, reference = backends.get_backend(), backends.embedded_backend()
        if checked is reference:
            self.stdout.write("The configured backend is the embedded engine: nothing to compare.")
            return
        if not options["no_rebuild"]:
            rebuilt = rebuild_index(backend=reference)
            self.stdout.write(f"Embedded index rebuilt: {rebuilt.documents} documents.")
        comparisons = compare_backends(
            reference=reference,
            checked=checked,
            queries=judged_queries(options["queries"]),
            top=max(1, options["top"]),
        )
        differing = [c for c in comparisons if c.differences]
        for comparison in differing:
            self.stdout.write(f"{comparison.query!r}: {'; '.join(comparison.differences)}")
        self.stdout.write(
            f"{len(comparisons) - len(differing)} of {len(comparisons)} queries answered alike "
            f"by {checked.name} and the embedded engine (first {options['top']} hits)."
        )
        if differing:
            raise CommandError(f"{len(differing)} queries answered differently.")
