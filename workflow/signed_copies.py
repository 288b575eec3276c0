"""Signed copies verified on upload (issue 17): a dossier file of kind ``SIGNED_COPY`` that is
a PDF has its signatures verified against the configured trust roots and CRLs and its text
compared with the document's pinned issued text; the result is stored with the file
(``DossierFile.signature_report``). Problems are recorded, never refused here: the upload
succeeds whatever the verification finds."""

from django.utils.translation import gettext as _

from cms.record import comparable_text

from .dossier import DossierKind
from .models import DocumentWorkflow
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
    report = verify_signed_pdf(data=data, trust_roots=roots, crls=trust.configured_crls())
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
