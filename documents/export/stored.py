"""The portal's DOCX of a published revision: built once, then served from storage.

A revision's text never changes, so its file is stored in the default storage under a name
made of the page, the live revision, ``layout.LAYOUT_VERSION`` (bumped whenever the exporter's
output changes) and a digest of what the export reads besides the revision: the issuing body,
the document type and the deployment's identity (reference data edited in place), with the
publication time. A new revision, layout or reference value gives a new name; storing it
deletes the page's older files (``cms.stored_once``).
"""

import hashlib

from django.forms.models import model_to_dict

from cms.models import DeploymentIdentity
from cms.stored_once import built_once

from . import layout
from .page_export import export_document

FOLDER = "van-ban-docx"


def _digest(page, identity: DeploymentIdentity) -> str:
    # The publication time too: ids may repeat after a database is restored or reset.
    values = [page.last_published_at] + [
        sorted(model_to_dict(obj).items())
        for obj in (page.issuing_body, page.document_type, identity)
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def stored_name(page, identity: DeploymentIdentity) -> str:
    digest = _digest(page, identity)
    return f"{FOLDER}/{page.pk}/r{page.live_revision_id}-v{layout.LAYOUT_VERSION}-{digest}.docx"


def published_docx(page, *, identity: DeploymentIdentity) -> bytes:
    """The DOCX of ``page``'s live row (its live revision), from storage when built before."""
    if page.live_revision_id is None:
        return export_document(page, identity=identity)
    return built_once(stored_name(page, identity), lambda: export_document(page, identity=identity))
