from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models.text import NFCTextMixin


class ConsultationRound(models.Model):
    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="consultation_rounds"
    )
    opened_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    closed_on = models.DateField(_("ngày đóng"), null=True, blank=True)

    class Meta:
        ordering = ["opened_on"]
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")

    def __str__(self) -> str:
        return f"{self.opened_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"


class SourceKind(models.TextChoices):
    AGENCY = "agency", _("Cơ quan, tổ chức")
    PERSON = "person", _("Cá nhân")
    MEETING = "meeting", _("Hội nghị, cuộc họp")
    PORTAL = "portal", _("Góp ý qua cổng thông tin")


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")
    NOTED = "noted", _("Ghi nhận")


class CommentQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(response_kind="")


class Comment(NFCTextMixin, models.Model):
    """A consultation comment and the drafting team's response; never published."""

    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="comments"
    )
    round = models.ForeignKey(
        ConsultationRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("đợt lấy ý kiến"),
    )
    source_kind = models.CharField(_("nguồn"), max_length=10, choices=SourceKind.choices)
    author = models.CharField(_("người / cơ quan góp ý"), max_length=200)
    organisation = models.CharField(_("đơn vị"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    article = models.CharField(
        _("điều"), max_length=10, blank=True, help_text=_("Số điều được góp ý, ví dụ: 5")
    )
    text = models.TextField(_("nội dung góp ý"))
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)
    response_kind = models.CharField(
        _("hình thức xử lý"), max_length=10, choices=ResponseKind.choices, blank=True
    )
    response_text = models.TextField(_("nội dung tiếp thu, giải trình"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"
