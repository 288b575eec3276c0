"""The whole journey in a real browser: five roles take a normative document from planned to
published in the admin, a visitor comments on the draft, and an anonymous reader finds the
issued text with a diacritic-free search and opens an article."""

import datetime

import pytest
from docx import Document

from tests import factories
from workflow.models import DocumentWorkflow
from workflow.states import State

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = [
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    {
        "type": "article",
        "value": {
            "number": "1",
            "heading": "Phạm vi điều chỉnh",
            "text": "Quy định này quy định việc quản lý, ứng dụng chữ ký số.",
            "clauses": [],
        },
    },
    {
        "type": "article",
        "value": {
            "number": "2",
            "heading": "Giá trị pháp lý của văn bản điện tử",
            "text": "Văn bản điện tử có chữ ký số có giá trị như văn bản giấy.",
            "clauses": [],
        },
    },
]


@pytest.fixture
def dossier_file(tmp_path):
    document = Document()
    document.add_paragraph("Hồ sơ dự thảo")
    path = tmp_path / "ho-so.docx"
    document.save(path)
    return str(path)


@pytest.fixture
def draft(role_users):
    _home, index = factories.site_tree(consultations=True)
    return factories.legal_document(
        index,
        slug="quy-dinh-chu-ky-so",
        title="Quy định về quản lý, ứng dụng chữ ký số",
        summary="Ban hành Quy định về quản lý, ứng dụng chữ ký số trong cơ quan nhà nước",
        live=False,
        document_type=factories.document_type(is_normative=True),
        body=BODY,
    )


def state_of(page) -> str:
    return DocumentWorkflow.objects.get(page=page).state


def take_step(b, page, label: str, **fields):
    b.get(f"/admin/workflow/document/{page.pk}/")
    b.click_text(label)
    for name, value in fields.items():
        b.fill(name, value)
    b.submit()
    b.wait_for_text("Đã thực hiện")


def upload(b, page, path: str, *kinds: str):
    workflow = DocumentWorkflow.objects.get(page=page)
    for kind in kinds:
        b.get(f"/admin/workflow/{workflow.pk}/dossier/")
        b.find("select[name=kind]").send_keys(" ")
        b.driver.execute_script(
            "document.querySelector('select[name=kind]').value = arguments[0];", kind
        )
        b.find("input[name=file]").send_keys(path)
        b.submit()
        b.wait_for_text("Đã lưu")


def test_normative_document_from_planned_to_published(browser, draft, dossier_file):
    b, page = browser, draft
    today = datetime.date.today()

    b.login("soanthao")
    b.get(f"/admin/workflow/document/{page.pk}/")
    assert "Đã đăng ký" in b.text()
    b.screenshot("admin-workflow-planned", widths=("desktop",))
    take_step(b, page, "Bắt đầu soạn thảo", note="Giao Tổ soạn thảo")
    upload(b, page, dossier_file, "draft")

    b.login("lanhdao")
    ends = (today + datetime.timedelta(days=35)).isoformat()
    take_step(b, page, "Lấy ý kiến dự thảo", ends_on=ends)
    assert state_of(page) == State.CONSULTATION

    # A visitor comments on the draft, tied to an article.
    b.logout()
    b.get("/lay-y-kien/")
    b.screenshot("portal-consultations")
    b.click_text(page.title)
    assert "Điều 2" in b.text()
    b.fill("name", "Nguyễn Thị Bình")
    b.fill("organisation", "Sở Nội vụ")
    b.fill("email", "binh@example.invalid")
    b.driver.execute_script("document.querySelector('select[name=article]').value = '2';")
    b.fill("text", "Đề nghị làm rõ giá trị pháp lý của bản in văn bản điện tử.")
    b.screenshot("portal-consultation-draft")
    b.submit("form button.button-primary")
    b.wait_for_text("Góp ý đã được gửi")

    # The drafting team sees the comment, answers it and closes the consultation.
    b.login("soanthao")
    b.get(f"/admin/workflow/document/{page.pk}/")
    assert "Đề nghị làm rõ giá trị pháp lý" in b.text()
    b.click_text("Giải trình, tiếp thu")
    b.fill("response_text", "Tiếp thu, bổ sung Điều 2.")
    b.submit()
    b.wait_for_text("Đã lưu nội dung")
    take_step(b, page, "Kết thúc lấy ý kiến")
    upload(b, page, dossier_file, "draft_memo", "comment_synthesis")

    b.login("lanhdao")
    take_step(b, page, "Gửi Sở Tư pháp thẩm định")

    b.login("thamdinh")
    upload(b, page, dossier_file, "appraisal_report")
    take_step(b, page, "Hoàn thành thẩm định: đủ điều kiện trình")

    b.login("soanthao")
    upload(b, page, dossier_file, "final_memo", "final_draft", "appraisal_response")

    b.login("lanhdao")
    take_step(b, page, "Trình UBND tỉnh")

    b.login("vanphong")
    b.get(f"/admin/workflow/document/{page.pk}/")
    b.click_text("Ban hành")
    b.fill("issued_on", today.isoformat())
    b.fill("effective_on", (today + datetime.timedelta(days=10)).isoformat())
    b.fill("signer", "Nguyễn Văn A")
    b.fill("signer_title", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    b.screenshot("admin-issue-form", widths=("desktop",))
    b.submit()
    b.wait_for_text("Đã thực hiện")
    upload(b, page, dossier_file, "signed_copy")
    page.refresh_from_db()
    assert page.number == f"01/{today.year}/QĐ-UBND"

    # The signed copy is a Word file, not a signed PDF: publication waits for leadership.
    b.login("bientap")
    b.get(f"/admin/workflow/document/{page.pk}/")
    assert "Bản gốc đã ký chưa được xác minh nên chưa được đăng tải" in b.text()
    b.login("lanhdao")
    b.get(f"/admin/workflow/document/{page.pk}/")
    b.click_text("Cho phép đăng tải (ghi rõ lý do)")
    b.fill("reason", "Văn bản giấy ký tay; bản chụp đã đối chiếu với bản gốc.")
    b.submit()
    b.wait_for_text("Đã cho phép đăng tải")

    b.login("bientap")
    take_step(b, page, "Đăng tải lên cổng thông tin")
    assert state_of(page) == State.PUBLISHED
    b.get(f"/admin/workflow/document/{page.pk}/")
    b.screenshot("admin-workflow-published", widths=("desktop",))
    b.get("/admin/legal_documents/")
    assert page.number in b.text()
    b.screenshot("admin-documents", widths=("desktop",))

    # An anonymous reader finds it without diacritics and opens the article.
    b.logout()
    b.get("/tim-kiem/?q=gia+tri+phap+ly+van+ban+dien+tu")
    b.screenshot("portal-search")
    assert page.number in b.text()
    link = b.find("a[href$='#dieu-2']")
    link.click()
    assert b.driver.current_url.endswith("#dieu-2")
    assert b.driver.execute_script("return document.querySelector(':target').id") == "dieu-2"
    b.screenshot("portal-document")
    assert b.serious_accessibility_violations() == []

    workflow = DocumentWorkflow.objects.get(page=page)
    assert [log.transition for log in workflow.state_logs()][-2:] == [
        "allow_unverified_original",
        "publish",
    ]
