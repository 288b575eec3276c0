"""The public verification of a PDF (``/xac-thuc/``, ``/api/xac-thuc/``): its signatures, and
whether it is a published document's signed original (the same bytes) or carries a published
document's text. The file is only ever in memory: nothing here stores it or its digest.

Only published documents whose page has no view restriction are ever named, so the page tells
a visitor nothing the portal does not already show.
"""

import hashlib
from dataclasses import dataclass

from cms.models import LegalDocumentPage
from cms.numbers import looks_like_number, number_key, tokens
from cms.record import comparable_text

from .dossier import DossierKind
from .models import DossierFile
from .public import published_signed_copy
from .signatures.pdf_input import UnreadablePdf
from .signatures.text_match import (
    TextMatch,
    compare_with_issued_text,
    extract_pdf_text,
    too_long_to_compare,
)
from .signatures.verification import Problem, VerificationReport, verify_signed_pdf
from .states import State

# Document numbers read from the PDF's text and looked up (the header's number comes first).
MAX_NUMBERS = 5
# Signed copies of the upload's size hashed, at most (equal sizes are rare).
MAX_SAME_SIZE_COPIES = 20
_HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class TextResemblance:
    page: LegalDocumentPage
    match: TextMatch


@dataclass(frozen=True)
class PublicVerification:
    report: VerificationReport
    exact_copy_of: LegalDocumentPage | None = None
    text: TextResemblance | None = None

    @property
    def refused(self) -> bool:
        """The file could not be read as a PDF at all (the page answers 400)."""
        return bool({Problem.UNREADABLE, Problem.ENCRYPTED} & set(self.report.problems))


def verify_public_pdf(*, data: bytes) -> PublicVerification:
    """Verify ``data`` (a PDF the visitor sent) and find the published document it copies."""
    report = verify_signed_pdf(data=data)
    result = PublicVerification(report=report)
    if result.refused:
        return result
    copied = exact_copy_of(data=data, sha256=report.sha256)
    if copied is not None:
        return PublicVerification(report=report, exact_copy_of=copied)
    return PublicVerification(report=report, text=resembling_document(data=data))


def _public(page: LegalDocumentPage) -> bool:
    return not page.get_view_restrictions().exists()


def exact_copy_of(*, data: bytes, sha256: str) -> LegalDocumentPage | None:
    """The published document whose current signed original (a PDF) has exactly these bytes.

    Nothing is stored: the signed copies of the same size are hashed on the fly."""
    candidates = (
        DossierFile.objects.filter(
            kind=DossierKind.SIGNED_COPY,
            size=len(data),
            original_name__iendswith=".pdf",
            workflow__state=State.PUBLISHED,
            workflow__page__live=True,
        )
        .select_related("workflow")
        .order_by("-uploaded_at")[:MAX_SAME_SIZE_COPIES]
    )
    for candidate in candidates:
        current = published_signed_copy(candidate.workflow.page_id)
        if current is None or current.pk != candidate.pk or _digest(candidate) != sha256:
            continue
        page = LegalDocumentPage.objects.live().get(pk=candidate.workflow.page_id)
        if _public(page):
            return page
    return None


def _digest(dossier_file: DossierFile) -> str:
    digest = hashlib.sha256()
    with dossier_file.file.open("rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def numbers_in(text: str) -> list[str]:
    """The keys of the first document numbers in ``text``, in order, without repeats."""
    keys: list[str] = []
    for token in tokens(text):
        if not looks_like_number(token):
            continue
        try:
            key = number_key(token)
        except ValueError:
            continue
        if key not in keys:
            keys.append(key)
            if len(keys) == MAX_NUMBERS:
                break
    return keys


def resembling_document(*, data: bytes) -> TextResemblance | None:
    """The published document, found by a number printed in the PDF, whose text is closest to
    the PDF's text; None when the text cannot be read or names no published document."""
    try:
        pdf_text = extract_pdf_text(data=data)
    except UnreadablePdf:
        return None
    keys = numbers_in(pdf_text)
    if not keys or too_long_to_compare(pdf_text):
        return None
    pages = (
        LegalDocumentPage.objects.live()
        .filter(number_key__in=keys, workflow__state=State.PUBLISHED)
        .order_by("pk")
    )
    best = None
    for page in pages:
        if not _public(page):
            continue
        match = compare_with_issued_text(pdf_text=pdf_text, issued_text=comparable_text(page))
        if best is None or match.percent > best.match.percent:
            best = TextResemblance(page=page, match=match)
    return best
