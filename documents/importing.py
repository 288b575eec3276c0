"""Import a DOCX into a draft: preview the parsed structure, then accept it (new dossier
version of the draft, new page revision; the previous body stays in the revision history)."""

import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from documents.convert import body_blocks
from documents.parsing import DocumentParseError, ParsedDocument, parse_docx
from documents.uploads import UploadRejected, inspect_upload
from workflow.dossier import DossierKind
from workflow.errors import WorkflowError
from workflow.services import attach_dossier_file
from workflow.states import State
from workflow.storage import private_storage

IMPORTABLE_STATES = (State.PLANNED, State.DRAFTING)


@dataclass(frozen=True)
class Preview:
    token: str
    filename: str
    parsed: ParsedDocument
    blocks: list[dict]
    doubts: list[str]


def _temp_name(token: str) -> str:
    return f"imports/{token}.docx"


def check_importable(workflow) -> None:
    if workflow.state not in IMPORTABLE_STATES:
        raise WorkflowError(
            _("Chỉ nhập nội dung từ tệp Word khi văn bản đang đăng ký hoặc đang soạn thảo.")
        )


def preview_upload(*, workflow, upload) -> Preview:
    """Check and parse the file; keep it aside (private) until the user accepts or cancels."""
    check_importable(workflow)
    try:
        inspected = inspect_upload(upload)
    except UploadRejected as exc:
        raise WorkflowError(exc.message) from exc
    if inspected.kind != "docx":
        raise WorkflowError(_("Chỉ nhập được nội dung từ tệp Word (.docx)."))
    try:
        parsed = parse_docx(upload)
    except DocumentParseError as exc:
        raise WorkflowError(_("Không đọc được tệp Word: %(error)s") % {"error": exc}) from exc
    blocks, doubts = body_blocks(parsed)
    token = uuid.uuid4().hex
    upload.seek(0)
    private_storage().save(_temp_name(token), ContentFile(upload.read()))
    return Preview(token, upload.name, parsed, blocks, doubts)


def discard(token: str) -> None:
    private_storage().delete(_temp_name(token))


@transaction.atomic
def accept_import(*, workflow, user, token: str, filename: str):
    """Store the previewed file as a new draft version and replace the page body."""
    check_importable(workflow)
    storage = private_storage()
    name = _temp_name(token)
    if not storage.exists(name):
        raise WorkflowError(_("Bản xem trước đã hết hạn. Vui lòng tải tệp lên lại."))
    with storage.open(name, "rb") as handle:
        data = handle.read()
    parsed = parse_docx(ContentFile(data))
    blocks, _doubts = body_blocks(parsed)
    attach_dossier_file(
        workflow=workflow,
        user=user,
        kind=DossierKind.DRAFT,
        upload=ContentFile(data, name=filename),
        note=_("Nhập nội dung từ tệp Word"),
    )
    page = workflow.page.get_latest_revision_as_object()
    page.body = blocks
    if parsed.preamble and not page.preamble:
        page.preamble = "\n".join(parsed.preamble)
    if parsed.recipients and not page.recipients:
        page.recipients = "\n".join(parsed.recipients)
    revision = page.save_revision(user=user, log_action=True)
    transaction.on_commit(lambda: storage.delete(name))
    return revision
