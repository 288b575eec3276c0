"""The workflow screens as each role uses them: forms, messages, permissions, private files."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tests import factories
from workflow import services
from workflow.dossier import DossierKind
from workflow.roles import GROUP_NAMES, Role
from workflow.states import State

pytestmark = pytest.mark.django_db


def make_user(role: Role | None, username: str | None = None):
    user = get_user_model().objects.create_user(
        username=username or (role.value if role else "outsider"),
        password="x",
        email=f"{username or (role.value if role else 'outsider')}@example.invalid",
    )
    if role:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


def docx_upload(name="du-thao.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Dự thảo")
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def draft():
    _home, index = factories.site_tree()
    page = factories.legal_document(
        index,
        slug="quy-che",
        live=False,
        document_type=factories.document_type(is_normative=True),
    )
    return page.workflow


def step_url(workflow, name):
    return reverse("workflow:step", args=[workflow.pk, name])


def test_the_editor_shows_state_steps_and_blockers(client, draft):
    client.force_login(make_user(Role.DRAFTING_TEAM))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.page_id])).content.decode()
    assert "Đã đăng ký" in html
    assert step_url(draft, "start_drafting") in html
    # Leadership's steps are not offered to the drafting team.
    assert "Rút khỏi chương trình" not in html


def test_a_step_is_confirmed_then_taken(client, draft):
    client.force_login(make_user(Role.DRAFTING_TEAM))
    form = client.get(step_url(draft, "start_drafting"))
    assert form.status_code == 200
    assert "Bắt đầu soạn thảo" in form.content.decode()
    response = client.post(
        step_url(draft, "start_drafting"),
        {"expected_state": "planned", "note": "Giao Tổ soạn thảo"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.DRAFTING
    assert draft.state_logs().last().description == "Giao Tổ soạn thảo"


def test_a_stale_form_is_refused_with_a_clear_message(client, draft):
    client.force_login(make_user(Role.DRAFTING_TEAM))
    services.perform_transition(workflow_id=draft.pk, name="start_drafting", user=None, system=True)
    response = client.post(
        step_url(draft, "start_drafting"), {"expected_state": "planned"}, follow=True
    )
    html = response.content.decode()
    assert "Không thể “Bắt đầu soạn thảo” khi văn bản đang ở trạng thái “Đang soạn thảo”." in html
    assert draft.state_logs().count() == 1


def test_a_role_without_the_step_is_turned_away(client, draft):
    client.force_login(make_user(Role.APPRAISER))
    response = client.post(
        step_url(draft, "start_drafting"), {"expected_state": "planned"}, follow=True
    )
    assert response.redirect_chain[0][1] == 302
    html = response.content.decode()
    assert "Vai trò của bạn không được thực hiện bước “Bắt đầu soạn thảo”." in html
    assert "hoặc vai trò" not in html
    draft.refresh_from_db()
    assert draft.state == State.PLANNED
    assert draft.state_logs().count() == 0


def test_a_step_the_state_does_not_allow_says_so(client, draft):
    """Leadership holds the step's role: the refusal names the state, not the role."""
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(step_url(draft, "submit"), follow=True)
    html = response.content.decode()
    assert "Không thể “Trình UBND tỉnh” khi văn bản đang ở trạng thái “Đã đăng ký”." in html
    assert "Vai trò của bạn" not in html
    draft.refresh_from_db()
    assert draft.state == State.PLANNED
    assert draft.state_logs().count() == 0


def test_the_workflow_page_is_headed_by_the_document(client):
    _home, index = factories.site_tree()
    page = factories.legal_document(
        index,
        slug="quy-dinh",
        title="Quy định quản lý hạ tầng viễn thông",
        number="12/QĐ-UBND",
        issued_on=datetime.date(2026, 3, 5),
        document_type=factories.document_type(name="Quyết định"),
    )
    client.force_login(make_user(Role.APPRAISER))
    html = client.get(reverse("workflow:document", args=[page.pk])).content.decode()
    heading = html.split('<h1 class="w-header__title" id="header-title">')[1].split("</h1>")[0]
    assert "Quy định quản lý hạ tầng viễn thông" in heading
    assert "Quyết định · 12/QĐ-UBND" in heading
    assert "w-sr-only" not in html.split("</h1>")[0].rsplit("<h1", 1)[1]
    assert "Trang Chủ" not in heading


def test_blocked_step_reports_what_is_missing(client, draft):
    services.perform_transition(workflow_id=draft.pk, name="start_drafting", user=None, system=True)
    client.force_login(make_user(Role.LEADERSHIP))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.page_id])).content.decode()
    assert "Hồ sơ còn thiếu: Dự thảo văn bản." in html
    response = client.get(step_url(draft, "open_consultation"), follow=True)
    assert response.redirect_chain
    assert "Hồ sơ còn thiếu: Dự thảo văn bản." in response.content.decode()


def test_a_second_appraisal_asks_for_its_own_report(
    client, users, normative_draft, walk, step, attach, prepare
):
    workflow = walk(normative_draft, State.APPRAISAL)
    attach(workflow, DossierKind.APPRAISAL_REPORT)
    step(workflow, "return_for_revision", note="Chưa đủ điều kiện trình.")
    step(prepare(workflow, "send_for_appraisal"), "send_for_appraisal")
    client.force_login(users[Role.APPRAISER])
    url = reverse("workflow:document", args=[normative_draft.pk])
    html = client.get(url).content.decode()
    assert "Báo cáo thẩm định — <em>còn thiếu báo cáo của lần thẩm định này (lần 2)</em>" in html
    assert html.count("của lần thẩm định trước") == 1

    attach(workflow, DossierKind.APPRAISAL_REPORT)
    html = client.get(url).content.decode()
    assert "✔ Báo cáo thẩm định" in html
    assert html.count("của lần thẩm định trước") == 1


def test_a_first_appraisal_just_misses_its_report(client, users, normative_draft, walk):
    walk(normative_draft, State.APPRAISAL)
    client.force_login(users[Role.APPRAISER])
    html = client.get(reverse("workflow:document", args=[normative_draft.pk])).content.decode()
    assert "Báo cáo thẩm định — <em>còn thiếu</em>" in html
    assert "lần thẩm định trước" not in html


def test_consultation_end_date_is_checked_in_the_form(client, draft):
    services.perform_transition(workflow_id=draft.pk, name="start_drafting", user=None, system=True)
    services.attach_dossier_file(
        workflow=draft,
        user=make_user(Role.DRAFTING_TEAM),
        kind=DossierKind.DRAFT,
        upload=docx_upload(),
    )
    client.force_login(make_user(Role.LEADERSHIP))
    too_soon = datetime.date.today() + datetime.timedelta(days=5)
    response = client.post(
        step_url(draft, "open_consultation"),
        {"expected_state": "drafting", "ends_on": too_soon.isoformat()},
    )
    assert response.status_code == 200
    assert "Thời gian lấy ý kiến phải ít nhất" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFTING
    assert not draft.consultation_rounds.exists()


def test_dossier_upload_checks_the_file_and_keeps_versions(client, draft):
    client.force_login(make_user(Role.DRAFTING_TEAM))
    url = reverse("workflow:upload", args=[draft.pk])
    fake = SimpleUploadedFile("du-thao.docx", b"this is not a word file")
    response = client.post(url, {"kind": "draft", "file": fake})
    assert response.status_code == 200
    assert "Chỉ nhận tệp Word (.docx) hoặc PDF" in response.content.decode()
    assert not draft.dossier_files.exists()

    for _ in range(2):
        assert client.post(url, {"kind": "draft", "file": docx_upload()}).status_code == 302
    assert list(draft.dossier_files.values_list("version", flat=True)) == [2, 1]
    # The appraisal report is the appraiser's to add.
    response = client.post(url, {"kind": "appraisal_report", "file": docx_upload()})
    assert response.status_code == 200
    assert not draft.dossier_files.filter(kind="appraisal_report").exists()


def test_dossier_files_are_private(client, draft):
    uploaded = services.attach_dossier_file(
        workflow=draft,
        user=make_user(Role.DRAFTING_TEAM),
        kind=DossierKind.DRAFT,
        upload=docx_upload(),
    )
    url = reverse("workflow:dossier_file", args=[uploaded.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    # The file is not under MEDIA_URL either.
    assert not uploaded.file.name.startswith("/")
    assert client.get("/media/" + uploaded.file.name).status_code == 404

    client.force_login(make_user(None))
    assert client.get(url).status_code in (302, 403)

    client.force_login(make_user(Role.APPRAISER))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_postponement_request_and_decision(client, draft):
    page = draft.page
    page.planned_submission = datetime.date(2015, 6, 1)
    page.save()
    client.force_login(make_user(Role.DRAFTING_TEAM))
    response = client.post(
        reverse("workflow:postponement_add", args=[draft.pk]),
        {"new_planned": "2015-09-15", "reason": "Chờ ý kiến của Bộ"},
    )
    assert response.status_code == 302
    request = draft.postponements.get()

    client.force_login(make_user(Role.LEADERSHIP))
    response = client.post(
        reverse("workflow:postponement_decide", args=[draft.pk, request.pk]),
        {"decision": "approve", "note": "Đồng ý"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.planned_submission == datetime.date(2015, 9, 1)
    request.refresh_from_db()
    assert request.previous_planned == datetime.date(2015, 6, 1)


def test_audit_log_is_listed_read_only(client, draft):
    services.perform_transition(workflow_id=draft.pk, name="start_drafting", user=None, system=True)
    client.force_login(make_user(Role.LEADERSHIP))
    listing = client.get(reverse("audit_log:index"))
    assert listing.status_code == 200
    assert "Bắt đầu soạn thảo" in listing.content.decode()
    assert client.get(reverse("audit_log:add")).status_code in (302, 403)
