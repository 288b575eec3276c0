"""Files derived from a published revision, built once and then served from storage.

A published revision never changes, so what is derived from it alone (its DOCX, its rendered
text) is stored in the default storage under a name that says everything it depends on; a
new revision, layout or template gives a new name. Storing a name deletes the other files of
its folder (one folder per page: superseded files are never asked for again).
"""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def built_once(name: str, build: Callable[[], bytes]) -> bytes:
    """The file ``name`` from storage, or ``build()`` stored under it."""
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    data = build()
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # a concurrent first request stored it meanwhile
        default_storage.delete(saved)
    _prune(folder=name.rsplit("/", 1)[0], keep=name)
    return data


def _prune(*, folder: str, keep: str) -> None:
    """Delete the folder's superseded files (older revisions, layouts or templates)."""
    _folders, files = default_storage.listdir(folder)
    for file in files:
        if f"{folder}/{file}" != keep:
            default_storage.delete(f"{folder}/{file}")
