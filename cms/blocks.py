"""The structured body of a legal text: chapters and sections as headings, articles holding
clauses and points, so each article can be linked (``#dieu-5``) and indexed on its own; tables,
notes, appendices, and the texts attached after the signature (a regulation "ban hành kèm
theo"), so the body holds the whole text.

The body is a flat stream: an ``attachment`` block opens an attached text and the blocks after
it, up to the next attachment or appendix, belong to it. ``placed_blocks`` and ``placed_articles``
are the one place that decides it, for block values and for raw JSON alike (search, export and
the canonical text read the raw data without building the blocks).
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.contrib.table_block.blocks import TableBlock


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
    # Points written directly under an article sit in a clause without a number.
    number = blocks.CharBlock(
        label=_("Khoản"), max_length=10, required=False, help_text=_("Ví dụ: 1, 2, 3")
    )
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


def _attachment_prefix(attachment: int) -> str:
    return "" if not attachment else "kt" if attachment == 1 else f"kt{attachment}"


def article_anchor(number: str, attachment: int = 0) -> str:
    """Anchor of an article on its page: "5a" -> "dieu-5a"; in the first attached text
    "kt-dieu-5a", in the second "kt2-dieu-5a"."""
    prefix = f"{_attachment_prefix(attachment)}-" if attachment else ""
    return prefix + "dieu-" + "".join(ch for ch in (number or "").lower() if ch.isalnum())


def table_rows(table: Mapping | None) -> list[list[str]]:
    """The rows of a table block's value, each cell a string ("" for an empty cell)."""
    return [[str(cell or "") for cell in row or ()] for row in (table or {}).get("data") or ()]


def table_lines(table: Mapping | None) -> list[str]:
    """A table as text: its caption, then one line per row with the cells joined by " | "
    (rows without text are left out)."""
    caption = str((table or {}).get("table_caption") or "").strip()
    rows = [" | ".join(" ".join(cell.split()) for cell in row) for row in table_rows(table)]
    return [line for line in [caption, *rows] if line.strip(" |")]


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
    for table in list_values(article.get("tables")):
        parts.extend(table_lines(table))
    return "\n".join(p for p in parts if p)


class LegalTableBlock(TableBlock):
    """Rows and cells of a table (cells are plain text: merged cells repeat or are empty)."""

    class Meta:
        label = _("Bảng")
        icon = "table"
        template = "cms/blocks/table.html"


class NoteBlock(blocks.TextBlock):
    """Text outside articles: the passing formula of a law, numbered notes, footnotes."""

    class Meta:
        label = _("Ghi chú")
        icon = "info-circle"
        template = "cms/blocks/note.html"


class AttachmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên loại"), max_length=200, help_text=_("Ví dụ: QUY ĐỊNH"))
    heading = blocks.TextBlock(label=_("Trích yếu"), required=False)
    note = blocks.TextBlock(
        label=_("Ghi chú ban hành"),
        required=False,
        help_text=_("Ví dụ: (Ban hành kèm theo Quyết định số … ngày … của …)"),
    )

    class Meta:
        label = _("Văn bản ban hành kèm theo")
        icon = "doc-full-inverse"
        template = "cms/blocks/attachment.html"


class AppendixContentBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(label=_("Đoạn văn"))
    table = LegalTableBlock()


class AppendixBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Số"), max_length=20, required=False)
    title = blocks.TextBlock(label=_("Tên phụ lục"), required=False)
    content = AppendixContentBlock(label=_("Nội dung"), required=False)

    class Meta:
        label = _("Phụ lục")
        icon = "list-ul"
        template = "cms/blocks/appendix.html"


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
    tables = blocks.ListBlock(LegalTableBlock(), label=_("Các bảng"), default=[])

    class Meta:
        label = _("Điều")
        icon = "doc-full"
        template = "cms/blocks/article.html"
        value_class = ArticleValue


class LegalBodyBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
    section = SectionBlock()
    article = ArticleBlock()
    table = LegalTableBlock()
    note = NoteBlock()
    attachment = AttachmentBlock()
    appendix = AppendixBlock()


def _kind_and_value(block) -> tuple[str, Any]:
    """(type, value) of a stream item: a bound block or its raw JSON ``{"type", "value"}``."""
    if isinstance(block, Mapping):
        return block.get("type") or "", block.get("value")
    return block.block_type, block.value


@dataclass(frozen=True)
class Placed:
    """A body block and the attached text it belongs to (0: the main text; n: the n-th
    attachment, numbered from 1), with that attachment's title ("QUY ĐỊNH") and the block's
    anchor on the page (articles "dieu-5", "kt-dieu-5"; attachments "kt", "kt2"; appendices
    "phu-luc-1"...; other blocks none)."""

    block: Any  # a bound block or a raw ``{"type", "value"}`` item, as given
    kind: str
    value: Any
    attachment: int = 0
    attachment_title: str = ""
    anchor: str = ""


def placed_blocks(body: Iterable) -> Iterator[Placed]:
    """The body's blocks in order, each with the attached text it belongs to: an attachment
    block opens the next attached text (it belongs to it), an appendix closes it."""
    attachments = appendices = current = 0
    title = ""
    for block in body:
        kind, value = _kind_and_value(block)
        anchor = ""
        if kind == "attachment":
            attachments += 1
            current, title = attachments, str((value or {}).get("title") or "").strip()
            anchor = _attachment_prefix(current)
        elif kind == "appendix":
            appendices += 1
            current, title, anchor = 0, "", f"phu-luc-{appendices}"
        elif kind == "article":
            anchor = article_anchor(str((value or {}).get("number") or ""), current)
        yield Placed(block, kind, value, current, title, anchor)


def main_and_attached(body: Iterable) -> tuple[list[Placed], list[Placed]]:
    """The main text's blocks, and what follows its signature: from the first attachment or
    appendix on."""
    placed = list(placed_blocks(body))
    end = next(
        (i for i, item in enumerate(placed) if item.kind in ("attachment", "appendix")),
        len(placed),
    )
    return placed[:end], placed[end:]


def sentence_case(title: str) -> str:
    """An attached text's title as a name: "QUY  ĐỊNH" -> "Quy định"."""
    return " ".join(str(title or "").split()).capitalize()


def attached_text_name(title: str) -> str:
    """How an article of an attached text is cited: "QUY ĐỊNH" -> "Quy định ban hành kèm
    theo" ("văn bản ban hành kèm theo" without a title)."""
    return f"{sentence_case(title) or 'văn bản'} ban hành kèm theo"


@dataclass(frozen=True)
class PlacedArticle:
    """An article with the chapter and section it sits in and the text it belongs to."""

    article: Any  # the article's value (``ArticleValue`` or raw JSON mapping)
    anchor: str
    chapter: Any = None
    section: Any = None
    attachment: int = 0
    attachment_title: str = ""

    @property
    def number(self) -> str:
        return str(self.article.get("number") or "")

    @property
    def cited_number(self) -> str:
        """ "5", or "5 của Quy định ban hành kèm theo" for an article of an attached text."""
        if not self.attachment:
            return self.number
        return f"{self.number} của {attached_text_name(self.attachment_title)}"

    @property
    def citation(self) -> str:
        return f"Điều {self.cited_number}"

    def __getitem__(self, key: str):
        """``item["article"]``, ``item["chapter"]``, ``item["section"]``: the page's articles
        were such dicts before (callers and tests still read them so)."""
        if key not in ("article", "chapter", "section"):
            raise KeyError(key)
        return getattr(self, key)


def placed_articles(body: Iterable) -> Iterator[PlacedArticle]:
    """The body's articles, with their chapter, section and attached text. Chapters and
    sections end where an attached text or an appendix begins."""
    chapter = section = None
    for item in placed_blocks(body):
        if item.kind in ("attachment", "appendix"):
            chapter = section = None
        elif item.kind == "chapter":
            chapter, section = item.value, None
        elif item.kind == "section":
            section = item.value
        elif item.kind == "article":
            yield PlacedArticle(
                item.value or {},
                item.anchor,
                chapter,
                section,
                item.attachment,
                item.attachment_title,
            )
