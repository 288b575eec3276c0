from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from workflow.dossier import DossierKind
from workflow.signatures.stored import SignedCopyCheck
from workflow.storage import private_storage


def dossier_path(instance, filename: str) -> str:
    return f"dossiers/{instance.workflow_id}/{instance.kind}/{filename}"


class DossierFile(models.Model):
    """One version of one dossier item; a new upload of the same kind is a new version."""

    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="dossier_files"
    )
    kind = models.CharField(_("loại hồ sơ"), max_length=30, choices=DossierKind.choices)
    file = models.FileField(_("tệp"), upload_to=dossier_path, storage=private_storage)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)
    # A signed copy that is a PDF: its verification on upload (``SignedCopyCheck.to_json``).
    signature_report = models.JSONField(_("kết quả kiểm tra chữ ký số"), null=True, blank=True)
    verified_at = models.DateTimeField(_("thời điểm kiểm tra chữ ký số"), null=True, blank=True)
    # Leadership allowed this signed copy to be published although it does not verify
    # (workflow.signed_original); also written to the audit log.
    override_reason = models.TextField(_("lý do cho phép đăng tải"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cho phép đăng tải"),
    )
    override_at = models.DateTimeField(_("thời điểm cho phép đăng tải"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["workflow", "kind", "version"], name="uniq_dossier_version"
            )
        ]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}: {self.original_name}"

    @cached_property
    def signature_check(self) -> SignedCopyCheck | None:
        """The stored verification; None for a file that was not verified (not a PDF)."""
        if self.signature_report is None:
            return None
        return SignedCopyCheck.from_json(self.signature_report)
