"""Creation keeps what was typed (issue 14): a legal document is registered by an explicit save,
with its planned month; the editor's autosave neither registers one nor loses a process field."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import DocumentIndexPage, LegalDocumentPage, Sector
from tests import factories
from tests.workflow.conftest import PLANNED_MONTH, editor_form_data, workflow_of
from workflow import services
from workflow.deadlines import deadlines
from workflow.models import DocumentWorkflow
from workflow.states import State

# What Wagtail's autosave script sends with its POST (w-autosave: fetch with this header).
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
TITLE = "Quy định về quản lý và phát triển hạ tầng kỹ thuật viễn thông thụ động"


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["cms", "legaldocumentpage", index.pk])


def typed(**changes) -> dict:
    """The add form as the drafting team fills it; the slug is what the admin's script sends."""
    page = LegalDocumentPage(
        title=TITLE,
        slug="quy-djnh-v-qun-ly-va-phat-trin-h-tng-k-thut-vin-thong-th-djng",
        summary="Ban hành Quy định về quản lý hạ tầng kỹ thuật viễn thông thụ động",
        document_type=factories.document_type(is_normative=True),
        issuing_body=factories.issuing_body(),
    )
    return editor_form_data(page, **changes)


def nothing_registered():
    return (
        not LegalDocumentPage.objects.exists()
        and not DocumentWorkflow.objects.exists()
        and not Revision.objects.filter(base_content_type__model="page").exists()
    )


def test_autosave_of_an_add_form_registers_nothing(index, drafter, client):
    client.force_login(drafter)
    # The choosers are filled, the planned month not yet: this is when the script first saves.
    response = client.post(add_url(index), typed(), **AUTOSAVE)

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["error_code"] == "validation_error"  # shown by the script as "autosave paused"
    assert "Lưu bản nháp" in body["error_message"]
    assert nothing_registered()

    # Even with the planned month typed: an abandoned form leaves nothing behind.
    client.post(add_url(index), typed(planned_submission="15/01/2027"), **AUTOSAVE)
    assert nothing_registered()


def test_other_page_types_still_autosave_on_creation(index, superuser, client):
    client.force_login(superuser)
    home = index.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["cms", "documentindexpage", home.pk])
    data = nested_form_data(
        {
            "title": "Văn bản lưu trữ",
            "slug": "van-ban-luu-tru",
            "intro": rich_text(""),
            "comments": inline_formset([]),
        }
    )

    response = client.post(url, data, **AUTOSAVE)

    assert response.status_code == 200, response.json()
    assert DocumentIndexPage.objects.filter(pk=response.json()["pk"]).exists()


def test_saving_registers_the_document_with_what_was_typed(index, drafter, client):
    sector = Sector.objects.create(name="Thông tin và truyền thông", slug="thong-tin")
    lead = factories.issuing_body(code="STTTT", name="Sở Thông tin và Truyền thông")
    client.force_login(drafter)
    # The editor autosaves (refused) while the form is filled, then the team saves.
    client.post(add_url(index), typed(), **AUTOSAVE)
    response = client.post(
        add_url(index),
        {**typed(planned_submission="15/01/2027", lead_agency=lead.pk), "sectors": [sector.pk]},
    )

    assert response.status_code == 302
    page = LegalDocumentPage.objects.get()
    assert page.slug == "quy-dinh-ve-quan-ly-va-phat-trien-ha-tang-ky-thuat-vien-thong-thu-dong"
    assert page.planned_submission == datetime.date(2027, 1, 1)
    assert page.lead_agency == lead and list(page.sectors.all()) == [sector]
    workflow = workflow_of(page)
    assert workflow.state == State.PLANNED
    due = [d.due for d in deadlines(workflow, today=timezone.localdate())]
    assert due == [datetime.date(2027, 1, 31)]

    report = client.get(reverse("workflow_programme_report"))
    assert report.status_code == 200
    rows = list(report.context["object_list"])
    assert [(w.pk, w.report_planned) for w in rows] == [(workflow.pk, "01/2027")]
    assert page.title in report.content.decode()


def test_registering_asks_for_the_planned_month(index, drafter, client):
    client.force_login(drafter)
    response = client.post(add_url(index), typed())

    assert response.status_code == 200
    assert response.context["form"].errors["planned_submission"] == [
        "Chọn tháng đăng ký trình: văn bản được đăng ký vào chương trình theo tháng này."
    ]
    assert nothing_registered()


def autosave_edit(client, page, **changes):
    """An editor session's autosave: it names the revision it loaded, as the edit form does."""
    loaded = LegalDocumentPage.objects.get(pk=page.pk).get_latest_revision()
    data = {
        **editor_form_data(page, **changes),
        "loaded_revision_id": loaded.pk,
        "loaded_revision_created_at": loaded.created_at.isoformat(),
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **AUTOSAVE)


def test_autosave_while_editing_keeps_the_process_fields(administrative_draft, drafter, client):
    client.force_login(drafter)
    for planned in ("", "01/01/2030"):  # a cleared or a changed month is ignored
        response = autosave_edit(
            client, administrative_draft, summary="Trích yếu đã sửa", planned_submission=planned
        )
        assert response.status_code == 200, response.json()

    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    assert page.planned_submission == PLANNED_MONTH
    assert page.summary == "Trích yếu đã sửa"  # the row follows the draft
    assert page.get_latest_revision().as_object().planned_submission == PLANNED_MONTH


def test_an_editor_open_before_a_postponement_does_not_bring_the_old_month_back(
    administrative_draft, drafter, leader, client
):
    client.force_login(drafter)
    stale = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    request = services.request_postponement(
        workflow=workflow_of(stale),
        user=drafter,
        reason="Chờ ý kiến Bộ.",
        new_planned=datetime.date(2027, 3, 1),
    )
    services.decide_postponement(request_id=request.pk, user=leader, approve=True)

    response = autosave_edit(client, stale, planned_submission="01/10/2026")

    assert response.json()["success"]
    page = LegalDocumentPage.objects.get(pk=stale.pk)
    assert page.planned_submission == datetime.date(2027, 3, 1)
    assert page.get_latest_revision().as_object().planned_submission == datetime.date(2027, 3, 1)
