from django.core.management.base import BaseCommand, CommandError

from workflow.dossier import DossierKind
from workflow.models import DossierFile
from workflow.signed_copies import reverify


class Command(BaseCommand):
    help = (
        "Verify the stored signed copies again (after trust roots, CRLs or OCSP responses were "
        "added, or once the issued text is pinned) and report the changed verdicts. Every "
        "version is re-verified; a changed verdict is written to the audit log. Non-PDF files "
        "are listed as not verifiable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, help="Only this document (page id).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )

    def handle(self, *args, document=None, dry_run=False, **options):
        copies = DossierFile.objects.filter(kind=DossierKind.SIGNED_COPY).select_related(
            "workflow__page"
        )
        if document is not None:
            copies = copies.filter(workflow__page_id=document)
            if not copies.exists():
                raise CommandError(f"No signed copy for document {document}.")
        counts = {"checked": 0, "changed": 0}
        for copy in copies.order_by("workflow_id", "version"):
            result = reverify(copy, save=not dry_run)
            counts["checked"] += 1
            label = f"{copy.workflow.page_id} {copy.workflow.page.title[:50]} v{copy.version}"
            if not result.changed:
                self.stdout.write(f"  = {label}: {self._verdict(result.after)}")
                continue
            counts["changed"] += 1
            self.stdout.write(
                self.style.WARNING(
                    f"  ~ {label}: {self._verdict(result.before)} -> {self._verdict(result.after)}"
                )
            )
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{counts['checked']} signed copies checked, {counts['changed']} changed."
            )
        )

    @staticmethod
    def _verdict(problems: list[str]) -> str:
        return "verified" if not problems else "not verified (" + " ".join(problems) + ")"
