"""The audit trail: one immutable StateLog per step (who, when, from, to, step, note)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_fsm_log.models import StateLog

from workflow.errors import WorkflowError
from workflow.models import DocumentWorkflow
from workflow.roles import Role
from workflow.services import IssueData, perform_transition
from workflow.states import State

from .conftest import role_of, workflow_of

pytestmark = pytest.mark.django_db

NOTES = {
    "start_drafting": "Giao Phòng Thông tin - Báo chí chủ trì.",
    "open_consultation": "Đăng dự thảo lên cổng thông tin.",
    "close_consultation": "",  # no note: stored as empty
    "send_for_appraisal": "Gửi kèm hồ sơ đầy đủ.",
    "complete_appraisal": "Đủ điều kiện trình.",
    "submit": "Kính trình UBND tỉnh.",
    "issue": "Đã ký ban hành.",
    "publish": "Đăng tải toàn văn.",
}


def test_every_step_writes_one_log_entry(normative_draft, step, prepare, users):
    workflow = workflow_of(normative_draft)
    expected = []
    source = State.PLANNED
    started = timezone.now()
    for name, note in NOTES.items():
        workflow = step(prepare(workflow, name), name, note=note)
        expected.append((users[role_of(name)].pk, source, workflow.state, name, note or None))
        source = workflow.state

    # Leadership allowed the Word file attached as the signed copy (conftest.allow_unverified).
    allowed = workflow.state_logs().get(transition="allow_unverified_original")
    assert allowed.by_id == users[Role.LEADERSHIP].pk and "Tệp kiểm thử." in allowed.description
    entries = workflow.state_logs().exclude(pk=allowed.pk)
    assert [
        (log.by_id, log.source_state, log.state, log.transition, log.description) for log in entries
    ] == expected
    assert all(started <= log.timestamp <= timezone.now() for log in entries)
    timestamps = [log.timestamp for log in entries]
    assert timestamps == sorted(timestamps)
    # Every entry points at this workflow, nothing else.
    assert {(log.content_type, log.object_id) for log in entries} == {
        (ContentType.objects.get_for_model(DocumentWorkflow), workflow.pk)
    }
    assert StateLog.objects.count() == len(NOTES) + 1


REASON = "Thiếu đánh giá tác động."


def test_reasons_are_logged_as_the_note(normative_draft, walk, step, prepare, users):
    workflow = prepare(walk(normative_draft, State.APPRAISAL), "return_for_revision")
    step(workflow, "return_for_revision", note=f"  {REASON}  ")
    step(workflow, "withdraw", note="Không còn phù hợp.")

    assert list(
        workflow.state_logs().values_list("transition", "by", "description").reverse()[:2]
    ) == [
        ("withdraw", users[role_of("withdraw")].pk, "Không còn phù hợp."),
        (
            "return_for_revision",
            users[role_of("return_for_revision")].pk,
            "Thiếu đánh giá tác động.",
        ),
    ]


def test_system_steps_are_logged_without_a_user(administrative_draft):
    perform_transition(
        workflow_id=workflow_of(administrative_draft).pk,
        name="import_published",
        user=None,
        system=True,
        note="Nhập từ CSDL quốc gia.",
        issue=IssueData(
            number="629/QĐ-UBND",
            issued_on=datetime.date(2015, 5, 25),
            effective_on=None,
            signer="Hoàng Xuân Ánh",
            signer_title="CHỦ TỊCH",
        ),
    )
    (log,) = workflow_of(administrative_draft).state_logs()
    assert (log.by, log.source_state, log.state, log.transition, log.description) == (
        None,
        State.PLANNED,
        State.PUBLISHED,
        "import_published",
        "Nhập từ CSDL quốc gia.",
    )


def test_a_refused_step_is_not_logged(normative_draft, step, users):
    with pytest.raises(WorkflowError, match="Vai trò của bạn"):
        step(normative_draft, "start_drafting", user=users[role_of("issue")])
    assert not StateLog.objects.exists()


def test_log_entries_cannot_be_edited(normative_draft, step):
    workflow = step(normative_draft, "start_drafting", note="Ghi chú gốc.")
    log = workflow.state_logs().get()

    log.description = "Ghi chú đã sửa."
    with pytest.raises(PermissionDenied) as error:
        log.save()
    assert str(error.value) == "Nhật ký quy trình không được sửa."

    log.state = State.PUBLISHED
    with pytest.raises(PermissionDenied):
        log.save(update_fields=["state"])

    stored = StateLog.objects.get(pk=log.pk)
    assert (stored.description, stored.state) == ("Ghi chú gốc.", State.DRAFTING)


def test_log_entries_cannot_be_deleted(normative_draft, step):
    workflow = step(normative_draft, "start_drafting")
    log = workflow.state_logs().get()

    # Deletion refuses inside Django's own transaction: wrap it so the test can go on.
    with pytest.raises(PermissionDenied) as error, transaction.atomic():
        log.delete()
    assert str(error.value) == "Nhật ký quy trình không được xóa."
    with pytest.raises(PermissionDenied), transaction.atomic():
        StateLog.objects.filter(pk=log.pk).delete()
    assert StateLog.objects.filter(pk=log.pk).exists()


def test_a_new_entry_can_still_be_written(normative_draft, step):
    # The append-only guard refuses changes to existing rows, not new rows.
    workflow = step(normative_draft, "start_drafting")
    StateLog.objects.create(
        content_object=workflow,
        source_state=State.DRAFTING,
        state=State.DRAFTING,
        transition="note",
        description="Ghi chú bổ sung.",
    )
    assert workflow.state_logs().count() == 2
