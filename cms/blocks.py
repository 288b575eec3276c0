"""The structured body of a legal text: chapters and sections as headings, articles holding
clauses and points, so each article can be linked (``#dieu-5``) and indexed on its own."""

from collections.abc import Iterator, Mapping

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue


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


def list_values(data) -> Iterator:
    """The values of a list block: a ``ListValue``, or its raw JSON data (items stored as
    ``{"type": "item", "value": ...}``, or the values alone as before Wagtail 2.16)."""
    if isinstance(data, ListValue):
        yield from data
        return
    for item in data or ():
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        else:
            yield item


def article_anchor(number: str) -> str:
    """Anchor of an article on its page: "5a" -> "dieu-5a"."""
    return "dieu-" + "".join(ch for ch in (number or "").lower() if ch.isalnum())


def article_plain_text(article: Mapping) -> str:
    """An article's text as one string (intro, clauses and points), for search and export:
    from its value or from its raw JSON data (the search index reads the raw data of many
    pages at once without building their blocks)."""
    parts = [article.get("text") or ""]
    for clause in list_values(article.get("clauses")):
        parts.append(f"{clause.get('number') or ''}. {clause.get('text') or ''}")
        parts.extend(
            f"{point.get('letter') or ''}) {point.get('text') or ''}"
            for point in list_values(clause.get("points"))
        )
    return "\n".join(p for p in parts if p)


class ArticleValue(blocks.StructValue):
    @property
    def anchor(self) -> str:
        return article_anchor(self["number"])

    def plain_text(self) -> str:
        return article_plain_text(self)


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
