"""``manage.py cleanup_import_previews``: delete import previews past their lifetime."""

from typing import Any

from django.core.management.base import BaseCommand

from documents import previews


class Command(BaseCommand):
    help = (
        "Delete DOCX import previews older than DOCUMENTS_IMPORT_PREVIEW_HOURS from private "
        "storage (previews still within their lifetime are kept)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = previews.delete_expired()
        self.stdout.write(f"Deleted {deleted} expired import preview(s).")
