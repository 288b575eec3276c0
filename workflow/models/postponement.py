from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models.text import NFCTextMixin
from workflow.storage import private_storage


class PostponementStatus(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đã chấp thuận")
    REJECTED = "rejected", _("Không chấp thuận")


def letter_path(instance, filename: str) -> str:
    return f"postponements/{instance.workflow_id}/{filename}"


class PostponementRequest(NFCTextMixin, models.Model):
    """A request to move the planned submission; both dates stay on record."""

    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="postponements"
    )
    reason = models.TextField(_("lý do"))
    previous_planned = models.DateField(_("thời hạn trước đó"))
    new_planned = models.DateField(_("thời hạn đề nghị"))
    letter = models.FileField(
        _("công văn"), upload_to=letter_path, storage=private_storage, blank=True
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=PostponementStatus.choices,
        default=PostponementStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của lãnh đạo"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("đề nghị lùi thời hạn")
        verbose_name_plural = _("đề nghị lùi thời hạn")

    def __str__(self) -> str:
        return f"{self.previous_planned:%m/%Y} → {self.new_planned:%m/%Y}"
