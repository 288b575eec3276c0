"""Side effects after commit cannot fail a committed step.

E-mails are rows written with the step (or the comment) that causes them and sent by a
background task after commit (``workflow.mail``); a mail server that is down leaves them pending
with the error, retried with backoff up to a cap, and visible to administrators. Tasks run
inline here (the immediate backend); the retry queue is observed through django-tasks' dummy
backend.
"""

import datetime
import io
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from cms.models import ConsultationIndexPage
from search.models import IndexChange
from tests.search import fakes
from workflow import mail, notifications
from workflow.models import Comment, OutgoingEmail
from workflow.roles import Role
from workflow.states import State

from .conftest import workflow_of

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status
Kind = OutgoingEmail.Kind
DOWN = "tests.workflow.test_mail_outbox.DownMailServer"
WORKING = "django.core.mail.backends.locmem.EmailBackend"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class DownMailServer(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingQueue:
    """A task whose queue cannot take it (database trouble, a broken broker)."""

    def enqueue(self, *args):
        raise ConnectionError("task queue unavailable")


def send_emails(*args: str) -> str:
    out = io.StringIO()
    call_command("send_emails", *args, stdout=out)
    return out.getvalue()


def time_passes(email: OutgoingEmail) -> None:
    """The row's retry delay is over, as if the clock had moved on."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def fresh(email: OutgoingEmail) -> OutgoingEmail:
    return OutgoingEmail.objects.get(pk=email.pk)


@pytest.fixture
def queued(settings, django_capture_on_commit_callbacks):
    """An e-mail queued and tried once after commit, with the mail server down."""
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(
            kind=Kind.STEP, recipients=["lanhdao@example.vn"], subject="Thử", body="Nội dung."
        )
    return fresh(email)


# -- the fault: a committed step answered 500 and skipped the search hook ----------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mail_server_that_is_down_cannot_fail_a_committed_step(
    administrative_draft, walk, prepare, make_user, users, client, settings, monkeypatch, mailoutbox
):
    # Real commits: the e-mail's and the search index's after-commit hooks run in the request.
    search = fakes.install(monkeypatch)
    workflow = prepare(walk(administrative_draft, State.ISSUED), "publish")
    colleague = make_user(Role.PORTAL_EDITOR, username="bientap-2")
    settings.EMAIL_BACKEND = DOWN
    client.force_login(users[Role.PORTAL_EDITOR])

    response = client.post(
        reverse("workflow:step", args=[workflow.pk, "publish"]), {"expected_state": State.ISSUED}
    )

    assert response.status_code == 302
    assert workflow_of(workflow).state == State.PUBLISHED
    # The search outbox's hook ran after the failed send: the page is in the index.
    assert workflow.page_id in search.records
    assert not IndexChange.objects.pending().exists()
    (email,) = OutgoingEmail.objects.unsent()
    assert email.workflow_id == workflow.pk and email.recipients == [colleague.email]
    assert email.status == Status.PENDING and email.attempts == 1
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in email.last_error
    assert email.next_attempt_at > timezone.now()

    # The mail server is back; the retry sends the e-mail, and only once.
    settings.EMAIL_BACKEND = WORKING
    mailoutbox.clear()
    time_passes(email)
    mail.send_email.enqueue(email.pk)
    mail.send_email.enqueue(email.pk)
    send_emails("--failed")
    (message,) = mailoutbox
    assert message.to == [colleague.email] and message.subject == email.subject
    email = fresh(email)
    assert email.status == Status.SENT and email.sent_at is not None and email.attempts == 2


# -- retries -----------------------------------------------------------------------------------


def test_a_failure_is_retried_later_through_the_task_queue(queued, settings, mailoutbox):
    assert queued.status == Status.PENDING and queued.attempts == 1
    assert "SMTPServerDisconnected" in queued.last_error
    assert mailoutbox == []
    # Not yet due: neither a retry task nor cron sends it early.
    assert mail.deliver(queued.pk) is None
    send_emails()
    assert fresh(queued).attempts == 1

    settings.TASKS = DUMMY_TASKS
    time_passes(queued)
    before = timezone.now()
    assert mail.deliver(queued.pk) == Status.PENDING
    (retry,) = task_backends["default"].results
    assert retry.task.func is mail.send_email.func and list(retry.args) == [queued.pk]
    assert retry.task.run_after == fresh(queued).next_attempt_at
    assert retry.task.run_after >= before + mail.RETRY_DELAYS[1]

    # The retry runs when its time comes, with the mail server back.
    settings.EMAIL_BACKEND = WORKING
    time_passes(queued)
    assert retry.task.call(*retry.args) == Status.SENT
    assert len(mailoutbox) == 1
    assert retry.task.call(*retry.args) is None  # a duplicate task sends nothing
    assert len(mailoutbox) == 1


def test_after_the_last_attempt_the_email_stays_failed(queued, settings, mailoutbox):
    settings.TASKS = DUMMY_TASKS
    for _attempt in range(2, mail.MAX_ATTEMPTS + 1):
        time_passes(queued)
        mail.deliver(queued.pk)
    email = fresh(queued)
    assert email.status == Status.FAILED and email.attempts == mail.MAX_ATTEMPTS
    assert email.next_attempt_at is None and "SMTPServerDisconnected" in email.last_error
    # One retry task per failure except the last: the queue gives up.
    assert len(task_backends["default"].results) == mail.MAX_ATTEMPTS - 2
    assert mail.deliver(email.pk) is None
    send_emails()  # cron leaves it alone
    assert fresh(email).status == Status.FAILED and mailoutbox == []

    # After fixing the mail server, the administrator resends it.
    settings.EMAIL_BACKEND = WORKING
    send_emails("--failed")
    assert fresh(email).status == Status.SENT
    assert len(mailoutbox) == 1


def test_a_send_under_way_is_not_sent_twice_until_its_worker_is_known_dead(queued, settings):
    settings.EMAIL_BACKEND = WORKING
    # Another worker has claimed the row and is talking to the mail server.
    OutgoingEmail.objects.filter(pk=queued.pk).update(
        status=Status.SENDING, next_attempt_at=timezone.now() + mail.SEND_LEASE
    )
    assert mail.deliver(queued.pk) is None
    assert mail.deliver(queued.pk, include_failed=True, wait=False) is None
    # That worker died mid-send: once its lease is over the row is sent again.
    time_passes(queued)
    assert mail.deliver(queued.pk) == Status.SENT


def test_send_emails_reports_and_fails_while_the_server_is_down(queued, capsys):
    time_passes(queued)
    with pytest.raises(CommandError, match=r"1 e-mail.*SMTPServerDisconnected"):
        call_command("send_emails")
    assert "0 sent, 1 to retry" in capsys.readouterr().out
    call_command("send_emails", "--status")
    out = capsys.readouterr().out
    assert "1 pending, 0 sending, 0 failed" in out and "SMTPServerDisconnected" in out


def test_a_queue_that_cannot_take_the_task_leaves_the_row_for_cron(
    settings, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    monkeypatch.setattr(mail, "send_email", RefusingQueue())
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(
            kind=Kind.STEP, recipients=["lanhdao@example.vn"], subject="Thử", body="Nội dung."
        )
    assert fresh(email).status == Status.PENDING and mailoutbox == []
    send_emails()
    assert fresh(email).status == Status.SENT and len(mailoutbox) == 1


# -- what writes rows --------------------------------------------------------------------------


def test_a_step_writes_its_email_in_its_own_transaction(
    normative_draft, step, users, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        step(normative_draft, "start_drafting", note="Giao Phòng chủ trì.")
        (email,) = OutgoingEmail.objects.all()
        assert email.status == Status.PENDING and email.kind == Kind.STEP
        assert email.recipients == [users[Role.LEADERSHIP].email]
        assert "Ghi chú: Giao Phòng chủ trì." in email.body
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert fresh(email).status == Status.SENT and len(mailoutbox) == 1


def test_muted_steps_write_nothing(
    normative_draft, step, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        step(normative_draft, "start_drafting")
        notifications.queue_comment_receipt(
            email="nguoidan@example.vn", name="Nguyễn Văn B", title="Quy chế"
        )
    assert not OutgoingEmail.objects.exists()
    assert mailoutbox == []


@pytest.fixture
def consultation_url(normative_draft, walk):
    home = normative_draft.get_parent().get_parent()
    page = home.add_child(instance=ConsultationIndexPage(title="Lấy ý kiến", slug="lay-y-kien"))
    with notifications.muted():
        walk(normative_draft, State.CONSULTATION)
    return f"{page.url}{normative_draft.pk}/"


def comment_data(**fields) -> dict:
    return {"name": "Nguyễn Văn B", "text": "Đề nghị bổ sung Điều 3.", "website": "", **fields}


def test_a_comment_receipt_waits_in_the_outbox_while_the_mail_server_is_down(
    consultation_url, client, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(consultation_url, comment_data(email="nguoidan@example.vn"))
    assert response.status_code == 302
    assert Comment.objects.get().author == "Nguyễn Văn B"
    receipt = OutgoingEmail.objects.get(kind=Kind.RECEIPT)
    assert receipt.recipients == ["nguoidan@example.vn"] and receipt.workflow is None
    assert receipt.status == Status.PENDING and "SMTPServerDisconnected" in receipt.last_error

    settings.EMAIL_BACKEND = WORKING
    time_passes(receipt)
    send_emails()
    send_emails()
    (message,) = mailoutbox
    assert message.to == ["nguoidan@example.vn"]
    assert message.subject == "Đã nhận góp ý của bạn"
    assert "Kính gửi Nguyễn Văn B" in message.body and "Quy chế phát ngôn" in message.body


def test_a_comment_without_an_address_queues_no_receipt(
    consultation_url, client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(consultation_url, comment_data(email=""))
    assert response.status_code == 302 and Comment.objects.count() == 1
    assert not OutgoingEmail.objects.exists() and mailoutbox == []


# -- the administrator's screen ----------------------------------------------------------------


def test_administrators_see_the_outbox_and_nobody_else_does(client, superuser, users):
    waiting = OutgoingEmail.objects.create(
        kind=Kind.RECEIPT,
        recipients=["nguoidan@example.vn"],
        from_email="no-reply@localhost",
        subject="Thư chờ gửi",
        body="Nội dung",
        attempts=2,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    OutgoingEmail.objects.create(
        kind=Kind.STEP,
        recipients=["lanhdao@example.vn"],
        from_email="no-reply@localhost",
        subject="Thư đã gửi",
        body="Nội dung",
        status=Status.SENT,
        attempts=1,
    )
    index = reverse("outgoing_email:index")

    client.force_login(superuser)
    html = client.get(index).content.decode()
    assert "Thư chờ gửi" in html and "Thư đã gửi" in html and "nguoidan@example.vn" in html
    assert index in client.get(reverse("wagtailadmin_home")).content.decode()  # settings menu
    pending_only = client.get(index, {"status": Status.PENDING}).content.decode()
    assert "Thư chờ gửi" in pending_only and "Thư đã gửi" not in pending_only
    detail = client.get(reverse("outgoing_email:inspect", args=[waiting.pk])).content.decode()
    assert "SMTPServerDisconnected" in detail and "Chờ gửi" in detail
    # Read-only: there is nothing to add, edit or delete.
    for name, args in (("add", []), ("edit", [waiting.pk]), ("delete", [waiting.pk])):
        assert client.get(reverse(f"outgoing_email:{name}", args=args)).status_code == 302
    assert OutgoingEmail.objects.count() == 2

    for role in (Role.LEADERSHIP, Role.PORTAL_EDITOR):
        client.force_login(users[role])
        response = client.get(index, follow=True)
        assert response.redirect_chain  # turned away to the dashboard
        assert "Thư chờ gửi" not in response.content.decode()
        assert index not in client.get(reverse("wagtailadmin_home")).content.decode()
