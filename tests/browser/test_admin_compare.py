"""Issue 14: a drafter compares the draft sent for appraisal with the revised one in the admin
and downloads the comparison table (three columns, landscape), in a real browser.

The workflow is walked with the real services (as in tests/workflow); the browser does what
the drafter does: from the document's workflow page to the comparison and its download."""

import base64
import io

import pytest
from django_fsm_log.models import StateLog
from docx import Document

from tests.documents.test_comparison_views import REVISED, SCOPE, SENT, save_body
from tests.workflow import conftest as workflow_fixtures
from workflow.models import DocumentWorkflow
from workflow.roles import Role
from workflow.states import State

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

make_user = workflow_fixtures.make_user
users = workflow_fixtures.users
index = workflow_fixtures.index
normative_type = workflow_fixtures.normative_type
administrative_type = workflow_fixtures.administrative_type
make_draft = workflow_fixtures.make_draft
attach = workflow_fixtures.attach
prepare = workflow_fixtures.prepare
step = workflow_fixtures.step
walk = workflow_fixtures.walk

FETCH_BASE64 = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"})
  .then(r => r.arrayBuffer().then(b => [r.status, r.headers.get("content-type"), b]))
  .then(([status, type, buffer]) => {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    done([status, type, btoa(binary)]);
  });
"""


@pytest.fixture
def revised(role_users, make_draft, walk, step, prepare, users):
    page = make_draft(
        slug="chu-ky-so", title="Quy định về quản lý, ứng dụng chữ ký số", body=[SCOPE]
    )
    walk(page, State.CONSULTATION)
    walk(page, State.DRAFTING)
    save_body(page, SENT, users[Role.DRAFTING_TEAM])
    walk(page, State.APPRAISAL)
    step(prepare(page, "return_for_revision"), "return_for_revision", note="Cần bổ sung.")
    save_body(page, REVISED, role_users[Role.DRAFTING_TEAM])
    return page


def compare_sent_with_current(b, page) -> None:
    """From the document's workflow page: the draft sent for appraisal against the current one."""
    workflow = DocumentWorkflow.objects.get(page=page)
    sent = StateLog.objects.filter(transition="send_for_appraisal", object_id=workflow.pk).get()
    b.get(f"/admin/workflow/document/{page.pk}/")
    b.click_text("So sánh các bản dự thảo")
    b.wait_for_text("Dự thảo gửi thẩm định")
    options = [o.text for o in b.finds("select[name=old] option")]
    assert any(o.startswith("Dự thảo gửi thẩm định (") for o in options)
    assert "Bản hiện tại" in options
    b.driver.execute_script(
        "document.querySelector('select[name=old]').value = arguments[0];"
        "document.querySelector('select[name=new]').value = 'current';",
        f"m{sent.pk}",
    )
    b.submit()
    b.wait_for_text("Tải bảng so sánh (DOCX)")


def download_table(b):
    """The comparison table the screen offers, fetched with the browser's session."""
    href = b.find("a[href*='.docx']").get_attribute("href")
    status, content_type, data = b.driver.execute_async_script(FETCH_BASE64, href)
    assert status == 200
    assert content_type.startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(base64.b64decode(data)))


def test_drafter_compares_appraisal_version_with_revised_one(browser, revised):
    b, page = browser, revised
    b.login("soanthao")
    compare_sent_with_current(b, page)
    inserted = [e.get_attribute("textContent") for e in b.finds("table ins")]
    # Screen readers hear where an insertion starts and ends; the eye sees it underlined.
    assert inserted[0] == "[thêm: , ứng dụng]"
    assert len(inserted) == 2
    assert "Trách nhiệm thi hành" in inserted[1]
    assert "Bổ sung Điều 3." in b.text()
    assert "Sửa đổi Điều 1." in b.text()
    b.screenshot("admin-compare-drafts", widths=("desktop",))
    # Within main: Wagtail's sidebar is not ours to fix here.
    assert b.serious_accessibility_violations("main") == []

    document = download_table(b)
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Dự thảo trước",
        "Dự thảo mới",
        "Giải thích",
    ]
    assert [row.cells[3].text for row in table.rows[1:]] == ["Sửa đổi Điều 1.", "Bổ sung Điều 3."]
    assert "ứng dụng" in table.rows[1].cells[2].text
    assert "ứng dụng" not in table.rows[1].cells[1].text


@pytest.mark.parametrize(
    "role", [Role.LEADERSHIP, Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR]
)
def test_every_other_role_compares_and_downloads_the_table(browser, revised, role_users, role):
    """The appraiser checks the revision against what was appraised; the others follow it."""
    b = browser
    b.login(role_users[role].username)
    compare_sent_with_current(b, revised)
    assert "Bổ sung Điều 3." in b.text() and "Sửa đổi Điều 1." in b.text()
    table = download_table(b).tables[-1]
    assert [row.cells[3].text for row in table.rows[1:]] == ["Sửa đổi Điều 1.", "Bổ sung Điều 3."]
