"""E-mail the people whose role acts next, and commenters a receipt, through the e-mail outbox
(``workflow.mail``): written with the change, sent after it commits."""

import contextlib
import contextvars

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from cms.public_url import absolute_url

from . import mail
from .models import DocumentWorkflow, OutgoingEmail
from .roles import GROUP_NAMES
from .states import State

_muted = contextvars.ContextVar("workflow_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """No e-mails for steps taken inside (demo history, bulk imports): nobody has to act.

    Nothing is written either: no outbox rows, no tasks."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def next_roles(state: str) -> set:
    """Roles holding a transition out of ``state`` (imports excepted)."""
    roles = set()
    for t in DocumentWorkflow().get_all_state_transitions():
        if t.source == state and not t.custom.get("system"):
            roles.update(getattr(t.permission, "roles", ()))
    return roles


def recipients_for(state: str, *, exclude_user=None) -> list[str]:
    names = [GROUP_NAMES[role] for role in next_roles(state)]
    users = get_user_model().objects.filter(groups__name__in=names, is_active=True)
    if exclude_user is not None and getattr(exclude_user, "pk", None):
        users = users.exclude(pk=exclude_user.pk)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@receiver(post_transition, sender=DocumentWorkflow)
def notify_next_actors(sender, instance, name, source, target, **kwargs):
    """Queue the e-mail in the step's own transaction (``workflow.mail``): it goes out after
    commit, from a background task, and a mail server that is down cannot fail the step."""
    if _muted.get():
        return
    method_kwargs = kwargs.get("method_kwargs") or {}
    user = method_kwargs.get("by")
    note = method_kwargs.get("description") or ""
    emails = recipients_for(target, exclude_user=user)
    if not emails:
        return
    title = instance.page.title
    link = absolute_url(reverse("workflow:document", args=[instance.page_id]))
    subject = _("[Văn bản] %(title)s: %(state)s") % {
        "title": title[:80],
        "state": State(target).label,
    }
    lines = [
        _("Văn bản: %(title)s") % {"title": title},
        _("Chuyển từ “%(source)s” sang “%(target)s”.")
        % {"source": State(source).label, "target": State(target).label},
    ]
    if user is not None:
        lines.append(_("Người thực hiện: %(user)s") % {"user": user.get_full_name() or user})
    if note:
        lines.append(_("Ghi chú: %(note)s") % {"note": note})
    lines.append(_("Xem và xử lý: %(link)s") % {"link": link})
    mail.queue_email(
        kind=OutgoingEmail.Kind.STEP,
        recipients=emails,
        subject=subject,
        body="\n".join(lines),
        workflow=instance,
    )


def queue_comment_receipt(*, email: str, name: str, title: str) -> None:
    """Tell a commenter their comment reached the drafting team (queued like a step's e-mail)."""
    if _muted.get():
        return
    mail.queue_email(
        kind=OutgoingEmail.Kind.RECEIPT,
        recipients=[email],
        subject=_("Đã nhận góp ý của bạn"),
        body=_(
            "Kính gửi %(name)s,\n\nCơ quan soạn thảo đã nhận được góp ý của bạn cho dự thảo "
            "“%(title)s”. Góp ý sẽ được tổng hợp, tiếp thu hoặc giải trình theo quy định.\n\n"
            "Trân trọng."
        )
        % {"name": name, "title": title},
    )
