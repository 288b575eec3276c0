"""Wagtail's page machinery (revisions, copy, move, the Publish button, the editor form) never
changes the workflow state or the process fields, and never makes an unissued document live."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Revision

from cms.models import DocumentIndexPage, LegalDocumentPage
from workflow import official_text, services
from workflow.states import State

from .conftest import PLANNED_MONTH, editor_form_data, workflow_of

pytestmark = pytest.mark.django_db

# Filled in by the "issue" step only: read-only in the editor.
ISSUE_FIELDS = ("number", "issued_on", "effective_on", "signer", "signer_title")
PUBLISH_REFUSED = "Văn bản chỉ được đăng tải lên cổng thông tin qua bước “Đăng tải” của quy trình."
POSTPONED_MONTH = datetime.date(2027, 3, 1)


def process_fields(page) -> dict:
    page = LegalDocumentPage.objects.get(pk=page.pk)
    return {name: getattr(page, name) for name in LegalDocumentPage.PROCESS_FIELDS}


def state_of(page) -> str:
    return workflow_of(page).state


@pytest.fixture
def postponed(drafter, leader):
    """Move a document's planned month through an approved postponement."""

    def postpone(page, month=POSTPONED_MONTH):
        request = services.request_postponement(
            workflow=workflow_of(page), user=drafter, reason="Chờ ý kiến Bộ.", new_planned=month
        )
        services.decide_postponement(request_id=request.pk, user=leader, approve=True)
        return LegalDocumentPage.objects.get(pk=page.pk)

    return postpone


@pytest.fixture
def correct(clerk):
    """Correct a published document's text through the correction step (đính chính)."""

    def correct(page, user, **changes):
        workflow = workflow_of(page)
        official_text.open_correction(workflow_id=workflow.pk, user=clerk, reason="Sai chính tả.")
        draft = LegalDocumentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        for name, value in changes.items():
            setattr(draft, name, value)
        draft.save_revision(user=user)
        official_text.apply_correction(
            workflow_id=workflow.pk, user=clerk, reference="12/QĐ-UBND ngày 05/01/2027"
        )
        return LegalDocumentPage.objects.get(pk=page.pk)

    return correct


@pytest.fixture
def published(administrative_draft, postponed, walk, editor, correct):
    """A published document whose first revision predates its postponement, issue and a
    later correction of its title."""
    first = Revision.objects.get(pk=administrative_draft.latest_revision_id)
    postponed(administrative_draft)
    walk(administrative_draft, State.PUBLISHED)
    page = correct(administrative_draft, editor, title="Thành lập Ban Chỉ đạo (đính chính)")
    return page, first


def test_publishing_an_old_revision_is_refused(published, editor):
    page, first = published
    before = process_fields(page)
    # The old revision really holds the old values...
    assert first.content["number"] == ""
    assert first.content["issued_on"] is None

    with pytest.raises(PermissionDenied):
        first.publish(user=editor, skip_permission_checks=True)

    # ...and the portal keeps the pinned, corrected text.
    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.title == "Thành lập Ban Chỉ đạo (đính chính)"
    assert page.live_revision_id == workflow_of(page).current_text.revision_id
    assert process_fields(page) == before
    assert state_of(page) == State.PUBLISHED


def test_reverting_a_published_document_goes_through_a_correction(published, editor, clerk, client):
    page, first = published
    before = process_fields(page)
    client.force_login(editor)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])

    # Outside a correction the editor cannot even open the old revision for saving.
    response = client.get(revert_url)
    assert response.status_code == 302
    assert response.url == reverse("workflow:document", args=[page.pk])

    workflow = workflow_of(page)
    official_text.open_correction(workflow_id=workflow.pk, user=clerk, reason="Khôi phục tên.")
    response = client.get(revert_url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["number"].value() == "1/QĐ-UBND"  # process fields show today's values
    assert form["planned_submission"].value() == POSTPONED_MONTH

    first.as_object().save_revision(user=editor, previous_revision=first)
    assert LegalDocumentPage.objects.get(pk=page.pk).title.endswith("(đính chính)")  # still live
    official_text.apply_correction(workflow_id=workflow.pk, user=clerk, reference="13/QĐ-UBND")

    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.title == "Thành lập Ban Chỉ đạo"
    assert process_fields(page) == before
    assert state_of(page) == State.PUBLISHED


def test_reverting_a_draft_keeps_its_state_and_planned_month(
    administrative_draft, postponed, walk, drafter
):
    first_pk = administrative_draft.latest_revision_id
    postponed(administrative_draft)
    walk(administrative_draft, State.DRAFTING)
    before = process_fields(administrative_draft)

    # What the admin's revert does: the old revision, loaded now, saved as the new draft.
    first = Revision.objects.get(pk=first_pk)
    first.as_object().save_revision(user=drafter, previous_revision=first)

    assert process_fields(administrative_draft) == before
    assert before["planned_submission"] == POSTPONED_MONTH
    assert state_of(administrative_draft) == State.DRAFTING
    latest = LegalDocumentPage.objects.get(pk=administrative_draft.pk).get_latest_revision()
    assert latest.as_object().planned_submission == POSTPONED_MONTH


@pytest.mark.parametrize("write", ["postponement", "issue"])
def test_a_draft_saved_from_an_older_instance_keeps_the_workflows_writes(
    write, administrative_draft, postponed, walk, step, drafter
):
    walk(administrative_draft, State.SUBMITTED if write == "issue" else State.DRAFTING)
    # The editor's request loads the page, then another user's step commits...
    editing = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    editing = editing.get_latest_revision_as_object()
    if write == "issue":
        step(administrative_draft, "issue")
    else:
        postponed(administrative_draft)
    after_step = process_fields(administrative_draft)

    # ...and then the editor's draft is saved: refused once the text is issued.
    editing.summary = "Trích yếu đã sửa"
    if write == "issue":
        with pytest.raises(PermissionDenied):
            editing.save_revision(user=drafter)
    else:
        editing.save_revision(user=drafter)

    assert process_fields(administrative_draft) == after_step


def test_a_draft_moves_but_an_issued_document_keeps_its_address(
    published, index, superuser, make_draft
):
    page, _first = published
    archive = index.get_parent().add_child(
        instance=DocumentIndexPage(title="Lưu trữ", slug="luu-tru")
    )
    draft = make_draft(normative=True)
    before = {page.pk: process_fields(page), draft.pk: process_fields(draft)}

    LegalDocumentPage.objects.get(pk=draft.pk).move(archive, pos="last-child", user=superuser)
    with pytest.raises(PermissionDenied):
        LegalDocumentPage.objects.get(pk=page.pk).move(archive, pos="last-child", user=superuser)

    assert LegalDocumentPage.objects.get(pk=draft.pk).get_parent().pk == archive.pk
    assert LegalDocumentPage.objects.get(pk=page.pk).get_parent().pk == index.pk
    for pk, fields in before.items():
        assert process_fields(LegalDocumentPage(pk=pk)) == fields
    assert state_of(page) == State.PUBLISHED
    assert LegalDocumentPage.objects.get(pk=page.pk).live
    assert state_of(draft) == State.PLANNED
    assert not LegalDocumentPage.objects.get(pk=draft.pk).live


def test_copying_a_draft_gives_a_new_planned_document(
    normative_draft, walk, index, drafter, postponed
):
    postponed(normative_draft)
    walk(normative_draft, State.APPRAISAL)
    before = process_fields(normative_draft)

    copy = LegalDocumentPage.objects.get(pk=normative_draft.pk).copy(
        to=index, update_attrs={"slug": "ban-sao", "title": "Bản sao"}, user=drafter
    )

    assert process_fields(normative_draft) == before
    assert state_of(normative_draft) == State.APPRAISAL
    copy = LegalDocumentPage.objects.get(pk=copy.pk)
    assert state_of(copy) == State.PLANNED
    assert not copy.live
    assert copy.workflow.pk != workflow_of(normative_draft).pk
    assert not copy.workflow.dossier_files.exists()
    assert not copy.workflow.state_logs().exists()


def test_copying_an_issued_document_gives_a_draft_without_issue_data(published, index, drafter):
    page, _first = published
    before = process_fields(page)

    copy = page.copy(to=index, update_attrs={"slug": "ban-sao"}, keep_live=False, user=drafter)

    assert process_fields(page) == before
    assert state_of(page) == State.PUBLISHED
    copy = LegalDocumentPage.objects.get(pk=copy.pk)
    assert state_of(copy) == State.PLANNED
    assert not copy.live
    assert all(not getattr(copy, name) for name in ISSUE_FIELDS)


# -- Wagtail's Publish button and revision.publish() ------------------------------------------


@pytest.mark.parametrize("who", ["editor", "superuser"])
@pytest.mark.parametrize("state", [State.PLANNED, State.SUBMITTED, State.ISSUED])
def test_the_publish_button_cannot_put_an_unpublished_document_online(
    who, state, request, administrative_draft, walk, client
):
    user = request.getfixturevalue(who)
    walk(administrative_draft, state)
    before = process_fields(administrative_draft)
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[administrative_draft.pk])

    response = client.post(url, {**editor_form_data(administrative_draft), "action-publish": "1"})

    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    if state == State.PLANNED:
        assert messages == [PUBLISH_REFUSED]
    else:  # the text is frozen: not even a draft is saved
        assert response.url == reverse("workflow:document", args=[administrative_draft.pk])
        assert len(messages) == 1 and "nội dung" in messages[0]
    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    assert not page.live and page.live_revision is None
    assert process_fields(page) == before
    assert state_of(page) == state
    assert client.get(page.url).status_code == 404


def test_a_correction_cannot_renumber_a_published_document(published, editor, clerk, client):
    page, _first = published
    before = process_fields(page)
    workflow = workflow_of(page)
    official_text.open_correction(workflow_id=workflow.pk, user=clerk, reason="Sai chính tả.")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    tampered = editor_form_data(
        page,
        title="Thành lập Ban Chỉ đạo (sửa lỗi chính tả)",
        number="999/QĐ-UBND",
        issued_on="01/01/2020",
        planned_submission="01/01/2020",
    )

    response = client.post(url, tampered)
    assert response.status_code == 302
    official_text.apply_correction(workflow_id=workflow.pk, user=clerk, reference="14/QĐ-UBND")

    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.live and page.title == "Thành lập Ban Chỉ đạo (sửa lỗi chính tả)"
    assert process_fields(page) == before
    assert state_of(page) == State.PUBLISHED


def test_saving_a_draft_cannot_change_the_planned_month_or_issue_data(
    administrative_draft, drafter, client
):
    before = process_fields(administrative_draft)
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:edit", args=[administrative_draft.pk])
    tampered = editor_form_data(
        administrative_draft,
        summary="Trích yếu đã sửa",
        planned_submission="01/01/2030",
        number="7/QĐ-UBND",
        signer="Người khác",
    )

    response = client.post(url, tampered)

    assert response.status_code == 302
    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    assert process_fields(page) == before
    draft = page.get_latest_revision().as_object()
    assert draft.summary == "Trích yếu đã sửa"
    assert (draft.planned_submission, draft.number, draft.signer) == (PLANNED_MONTH, "", "")


def test_revision_publish_refuses_an_unpublished_document(administrative_draft):
    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    revision = page.save_revision()

    with pytest.raises(PermissionDenied) as error:
        revision.publish()

    assert str(error.value) == PUBLISH_REFUSED
    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.live_revision is None and page.first_published_at is None
    assert state_of(page) == State.PLANNED


@pytest.mark.parametrize("state", [State.SUBMITTED, State.ISSUED])
def test_no_new_revision_of_a_frozen_text(state, administrative_draft, walk):
    walk(administrative_draft, state)
    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    latest = page.latest_revision_id

    with pytest.raises(PermissionDenied):
        page.save_revision()

    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.latest_revision_id == latest and not page.live
    assert state_of(page) == state


def test_a_published_document_cannot_be_taken_down_outside_the_workflow(published):
    page, _first = published
    with pytest.raises(PermissionDenied) as error:
        page.unpublish()
    assert "Gỡ khỏi cổng thông tin" in str(error.value)
    assert LegalDocumentPage.objects.get(pk=page.pk).live


# -- the editor form ---------------------------------------------------------------------------


def test_the_editor_shows_process_fields_read_only(administrative_draft, index, drafter, client):
    client.force_login(drafter)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[administrative_draft.pk]))
    assert edit.status_code == 200
    fields = edit.context["form"].fields
    for name in (*ISSUE_FIELDS, "planned_submission"):
        assert fields[name].disabled, name
        assert fields[name].help_text == "Cập nhật qua quy trình, không sửa trực tiếp."
    assert not fields["summary"].disabled

    add = client.get(reverse("wagtailadmin_pages:add", args=["cms", "legaldocumentpage", index.pk]))
    assert add.status_code == 200
    fields = add.context["form"].fields
    assert all(fields[name].disabled for name in ISSUE_FIELDS)
    assert not fields["planned_submission"].disabled  # set when the document is registered
