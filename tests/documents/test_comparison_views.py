"""The comparison screen and its DOCX table: the versions offered (milestones recorded by the
steps, saved versions without autosave noise), who may open it, bad version keys, the download."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog
from docx import Document
from wagtail.models import Revision

from cms.models import LegalDocumentPage
from tests.workflow import conftest as workflow_fixtures
from workflow import versions
from workflow.models import DocumentWorkflow, MilestoneText
from workflow.roles import Role
from workflow.states import State

# The state-machine fixtures (users per role, dossier uploads, walking the real services).
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


def article(number, heading, text):
    return {
        "type": "article",
        "value": {"number": number, "heading": heading, "text": text, "clauses": []},
    }


SCOPE = article("1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý chữ ký số.")
TERMS = article("2", "Giải thích từ ngữ", "Chữ ký số là một dạng chữ ký điện tử.")
SENT = [SCOPE, TERMS]
REVISED = [
    article("1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý, ứng dụng chữ ký số."),
    TERMS,
    article("3", "Trách nhiệm thi hành", "Sở Thông tin và Truyền thông chủ trì thực hiện."),
]


def save_body(page, body, user=None):
    page = LegalDocumentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.body = body
    page.save_revision(user=user)


@pytest.fixture
def revised(make_draft, walk, step, prepare, users):
    """Consulted on a first text, sent for appraisal with ``SENT``, returned, then revised."""
    page = make_draft(slug="chu-ky-so", body=[SCOPE])
    walk(page, State.CONSULTATION)
    walk(page, State.DRAFTING)
    save_body(page, SENT, users[Role.DRAFTING_TEAM])
    walk(page, State.APPRAISAL)
    step(prepare(page, "return_for_revision"), "return_for_revision", note="Cần bổ sung.")
    save_body(page, REVISED, users[Role.DRAFTING_TEAM])
    return page


def fresh(page) -> DocumentWorkflow:
    return DocumentWorkflow.objects.with_page().get(page_id=page.pk)


def milestone_key(page, transition: str) -> str:
    log = StateLog.objects.filter(transition=transition, object_id=fresh(page).pk).latest("pk")
    return f"m{log.pk}"


def url(page):
    return reverse("documents_admin:compare", args=[page.pk])


def test_steps_record_the_text_they_sent(revised):
    texts = MilestoneText.objects.filter(workflow=fresh(revised)).select_related("state_log")
    assert [t.state_log.transition for t in texts] == ["open_consultation", "send_for_appraisal"]
    key = milestone_key(revised, "send_for_appraisal")
    assert versions.version_body(fresh(revised), key)[1]["value"]["number"] == "2"
    assert len(versions.version_body(fresh(revised), versions.CURRENT)) == 3


def test_milestones_offered_with_vietnamese_labels(revised):
    labels = [v.label for v in versions.milestones(fresh(revised))]
    assert labels[0].startswith("Dự thảo lấy ý kiến (")
    assert labels[1].startswith("Dự thảo gửi thẩm định (")
    assert labels[-1] == "Bản hiện tại"
    day = timezone.localdate().strftime("%d/%m/%Y")
    assert day in labels[1]


def test_a_step_before_milestones_were_recorded_uses_the_revision_of_its_time(revised):
    key = milestone_key(revised, "send_for_appraisal")
    MilestoneText.objects.filter(workflow=fresh(revised)).delete()
    body = versions.version_body(fresh(revised), key)
    assert [block["value"]["number"] for block in body] == ["1", "2"]


def test_autosave_revisions_seconds_apart_are_one_saved_version(make_draft, users):
    drafter = users[Role.DRAFTING_TEAM]
    page = make_draft(slug="tu-dong-luu")
    for text in ("một", "một hai", "một hai ba"):
        save_body(page, [article("1", "Điều đầu", text)], drafter)
    revisions = Revision.objects.filter(object_id=str(page.pk)).order_by("pk")
    # The first save (by no one, from the factory) stays; the three by the drafter are one.
    earlier = timezone.now() - datetime.timedelta(hours=2)
    Revision.objects.filter(pk=revisions[0].pk).update(created_at=earlier)
    saved = versions.saved_versions(fresh(page))
    assert [v.key for v in saved] == [f"r{revisions.last().pk}", f"r{revisions[0].pk}"]
    assert saved[0].label.startswith("Phiên bản lưu lúc ")
    assert saved[0].label.endswith(drafter.username)


def test_drafter_compares_appraisal_version_with_revised_one(client, revised, users):
    client.force_login(users[Role.DRAFTING_TEAM])
    page = client.get(url(revised))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dự thảo gửi thẩm định" in html and "Phiên bản đã lưu" in html

    old = milestone_key(revised, "send_for_appraisal")
    response = client.get(url(revised), {"old": old, "new": versions.CURRENT})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ins>" in html and ", ứng dụng" in html
    assert "Bổ sung Điều 3." in html and "Sửa đổi Điều 1." in html
    assert "Tải bảng so sánh (DOCX)" in html

    download = client.get(
        reverse("documents_admin:compare_docx", args=[revised.pk]),
        {"old": old, "new": versions.CURRENT},
    )
    assert download.status_code == 200
    assert (
        download["Content-Disposition"] == 'attachment; filename="so-sanh-du-thao-chu-ky-so.docx"'
    )
    assert "no-store" in download["Cache-Control"]
    table = Document(io.BytesIO(download.content)).tables[-1]
    explanations = [row.cells[3].text for row in table.rows[1:]]
    assert explanations == ["Sửa đổi Điều 1.", "Bổ sung Điều 3."]


def test_workflow_page_links_to_the_comparison(client, revised, users):
    client.force_login(users[Role.APPRAISER])
    html = client.get(reverse("workflow:document", args=[revised.pk])).content.decode()
    assert url(revised) in html


@pytest.mark.parametrize("role", [Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.LEADERSHIP])
def test_every_workflow_role_may_compare(client, revised, make_user, role):
    client.force_login(make_user(role))
    response = client.get(url(revised), {"old": "current", "new": "current"})
    assert response.status_code == 200
    assert "Hai bản không khác nhau." in response.content.decode()


def test_without_a_workflow_role_nothing_is_shown(client, revised, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=False))
    old = milestone_key(revised, "send_for_appraisal")
    for name in ("documents_admin:compare", "documents_admin:compare_docx"):
        response = client.get(reverse(name, args=[revised.pk]), {"old": old, "new": "current"})
        assert response.status_code in (302, 403)
        assert b"Ch\xe1\xbb\xaf k\xc3\xbd s\xe1\xbb\x91" not in response.content
    client.logout()
    assert client.get(url(revised)).status_code == 302  # to the login page


def test_bad_version_keys_are_a_400_with_a_message(client, revised, make_draft, users):
    client.force_login(users[Role.DRAFTING_TEAM])
    other = make_draft(slug="van-ban-khac")
    foreign = f"r{Revision.objects.filter(object_id=str(other.pk)).latest('pk').pk}"
    not_a_milestone = milestone_key(revised, "return_for_revision")
    for old in ("r999999", "x1", "m", "", foreign, not_a_milestone):
        response = client.get(url(revised), {"old": old, "new": "current"})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
        if old:
            assert "Phiên bản đã chọn không thuộc văn bản này" in response.content.decode()
        docx = reverse("documents_admin:compare_docx", args=[revised.pk])
        assert client.get(docx, {"old": old, "new": "current"}).status_code == 400


def test_unknown_document_is_a_404(client, users):
    client.force_login(users[Role.DRAFTING_TEAM])
    response = client.get(reverse("documents_admin:compare", args=[987654]))
    assert response.status_code == 404
