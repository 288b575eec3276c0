"""Reference data kept as Wagtail snippets: document types, bodies (issuers, agencies), sectors."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.text import nfc

from .text import NFCTextMixin


def english_name_field(max_length: int):
    """The optional English name shown in the portal's English mode (``cms.labels``)."""
    return models.CharField(
        _("tên tiếng Anh"),
        max_length=max_length,
        blank=True,
        help_text=_("Hiển thị khi người xem chọn tiếng Anh; để trống: dùng tên tiếng Việt."),
    )


# Where the central state and Party bodies sit (Decree 30/2020/NĐ-CP, Appendix I, II.4.a: the
# place on a central body's documents is the province or city of its seat).
CAPITAL = "Hà Nội"
_CENTRAL = re.compile(
    r"^(bộ|chủ tịch nước|ngân hàng nhà nước|kiểm toán nhà nước|ban bí thư|ban chấp hành trung "
    r"ương)\b|quốc hội|chính phủ|tối cao",
    re.I,
)
_LOCAL = re.compile(r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", re.I)


def central_body_place(name: str) -> str:
    """The capital for a central body by its name (the National Assembly, the Government, a
    ministry, the supreme court...), else "" (the deployment's place applies). A local body
    named after a central one ("Đoàn đại biểu Quốc hội tỉnh ...") is local."""
    name = nfc(" ".join(name.split()))
    return CAPITAL if _CENTRAL.search(name) and not _LOCAL.search(name) else ""


class DocumentType(NFCTextMixin, index.Indexed, models.Model):
    name = models.CharField(_("tên loại văn bản"), max_length=100)
    name_en = english_name_field(100)
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

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("is_normative"),
    ]
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
    name_en = english_name_field(200)
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

    place = models.CharField(
        _("địa danh"),
        max_length=100,
        blank=True,
        help_text=_(
            "Địa danh ghi trên văn bản của cơ quan: Hà Nội cho cơ quan trung ương (Quốc hội, "
            "Chính phủ, các bộ); để trống: địa danh của đơn vị triển khai (Cài đặt)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("is_party_body"),
        FieldPanel("place"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name


class Sector(NFCTextMixin, index.Indexed, models.Model):
    name = models.CharField(_("tên lĩnh vực"), max_length=100, unique=True)
    name_en = english_name_field(100)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name
