"""A parsed legal text as page content: the structured body (cms.blocks.LegalBodyBlock data),
the preamble, signer and recipients lines, and what a person should check (in Vietnamese).

One converter for both ways in: the DOCX import into a draft and the corpus import. Nothing of
the text is dropped (docs/documents.md, "Whole text"):

- Chapters and sections become heading blocks; parts ("Phần thứ nhất") and sub-sections
  ("Tiểu mục"), which have no block, become notes holding their heading.
- Tables stay tables (Wagtail TableBlock values): an article's in its "tables", others as
  "table" blocks, in appendices as part of the content.
- Text outside the articles: before the first article it joins the preamble (the line that
  names who enacts goes first), after it the text of the clause or article before it; before
  the first article of an attached document, or in a document without articles, it is a note.
- The passing formula, signing blocks other than the page's own signer, lines the parser could
  not place: notes after the body they close.
- Appendices: appendix blocks; each attached document ("Quy chế ... ban hành kèm theo"): an
  attachment block, then its own body, notes and appendices.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.text import nfc
from documents.parsing import (
    Appendix,
    Article,
    Attachment,
    BodyItem,
    Chapter,
    Paragraph,
    ParsedDocument,
    Section,
    Signature,
    Table,
)
from documents.parsing.body import DIVISION_LABELS

DIVISION_NUMBER = 20  # cms.blocks.DivisionBlock.number


@dataclass(frozen=True, kw_only=True)
class PageContent:
    blocks: list[dict]
    preamble: list[str]
    signer: str  # the first signing block: its name, then its other lines
    signer_title: str
    recipients: list[str]
    doubts: list[str]


def _line(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _joined(*texts: str) -> str:
    return "\n".join(text for text in texts if text)


def table_value(table: Table) -> dict:
    """A Wagtail TableBlock value; short rows (merged cells) are filled with empty cells."""
    width = max((len(row) for row in table.rows), default=0)
    return {
        "data": [[nfc(cell) for cell in row] + [""] * (width - len(row)) for row in table.rows],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "",
    }


def _article_value(article: Article) -> dict:
    tables = [*article.tables, *(table for clause in article.clauses for table in clause.tables)]
    return {
        "number": _line(article.number),
        "heading": _line(article.heading),
        "text": article.text,
        "clauses": [
            {
                "number": _line(clause.number),
                "text": clause.text,
                "points": [
                    {"letter": _line(point.letter), "text": point.text} for point in clause.points
                ],
            }
            for clause in article.clauses
        ],
        "tables": [table_value(table) for table in tables],
    }


def _note(*lines: str) -> list[dict]:
    text = _joined(*(nfc(line) for line in lines))
    return [{"type": "note", "value": text}] if text else []


def _signature_lines(signature: Signature) -> list[str]:
    return [*signature.authority, *signature.titles, signature.name]


def _appendix_value(appendix: Appendix) -> dict:
    content = [
        {"type": "paragraph", "value": nfc(item.text)}
        if isinstance(item, Paragraph)
        else {"type": "table", "value": table_value(item)}
        for item in appendix.content
    ]
    return {"number": _line(appendix.number), "title": _line(appendix.title), "content": content}


class _Body:
    """Blocks of one body (the main text's, or an attached document's), in order."""

    def __init__(self, blocks: list[dict], doubts: list[str], preamble: list[str] | None) -> None:
        self.blocks = blocks
        self.doubts = doubts
        self.preamble = preamble  # where text before the first article goes; None: a note
        self.last: dict | None = None  # the value of the last article block

    def add(self, item: BodyItem) -> None:
        if isinstance(item, Article):
            self.last = _article_value(item)
            self.blocks.append({"type": "article", "value": self.last})
            if any(len({len(row) for row in t.rows}) > 1 for t in _tables(item)):
                self.doubts.append(
                    _("Điều %(number)s có bảng với ô gộp: kiểm tra lại các cột của bảng.")
                    % {"number": item.number}
                )
        elif isinstance(item, Table):
            self.blocks.append({"type": "table", "value": table_value(item)})
        elif isinstance(item, Paragraph):
            self._text(item.text)
        elif isinstance(item, Chapter | Section):
            number, heading = _line(item.number)[:DIVISION_NUMBER], _line(item.heading)
            self.blocks.append({"type": item.type, "value": {"number": number, "heading": heading}})
        else:  # Part, Subsection
            self.blocks.extend(_note(f"{DIVISION_LABELS[item.type]} {item.number}", item.heading))

    def _text(self, text: str) -> None:
        if self.last is not None:
            target = self.last["clauses"][-1] if self.last["clauses"] else self.last
            target["text"] = _joined(target["text"], text)
            self.doubts.append(
                _("Đoạn nằm ngoài các Điều, được nối vào Điều %(number)s: “%(text)s”")
                % {"number": self.last["number"], "text": text[:120]}
            )
        elif self.preamble is not None:
            self.preamble.append(text)
            self.doubts.append(
                _("Đoạn trước Điều đầu tiên, được đưa vào phần căn cứ: “%(text)s”")
                % {"text": text[:120]}
            )
        elif self.blocks and self.blocks[-1]["type"] == "note":  # one note for a run of lines
            self.blocks[-1]["value"] = _joined(self.blocks[-1]["value"], nfc(text))
        else:
            self.blocks.extend(_note(text))


def _tables(article: Article) -> Iterable[Table]:
    yield from article.tables
    for clause in article.clauses:
        yield from clause.tables


def _attachment_blocks(attachment: Attachment, blocks: list[dict], doubts: list[str]) -> None:
    value = {
        "title": _line(attachment.title),
        "heading": _line(attachment.heading),
        "note": _line(attachment.note),
    }
    blocks.append({"type": "attachment", "value": value})
    body = _Body(blocks, doubts, preamble=None)
    for item in attachment.body:
        body.add(item)
    signatures = [line for s in attachment.signatures for line in _signature_lines(s)]
    for lines in (attachment.closing, signatures, attachment.recipients, attachment.unplaced):
        blocks.extend(_note(*lines))
    blocks.extend({"type": "appendix", "value": _appendix_value(a)} for a in attachment.appendices)
    doubts.append(
        _("Văn bản kèm theo “%(title)s” được đọc thành %(count)s Điều: kiểm tra lại.")
        % {
            "title": value["title"] or value["heading"][:60] or _("không có tên"),
            "count": len(attachment.articles()),
        }
    )


def page_content(parsed: ParsedDocument) -> PageContent:
    blocks: list[dict] = []
    has_articles = bool(parsed.articles())
    authority = [parsed.header.authority] if parsed.header.authority else []
    preamble = [*authority, *(line for line in parsed.preamble if line.strip())]
    doubts = list(parsed.warnings)
    body = _Body(blocks, doubts, preamble if has_articles else None)
    for item in parsed.body:
        body.add(item)
    first, *others = parsed.signatures or (Signature(),)
    blocks.extend(_note(*parsed.closing))
    for signature in others:  # joint documents: the page's signer is the first block's
        blocks.extend(_note(*_signature_lines(signature)))
    blocks.extend(_note(*parsed.unplaced))
    blocks.extend({"type": "appendix", "value": _appendix_value(a)} for a in parsed.appendices)
    for attachment in parsed.attachments:
        _attachment_blocks(attachment, blocks, doubts)
    if not has_articles and not parsed.attachments:
        doubts.append(_("Không tìm thấy Điều nào trong văn bản."))
    return PageContent(
        blocks=blocks,
        preamble=preamble,
        signer=_line(first.name),
        signer_title="\n".join(_line(line) for line in (*first.authority, *first.titles)),
        recipients=[_line(line) for line in parsed.recipients],
        doubts=doubts,
    )
