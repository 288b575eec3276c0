"""Each role finds a document from the dashboard's search box in a real browser: a draft by a
phrase typed without diacritics, an issued text by a variant of its number."""

import datetime

import pytest
from selenium.webdriver.common.keys import Keys

from tests import factories
from workflow.roles import Role

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DRAFT_TITLE = "Quy hoạch hạ tầng kỹ thuật viễn thông thụ động tỉnh Cao Bằng"
ISSUED_TITLE = "Quy định về quản lý, ứng dụng chữ ký số"
ISSUED_NUMBER = "12/2026/QĐ-UBND"


@pytest.fixture
def documents(role_users):
    _home, index = factories.site_tree()
    normative = factories.document_type(is_normative=True)
    factories.legal_document(index, slug="quy-hoach", title=DRAFT_TITLE, live=False)
    factories.legal_document(
        index,
        slug="chu-ky-so",
        title=ISSUED_TITLE,
        number=ISSUED_NUMBER,
        document_type=normative,
        issued_on=datetime.date(2026, 3, 1),
        effective_on=datetime.date(2026, 3, 15),
    )
    factories.legal_document(index, slug="khac", title="Kế hoạch Ngày sách", live=False)


def search_from_dashboard(browser, query: str) -> str:
    browser.get("/admin/")
    box = browser.find("form[role=search] input[name=q]")
    box.clear()
    box.send_keys(query, Keys.ENTER)
    browser.wait_for_text("Số, ký hiệu")
    assert "Bạn không có quyền truy cập" not in browser.text()
    return browser.text()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_finds_documents_from_the_dashboard(browser, role_users, documents, role):
    browser.login(role_users[role].username)
    text = search_from_dashboard(browser, "ha tang vien thong thu dong")
    assert DRAFT_TITLE in text
    assert ISSUED_TITLE not in text and "Ngày sách" not in text
    assert "Đã đăng ký" in text  # the workflow state, not Wagtail's page status

    text = search_from_dashboard(browser, "12/2026/qd-ubnd")
    assert ISSUED_TITLE in text and ISSUED_NUMBER in text
    assert DRAFT_TITLE not in text
    assert "01/03/2026" in text  # the issue date as dd/mm/yyyy
    if role is Role.APPRAISER:
        browser.screenshot("admin-find", widths=("desktop",))
