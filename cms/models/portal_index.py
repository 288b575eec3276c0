"""What the portal's own pages (home, document index, consultation index) share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class PortalIndexMixin(models.Model):
    """The portal's own pages (home, indexes): an introduction and an optional English title
    shown in English mode (``cms.labels``). Legal documents have no English title: their
    official text is Vietnamese."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=INTRO_FEATURES)
    title_en = models.CharField(
        _("tiêu đề tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Hiển thị khi người xem chọn tiếng Anh; để trống: dùng tiêu đề tiếng Việt."),
    )

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]

    class Meta:
        abstract = True
