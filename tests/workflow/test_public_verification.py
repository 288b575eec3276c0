"""The public verification page and its JSON (``/xac-thuc/``, ``/api/xac-thuc/``): signatures,
exact copies of a published signed original, same text as a published document, bad input,
the rate limit, nothing stored. PKI and PDFs from tests/workflow/signed_pdfs.py."""

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.workflow import signed_pdfs
from workflow import services
from workflow.dossier import DossierKind
from workflow.verification_views import RATE_LIMIT

NUMBER = "629/QĐ-UBND"
TITLE = "Quyết định ban hành Quy chế phát ngôn"
HEADING = "Phạm vi điều chỉnh"
TEXT = "Quy chế này quy định việc phát ngôn và cung cấp thông tin cho báo chí của tỉnh."
LINES = [f"Số: {NUMBER}", TITLE, f"Điều 1. {HEADING}", TEXT, "CHỦ TỊCH", "Nguyễn Văn A"]
PAGE = reverse("verification")
API = reverse("verification_api")


@pytest.fixture(scope="module")
def pki():
    return signed_pdfs.build_pki()


@pytest.fixture(scope="module")
def font():
    return signed_pdfs.unicode_font_or_skip()


@pytest.fixture(scope="module")
def unsigned(font):
    return signed_pdfs.make_pdf(pages=[LINES], font=font)


@pytest.fixture(scope="module")
def genuine(pki, unsigned):
    return signed_pdfs.sign(data=unsigned, identity=pki.person, pki=pki, field_name="NguoiKy")


@pytest.fixture(scope="module")
def tampered(genuine):
    return signed_pdfs.tampered(genuine)


@pytest.fixture
def trusted(db, pki, settings, tmp_path):
    """The test root in the operator's trust folder."""
    (tmp_path / "root.pem").write_bytes(
        pki.root.certificate.public_bytes(serialization.Encoding.PEM)
    )
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(tmp_path)


@pytest.fixture
def published(index):
    return publish_document(index)


def publish_document(index):
    """A published document whose text is ``LINES``."""
    return factories.legal_document(
        index,
        slug="629-qd-ubnd",
        number=NUMBER,
        title=TITLE,
        issued_on=datetime.date(2015, 4, 2),
        body=[
            {
                "type": "article",
                "value": {"number": "1", "heading": HEADING, "text": TEXT, "clauses": []},
            }
        ],
    )


def pdf(data: bytes, name: str = "van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def check(client: Client, data: bytes, url: str = PAGE):
    return client.post(url, {"tep": pdf(data)})


def test_the_page_offers_a_form_with_a_csrf_token_and_is_linked_from_the_footer(client, db):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert "không được lưu lại" in html
    assert f'href="{PAGE}"' in client.get("/khong-co/").content.decode()


def test_a_post_without_the_csrf_token_is_refused(db, genuine):
    client = Client(enforce_csrf_checks=True)
    assert check(client, genuine).status_code == 403


def test_a_genuine_signed_pdf_is_reported_intact_and_trusted(client, trusted, genuine):
    response = check(client, genuine)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mọi chữ ký số trên tệp đều hợp lệ" in html
    assert "Nguyễn Văn An" in html and "UBND tỉnh" in html
    assert "Nguyên vẹn: nội dung không bị thay đổi sau khi ký" in html
    assert "Tin cậy" in html and "Trong thời hạn hiệu lực" in html and "Chưa kiểm tra" in html
    signed_at = response.context["result"].report.signatures[0].signing_time
    local = signed_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert local.strftime("%d/%m/%Y %H:%M") in html
    assert "Không tìm thấy văn bản đã đăng tải nào" in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_without_configured_roots_the_chain_is_untrusted(client, db, genuine):
    html = check(client, genuine).content.decode()
    assert "Không tin cậy" in html
    assert "không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy" in html


def test_a_tampered_copy_is_reported_altered(client, trusted, tampered):
    response = check(client, tampered)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã bị thay đổi sau khi ký" in html
    assert "Nội dung được ký đã bị thay đổi sau khi ký." in html
    assert "Mọi chữ ký số" not in html


def test_an_unsigned_pdf_says_so(client, db, unsigned):
    response = check(client, unsigned)
    assert response.status_code == 200
    assert "Tệp không có chữ ký số." in response.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Tệp rỗng"),
        (b"PK\x03\x04 not a pdf", "Tệp không phải là PDF."),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "bị hỏng hoặc không đầy đủ"),
    ],
)
def test_bad_input_is_a_400_with_a_vietnamese_message(client, db, data, message):
    response = check(client, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_truncated_signed_pdf_is_refused_or_reported_never_a_500(client, db, genuine):
    response = check(client, genuine[: len(genuine) // 2])
    assert response.status_code in (200, 400)


def test_an_encrypted_pdf_is_refused(client, db):
    data = signed_pdfs.make_pdf(pages=[["Mat"]], owner_password="chu", user_password="khach")
    response = check(client, data)
    assert response.status_code == 400
    assert "mã hoá" in response.content.decode()


def test_no_file_is_a_400(client, db):
    response = client.post(PAGE, {})
    assert response.status_code == 400
    assert "Hãy chọn một tệp PDF" in response.content.decode()


def test_an_oversized_file_is_refused_before_it_is_read_whole(client, db, settings, genuine):
    settings.SIGNED_PDF_MAX_BYTES = 1000
    response = check(client, genuine)
    assert response.status_code == 400
    assert "lớn hơn giới hạn" in response.content.decode()
    raw = client.post(API, genuine, content_type="application/pdf")
    assert raw.status_code == 400 and "lớn hơn giới hạn" in raw.json()["error"]


def test_an_upload_never_touches_the_disk(client, db, settings, genuine, tmp_path):
    """Django would write an upload over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; the
    page's own handler keeps it in memory (a missing temporary folder would fail otherwise)."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "absent")
    assert check(client, genuine).status_code == 200
    assert not (tmp_path / "absent").exists()


def test_the_rate_limit_answers_429_after_ten_files(client, db, unsigned):
    for _ in range(RATE_LIMIT.limit):
        assert check(client, unsigned).status_code == 200
    response = check(client, unsigned)
    assert response.status_code == 429
    assert "quá nhiều tệp" in response.content.decode()
    assert response["Retry-After"] == str(RATE_LIMIT.window_seconds)
    api = check(client, unsigned, url=API)
    assert api.status_code == 429 and "quá nhiều tệp" in api.json()["error"]
    # Another address is not limited.
    assert client.post(PAGE, {"tep": pdf(unsigned)}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_an_exact_copy_of_a_published_signed_original_is_recognised(
    client, trusted, published, genuine, clerk
):
    services.attach_dossier_file(
        workflow=published.workflow, user=clerk, kind=DossierKind.SIGNED_COPY, upload=pdf(genuine)
    )
    html = check(client, genuine).content.decode()
    assert "bản sao y nguyên" in html
    assert f'href="{published.url}"' in html and NUMBER in html
    data = check(client, genuine, url=API).json()
    assert data["exact_copy_of"]["number"] == NUMBER
    assert data["exact_copy_of"]["url"].endswith(published.url)
    assert data["text_match"] is None


def test_a_replaced_signed_original_is_no_longer_an_exact_copy(
    client, db, published, genuine, unsigned, clerk
):
    for data in (genuine, unsigned):
        services.attach_dossier_file(
            workflow=published.workflow, user=clerk, kind=DossierKind.SIGNED_COPY, upload=pdf(data)
        )
    assert check(client, genuine, url=API).json()["exact_copy_of"] is None


def test_a_copy_with_the_same_text_names_the_document(client, trusted, published, pki, font):
    # Another signing of the same text: other bytes, same words.
    data = signed_pdfs.sign(
        data=signed_pdfs.make_pdf(pages=[LINES], font=font),
        identity=pki.agency,
        pki=pki,
        field_name="CoQuan",
    )
    html = check(client, data).content.decode()
    assert "Nội dung tệp trùng với văn bản" in html and f'href="{published.url}"' in html
    match = check(client, data, url=API).json()["text_match"]
    assert match["document"]["number"] == NUMBER
    assert match["exact"] and match["percent"] == 100.0


def test_a_copy_with_a_changed_word_reports_the_percentage_and_difference(
    client, db, published, font
):
    changed = [line.replace("báo chí", "người dân") for line in LINES]
    response = check(client, signed_pdfs.make_pdf(pages=[changed], font=font))
    html = response.content.decode()
    assert "Nội dung tệp giống" in html and "có 1 chỗ khác nhau" in html
    assert "người dân" in html
    match = check(client, signed_pdfs.make_pdf(pages=[changed], font=font), url=API).json()
    difference = match["text_match"]["differences"][0]
    assert (difference["issued"], difference["signed"]) == ("báo chí", "người dân")
    assert 80 < match["text_match"]["percent"] < 100


def test_a_restricted_document_is_never_named(client, db, published, unsigned, font):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=published, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    data = check(client, signed_pdfs.make_pdf(pages=[LINES], font=font), url=API).json()
    assert data["text_match"] is None


def test_the_json_answer_has_the_documented_shape(client, trusted, genuine):
    response = check(client, genuine, url=API)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "sha256",
        "size",
        "signed",
        "valid",
        "problems",
        "signatures",
        "exact_copy_of",
        "text_match",
    }
    assert data["signed"] and data["valid"] and data["size"] == len(genuine)
    (signature,) = data["signatures"]
    assert signature["signer"]["name"] == "Nguyễn Văn An"
    assert signature["signer"]["organisation"] == "UBND tỉnh"
    assert signature["intact"] and signature["unaltered"] and signature["trusted"]
    assert signature["certificate_valid_at_signing"]
    assert signature["revocation"] == "not_checked" and signature["time_source"] == "claimed"
    assert datetime.datetime.fromisoformat(signature["signing_time"]).tzinfo is not None
    assert signature["problems"] == []


def test_the_json_answer_accepts_a_raw_pdf_body_and_reports_problems(client, db, tampered):
    data = client.post(API, tampered, content_type="application/pdf").json()
    assert not data["valid"]
    codes = [problem["code"] for problem in data["signatures"][0]["problems"]]
    assert "altered" in codes


def test_the_json_errors(client, db):
    assert client.get(API).status_code == 405
    response = check(client, b"not a pdf", url=API)
    assert response.status_code == 400
    assert response.json() == {"error": "Tệp không phải là PDF."}


def test_the_answer_in_english(client, trusted, genuine, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = check(client, genuine).content.decode()
    assert "Every digital signature in the file is valid" in html
    assert "Intact: the content has not been changed since it was signed" in html
    assert "Within its validity period" in html and "Not checked" in html
    assert "No published document matches this file" in html
