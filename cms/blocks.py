"""The structured body of a legal text: chapters and sections as headings, articles holding
clauses and points, so each article can be linked (``#dieu-5``) and indexed on its own."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class DivisionBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Số"), max_length=20)
    heading = blocks.CharBlock(label=_("Tên"), max_length=500, required=False)


class ChapterBlock(DivisionBlock):
    class Meta:
        label = _("Chương")
        icon = "folder-open-1"
        template = "cms/blocks/chapter.html"


class SectionBlock(DivisionBlock):
    class Meta:
        label = _("Mục")
        icon = "folder-inverse"
        template = "cms/blocks/section.html"


class PointBlock(blocks.StructBlock):
    letter = blocks.CharBlock(label=_("Điểm"), max_length=5, help_text=_("Ví dụ: a, b, đ"))
    text = blocks.TextBlock(label=_("Nội dung"))

    class Meta:
        label = _("Điểm")


class ClauseBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Khoản"), max_length=10, help_text=_("Ví dụ: 1, 2, 3"))
    text = blocks.TextBlock(label=_("Nội dung"), required=False)
    points = blocks.ListBlock(PointBlock(), label=_("Các điểm"), default=[])

    class Meta:
        label = _("Khoản")


class ArticleValue(blocks.StructValue):
    @property
    def anchor(self) -> str:
        """Anchor of the article on its page: "5a" -> "dieu-5a"."""
        return "dieu-" + "".join(ch for ch in self["number"].lower() if ch.isalnum())

    def plain_text(self) -> str:
        """The article's text as one string (intro, clauses and points), for search and export."""
        parts = [self["text"]]
        for clause in self["clauses"]:
            parts.append(f"{clause['number']}. {clause['text']}")
            parts.extend(f"{point['letter']}) {point['text']}" for point in clause["points"])
        return "\n".join(p for p in parts if p)


class ArticleBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Điều số"), max_length=10, help_text=_("Ví dụ: 5, 5a"))
    heading = blocks.CharBlock(label=_("Tên điều"), max_length=500, required=False)
    text = blocks.TextBlock(label=_("Nội dung mở đầu"), required=False)
    clauses = blocks.ListBlock(ClauseBlock(), label=_("Các khoản"), default=[])

    class Meta:
        label = _("Điều")
        icon = "doc-full"
        template = "cms/blocks/article.html"
        value_class = ArticleValue


class LegalBodyBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
    section = SectionBlock()
    article = ArticleBlock()
