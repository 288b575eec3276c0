"""The whole text of a published document as the portal shows it (table of contents and text),
rendered once per live revision, language and version of the code that renders it, then read
from storage (``cms.stored_once``): the longest law of the corpus (472 articles) takes about
180 ms to render and about 1 ms to read back. Used by ``{% stored_text page %}``.

Only a live page's own row is stored: in Wagtail that row is the published revision, while a
preview (``request.is_preview``: page previews and the revisions screen) renders unsaved or
other content and is never stored.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

FOLDER = "van-ban-html"
# What the text's HTML is made by: the portal templates, the body blocks, the page model
# (parts, anchors, outline) and the translations of its labels.
SOURCES = ("templates/cms", "cms/blocks.py", "cms/models/pages.py", "locale")
SUFFIXES = (".html", ".py", ".mo")


@cache
def code_digest() -> str:
    """A digest of ``SOURCES``: a deployment that changes how texts render stores anew."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for source in SOURCES:
        path = root / source
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in SUFFIXES:
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def is_storable(page, request) -> bool:
    return bool(
        page.live
        and page.live_revision_id
        and page.last_published_at
        and request is not None
        and not getattr(request, "is_preview", False)
    )


def stored_name(page, language: str) -> str:
    # The publication time too: ids repeat after a database is restored or reset.
    published = f"{page.last_published_at.timestamp():.6f}".replace(".", "")
    # One folder per page and language: storing one language keeps the other's file.
    return (
        f"{FOLDER}/{page.pk}/{language}/r{page.live_revision_id}-{published}-{code_digest()}.html"
    )
