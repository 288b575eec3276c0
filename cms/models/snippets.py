"""Reference data kept as Wagtail snippets: document types, bodies (issuers, agencies), sectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .text import NFCTextMixin


class DocumentType(NFCTextMixin, index.Indexed, models.Model):
    name = models.CharField(_("tên loại văn bản"), max_length=100)
    code = models.CharField(
        _("ký hiệu"),
        max_length=20,
        help_text=_("Viết tắt dùng trong số ký hiệu, ví dụ: QĐ, KH, CTr."),
    )
    is_normative = models.BooleanField(
        _("văn bản quy phạm pháp luật"),
        default=False,
        help_text=_("Văn bản QPPL phải qua thẩm định của Sở Tư pháp trước khi ban hành."),
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("is_normative")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        # A Quyết định may be normative (05/2015/QĐ-UBND) or administrative (629/QĐ-UBND):
        # the same name and code exist once for each kind.
        constraints = [
            models.UniqueConstraint(fields=["name", "is_normative"], name="uniq_doctype_name"),
            models.UniqueConstraint(fields=["code", "is_normative"], name="uniq_doctype_code"),
        ]
        ordering = ["name", "-is_normative"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self) -> str:
        # Choosers must tell the normative Quyết định from the administrative one.
        return f"{self.name} ({_('QPPL')})" if self.is_normative else self.name


class IssuingBody(NFCTextMixin, index.Indexed, models.Model):
    """An issuing body or a lead drafting agency (both are state or Party bodies)."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    code = models.CharField(
        _("ký hiệu"),
        max_length=30,
        unique=True,
        help_text=_("Viết tắt dùng trong số ký hiệu, ví dụ: UBND, TU, STTTT."),
    )
    is_party_body = models.BooleanField(
        _("cơ quan của Đảng"),
        default=False,
        help_text=_("Văn bản của cơ quan Đảng đánh số theo mẫu 56-CTr/TU."),
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("is_party_body")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name


class Sector(NFCTextMixin, index.Indexed, models.Model):
    name = models.CharField(_("tên lĩnh vực"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name
