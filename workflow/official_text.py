"""The official text of a document: pinned at issue, published exactly, changed only by a
correction (đính chính).

- ``pin_text`` saves the document's latest content, with the issue data of its row, as a new
  page revision and records it as an ``IssuedText`` with the SHA-256 of its canonical text
  (``cms.record``). The page row then holds that text (a published page: once it is published).
- ``publish_official_text`` puts exactly the pinned revision online (the ``publish`` step).
- ``import_issued`` records a document issued elsewhere (the corpus import): the
  ``import_published`` step, its content pinned, published as the ``publish`` step does.
- A correction is opened (the text becomes editable as drafts; the portal keeps the pinned
  text), then applied (the latest draft is pinned, and published if the document is online)
  or cancelled (the pinned text becomes the latest draft again). Each writes an audit entry.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm_log.models import StateLog
from wagtail.actions.unpublish_page import UnpublishPageAction

from cms.models import LegalDocumentPage
from cms.record import canonical_text, fingerprint
from cms.validity import ValidityEvidence

from . import rights
from .errors import WorkflowError
from .models import (
    Correction,
    CorrectionStatus,
    DocumentWorkflow,
    IssuedText,
    IssuedTextKind,
)
from .record_rules import workflow_writes
from .states import State

# Audit-trail entries of steps that keep the state (the timeline shows these labels).
RECORD_STEPS = {
    "open_correction": gettext_lazy("Đã mở đính chính"),
    "apply_correction": gettext_lazy("Đã đính chính văn bản"),
    "cancel_correction": gettext_lazy("Đã hủy đính chính"),
    "delete": gettext_lazy("Đã xóa văn bản"),
    "allow_unverified_original": gettext_lazy("Cho phép đăng tải bản gốc đã ký chưa xác minh"),
    "reverify_signed_copy": gettext_lazy("Kiểm tra lại chữ ký số của bản gốc đã ký"),
}


def _actor(user):
    return user if getattr(user, "pk", None) else None


def pin_text(
    *,
    workflow: DocumentWorkflow,
    user,
    kind: str,
    correction: Correction | None = None,
    at=None,
) -> IssuedText:
    """Pin the page's latest content (with the process fields of its row) as the official text.

    Runs inside the caller's transaction; ``at`` records a step taken earlier (demo history).
    """
    page = LegalDocumentPage.objects.get(pk=workflow.page_id)
    content = page.get_latest_revision_as_object()  # process fields come from the row
    with workflow_writes():
        revision = content.save_revision(user=_actor(user), log_action=False, clean=False)
        pinned = revision.as_object()
        if not page.live:
            # Not online: the row becomes the official text at once (listings, reports, export).
            pinned.save(clean=False)
    return IssuedText.objects.create(
        workflow=workflow,
        revision=revision,
        fingerprint=fingerprint(canonical_text(pinned)),
        kind=kind,
        correction=correction,
        recorded_by=_actor(user),
    )


def imported_evidence(*, in_force_per_source: bool) -> str | None:
    """What shows a document issued elsewhere in force: only its source's word (see
    ``cms.validity``); the system did not see it issued."""
    return ValidityEvidence.SOURCE if in_force_per_source else None


def import_issued(
    *, page: LegalDocumentPage, note: str, in_force_per_source: bool = False
) -> IssuedText:
    """Record a document issued elsewhere (the corpus import) as issued, and publish it.

    ``page`` holds the imported content with its issue data (a planned document's row holds
    it too). A planned document takes the ``import_published`` step (``note`` is its history
    entry); a published one gets a new version from the source. Either way that content is
    pinned as the official text and published exactly, as the workflow's publish step does.
    The province's issue checks of ``services.perform_transition`` (signer, the 10-day rule,
    provincial number forms) are not applied: imported texts are issued facts, mostly central
    documents without signers. Runs in the caller's transaction.

    The system did not see the document issued: nothing shows it is still in force unless its
    source says so (``in_force_per_source``); otherwise its status is unknown until a date or
    a relation settles it (``cms.validity``).
    """
    workflow = DocumentWorkflow.objects.get(page_id=page.pk)
    if workflow.state not in (State.PLANNED, State.PUBLISHED):
        raise WorkflowError(
            _("Văn bản đang ở trạng thái “%(state)s”, không nhập được văn bản đã ban hành.")
            % {"state": workflow.get_state_display()}
        )
    page.validity_evidence = imported_evidence(in_force_per_source=in_force_per_source)
    # A process field: the row holds it (a revision never brings it back).
    LegalDocumentPage.objects.filter(pk=page.pk).update(validity_evidence=page.validity_evidence)
    if workflow.state == State.PLANNED:
        workflow.import_published(by=None, description=note)  # StateLog "import_published"
        workflow.save()
    with workflow_writes():
        # After the step, as the workflow's issue step pins: the row already holds this text.
        revision = page.save_revision(clean=False)
    text = IssuedText.objects.create(
        workflow=workflow,
        revision=revision,
        fingerprint=fingerprint(canonical_text(page)),
        kind=IssuedTextKind.IMPORT,
    )
    _publish(text, None)
    return text


def publish_official_text(workflow: DocumentWorkflow, user) -> None:
    """Put exactly the pinned revision online (pinning first for texts issued before pins)."""
    text = workflow.current_text or pin_text(
        workflow=workflow, user=user, kind=IssuedTextKind.ISSUE
    )
    _publish(text, user)


def _publish(text: IssuedText, user) -> None:
    with workflow_writes():
        text.revision.publish(user=_actor(user), skip_permission_checks=True)


def take_offline(page: LegalDocumentPage, user) -> None:
    """The workflow's own unpublish (its step was taken: unpublish)."""
    with workflow_writes():
        UnpublishPageAction(page, user=_actor(user)).execute(skip_permission_checks=True)


# -- corrections -------------------------------------------------------------------------------


def _locked(workflow_id: int) -> DocumentWorkflow:
    return DocumentWorkflow.objects.select_for_update(of=("self",)).with_page().get(pk=workflow_id)


def open_correction_of(workflow: DocumentWorkflow) -> Correction | None:
    return workflow.corrections.filter(status=CorrectionStatus.OPEN).first()


def log_record_step(workflow: DocumentWorkflow, *, transition: str, user, note: str) -> None:
    StateLog.objects.create(
        content_object=workflow,
        source_state=workflow.state,
        state=workflow.state,
        transition=transition,
        by=_actor(user),
        description=note,
    )


@transaction.atomic
def open_correction(*, workflow_id: int, user, reason: str) -> Correction:
    """Open the issued text for a correction: editors may then save drafts of it."""
    workflow = _locked(workflow_id)
    rights.correct(user, workflow).check()
    if open_correction_of(workflow):
        raise WorkflowError(_("Văn bản đang trong một đợt đính chính chưa kết thúc."))
    if not reason.strip():
        raise WorkflowError(_("Vui lòng ghi rõ sai sót cần đính chính."))
    correction = Correction.objects.create(workflow=workflow, reason=reason.strip(), opened_by=user)
    log_record_step(workflow, transition="open_correction", user=user, note=correction.reason)
    return correction


@transaction.atomic
def apply_correction(*, workflow_id: int, user, reference: str) -> IssuedText:
    """Pin the corrected text; a published document shows it at once."""
    workflow = _locked(workflow_id)
    rights.correct(user, workflow).check()
    correction = open_correction_of(workflow)
    if correction is None:
        raise WorkflowError(_("Văn bản không có đợt đính chính nào đang mở."))
    if not reference.strip():
        raise WorkflowError(_("Vui lòng ghi số, ký hiệu và ngày của văn bản đính chính."))
    previous = workflow.current_text
    latest_id = workflow.page.get_latest_revision().pk if workflow.page.latest_revision_id else None
    if previous is not None and latest_id == previous.revision_id:
        raise WorkflowError(
            _("Chưa có nội dung nào được sửa trong đợt đính chính này: hãy sửa văn bản trước.")
        )
    correction.reference = reference.strip()
    correction.status = CorrectionStatus.APPLIED
    correction.closed_by, correction.closed_at = user, timezone.now()
    correction.save()
    text = pin_text(
        workflow=workflow, user=user, kind=IssuedTextKind.CORRECTION, correction=correction
    )
    if workflow.page.live:
        publish_official_text(workflow, user)
    log_record_step(
        workflow,
        transition="apply_correction",
        user=user,
        note=f"{correction.reference}: {correction.reason}",
    )
    return text


@transaction.atomic
def cancel_correction(*, workflow_id: int, user) -> Correction:
    """Close a correction without changing the official text; drafts saved meanwhile stay in
    the page history, and the pinned text becomes the latest draft again."""
    workflow = _locked(workflow_id)
    rights.correct(user, workflow).check()
    correction = open_correction_of(workflow)
    if correction is None:
        raise WorkflowError(_("Văn bản không có đợt đính chính nào đang mở."))
    correction.status = CorrectionStatus.CANCELLED
    correction.closed_by, correction.closed_at = user, timezone.now()
    correction.save()
    pinned = workflow.current_text
    if pinned is not None and workflow.page.latest_revision_id != pinned.revision_id:
        with workflow_writes():
            pinned.revision.as_object().save_revision(
                user=_actor(user), log_action=False, clean=False
            )
    log_record_step(workflow, transition="cancel_correction", user=user, note=correction.reason)
    return correction
