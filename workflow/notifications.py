"""E-mail the people whose role acts next, after the transition's transaction commits."""

import contextlib
import contextvars

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from .models import DocumentWorkflow
from .roles import GROUP_NAMES
from .states import State

_muted = contextvars.ContextVar("workflow_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """No e-mails for steps taken inside (demo history, bulk imports): nobody has to act."""
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
    if _muted.get():
        return
    method_kwargs = kwargs.get("method_kwargs") or {}
    user = method_kwargs.get("by")
    note = method_kwargs.get("description") or ""
    page_id = instance.page_id

    def send() -> None:
        emails = recipients_for(target, exclude_user=user)
        if not emails:
            return
        workflow = DocumentWorkflow.objects.with_page().get(page_id=page_id)
        link = settings.WAGTAILADMIN_BASE_URL + reverse("workflow:document", args=[page_id])
        subject = _("[Văn bản] %(title)s: %(state)s") % {
            "title": workflow.page.title[:80],
            "state": State(target).label,
        }
        lines = [
            _("Văn bản: %(title)s") % {"title": workflow.page.title},
            _("Chuyển từ “%(source)s” sang “%(target)s”.")
            % {"source": State(source).label, "target": State(target).label},
        ]
        if user is not None:
            lines.append(_("Người thực hiện: %(user)s") % {"user": user.get_full_name() or user})
        if note:
            lines.append(_("Ghi chú: %(note)s") % {"note": note})
        lines.append(_("Xem và xử lý: %(link)s") % {"link": link})
        message = (subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, emails)
        send_mass_mail([message], fail_silently=False)

    transaction.on_commit(send)
