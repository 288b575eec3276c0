"""Who runs this deployment: the province, its People's Committee, the department and the
portal's names, edited in the admin (Settings) and read by the portal, the exports and reports.

Nothing about one province is written in code: the demo (``cms.demo``) and migration 0004 fill
in Cao Bằng, another province changes these values and nothing else.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from cms.labels import in_language

from .text import NFCTextMixin


@dataclass(frozen=True)
class PortalNames:
    """The names the portal shows, in one language."""

    committee_name: str
    portal_name: str
    portal_short_name: str
    department_full_name: str


@register_setting(icon="home")
class DeploymentIdentity(NFCTextMixin, BaseSiteSetting):
    province = models.CharField(
        _("tỉnh, thành phố"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tên đơn vị hành chính cấp tỉnh, ví dụ: tỉnh Cao Bằng; cho tên Ủy ban nhân dân (đầu "
            "trang cổng, cơ quan chủ quản trên văn bản của các sở) và tên đầy đủ của sở."
        ),
    )
    place = models.CharField(
        _("địa danh ghi trên văn bản"),
        max_length=100,
        blank=True,
        help_text=_(
            "Địa danh trước ngày tháng trên văn bản của cơ quan ở địa phương (Nghị định "
            "30/2020/NĐ-CP, Phụ lục I, mục II.4.a), ví dụ: Cao Bằng. Cơ quan ở nơi khác (cơ quan "
            "trung ương: Hà Nội) ghi địa danh riêng trong danh mục cơ quan."
        ),
    )
    department_name = models.CharField(
        _("tên sở"),
        max_length=200,
        blank=True,
        help_text=_(
            "Cơ quan chủ trì soạn thảo vận hành cổng, đứng tên báo cáo chương trình xây dựng "
            "văn bản, ví dụ: Sở Thông tin và Truyền thông."
        ),
    )
    department_code = models.CharField(
        _("ký hiệu của sở"),
        max_length=30,
        blank=True,
        help_text=_("Viết tắt dùng trong số ký hiệu báo cáo, ví dụ: STTTT."),
    )
    department_head_title = models.CharField(
        _("chức vụ người ký báo cáo"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: Giám đốc."),
    )
    report_recipients = models.TextField(
        _("nơi nhận báo cáo"),
        blank=True,
        help_text=_("Mỗi nơi nhận một dòng, dòng cuối “Lưu: VT, ...”."),
    )
    portal_name = models.CharField(
        _("tên cổng"),
        max_length=200,
        blank=True,
        help_text=_("Đầu trang cổng, ví dụ: Sở Thông tin và Truyền thông — Văn bản pháp luật."),
    )
    portal_short_name = models.CharField(
        _("tên ngắn của cổng"),
        max_length=100,
        blank=True,
        help_text=_("Sau tiêu đề mỗi trang, ví dụ: Văn bản pháp luật."),
    )
    committee_name_en = models.CharField(
        _("tên Ủy ban nhân dân (tiếng Anh)"), max_length=200, blank=True
    )
    portal_name_en = models.CharField(_("tên cổng (tiếng Anh)"), max_length=200, blank=True)
    portal_short_name_en = models.CharField(
        _("tên ngắn của cổng (tiếng Anh)"), max_length=100, blank=True
    )
    department_full_name_en = models.CharField(
        _("tên đầy đủ của sở (tiếng Anh)"), max_length=200, blank=True
    )

    panels = [
        MultiFieldPanel([FieldPanel("province"), FieldPanel("place")], heading=_("Địa phương")),
        MultiFieldPanel(
            [FieldPanel("department_name"), FieldPanel("department_code")],
            heading=_("Sở"),
        ),
        MultiFieldPanel(
            [FieldPanel("department_head_title"), FieldPanel("report_recipients")],
            heading=_("Báo cáo"),
        ),
        MultiFieldPanel(
            [FieldPanel("portal_name"), FieldPanel("portal_short_name")],
            heading=_("Cổng thông tin"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("committee_name_en"),
                FieldPanel("department_full_name_en"),
                FieldPanel("portal_name_en"),
                FieldPanel("portal_short_name_en"),
            ],
            heading=_("Tên tiếng Anh (trống: dùng tên tiếng Việt)"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin đơn vị triển khai")
        verbose_name_plural = _("thông tin đơn vị triển khai")

    def __str__(self) -> str:
        return self.department_full_name or self.portal_name or str(self.site)

    @classmethod
    def current(cls, request=None) -> "DeploymentIdentity":
        """The identity of the request's site; without a request (commands, background work),
        of the default site; unsaved and blank when there is no site at all."""
        if request is not None:
            return cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()

    @property
    def committee_name(self) -> str:
        """ "Ủy ban nhân dân tỉnh Cao Bằng"."""
        return f"Ủy ban nhân dân {self.province}".strip()

    @property
    def committee_short_name(self) -> str:
        """ "UBND tỉnh Cao Bằng": the governing body above a department's name (PL I, II.2.a
        allows the abbreviation)."""
        return f"UBND {self.province}".strip()

    @property
    def department_full_name(self) -> str:
        """ "Sở Thông tin và Truyền thông tỉnh Cao Bằng"."""
        return f"{self.department_name} {self.province}".strip()

    def names(self, language: str | None) -> PortalNames:
        """The portal's names in ``language``: English ones where given, else Vietnamese."""
        return PortalNames(
            committee_name=in_language(self, "committee_name", language),
            portal_name=in_language(self, "portal_name", language),
            portal_short_name=in_language(self, "portal_short_name", language),
            department_full_name=in_language(self, "department_full_name", language),
        )

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.report_recipients.splitlines() if line.strip()]
