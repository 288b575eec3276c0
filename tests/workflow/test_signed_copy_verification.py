"""A signed copy is verified when it is uploaded (issue 17): its signatures and its text
against the pinned issued text, stored with the dossier file, shown on the workflow page and,
in one line, on the document page. The upload succeeds whatever the verification finds.
PKI and PDFs from tests/workflow/signed_pdfs.py; the document from test_public_verification."""

import pytest
from django.urls import reverse

from tests.workflow import signed_pdfs
from tests.workflow import test_public_verification as verification_tests
from tests.workflow.test_public_verification import LINES, pdf
from workflow import services
from workflow.dossier import DossierKind
from workflow.models import DossierFile
from workflow.signatures.verification import Problem

from .conftest import docx_upload

SIGNED_BY = "Đã ký số bởi Nguyễn Văn An, UBND tỉnh lúc"
UNCHANGED = "văn bản không bị thay đổi sau khi ký"


# The PKI, the font and the document of the public page's tests.
pki = verification_tests.pki
font = verification_tests.font
trusted = verification_tests.trusted
published = verification_tests.published


def signed(pki, font, lines=LINES) -> bytes:
    unsigned = signed_pdfs.make_pdf(pages=[lines], font=font)
    return signed_pdfs.sign(data=unsigned, identity=pki.person, pki=pki, field_name="NguoiKy")


@pytest.fixture
def upload(published, clerk):
    def upload(file) -> DossierFile:
        return services.attach_dossier_file(
            workflow=published.workflow, user=clerk, kind=DossierKind.SIGNED_COPY, upload=file
        )

    return upload


def workflow_page(client, user, page) -> str:
    client.force_login(user)
    return client.get(reverse("workflow:document", args=[page.pk])).content.decode()


def test_a_genuine_signed_pdf_stores_a_valid_report_and_an_exact_text(trusted, upload, pki, font):
    stored = DossierFile.objects.get(pk=upload(pdf(signed(pki, font))).pk)
    assert stored.verified_at is not None
    check = stored.signature_check
    assert check.report.is_valid and check.trust_roots_configured and check.signatures_hold
    (signature,) = check.report.signatures
    assert signature.signer.common_name == "Nguyễn Văn An" and signature.unaltered
    assert signature.signing_time is not None
    assert check.text.is_exact and check.problems == []
    assert check.public_line.startswith(SIGNED_BY) and UNCHANGED in check.public_line


def test_a_tampered_pdf_is_stored_with_the_altered_verdict(trusted, upload, pki, font):
    stored = upload(pdf(signed_pdfs.tampered(signed(pki, font))))
    check = DossierFile.objects.get(pk=stored.pk).signature_check
    (signature,) = check.report.signatures
    assert not signature.unaltered and Problem.ALTERED in signature.problems
    assert not check.signatures_hold
    assert "chưa xác minh được đầy đủ" in check.public_line


def test_without_trust_roots_the_chain_is_untrusted_but_the_signature_holds(db, upload, pki, font):
    check = upload(pdf(signed(pki, font))).signature_check
    assert not check.trust_roots_configured and not check.report.signatures[0].trusted
    assert check.signatures_hold


def test_a_different_text_is_reported_with_its_percentage_and_differences(
    trusted, upload, pki, font, client, clerk, published
):
    changed = [line.replace("báo chí", "người dân") for line in LINES]
    check = upload(pdf(signed(pki, font, changed))).signature_check
    assert 80 < check.text.percent < 100 and check.text.difference_count == 1
    difference = check.text.differences[0]
    assert (difference.issued, difference.signed) == ("báo chí", "người dân")
    assert any("Nội dung tệp chỉ giống" in problem for problem in check.problems)
    html = workflow_page(client, clerk, published)
    assert "Kết luận: bản gốc đã ký chưa được xác minh đầy đủ." in html
    assert "có 1 chỗ khác nhau" in html and "người dân" in html


def test_a_docx_signed_copy_gets_no_report(upload, client, clerk, published):
    stored = upload(docx_upload("ban-goc.docx"))
    assert stored.signature_report is None and stored.verified_at is None
    html = workflow_page(client, clerk, published)
    assert "Không kiểm tra được: tệp không phải là PDF có chữ ký số." in html
    client.logout()
    page = client.get(published.url).content.decode()
    assert "ban-goc.docx" in page and SIGNED_BY not in page
    assert "cổng không xác minh được chữ ký" in page


def test_an_unsigned_pdf_is_stored_as_unsigned(db, upload, font):
    check = upload(pdf(signed_pdfs.make_pdf(pages=[LINES], font=font))).signature_check
    assert check.report.problems == (Problem.UNSIGNED,)
    assert "Tệp PDF không có chữ ký số." in check.problems


def test_the_workflow_page_shows_each_signature_in_vietnamese(
    trusted, upload, pki, font, client, clerk, published
):
    upload(pdf(signed(pki, font)))
    html = workflow_page(client, clerk, published)
    assert "Kết luận: mọi chữ ký số hợp lệ và nội dung tệp trùng với văn bản đã ban hành." in html
    assert "Nguyễn Văn An" in html and "UBND tỉnh" in html
    assert "Nguyên vẹn: nội dung không bị thay đổi sau khi ký" in html
    assert "Tin cậy" in html and "Trong thời hạn hiệu lực" in html and "Chưa kiểm tra" in html
    assert "Nội dung tệp trùng với văn bản đã ban hành (100%)." in html


def test_the_document_page_says_who_signed_a_verified_copy(
    trusted, upload, pki, font, client, published
):
    upload(pdf(signed(pki, font), name="ban-goc.pdf"))
    html = client.get(published.url).content.decode()
    assert SIGNED_BY in html and UNCHANGED in html
    assert reverse("signed_copy", args=[published.pk]) in html and "ban-goc.pdf" in html


def test_a_new_signed_copy_replaces_the_cached_document_page(
    db, upload, pki, font, client, published
):
    upload(docx_upload("ban-goc.docx"))
    assert SIGNED_BY not in client.get(published.url).content.decode()  # now cached
    upload(pdf(signed(pki, font), name="ban-goc.pdf"))
    html = client.get(published.url).content.decode()
    assert SIGNED_BY in html and "ban-goc.pdf" in html
