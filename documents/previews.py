"""Import previews kept aside in private storage until accepted, cancelled or expired.

A preview is the uploaded file saved as ``imports/<token>.docx``; its age is the file's
modification time. After ``DOCUMENTS_IMPORT_PREVIEW_HOURS`` it can no longer be accepted, and
``delete_expired`` (the task ``documents.tasks.cleanup_import_previews`` and the command
``manage.py cleanup_import_previews``) removes it.
"""

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from workflow.storage import private_storage

FOLDER = "imports"
_TOKEN_FILE = re.compile(r"^[0-9a-f]{32}\.docx$")


def lifetime() -> timedelta:
    return timedelta(hours=settings.DOCUMENTS_IMPORT_PREVIEW_HOURS)


def _name(token: str) -> str:
    return f"{FOLDER}/{token}.docx"


def save(token: str, data: bytes) -> datetime:
    """Keep the file aside; returns when the preview expires."""
    storage = private_storage()
    name = storage.save(_name(token), ContentFile(data))
    return storage.get_modified_time(name) + lifetime()


def load(token: str, *, now: datetime | None = None) -> bytes | None:
    """The previewed file, or None when it is gone or expired (an expired one is deleted)."""
    storage = private_storage()
    name = _name(token)
    if not storage.exists(name):
        return None
    if _expired(storage, name, now or timezone.now()):
        storage.delete(name)
        return None
    with storage.open(name, "rb") as handle:
        return handle.read()


def delete(token: str) -> None:
    private_storage().delete(_name(token))


def delete_expired(*, now: datetime | None = None) -> int:
    """Delete every preview older than its lifetime; returns how many were deleted."""
    storage = private_storage()
    if not storage.exists(FOLDER):
        return 0
    now = now or timezone.now()
    deleted = 0
    for filename in storage.listdir(FOLDER)[1]:
        name = f"{FOLDER}/{filename}"
        if _TOKEN_FILE.match(filename) and _expired(storage, name, now):
            storage.delete(name)
            deleted += 1
    return deleted


def _expired(storage, name: str, now: datetime) -> bool:
    try:
        return storage.get_modified_time(name) + lifetime() <= now
    except FileNotFoundError:  # deleted meanwhile (accepted, cancelled, another sweep)
        return False
