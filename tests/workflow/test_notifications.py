"""A step e-mails the people whose role acts next, after the step's transaction commits."""

import pytest
from django.conf import settings
from django.urls import resolve

from workflow import services
from workflow.errors import WorkflowError
from workflow.roles import Role
from workflow.states import State

from .conftest import workflow_of

pytestmark = pytest.mark.django_db


def recipients(outbox) -> list[list[str]]:
    return [sorted(message.to) for message in outbox]


def emails(users, *roles) -> list[str]:
    return sorted(users[role].email for role in roles)


def test_a_step_emails_the_next_role_with_the_note_and_a_link(
    normative_draft, step, users, drafter, client, mailoutbox, django_capture_on_commit_callbacks
):
    drafter.first_name, drafter.last_name = "Lan", "Nguyễn Thị"
    drafter.save()

    with django_capture_on_commit_callbacks(execute=True):
        step(normative_draft, "start_drafting", note="Giao Phòng Thông tin - Báo chí chủ trì.")

    (message,) = mailoutbox
    assert message.to == [users[Role.LEADERSHIP].email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "[Văn bản] Quy chế phát ngôn: Đang soạn thảo"
    *lines, link_line = message.body.splitlines()
    assert lines == [
        "Văn bản: Quy chế phát ngôn",
        "Chuyển từ “Đã đăng ký” sang “Đang soạn thảo”.",
        "Người thực hiện: Lan Nguyễn Thị",
        "Ghi chú: Giao Phòng Thông tin - Báo chí chủ trì.",
    ]
    # The link opens this document's screen in the admin, for the person mailed.
    prefix = f"Xem và xử lý: {settings.PORTAL_BASE_URL}"
    assert link_line.startswith(prefix)
    path = link_line.removeprefix(prefix)
    assert normative_draft.pk in [*resolve(path).args, *resolve(path).kwargs.values()]
    client.force_login(users[Role.LEADERSHIP])
    response = client.get(path)
    assert response.status_code == 200
    assert "Quy chế phát ngôn" in response.text


@pytest.mark.parametrize(
    ("state", "name", "next_roles"),
    [
        # Leadership could still withdraw, but the only leader is the one acting here.
        (State.DRAFTING, "send_for_appraisal", [Role.APPRAISER]),
        (State.APPRAISAL, "complete_appraisal", [Role.LEADERSHIP]),
        (State.APPRAISED, "submit", [Role.COMMITTEE_OFFICE]),
        (State.SUBMITTED, "issue", [Role.PORTAL_EDITOR]),
        (State.CONSULTATION, "close_consultation", [Role.LEADERSHIP]),
    ],
)
def test_each_step_reaches_the_roles_that_act_next(
    state,
    name,
    next_roles,
    normative_draft,
    walk,
    step,
    prepare,
    users,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    if name == "send_for_appraisal":
        workflow = step(walk(normative_draft, State.CONSULTATION), "close_consultation")
    else:
        workflow = walk(normative_draft, state)
    workflow = prepare(workflow, name)
    with django_capture_on_commit_callbacks(execute=True):
        step(workflow, name)

    (message,) = mailoutbox
    assert sorted(message.to) == emails(users, *next_roles)


def test_the_actor_is_not_notified(
    normative_draft, make_user, users, mailoutbox, step, django_capture_on_commit_callbacks
):
    # Someone in both the drafting team and leadership starts the draft they will review.
    both = make_user(Role.DRAFTING_TEAM, Role.LEADERSHIP, username="truong-phong")
    with django_capture_on_commit_callbacks(execute=True):
        step(normative_draft, "start_drafting", user=both)

    assert recipients(mailoutbox) == [emails(users, Role.LEADERSHIP)]
    assert both.email not in mailoutbox[0].to


def test_nobody_left_to_notify_sends_nothing(
    administrative_draft, walk, step, prepare, mailoutbox, django_capture_on_commit_callbacks
):
    workflow = prepare(walk(administrative_draft, State.ISSUED), "publish")
    # After publish only portal editors act (unpublish), and after unpublish too (publish):
    # the acting editor is the only one, so nobody is mailed.
    with django_capture_on_commit_callbacks(execute=True):
        step(workflow, "publish")
    with django_capture_on_commit_callbacks(execute=True):
        step(workflow, "unpublish", note="Đăng nhầm tệp.")
    assert workflow_of(workflow).state == State.ISSUED
    assert mailoutbox == []


def test_withdrawal_notifies_nobody(
    normative_draft, step, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step(normative_draft, "withdraw", note="Không còn phù hợp.")
    assert mailoutbox == []


def test_inactive_users_and_users_without_address_are_skipped(
    normative_draft, make_user, users, step, mailoutbox, django_capture_on_commit_callbacks
):
    make_user(Role.LEADERSHIP, username="nghi-huu", is_active=False)
    make_user(Role.LEADERSHIP, username="khong-email", email="")
    second = make_user(Role.LEADERSHIP, username="pho-giam-doc")

    with django_capture_on_commit_callbacks(execute=True):
        step(normative_draft, "start_drafting")

    assert recipients(mailoutbox) == [sorted([users[Role.LEADERSHIP].email, second.email])]


def test_mail_waits_for_the_commit(
    normative_draft, step, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        step(normative_draft, "start_drafting")
    assert mailoutbox == []  # not sent inside the transaction
    assert callbacks

    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_a_refused_step_sends_nothing(
    normative_draft, step, users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(WorkflowError):
            step(normative_draft, "start_drafting", user=users[Role.APPRAISER])
        with pytest.raises(WorkflowError):
            step(normative_draft, "open_consultation")
    assert callbacks == []
    assert mailoutbox == []


def test_a_step_rolled_back_late_sends_nothing(
    administrative_draft,
    walk,
    step,
    monkeypatch,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    workflow = walk(administrative_draft, State.SUBMITTED)

    def broken(page, data):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_record_issue", broken)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        step(workflow, "issue")
    assert callbacks == []
    assert mailoutbox == []
