"""Human-readable outline and JSON of a parsed document (used by ``manage.py parse_document``)."""

import json

from documents.parsing.model import (
    Article,
    Attachment,
    BodyItem,
    Chapter,
    Paragraph,
    ParsedDocument,
    Part,
    Section,
    Subsection,
    Table,
)

_LEVELS = {
    Part: (0, "Phần"),
    Chapter: (1, "Chương"),
    Section: (2, "Mục"),
    Subsection: (3, "Tiểu mục"),
}
_SNIPPET = 80


def format_json(document: ParsedDocument) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=2)


def format_outline(document: ParsedDocument) -> str:
    header = document.header
    number = header.number or header.number_template
    draft = "(dự thảo)" if header.is_draft else ""
    lines = [" ".join(filter(None, [header.doc_type, number and f"số {number}", draft]))]
    lines += [header.summary] if header.summary else []
    if header.issuer:
        party = " (văn bản của Đảng)" if header.party else ""
        lines.append(f"Cơ quan ban hành: {header.issuer}{party}")
    if header.authority:
        lines.append(f"Thẩm quyền ban hành: {header.authority}")
    if header.date or header.place:
        blank = "ngày để trống" if header.is_draft else "?"
        date = header.date.strftime("%d/%m/%Y") if header.date else blank
        lines.append(f"Ngày ban hành: {', '.join(filter(None, [header.place, date]))}")
    if document.preamble:
        lines.append(f"Phần mở đầu ({len(document.preamble)} dòng):")
        lines += [f"  {_snippet(text)}" for text in document.preamble]
    if document.enacting:
        lines.append(f"Công thức ban hành: {document.enacting}")
    lines += _body_lines(document.body)
    lines += _tail_lines(document)
    for attachment in document.attachments:
        title = " ".join(filter(None, [attachment.title, attachment.heading]))
        lines.append(f"Văn bản kèm theo: {title}")
        lines += [f"  {attachment.note}"] if attachment.note else []
        lines += [f"  {line}" for line in _body_lines(attachment.body) + _tail_lines(attachment)]
    if document.warnings:
        lines.append("Cảnh báo:")
        lines += [f"  - {warning}" for warning in document.warnings]
    return "\n".join(line for line in lines if line)


def _tail_lines(document: ParsedDocument | Attachment) -> list[str]:
    """What follows a body: passing formula, signatures, recipients, appendices, unplaced lines."""
    lines = [f"Thông qua: {_snippet(text)}" for text in document.closing]
    for signature in document.signatures:
        notes = "".join(f" ({note})" for note in signature.notes)
        parts = [*signature.authority, *signature.titles, signature.name + notes]
        lines.append("Ký: " + " / ".join(filter(None, parts)))
    if document.recipients:
        lines.append(f"Nơi nhận ({len(document.recipients)}):")
        lines += [f"  - {_snippet(text)}" for text in document.recipients]
    for appendix in document.appendices:
        tables = sum(isinstance(item, Table) for item in appendix.content)
        label = " ".join(filter(None, ["Phụ lục", appendix.number]))
        counts = f"{len(appendix.content) - tables} đoạn, {tables} bảng"
        lines.append(f"{label}. {appendix.title} ({counts})")
    if document.unplaced:
        lines.append(f"Chưa xác định ({len(document.unplaced)} dòng)")
    return lines


def _body_lines(body: tuple[BodyItem, ...]) -> list[str]:
    lines: list[str] = []
    open_levels: list[int] = []  # levels of the divisions the current item sits in
    for item in body:
        if type(item) in _LEVELS:
            level, word = _LEVELS[type(item)]
            open_levels = [lvl for lvl in open_levels if lvl < level]
            indent = "  " * len(open_levels)
            lines.append(f"{indent}{word} {item.number}. {item.heading}".rstrip(". "))
            open_levels.append(level)
            continue
        indent = "  " * len(open_levels)
        if isinstance(item, Article):
            # Articles without heading (decisions, old laws) show the start of their text.
            title = item.heading or _snippet(item.text)
            lines.append(f"{indent}Điều {item.number}. {title}".rstrip() + _counts(item))
        elif isinstance(item, Paragraph):
            lines.append(f"{indent}{_snippet(item.text)}")
        elif isinstance(item, Table):
            lines.append(f"{indent}[Bảng {len(item.rows)} dòng]")
    return lines


def _counts(article: Article) -> str:
    clauses = sum(1 for clause in article.clauses if clause.number)
    points = sum(len(clause.points) for clause in article.clauses)
    tables = len(article.tables) + sum(len(clause.tables) for clause in article.clauses)
    counts = ((clauses, "khoản"), (points, "điểm"), (tables, "bảng"))
    parts = [f"{n} {word}" for n, word in counts if n]
    return f" ({', '.join(parts)})" if parts else ""


def _snippet(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
