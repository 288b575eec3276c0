"""The official record: the issued text as pinned revisions, corrections, deleted documents.

An ``IssuedText`` is one version of a document's official text: the page revision pinned at
issue (or at import), or by a correction. The latest one is what ``publish`` puts online. Rows
are never changed or deleted, and their revisions are protected from deletion, so every
version stays viewable. A ``Correction`` (đính chính) is opened, then applied (pinning a new
text) or cancelled. A ``DeletedDocument`` is what survives the deletion of a planned or
withdrawn document: its identity, its state, who deleted it and which dossier files went.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IssuedTextKind(models.TextChoices):
    ISSUE = "issue", _("Ban hành")
    IMPORT = "import", _("Nhập văn bản đã ban hành")
    CORRECTION = "correction", _("Đính chính")


class IssuedText(models.Model):
    # Deleting an issued document is refused by the record's nets (workflow.signals) before
    # anything is collected; CASCADE lets that refusal, not a ProtectedError, be the answer.
    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="issued_texts"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phiên bản trang"),
    )
    fingerprint = models.CharField(_("mã SHA-256"), max_length=64)
    kind = models.CharField(_("loại"), max_length=12, choices=IssuedTextKind.choices)
    correction = models.OneToOneField(
        "workflow.Correction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_text",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        get_latest_by = ["recorded_at", "pk"]
        verbose_name = _("văn bản chính thức")
        verbose_name_plural = _("văn bản chính thức")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.recorded_at:%d/%m/%Y}: {self.fingerprint[:12]}"


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Đang đính chính")
    APPLIED = "applied", _("Đã đính chính")
    CANCELLED = "cancelled", _("Đã hủy")


class Correction(models.Model):
    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="corrections"
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
    )
    reason = models.TextField(_("sai sót cần đính chính"))
    reference = models.CharField(
        _("văn bản đính chính"),
        max_length=200,
        blank=True,
        help_text=_("Số, ký hiệu và ngày của văn bản đính chính, ví dụ: 120/QĐ-UBND ngày …"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workflow"],
                condition=models.Q(status="open"),
                name="uniq_open_correction",
            )
        ]
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.opened_at:%d/%m/%Y}"


class DeletedDocument(models.Model):
    """A tombstone: audit entries of a deleted document's workflow resolve to it."""

    workflow_id = models.PositiveBigIntegerField(_("mã quy trình"), unique=True)
    page_id = models.PositiveBigIntegerField(_("mã trang"))
    title = models.CharField(_("tên văn bản"), max_length=255)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    state = models.CharField(_("trạng thái khi xóa"), max_length=20)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deleted_by_name = models.CharField(_("người xóa"), max_length=150, blank=True)
    deleted_at = models.DateTimeField(_("thời điểm xóa"), default=timezone.now)
    dossier_files = models.JSONField(_("tệp hồ sơ đã xóa"), default=list)
    comment_count = models.PositiveIntegerField(_("số ý kiến góp ý đã xóa"), default=0)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("văn bản đã xóa")
        verbose_name_plural = _("văn bản đã xóa")

    def __str__(self) -> str:
        return f"{self.title} ({self.deleted_at:%d/%m/%Y})"
