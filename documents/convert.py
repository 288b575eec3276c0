"""A parsed legal text as page content: the structured body (cms.blocks.LegalBodyBlock data),
the preamble and recipients lines, and what a person should check (in Vietnamese).

One converter for both ways in: the DOCX import into a draft and the corpus import.

- Chapters and sections become heading blocks; parts ("Phần thứ nhất") and sub-sections
  ("Tiểu mục") have no block of their own: their headings are dropped, their articles kept.
- Text outside the articles is kept: before the first article it joins the preamble, after it
  the text of the clause or article before it.
- Tables become lines, cells separated by " | ".
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.text import nfc
from documents.parsing import Article, Chapter, Paragraph, ParsedDocument, Section, Table

DIVISION_NUMBER = 20  # cms.blocks.DivisionBlock.number


@dataclass(frozen=True, kw_only=True)
class PageContent:
    blocks: list[dict]
    preamble: list[str]
    recipients: list[str]
    doubts: list[str]


def _line(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _joined(*texts: str) -> str:
    return "\n".join(text for text in texts if text)


def _table_lines(table: Table) -> list[str]:
    return [" | ".join(row) for row in table.rows]


def _tables_lines(tables: tuple[Table, ...]) -> list[str]:
    return [line for table in tables for line in _table_lines(table)]


def _article_value(article: Article) -> dict:
    return {
        "number": _line(article.number),
        "heading": _line(article.heading),
        "text": _joined(article.text, *_tables_lines(article.tables)),
        "clauses": [
            {
                "number": _line(clause.number),
                "text": _joined(clause.text, *_tables_lines(clause.tables)),
                "points": [
                    {"letter": _line(point.letter), "text": point.text} for point in clause.points
                ],
            }
            for clause in article.clauses
        ],
    }


def page_content(parsed: ParsedDocument) -> PageContent:
    blocks: list[dict] = []
    preamble = [line for line in parsed.preamble if line.strip()]
    doubts = list(parsed.warnings)
    last: dict | None = None  # the value of the last article block
    for item in parsed.body:
        if isinstance(item, Article):
            last = _article_value(item)
            blocks.append({"type": "article", "value": last})
            if item.tables or any(c.tables for c in item.clauses):
                doubts.append(
                    _("Điều %(number)s có bảng: bảng được chuyển thành các dòng văn bản.")
                    % {"number": item.number}
                )
        elif isinstance(item, Chapter | Section):
            kind = "chapter" if isinstance(item, Chapter) else "section"
            value = {"number": _line(item.number)[:DIVISION_NUMBER], "heading": _line(item.heading)}
            blocks.append({"type": kind, "value": value})
        elif isinstance(item, Paragraph | Table):
            lines = [item.text] if isinstance(item, Paragraph) else _table_lines(item)
            excerpt = " / ".join(lines)[:120]
            if last is None:
                preamble.extend(lines)
                doubts.append(
                    _("Đoạn trước Điều đầu tiên, được đưa vào phần căn cứ: “%(text)s”")
                    % {"text": excerpt}
                )
                continue
            target = last["clauses"][-1] if last["clauses"] else last
            target["text"] = _joined(target["text"], *lines)
            doubts.append(
                _("Đoạn nằm ngoài các Điều, được nối vào Điều %(number)s: “%(text)s”")
                % {"number": last["number"], "text": excerpt}
            )
        else:  # Part, Subsection: headings the page body does not have
            doubts.append(
                _("Tiêu đề “%(number)s %(heading)s” (Phần/Tiểu mục) không được đưa vào nội dung.")
                % {"number": item.number, "heading": item.heading}
            )
    if last is None:
        doubts.append(_("Không tìm thấy Điều nào trong văn bản."))
    return PageContent(
        blocks=blocks,
        preamble=preamble,
        recipients=[_line(line) for line in parsed.recipients],
        doubts=doubts,
    )
