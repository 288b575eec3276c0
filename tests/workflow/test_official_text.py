"""The issued text is frozen: pinned and fingerprinted at issue, published exactly, changed only
by an audited correction (đính chính), both versions kept and viewable."""

import datetime
import hashlib

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import streamfield

from cms.models import LegalDocumentPage
from cms.record import canonical_text, fingerprint
from cms.validity import Validity, ValidityEvidence
from workflow import official_text
from workflow.errors import WorkflowError
from workflow.models import CorrectionStatus, IssuedText, IssuedTextKind
from workflow.record_rules import workflow_writes
from workflow.states import State
from workflow.transitions import transitions_from_state

from .conftest import editor_form_data, workflow_of

pytestmark = pytest.mark.django_db

ISSUED_ARTICLE = "Quyết định này có hiệu lực kể từ ngày ký."
CHANGED_ARTICLE = "Quyết định này có hiệu lực từ năm 2030."


def body(text: str) -> str:
    article = {
        "number": "1",
        "heading": "Hiệu lực",
        "text": text,
        "clauses": {"count": "0"},
        "tables": {"count": "0"},
    }
    return streamfield([("article", article)])


def edit_data(page, text: str) -> dict:
    return editor_form_data(page, body=body(text))


def article_text(page) -> str:
    return LegalDocumentPage.objects.get(pk=page.pk).body[0].value["text"]


@pytest.fixture
def decision(administrative_draft, drafter, client):
    """A draft whose body the drafting team wrote in the editor."""
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:edit", args=[administrative_draft.pk])
    assert client.post(url, edit_data(administrative_draft, ISSUED_ARTICLE)).status_code == 302
    client.logout()
    return LegalDocumentPage.objects.get(pk=administrative_draft.pk)


@pytest.fixture
def open_correction(clerk):
    def open_(page, reason="Sai hiệu lực."):
        return official_text.open_correction(
            workflow_id=workflow_of(page).pk, user=clerk, reason=reason
        )

    return open_


# -- pinned at issue ---------------------------------------------------------------------------


def test_issue_pins_the_text_with_its_fingerprint(decision, walk, clerk):
    workflow = walk(decision, State.ISSUED)

    text = workflow.current_text
    assert text.kind == IssuedTextKind.ISSUE and text.recorded_by == clerk
    pinned = text.revision.as_object()
    assert pinned.number == "1/QĐ-UBND" and pinned.signer == "Nguyễn Văn A"
    assert pinned.body[0].value["text"] == ISSUED_ARTICLE
    assert text.fingerprint == fingerprint(canonical_text(pinned))
    assert text.fingerprint == hashlib.sha256(canonical_text(pinned).encode()).hexdigest()
    # The row holds the official text too (listings, reports, export read it).
    row = LegalDocumentPage.objects.get(pk=decision.pk)
    assert canonical_text(row) == canonical_text(pinned)
    assert "Số, ký hiệu: 1/QĐ-UBND" in canonical_text(row)


def test_canonical_text_covers_the_signed_content_only(decision, walk):
    walk(decision, State.ISSUED)
    page = LegalDocumentPage.objects.get(pk=decision.pk)
    text = canonical_text(page)
    for line in (
        "Loại văn bản: Quyết định",
        f"Tên văn bản: {page.title}",
        f"Trích yếu: {page.summary}",
        "Điều 1. Hiệu lực",
        ISSUED_ARTICLE,
        "Người ký: Nguyễn Văn A",
        "Chức vụ: KT. CHỦ TỊCH",
        "Chức vụ: PHÓ CHỦ TỊCH",
    ):
        assert line in text.splitlines(), line
    page.seo_title = "Tiêu đề SEO khác"
    assert canonical_text(page) == text  # not part of the signed text


# -- the faults this closes --------------------------------------------------------------------


def test_a_text_edited_after_issue_is_not_what_gets_published(
    decision, walk, step, prepare, drafter, client
):
    """Before: the drafting team saved a changed body on an issued document (302), the portal
    editor took the publish step and the portal showed the changed text under the number."""
    walk(decision, State.ISSUED)
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:edit", args=[decision.pk])
    latest = LegalDocumentPage.objects.get(pk=decision.pk).latest_revision_id

    response = client.post(url, edit_data(decision, CHANGED_ARTICLE))

    assert response.status_code == 302
    assert response.url == reverse("workflow:document", args=[decision.pk])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Đính chính" in message
    assert LegalDocumentPage.objects.get(pk=decision.pk).latest_revision_id == latest

    step(prepare(decision, "publish"), "publish")
    page = LegalDocumentPage.objects.get(pk=decision.pk)
    assert page.live and article_text(page) == ISSUED_ARTICLE
    assert page.live_revision_id == workflow_of(page).current_text.revision_id
    client.logout()
    assert ISSUED_ARTICLE in client.get(page.url).content.decode()


@pytest.mark.parametrize("state", [State.APPRAISAL, State.SUBMITTED])
def test_the_text_is_frozen_while_appraised_or_submitted(
    state, make_draft, walk, drafter, leader, client
):
    draft = make_draft(normative=state == State.APPRAISAL)
    walk(draft, state)
    for user in (drafter, leader):
        client.force_login(user)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]), edit_data(draft, CHANGED_ARTICLE)
        )
        assert response.status_code == 302
        assert response.url == reverse("workflow:document", args=[draft.pk])
        assert not LegalDocumentPage.objects.get(pk=draft.pk).body
    # The way back: the appraiser or the committee office returns the document to drafting.
    name = "return_for_revision" if state == State.APPRAISAL else "return_to_drafting"
    assert name in {t.name for t in transitions_from_state(workflow_of(draft))}


def test_publish_puts_the_pinned_revision_online_not_the_latest(decision, walk, step, prepare):
    workflow = walk(decision, State.ISSUED)
    pinned = workflow.current_text.revision
    with workflow_writes():  # a stray later revision (e.g. written by a script)
        stray = LegalDocumentPage.objects.get(pk=decision.pk).get_latest_revision_as_object()
        stray.title = "Tiêu đề không được ban hành"
        stray = stray.save_revision()

    step(prepare(workflow, "publish"), "publish")

    page = LegalDocumentPage.objects.get(pk=decision.pk)
    assert page.live_revision_id == pinned.pk != stray.pk
    assert page.title == decision.title


def test_a_document_issued_before_pins_is_pinned_when_published(decision, walk, step, prepare):
    workflow = walk(decision, State.ISSUED)
    with connection.cursor() as cursor:  # as before this change (rows are never deleted)
        cursor.execute("DELETE FROM workflow_issuedtext WHERE workflow_id = %s", [workflow.pk])

    step(prepare(workflow, "publish"), "publish")

    text = workflow_of(decision).current_text
    page = LegalDocumentPage.objects.get(pk=decision.pk)
    assert text is not None and page.live_revision_id == text.revision_id
    assert text.fingerprint == fingerprint(canonical_text(page))


# -- correction --------------------------------------------------------------------------------


def test_a_correction_is_opened_edited_and_applied_with_both_versions_kept(
    decision, walk, drafter, clerk, client, open_correction
):
    workflow = walk(decision, State.PUBLISHED)
    first = workflow.current_text
    open_correction(decision, reason="Điều 1 ghi sai thời điểm có hiệu lực.")

    # While open, the drafting team edits; the portal still shows the issued text.
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:edit", args=[decision.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, edit_data(decision, CHANGED_ARTICLE)).status_code == 302
    assert article_text(decision) == ISSUED_ARTICLE
    client.logout()
    assert ISSUED_ARTICLE in client.get(decision.url).content.decode()

    text = official_text.apply_correction(
        workflow_id=workflow.pk, user=clerk, reference="15/QĐ-UBND ngày 10/01/2027"
    )

    workflow = workflow_of(decision)
    assert workflow.state == State.PUBLISHED
    assert text.kind == IssuedTextKind.CORRECTION and text.fingerprint != first.fingerprint
    assert text.correction.status == CorrectionStatus.APPLIED
    assert text.correction.reference == "15/QĐ-UBND ngày 10/01/2027"
    assert [t.pk for t in workflow.issued_texts.all()] == [first.pk, text.pk]
    page = LegalDocumentPage.objects.get(pk=decision.pk)
    assert page.live_revision_id == text.revision_id and article_text(page) == CHANGED_ARTICLE
    assert Revision.objects.get(pk=first.revision_id).as_object().body[0].value["text"] == (
        ISSUED_ARTICLE
    )
    transitions = [log.transition for log in workflow.state_logs()]
    assert transitions[-2:] == ["open_correction", "apply_correction"]
    assert "15/QĐ-UBND" in workflow.state_logs().last().description
    # The portal shows the corrected text, its fingerprint and the correction.
    html = client.get(page.url).content.decode()
    assert CHANGED_ARTICLE in html and text.fingerprint in html and "15/QĐ-UBND" in html
    # Editing is closed again.
    client.force_login(drafter)
    assert client.get(url).status_code == 302


def test_both_versions_are_viewable_with_what_changed(
    decision, walk, drafter, clerk, client, open_correction
):
    workflow = walk(decision, State.PUBLISHED)
    open_correction(decision)
    draft = LegalDocumentPage.objects.get(pk=decision.pk).get_latest_revision_as_object()
    draft.body = [
        ("article", {"number": "1", "heading": "Hiệu lực", "text": CHANGED_ARTICLE, "clauses": []})
    ]
    draft.save_revision(user=drafter)
    second = official_text.apply_correction(workflow_id=workflow.pk, user=clerk, reference="16/QĐ")
    first = workflow.issued_texts.first()

    client.force_login(clerk)
    for text in (first, second):
        response = client.get(reverse("workflow:issued_text", args=[decision.pk, text.pk]))
        assert response.status_code == 200
        assert text.fingerprint in response.content.decode()
    changes = client.get(reverse("workflow:issued_text", args=[decision.pk, second.pk]))
    assert ("-", ISSUED_ARTICLE) in changes.context["changes"]
    assert ("+", CHANGED_ARTICLE) in changes.context["changes"]


def test_official_texts_are_never_changed_or_deleted(decision, walk):
    text = walk(decision, State.ISSUED).current_text
    text.fingerprint = "0" * 64
    with pytest.raises(PermissionDenied):
        text.save()
    with pytest.raises(PermissionDenied):
        IssuedText.objects.get(pk=text.pk).delete()


def test_only_the_committee_office_corrects(decision, walk, users, open_correction):
    workflow = walk(decision, State.ISSUED)
    for role, user in users.items():
        if role.value == "committee_office":
            continue
        with pytest.raises(WorkflowError):
            official_text.open_correction(workflow_id=workflow.pk, user=user, reason="x")


def test_a_correction_needs_a_reason_a_change_and_a_reference(
    decision, walk, clerk, open_correction
):
    workflow = walk(decision, State.ISSUED)
    with pytest.raises(WorkflowError):
        official_text.open_correction(workflow_id=workflow.pk, user=clerk, reason="  ")
    open_correction(decision)
    with pytest.raises(WorkflowError):
        open_correction(decision)  # one at a time
    with pytest.raises(WorkflowError) as error:
        official_text.apply_correction(workflow_id=workflow.pk, user=clerk, reference="17/QĐ")
    assert "Chưa có nội dung nào được sửa" in error.value.messages[0]
    assert workflow_of(decision).issued_texts.count() == 1


def test_an_issued_document_is_not_published_while_a_correction_is_open(
    decision, walk, prepare, step, open_correction
):
    workflow = prepare(walk(decision, State.ISSUED), "publish")
    open_correction(decision)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "publish")
    assert "đang được đính chính" in " ".join(error.value.messages)
    assert workflow_of(decision).state == State.ISSUED


def test_a_cancelled_correction_leaves_the_official_text(
    decision, walk, drafter, clerk, open_correction
):
    workflow = walk(decision, State.ISSUED)
    pinned = workflow.current_text
    open_correction(decision)
    draft = LegalDocumentPage.objects.get(pk=decision.pk).get_latest_revision_as_object()
    draft.title = "Tiêu đề sửa rồi bỏ"
    draft.save_revision(user=drafter)
    assert LegalDocumentPage.objects.get(pk=decision.pk).title == decision.title  # row is pinned

    correction = official_text.cancel_correction(workflow_id=workflow.pk, user=clerk)

    assert correction.status == CorrectionStatus.CANCELLED
    workflow = workflow_of(decision)
    assert workflow.current_text == pinned
    latest = LegalDocumentPage.objects.get(pk=decision.pk).get_latest_revision_as_object()
    assert canonical_text(latest) == canonical_text(pinned.revision.as_object())
    assert workflow.state_logs().last().transition == "cancel_correction"


def test_correction_screens(decision, walk, drafter, clerk, client):
    workflow = walk(decision, State.PUBLISHED)
    client.force_login(clerk)
    detail = client.get(reverse("workflow:document", args=[decision.pk])).content.decode()
    assert reverse("workflow:correction_open", args=[workflow.pk]) in detail

    response = client.post(
        reverse("workflow:correction_open", args=[workflow.pk]), {"reason": "Sai chính tả."}
    )
    assert response.status_code == 302
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:edit", args=[decision.pk])
    client.post(url, edit_data(decision, CHANGED_ARTICLE))
    client.force_login(clerk)
    apply_url = reverse("workflow:correction_apply", args=[workflow.pk])
    preview = client.get(apply_url)
    assert ("+", CHANGED_ARTICLE) in preview.context["changes"]
    assert client.post(apply_url, {"reference": ""}).status_code == 200  # form error
    response = client.post(apply_url, {"reference": "18/QĐ-UBND"})
    assert response.status_code == 302
    assert workflow_of(decision).current_text.kind == IssuedTextKind.CORRECTION


def test_the_drafting_team_cannot_open_a_correction_screen(decision, walk, drafter, client):
    workflow = walk(decision, State.ISSUED)
    client.force_login(drafter)
    response = client.post(
        reverse("workflow:correction_open", args=[workflow.pk]), {"reason": "Sai."}
    )
    assert response.status_code == 200
    assert "Chỉ Văn phòng UBND tỉnh" in response.content.decode()
    assert not workflow_of(decision).corrections.exists()


# -- the portal --------------------------------------------------------------------------------


def test_the_portal_shows_the_fingerprint_and_serves_the_canonical_text(decision, walk, client):
    workflow = walk(decision, State.PUBLISHED)
    text = workflow.current_text
    html = client.get(decision.url).content.decode()
    assert text.fingerprint in html
    download = client.get(reverse("canonical_text", args=[decision.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert hashlib.sha256(download.content).hexdigest() == text.fingerprint


def test_the_canonical_text_of_an_unpublished_document_is_not_served(decision, walk, client):
    walk(decision, State.ISSUED)
    assert client.get(reverse("canonical_text", args=[decision.pk])).status_code == 404


def test_an_imported_document_is_issued_pinned_and_published_by_the_workflow(
    administrative_draft,
):
    page = administrative_draft
    page.number, page.issued_on = "12/2015/QĐ-UBND", datetime.date(2015, 3, 2)
    page.save()
    text = official_text.import_issued(page=page, note="Nhập từ tệp a.jsonl, dòng 1.")
    workflow = workflow_of(page)
    page.refresh_from_db()
    assert workflow.state == State.PUBLISHED
    assert workflow.state_logs().last().transition == "import_published"
    assert text.kind == IssuedTextKind.IMPORT and workflow.current_text == text
    assert page.live and page.live_revision_id == text.revision_id
    assert text.fingerprint == fingerprint(canonical_text(text.revision.as_object()))

    # A new version from the source: pinned and published, no second step.
    page.summary = "Trích yếu mới"
    second = official_text.import_issued(page=page, note="Nhập từ tệp b.jsonl, dòng 1.")
    page.refresh_from_db()
    assert page.live_revision_id == second.revision_id and page.summary == "Trích yếu mới"
    assert workflow.state_logs().filter(transition="import_published").count() == 1


def test_an_imported_document_has_no_evidence_of_being_in_force(administrative_draft, client):
    """Issued elsewhere, the system did not see it issued: "Chưa xác định" unless its source
    says it is in force (docs/documents.md, "Validity that is true")."""
    page = administrative_draft
    assert page.validity_evidence == ValidityEvidence.ISSUED  # a page made here
    page.number, page.issued_on = "12/2015/QĐ-UBND", datetime.date(2015, 3, 2)
    page.save()
    official_text.import_issued(page=page, note="Nhập từ tệp a.jsonl, dòng 1.")
    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.validity_evidence is None and page.validity == Validity.UNKNOWN
    assert str(Validity.UNKNOWN.label) in client.get(page.url).content.decode()
    listing = client.get(page.get_parent().url, {"validity": "unknown"}).content.decode()
    assert "12/2015/QĐ-UBND" in listing
    # Published again from a revision: the row's evidence stays.
    page.live_revision.publish(skip_permission_checks=True)
    assert LegalDocumentPage.objects.get(pk=page.pk).validity_evidence is None

    page.summary = "Trích yếu mới"
    official_text.import_issued(page=page, note="b.jsonl, dòng 1.", in_force_per_source=True)
    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.validity_evidence == ValidityEvidence.SOURCE
    assert page.validity == Validity.IN_FORCE


def test_a_document_in_the_workflow_is_not_imported_over(decision, walk):
    walk(decision, State.SUBMITTED)
    with pytest.raises(WorkflowError):
        official_text.import_issued(page=decision, note="Nhập từ tệp a.jsonl, dòng 1.")
    assert not IssuedText.objects.filter(workflow__page=decision).exists()
