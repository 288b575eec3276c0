"""The e-mail outbox: each message is a row written with the change that causes it, sent by a
background task after commit, and retried with backoff. Sending can never fail the change.

- ``queue_email`` writes an ``OutgoingEmail`` row on the current connection, so it commits or
  rolls back with the workflow step (or comment), and enqueues ``send_email`` once that
  transaction commits.
- ``deliver`` sends one row. It first claims it with a conditional UPDATE (pending and due, or a
  send whose worker died): the retry task, a second worker and ``manage.py send_emails`` never
  send the same row twice.
- A failure records the error. While attempts remain the row goes back to pending and a retry
  is enqueued to run after ``RETRY_DELAYS[attempt]`` (django-tasks has no retries of its own);
  after ``MAX_ATTEMPTS`` it is marked failed and stays so until ``send_emails --failed``.
- Nothing here raises into the request: a queue that cannot take the task is logged, and the
  row waits, pending, for ``send_emails`` (cron).
"""

import datetime
import logging
from collections import Counter
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import DocumentWorkflow, OutgoingEmail

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status

# Delay before the 2nd, 3rd, ... attempt: a mail server restart, then a longer outage.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Far longer than one SMTP exchange (EMAIL_TIMEOUT): a send still under way after this died
# with its worker, and the row may be claimed again.
SEND_LEASE = datetime.timedelta(minutes=10)
MAX_ERROR_LENGTH = 2000


def queue_email(
    *,
    kind: str,
    recipients: Iterable[str],
    subject: str,
    body: str,
    workflow: DocumentWorkflow | None = None,
) -> OutgoingEmail | None:
    """Write the message in the current transaction; send it after commit. None: nobody to
    send to."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return None
    email = OutgoingEmail.objects.create(
        kind=kind,
        workflow=workflow,
        recipients=addresses,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject[:255],
        body=body,
    )
    transaction.on_commit(partial(enqueue, email.pk), robust=True)
    return email


@task()
def send_email(email_id: int) -> str | None:
    """The background task: send one outgoing e-mail (see ``deliver``)."""
    return deliver(email_id)


def enqueue(email_id: int, *, run_after: datetime.datetime | None = None) -> bool:
    """Hand a row to the task queue; False when it cannot be (the row waits for send_emails)."""
    try:
        job = send_email
        if run_after is not None:
            if not job.get_backend().supports_defer:
                # The immediate backend (tests) cannot wait: send_emails retries instead.
                return False
            job = job.using(run_after=run_after)
        job.enqueue(email_id)
    except Exception:
        logger.exception("E-mail %s could not be queued; send_emails will send it", email_id)
        return False
    return True


def deliver(email_id: int, *, include_failed: bool = False, wait: bool = True) -> str | None:
    """Send one row if it is free to be sent; its status afterwards, or None when it was not
    (already sent, not yet due, or being sent by someone else).

    ``include_failed`` takes rows that gave up too; ``wait=False`` ignores a pending row's retry
    delay (after the mail server is fixed).
    """
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    free = Q(status=Status.PENDING) & (due if wait else Q()) | Q(status=Status.SENDING) & due
    if include_failed:
        free |= Q(status=Status.FAILED)
    claimed = (
        OutgoingEmail.objects.filter(free, pk=email_id).update(
            status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + SEND_LEASE
        )
        == 1
    )
    if not claimed:
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        EmailMessage(email.subject, email.body, email.from_email, email.recipients).send()
    except Exception as exc:
        return _record_failure(email, exc)
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=Status.SENT, sent_at=timezone.now(), next_attempt_at=None
    )
    return Status.SENT


def _record_failure(email: OutgoingEmail, exc: BaseException) -> str:
    error = (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)[:MAX_ERROR_LENGTH]
    rows = OutgoingEmail.objects.filter(pk=email.pk)
    if email.attempts >= MAX_ATTEMPTS:
        rows.update(status=Status.FAILED, last_error=error, next_attempt_at=None)
        logger.error(
            "E-mail %s failed %d times, giving up (send_emails --failed resends it): %s",
            email.pk,
            email.attempts,
            error,
        )
        return Status.FAILED
    retry_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
    rows.update(status=Status.PENDING, last_error=error, next_attempt_at=retry_at)
    logger.warning("E-mail %s not sent (attempt %d), retrying: %s", email.pk, email.attempts, error)
    enqueue(email.pk, run_after=retry_at)
    return Status.PENDING


def send_unsent(*, include_failed: bool = False, wait: bool = True) -> Counter:
    """Send every row that is free to be sent, oldest first (``manage.py send_emails``).

    Counts the outcomes by status; rows someone else is sending, or not yet due, are skipped.
    """
    statuses = [Status.PENDING, Status.SENDING]
    if include_failed:
        statuses.append(Status.FAILED)
    ids = OutgoingEmail.objects.filter(status__in=statuses).order_by("id")
    outcomes = Counter()
    for email_id in ids.values_list("id", flat=True):
        outcomes[deliver(email_id, include_failed=include_failed, wait=wait) or "skipped"] += 1
    return outcomes
