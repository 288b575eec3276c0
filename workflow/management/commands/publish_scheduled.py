"""Wagtail's scheduled publishing, with legal documents left to the workflow.

A legal document goes online and comes down only through the workflow's steps, so it never
carries a schedule (the record nets refuse one). Should one be in the database anyway (data
written around the ORM, an old backup), it is cleared and reported here rather than acted on:
Wagtail's job would otherwise publish or expire the document outside the state machine.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from cms.models import LegalDocumentPage


def scheduled_documents():
    """(pages with go-live or expiry dates, revisions approved to go live) of legal documents."""
    pages = LegalDocumentPage.objects.exclude(go_live_at=None, expire_at=None)
    revisions = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(LegalDocumentPage),
        approved_go_live_at__isnull=False,
    )
    return pages, revisions


class Command(WagtailCommand):
    help = "Publish and expire scheduled pages; legal documents follow the workflow only."

    def handle(self, *args, **options):
        pages, revisions = scheduled_documents()
        for page in pages:
            self.stderr.write(
                f"Bỏ lịch đăng/gỡ của văn bản “{page.title}” (#{page.pk}): văn bản chỉ được đăng "
                "tải hoặc gỡ qua quy trình."
            )
        for revision in revisions:
            self.stderr.write(
                f"Bỏ lịch đăng phiên bản #{revision.pk} của văn bản #{revision.object_id}: văn bản "
                "chỉ được đăng tải qua quy trình."
            )
        if not options["dryrun"]:
            pages.update(go_live_at=None, expire_at=None)
            revisions.update(approved_go_live_at=None)
        super().handle(*args, **options)
