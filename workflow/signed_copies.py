"""Signed copies verified on upload (issue 17): a dossier file of kind ``SIGNED_COPY`` that is
a PDF has its signatures verified against the configured trust roots, CRLs and OCSP responses
and its text compared with the document's pinned issued text; the result is stored with the file
(``DossierFile.signature_report``). Problems are recorded, never refused here: the upload
succeeds whatever the verification finds."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.record import comparable_text
from cms.text import nfc

from . import rights, signed_original
from .dossier import DossierKind
from .errors import WorkflowError
from .models import DocumentWorkflow, DossierFile
from .official_text import log_record_step
from .signatures import trust
from .signatures.pdf_input import UnreadablePdf, looks_like_pdf, max_bytes
from .signatures.stored import SignedCopyCheck
from .signatures.text_match import compare_with_issued_text, extract_pdf_text, too_long_to_compare
from .signatures.verification import verify_signed_pdf

_HEAD = 1024


def check_signed_copy(
    *, workflow: DocumentWorkflow, kind: DossierKind, upload
) -> SignedCopyCheck | None:
    """The verification of ``upload`` as the document's signed original; None when it is not
    a signed copy or not a PDF. Reads at most the size cap (plus one byte, to see that it is
    exceeded), then rewinds the upload."""
    if kind != DossierKind.SIGNED_COPY:
        return None
    upload.seek(0)
    try:
        if not looks_like_pdf(upload.read(_HEAD)):
            return None
        upload.seek(0)
        data = upload.read(max_bytes() + 1)
    finally:
        upload.seek(0)
    roots = trust.configured_trust_roots()
    # The CRLs and OCSP responses: the configured folders' (verify_signed_pdf's default).
    report = verify_signed_pdf(data=data, trust_roots=roots)
    text, note = None, ""
    issued = workflow.current_text
    if issued is None:
        note = _("Chưa đối chiếu nội dung: văn bản chưa được chốt văn bản ban hành.")
    else:
        try:
            pdf_text = extract_pdf_text(data=data)
        except UnreadablePdf as error:
            note = str(error.message)
        else:
            if too_long_to_compare(pdf_text):
                note = _("Chưa đối chiếu nội dung: tệp quá dài để so sánh từng từ.")
            else:
                text = compare_with_issued_text(
                    pdf_text=pdf_text, issued_text=comparable_text(issued.revision.as_object())
                )
    return SignedCopyCheck(
        report=report, text=text, text_note=note, trust_roots_configured=bool(roots)
    )


@transaction.atomic
def allow_publication(*, workflow_id: int, user, reason: str) -> DossierFile:
    """Leadership allows the latest signed copy to be published although it does not verify:
    recorded on the file and in the audit log, in one transaction."""
    workflow = DocumentWorkflow.objects.select_for_update(of=("self",)).get(pk=workflow_id)
    rights.allow_unverified_original(user, workflow).check()
    copy = signed_original.latest_signed_copy(workflow)
    if copy is None:
        raise WorkflowError(_("Văn bản chưa có bản gốc đã ký."))
    problems = signed_original.verification_problems(copy)
    if not problems:
        raise WorkflowError(_("Bản gốc đã ký đã được xác minh: không cần cho phép."))
    if copy.override_at is not None:
        raise WorkflowError(_("Lãnh đạo Sở đã cho phép đăng tải phiên bản này."))
    reason = nfc(reason).strip()
    if not reason:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    copy.override_reason = reason
    copy.override_by = user
    copy.override_at = timezone.now()
    copy.save(update_fields=["override_reason", "override_by", "override_at"])
    text = _("Chưa xác minh: %(problems)s Lý do: %(reason)s") % {
        "problems": " ".join(problems),
        "reason": reason,
    }
    _log(workflow, copy, "allow_unverified_original", user, text)
    return copy


def _log(workflow, copy: DossierFile, transition: str, user, text: str) -> None:
    """An audit entry about one version of the signed copy."""
    note = _("Phiên bản %(version)d (%(name)s): %(text)s") % {
        "version": copy.version,
        "name": copy.original_name,
        "text": text,
    }
    log_record_step(workflow, transition=transition, user=user, note=note)


@dataclass(frozen=True)
class Reverified:
    file: DossierFile
    before: list[str]  # verification problems before ([]: verified)
    after: list[str]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def reverify(copy: DossierFile, *, save: bool) -> Reverified:
    """Verify a stored signed copy again (after the operator added trust roots, CRLs or OCSP
    responses, or once the issued text is pinned); with ``save`` the new result replaces the
    stored one and a change of verdict is written to the audit log."""
    before = signed_original.verification_problems(copy)
    workflow = copy.workflow  # the command reads it with the copies
    with copy.file.open("rb") as handle:
        check = check_signed_copy(workflow=workflow, kind=DossierKind.SIGNED_COPY, upload=handle)
    copy.signature_report = check.to_json() if check else None
    copy.__dict__.pop("signature_check", None)
    after = signed_original.verification_problems(copy)
    result = Reverified(file=copy, before=before, after=after)
    if save:
        with transaction.atomic():
            copy.verified_at = timezone.now() if check else None
            copy.save(update_fields=["signature_report", "verified_at"])
            if result.changed:
                verdict = " ".join(after) or _("đã xác minh.")
                _log(workflow, copy, "reverify_signed_copy", None, verdict)
    return result
