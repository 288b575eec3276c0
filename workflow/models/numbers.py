from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.numbers import Register


class NumberSequence(models.Model):
    """The last number handed out per issuer, register and year (numbering restarts yearly)."""

    issuer = models.ForeignKey("cms.IssuingBody", on_delete=models.PROTECT, related_name="+")
    register = models.CharField(
        _("sổ đăng ký"), max_length=20, choices=[(r.value, r.value) for r in Register]
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "register", "year"], name="uniq_sequence")
        ]
        verbose_name = _("sổ cấp số văn bản")
        verbose_name_plural = _("sổ cấp số văn bản")

    def __str__(self) -> str:
        return f"{self.issuer.code} {self.register} {self.year}: {self.last}"
