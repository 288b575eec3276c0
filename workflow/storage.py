"""Dossier files live outside MEDIA_ROOT and have no public URL: they are served only by a
permission-checked view (workflow.views.dossier)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
