"""Import a DOCX into a draft: preview the parsed structure, then accept it (new dossier
version of the draft, new page revision; the previous body stays in the revision history)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from documents import previews
from documents.convert import PageContent, page_content
from documents.parsing import DocumentParseError, ParsedDocument, parse_docx
from documents.parsing.limits import DocumentTooLarge
from documents.tasks import schedule_preview_cleanup
from workflow import rights
from workflow.dossier import DossierKind
from workflow.errors import WorkflowError
from workflow.services import attach_dossier_file
from workflow.uploads import UploadRejected, inspect_upload

# What the preview page lists at most; the rest is counted, and imported all the same.
PREVIEW_OUTLINE = 200
PREVIEW_DOUBTS = 100
PREVIEW_PREAMBLE = 50

T = TypeVar("T")


@dataclass(frozen=True)
class Excerpt(Generic[T]):
    """The first items of a list, and how many are left out."""

    shown: list[T]
    hidden: int

    @classmethod
    def of(cls, items: list[T] | tuple[T, ...], limit: int) -> "Excerpt[T]":
        return cls(list(items[:limit]), max(len(items) - limit, 0))


@dataclass(frozen=True)
class Preview:
    token: str
    filename: str
    parsed: ParsedDocument
    content: PageContent
    expires_at: datetime

    @property
    def outline(self) -> Excerpt[dict]:
        return Excerpt.of(self.content.blocks, PREVIEW_OUTLINE)

    @property
    def doubt_excerpt(self) -> Excerpt[str]:
        return Excerpt.of(self.content.doubts, PREVIEW_DOUBTS)

    @property
    def preamble(self) -> Excerpt[str]:
        return Excerpt.of(self.content.preamble, PREVIEW_PREAMBLE)


def _parse(source) -> ParsedDocument:
    try:
        return parse_docx(source)
    except DocumentTooLarge as exc:
        raise WorkflowError(
            _(
                "Không nhập được tệp Word vì %(reason)s. Tệp chưa được lưu; vui lòng chia văn "
                "bản thành các tệp nhỏ hơn rồi nhập từng phần."
            )
            % {"reason": exc}
        ) from exc
    except DocumentParseError as exc:
        raise WorkflowError(_("Không đọc được tệp Word: %(error)s") % {"error": exc}) from exc


def preview_upload(*, workflow, user, upload) -> Preview:
    """Check and parse the file; keep it aside (private) until the user accepts or cancels."""
    rights.import_docx(user, workflow).check()
    try:
        inspected = inspect_upload(upload)
    except UploadRejected as exc:
        raise WorkflowError(exc.message) from exc
    if inspected.kind != "docx":
        raise WorkflowError(_("Chỉ nhập được nội dung từ tệp Word (.docx)."))
    parsed = _parse(upload)
    token = uuid.uuid4().hex
    upload.seek(0)
    expires_at = previews.save(token, upload.read())
    schedule_preview_cleanup(expires_at)
    return Preview(token, upload.name, parsed, page_content(parsed), expires_at)


def discard(token: str) -> None:
    previews.delete(token)


@transaction.atomic
def accept_import(*, workflow, user, token: str, filename: str):
    """Store the previewed file as a new draft version and replace the page body."""
    rights.import_docx(user, workflow).check()
    data = previews.load(token)
    if data is None:
        raise WorkflowError(
            _(
                "Bản xem trước đã hết hạn hoặc không còn (bản xem trước chỉ được giữ "
                "%(hours)s giờ). Vui lòng tải tệp lên lại."
            )
            % {"hours": int(previews.lifetime().total_seconds() // 3600)}
        )
    content = page_content(_parse(ContentFile(data)))
    attach_dossier_file(
        workflow=workflow,
        user=user,
        kind=DossierKind.DRAFT,
        upload=ContentFile(data, name=filename),
        note=_("Nhập nội dung từ tệp Word"),
    )
    page = workflow.page.get_latest_revision_as_object()
    page.body = content.blocks
    if content.preamble and not page.preamble:
        page.preamble = "\n".join(content.preamble)
    if content.recipients and not page.recipients:
        page.recipients = "\n".join(content.recipients)
    revision = page.save_revision(user=user, log_action=True)
    transaction.on_commit(lambda: previews.delete(token))
    return revision
