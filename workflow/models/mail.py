"""Outgoing e-mail, written in the transaction of the step that causes it (``workflow.mail``).

A row is the message itself (recipients, subject, body), so nothing is lost while the mail
server is down: the row stays pending, with the error, until a retry sends it.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OutgoingEmail.Status.PENDING)

    def failed(self):
        return self.filter(status=OutgoingEmail.Status.FAILED)

    def unsent(self):
        return self.exclude(status=OutgoingEmail.Status.SENT)


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không được")

    class Kind(models.TextChoices):
        STEP = "step", _("Thông báo bước quy trình")
        RECEIPT = "receipt", _("Xác nhận đã nhận góp ý")

    kind = models.CharField(_("loại thư"), max_length=10, choices=Kind.choices)
    # Kept when the document is deleted: the row is the record of what was (or was not) sent.
    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("văn bản"),
    )
    recipients = models.JSONField(_("người nhận"), default=list)
    from_email = models.CharField(_("người gửi"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    # Pending: when the next retry is due (empty: now). Sending: when the send is taken to have
    # died with its worker, so the row may be claimed again.
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thư điện tử gửi đi")
        verbose_name_plural = _("thư điện tử gửi đi")
        indexes = [
            # The unsent queue (pending and failed), oldest first.
            models.Index(
                fields=["id"],
                condition=~Q(status="sent"),
                name="workflow_email_unsent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def recipient_list(self) -> str:
        return ", ".join(self.recipients)

    recipient_list.fget.short_description = _("người nhận")
