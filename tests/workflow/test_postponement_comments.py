"""Postponement requests (not a state: a request leadership approves or rejects) and
consultation comments with the drafting team's responses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from cms.models import LegalDocumentPage
from workflow import services
from workflow.errors import WorkflowError
from workflow.models import (
    Comment,
    PostponementRequest,
    PostponementStatus,
    ResponseKind,
    SourceKind,
)
from workflow.roles import Role
from workflow.states import State

from .conftest import PLANNED_MONTH, pdf_upload, workflow_of

pytestmark = pytest.mark.django_db

D = datetime.date
LATER = D(2027, 2, 15)  # any day of the month: stored as the month's first day


def planned(page) -> datetime.date:
    return LegalDocumentPage.objects.get(pk=page.pk).planned_submission


def request(page, user, *, reason="Chờ ý kiến của Bộ Thông tin và Truyền thông.", **kwargs):
    kwargs.setdefault("new_planned", LATER)
    return services.request_postponement(
        workflow=workflow_of(page), user=user, reason=reason, **kwargs
    )


# -- requests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.DRAFTING_TEAM, Role.LEADERSHIP])
def test_the_drafting_team_or_leadership_may_ask_for_more_time(role, normative_draft, users):
    made = request(normative_draft, users[role], letter=pdf_upload("cong-van.pdf"))

    assert (made.status, made.previous_planned, made.new_planned) == (
        PostponementStatus.PENDING,
        PLANNED_MONTH,
        D(2027, 2, 1),
    )
    assert made.requested_by == users[role]
    assert made.letter.name.endswith(".pdf") and made.letter.size > 0
    assert planned(normative_draft) == PLANNED_MONTH  # nothing moves before a decision


@pytest.mark.parametrize("role", [Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR])
def test_other_roles_may_not_ask(role, normative_draft, users):
    with pytest.raises(WorkflowError) as error:
        request(normative_draft, users[role])
    assert error.value.messages == ["Chỉ Tổ soạn thảo hoặc lãnh đạo được đề nghị lùi thời hạn."]
    assert not PostponementRequest.objects.exists()


def test_a_request_is_checked_and_every_problem_reported(normative_draft, drafter):
    with pytest.raises(WorkflowError) as error:
        request(
            normative_draft,
            drafter,
            reason="  ",
            new_planned=PLANNED_MONTH.replace(day=28),  # same month
            letter=SimpleUploadedFile("cong-van.txt", b"plain text letter"),
        )
    assert error.value.messages == [
        "Thời hạn mới phải sau tháng đăng ký hiện tại (10/2026).",
        "Vui lòng ghi rõ lý do.",
        "Chỉ nhận tệp Word (.docx) hoặc PDF. Tệp này không phải hai loại đó.",
    ]
    with pytest.raises(WorkflowError) as error:
        request(normative_draft, drafter, new_planned=D(2026, 9, 1))
    assert error.value.messages == ["Thời hạn mới phải sau tháng đăng ký hiện tại (10/2026)."]
    assert not PostponementRequest.objects.exists()


def test_one_pending_request_at_a_time(normative_draft, drafter, leader):
    request(normative_draft, drafter)
    with pytest.raises(WorkflowError) as error:
        request(normative_draft, leader, new_planned=D(2027, 5, 1))
    assert error.value.messages == ["Đã có một đề nghị lùi thời hạn đang chờ quyết định."]
    assert PostponementRequest.objects.count() == 1


def test_no_request_without_a_planned_month(make_draft, drafter):
    page = make_draft(planned_submission=None)
    with pytest.raises(WorkflowError) as error:
        request(page, drafter)
    assert error.value.messages == ["Văn bản chưa có tháng đăng ký trình."]


@pytest.mark.parametrize("state", [State.SUBMITTED, State.ISSUED, State.WITHDRAWN])
def test_no_request_once_submitted(state, administrative_draft, walk, drafter):
    walk(administrative_draft, state)
    with pytest.raises(WorkflowError) as error:
        request(administrative_draft, drafter)
    assert error.value.messages == ["Chỉ lùi thời hạn được khi văn bản chưa trình UBND tỉnh."]


@pytest.mark.parametrize(
    "state", [State.PLANNED, State.DRAFTING, State.CONSULTATION, State.APPRAISAL, State.APPRAISED]
)
def test_a_request_is_possible_until_submission(state, normative_draft, walk, drafter):
    walk(normative_draft, state)
    assert request(normative_draft, drafter).status == PostponementStatus.PENDING


# -- decisions ---------------------------------------------------------------------------------


def test_approval_moves_the_planned_month_and_keeps_both_dates(normative_draft, drafter, leader):
    first = request(normative_draft, drafter)

    decided = services.decide_postponement(
        request_id=first.pk, user=leader, approve=True, note="  Đồng ý.  "
    )

    assert planned(normative_draft) == D(2027, 2, 1)
    decided.refresh_from_db()
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        PostponementStatus.APPROVED,
        leader,
        "Đồng ý.",
    )
    assert decided.decided_at is not None

    # A second postponement starts from the moved month; the history keeps every step.
    second = request(normative_draft, drafter, new_planned=D(2027, 6, 10))
    services.decide_postponement(request_id=second.pk, user=leader, approve=True)
    assert planned(normative_draft) == D(2027, 6, 1)
    history = workflow_of(normative_draft).postponements.order_by("requested_at", "pk")
    assert list(history.values_list("previous_planned", "new_planned", "status")) == [
        (PLANNED_MONTH, D(2027, 2, 1), PostponementStatus.APPROVED),
        (D(2027, 2, 1), D(2027, 6, 1), PostponementStatus.APPROVED),
    ]


def test_rejection_keeps_the_planned_month(normative_draft, drafter, leader):
    made = request(normative_draft, drafter)
    services.decide_postponement(
        request_id=made.pk, user=leader, approve=False, note="Phải trình đúng hạn."
    )
    made.refresh_from_db()
    assert made.status == PostponementStatus.REJECTED
    assert made.decision_note == "Phải trình đúng hạn."
    assert planned(normative_draft) == PLANNED_MONTH
    # Once decided, a new request may be made.
    assert request(normative_draft, drafter).status == PostponementStatus.PENDING


@pytest.mark.parametrize(
    "role", [Role.DRAFTING_TEAM, Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR]
)
def test_only_leadership_decides(role, normative_draft, users):
    made = request(normative_draft, users[Role.DRAFTING_TEAM])
    with pytest.raises(WorkflowError) as error:
        services.decide_postponement(request_id=made.pk, user=users[role], approve=True)
    assert error.value.messages == ["Chỉ lãnh đạo Sở được quyết định đề nghị lùi thời hạn."]
    made.refresh_from_db()
    assert made.status == PostponementStatus.PENDING and made.decided_by is None
    assert planned(normative_draft) == PLANNED_MONTH


def test_a_superuser_may_ask_and_decide(normative_draft, superuser):
    made = request(normative_draft, superuser)
    services.decide_postponement(request_id=made.pk, user=superuser, approve=True)
    assert planned(normative_draft) == D(2027, 2, 1)


def test_a_request_is_decided_once(normative_draft, drafter, leader):
    made = request(normative_draft, drafter)
    services.decide_postponement(request_id=made.pk, user=leader, approve=False)
    with pytest.raises(WorkflowError) as error:
        services.decide_postponement(request_id=made.pk, user=leader, approve=True)
    assert error.value.messages == ["Đề nghị này đã được quyết định."]
    assert planned(normative_draft) == PLANNED_MONTH
    made.refresh_from_db()
    assert made.status == PostponementStatus.REJECTED


# -- comments ----------------------------------------------------------------------------------


def comment(workflow, **fields):
    fields = {
        "source_kind": SourceKind.AGENCY,
        "author": "Sở Nội vụ",
        "article": "2",
        "text": "Đề nghị làm rõ phạm vi điều chỉnh.",
        **fields,
    }
    return services.record_comment(workflow=workflow_of(workflow), **fields)


@pytest.mark.parametrize(
    "state", [State.PLANNED, State.DRAFTING, State.APPRAISAL, State.SUBMITTED, State.WITHDRAWN]
)
def test_comments_are_recorded_only_during_consultation(state, normative_draft, walk):
    walk(normative_draft, state)
    with pytest.raises(WorkflowError) as error:
        comment(normative_draft)
    assert error.value.messages == ["Dự thảo hiện không trong thời gian lấy ý kiến."]
    assert not Comment.objects.exists()


def test_each_comment_belongs_to_the_open_round(normative_draft, walk, step, drafter):
    workflow = walk(normative_draft, State.CONSULTATION)
    first = comment(workflow)
    assert (first.round, first.response_kind) == (workflow.consultation_rounds.get(), "")

    services.respond_to_comment(
        comment_id=first.pk, user=drafter, kind=ResponseKind.ACCEPTED, text="Tiếp thu."
    )
    workflow = step(workflow, "close_consultation")
    with pytest.raises(WorkflowError):
        comment(workflow)  # the round is closed

    workflow = step(workflow, "open_consultation")
    second = comment(workflow, source_kind=SourceKind.PORTAL, author="Nguyễn Thị C")
    rounds = list(workflow.consultation_rounds.order_by("pk"))
    assert len(rounds) == 2
    assert (first.round_id, second.round_id) == (rounds[0].pk, rounds[1].pk)


def test_an_invalid_comment_is_not_stored(normative_draft, walk):
    workflow = walk(normative_draft, State.CONSULTATION)
    with pytest.raises(WorkflowError) as error:
        comment(workflow, source_kind="fax", text="")
    assert [m.split(":")[0] for m in error.value.messages] == ["Nguồn", "Nội dung góp ý"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", [Role.DRAFTING_TEAM, Role.LEADERSHIP])
def test_the_drafting_team_or_leadership_responds(role, normative_draft, walk, users):
    recorded = comment(walk(normative_draft, State.CONSULTATION))

    services.respond_to_comment(
        comment_id=recorded.pk,
        user=users[role],
        kind=ResponseKind.EXPLAINED,
        text="  Giữ nguyên: đã quy định tại Điều 3.  ",
    )

    recorded.refresh_from_db()
    assert (recorded.response_kind, recorded.response_text, recorded.responded_by) == (
        ResponseKind.EXPLAINED,
        "Giữ nguyên: đã quy định tại Điều 3.",
        users[role],
    )
    assert recorded.responded_at is not None


@pytest.mark.parametrize("role", [Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR])
def test_other_roles_may_not_respond(role, normative_draft, walk, users):
    recorded = comment(walk(normative_draft, State.CONSULTATION))
    with pytest.raises(WorkflowError) as error:
        services.respond_to_comment(
            comment_id=recorded.pk, user=users[role], kind=ResponseKind.ACCEPTED, text="Tiếp thu."
        )
    assert error.value.messages == ["Chỉ Tổ soạn thảo được giải trình, tiếp thu ý kiến."]
    recorded.refresh_from_db()
    assert (recorded.response_kind, recorded.response_text) == ("", "")


def test_a_response_needs_its_text_and_a_known_kind(normative_draft, walk, drafter):
    recorded = comment(walk(normative_draft, State.CONSULTATION))
    with pytest.raises(WorkflowError) as error:
        services.respond_to_comment(
            comment_id=recorded.pk, user=drafter, kind=ResponseKind.ACCEPTED, text=" \n "
        )
    assert error.value.messages == ["Vui lòng ghi nội dung tiếp thu, giải trình."]

    with pytest.raises(ValidationError) as error, transaction.atomic():
        services.respond_to_comment(
            comment_id=recorded.pk, user=drafter, kind="ignored", text="Bỏ qua."
        )
    assert set(error.value.message_dict) == {"response_kind"}
    recorded.refresh_from_db()
    assert (recorded.response_kind, recorded.response_text, recorded.responded_by) == (
        "",
        "",
        None,
    )
