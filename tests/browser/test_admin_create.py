"""The drafting team registers a document in the page editor, autosave running: the planned
month typed after the choosers is kept, the programme report shows it with its submission
deadline, and an add form left unsaved leaves nothing behind (issue 14)."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from cms.models import LegalDocumentPage
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Quy định về quản lý và phát triển hạ tầng kỹ thuật viễn thông thụ động"
SLUG = "quy-dinh-ve-quan-ly-va-phat-trien-ha-tang-ky-thuat-vien-thong-thu-dong"
# Several autosave intervals (Wagtail's default: 500 ms after the last change).
AUTOSAVE_WAIT = 2.5
# The editor takes its "unchanged" snapshot of the form 2 s after loading it.
UNSAVED_WATCH = 2.5


@pytest.fixture
def index(role_users):
    _home, index = factories.site_tree()
    factories.document_type(is_normative=True, code="QĐ", name="Quyết định")
    factories.issuing_body()
    return index


def choose(b, field: str, label: str):
    """Pick ``label`` in the snippet chooser of ``field``, as a clerk does."""
    b.driver.execute_script(
        "arguments[0].click();",
        b.find(f"#id_{field}-chooser button[data-chooser-action-choose]"),
    )
    link = WebDriverWait(b.driver, 10).until(
        expected_conditions.element_to_be_clickable(
            (By.XPATH, f"//a[@data-chooser-modal-choice][contains(normalize-space(), '{label}')]")
        )
    )
    link.click()
    WebDriverWait(b.driver, 10).until(
        lambda d: d.find_element(By.ID, f"id_{field}").get_attribute("value")
    )


def fill_registration(b, index, title: str):
    b.get(f"/admin/pages/add/cms/legaldocumentpage/{index.pk}/")
    b.find("#tab-label-noi_dung").click()  # the editor opens on the workflow tab
    time.sleep(UNSAVED_WATCH)
    b.find("[name=title]").send_keys(title)
    b.find("[name=summary]").send_keys(f"Ban hành {title}")
    choose(b, "document_type", "Quyết định")
    choose(b, "issuing_body", "Ủy ban nhân dân tỉnh Cao Bằng")
    time.sleep(AUTOSAVE_WAIT)  # the editor has tried to autosave by now


def type_planned_month(b, value: str):
    field = b.find("[name=planned_submission]")
    field.send_keys(value)
    field.send_keys(Keys.ESCAPE)  # close the date picker


def test_the_drafting_team_registers_a_document_with_its_planned_month(browser, index):
    b = browser
    b.login("soanthao")
    fill_registration(b, index, TITLE)

    # Autosave did not register the half-typed document; the editor says when it will be.
    assert not LegalDocumentPage.objects.exists()
    b.wait_for_text("Văn bản mới chỉ được đăng ký khi bấm “Lưu bản nháp”")

    type_planned_month(b, "15/01/2027")
    time.sleep(AUTOSAVE_WAIT)
    assert not LegalDocumentPage.objects.exists()
    b.submit("button.action-save")
    WebDriverWait(b.driver, 10).until(lambda d: "/edit/" in d.current_url)

    page = LegalDocumentPage.objects.get()
    assert (page.title, page.slug) == (TITLE, SLUG)
    assert f"{page.planned_submission:%d/%m/%Y}" == "01/01/2027"

    # Editing autosaves as before, and never takes the planned month away.
    b.find("#tab-label-noi_dung").click()
    time.sleep(UNSAVED_WATCH)
    b.find("[name=summary]").send_keys(" (dự thảo 1)")
    WebDriverWait(b.driver, 10).until(
        lambda d: LegalDocumentPage.objects.get().summary.endswith("(dự thảo 1)")
    )
    assert f"{LegalDocumentPage.objects.get().planned_submission:%m/%Y}" == "01/2027"

    b.get("/admin/reports/programme/")
    b.wait_for_text(TITLE)
    row = b.driver.find_element(By.XPATH, f"//tr[.//a[normalize-space()='{TITLE}']]")
    assert "01/2027" in row.text
    assert "Đã đăng ký" in row.get_attribute("textContent")

    b.get(f"/admin/workflow/document/{page.pk}/")
    b.wait_for_text("Trình UBND tỉnh (tháng đăng ký)")
    assert "31/01/2027" in b.text()


def test_an_abandoned_add_form_leaves_nothing_behind(browser, index):
    b = browser
    b.login("soanthao")
    fill_registration(b, index, "Quyết định bỏ dở")
    type_planned_month(b, "01/03/2027")
    time.sleep(AUTOSAVE_WAIT)

    b.get("/admin/reports/programme/")
    b.wait_for_text("Chương trình xây dựng văn bản")

    assert not LegalDocumentPage.objects.exists()
    assert "Quyết định bỏ dở" not in b.text()
