"""The public verification page in Chromium: a visitor uploads a genuine signed copy of a
published document, then a tampered one, and reads the verdicts."""

import pytest
from cryptography.hazmat.primitives import serialization

from tests import factories
from tests.workflow import signed_pdfs
from tests.workflow.test_public_verification import LINES, NUMBER, publish_document

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def files(transactional_db, settings, tmp_path):
    """The test root trusted; a published document; its genuine and tampered signed copies."""
    font = signed_pdfs.unicode_font_or_skip()
    pki = signed_pdfs.build_pki()
    roots = tmp_path / "roots"
    roots.mkdir()
    (roots / "root.pem").write_bytes(pki.root.certificate.public_bytes(serialization.Encoding.PEM))
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(roots)
    publish_document(factories.site_tree()[1])
    pdf = signed_pdfs.make_pdf(pages=[LINES], font=font)
    genuine = signed_pdfs.sign(data=pdf, identity=pki.person, pki=pki, field_name="NguoiKy")
    paths = {
        "genuine": tmp_path / "ban-goc.pdf",
        "tampered": tmp_path / "ban-sua.pdf",
    }
    paths["genuine"].write_bytes(genuine)
    paths["tampered"].write_bytes(signed_pdfs.tampered(genuine))
    return paths


def verdict(browser, path) -> tuple[str, str, str]:
    browser.get("/")
    browser.click_text("Xác thực văn bản đã ký số")
    browser.find("input[type=file]").send_keys(str(path))
    browser.submit()
    browser.wait_for_text("Kết quả kiểm tra")
    return (
        browser.find("#verdict").text,
        browser.find(".signature-status").text,
        browser.find("#document-match").text,
    )


def test_a_visitor_checks_a_genuine_and_a_tampered_copy(browser, files):
    overall, status, match = verdict(browser, files["genuine"])
    assert overall.startswith("Mọi chữ ký số trên tệp đều hợp lệ")
    assert status == "Nguyên vẹn: nội dung không bị thay đổi sau khi ký"
    assert f"Nội dung tệp trùng với văn bản {NUMBER}" in match
    assert "Nguyễn Văn An" in browser.text() and "Tin cậy" in browser.text()

    overall, status, _match = verdict(browser, files["tampered"])
    assert overall.startswith("Có chữ ký số không hợp lệ")
    assert status == "Đã bị thay đổi sau khi ký"
    assert "Nội dung được ký đã bị thay đổi sau khi ký." in browser.text()
