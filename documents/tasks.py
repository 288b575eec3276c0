"""Background work of the documents app (django-tasks)."""

from datetime import datetime

from django_tasks import task

from documents import previews


@task()
def cleanup_import_previews() -> int:
    """Delete the import previews that have expired; returns how many."""
    return previews.delete_expired()


def schedule_preview_cleanup(expires_at: datetime) -> None:
    """After a preview is stored: sweep when it expires where the task backend can wait
    (a worker), else now (older previews; the command covers the rest)."""
    if cleanup_import_previews.get_backend().supports_defer:
        cleanup_import_previews.using(run_after=expires_at).enqueue()
    else:
        cleanup_import_previews.enqueue()
