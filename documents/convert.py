"""A parsed legal text as the page's structured body (cms.blocks.LegalBodyBlock data)."""

from django.utils.translation import gettext as _

from documents.parsing import Article, Chapter, Paragraph, ParsedDocument, Section, Table


def _table_lines(table: Table) -> list[str]:
    return [" | ".join(cell for cell in row) for row in table.rows]


def _article_block(article: Article) -> dict:
    intro = [article.text] if article.text else []
    for table in article.tables:
        intro.extend(_table_lines(table))
    clauses = []
    for clause in article.clauses:
        text = [clause.text] if clause.text else []
        for table in clause.tables:
            text.extend(_table_lines(table))
        clauses.append(
            {
                "number": clause.number,
                "text": "\n".join(text),
                "points": [{"letter": p.letter, "text": p.text} for p in clause.points],
            }
        )
    return {
        "type": "article",
        "value": {
            "number": article.number,
            "heading": article.heading,
            "text": "\n".join(intro),
            "clauses": clauses,
        },
    }


def body_blocks(parsed: ParsedDocument) -> tuple[list[dict], list[str]]:
    """The StreamField data and what a person should check (in Vietnamese)."""
    blocks: list[dict] = []
    doubts = list(parsed.warnings)
    for item in parsed.body:
        if isinstance(item, Article):
            blocks.append(_article_block(item))
            if item.tables or any(c.tables for c in item.clauses):
                doubts.append(
                    _("Điều %(number)s có bảng: bảng được chuyển thành các dòng văn bản.")
                    % {"number": item.number}
                )
        elif isinstance(item, Chapter | Section):
            kind = "chapter" if isinstance(item, Chapter) else "section"
            blocks.append({"type": kind, "value": {"number": item.number, "heading": item.heading}})
        elif isinstance(item, Paragraph | Table):
            text = item.text if isinstance(item, Paragraph) else " / ".join(_table_lines(item))
            doubts.append(
                _("Đoạn nằm ngoài các Điều, không được đưa vào nội dung: “%(text)s”")
                % {"text": text[:120]}
            )
        else:  # Part, Subsection: headings the page body does not have
            doubts.append(
                _("Tiêu đề “%(number)s %(heading)s” (Phần/Tiểu mục) không được đưa vào nội dung.")
                % {"number": item.number, "heading": item.heading}
            )
    if not any(block["type"] == "article" for block in blocks):
        doubts.append(_("Không tìm thấy Điều nào trong văn bản."))
    return blocks, doubts
