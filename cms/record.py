"""The canonical text of a legal document and its fingerprint.

The fingerprint is what makes "the text on the portal is the text that was issued" checkable:
SHA-256 over the canonical text, a plain UTF-8 rendering of the signed content (type, number,
issuer, dates, signer, title and summary, legal bases, every block of the body in order (chapter,
section, article with its clauses, points and tables, table, note, attached text, appendix),
recipients). Classification (sectors, relations, slug, SEO fields) is not part of
the signed text and not part of the fingerprint.

The rendering is fixed and documented (docs/workflow.md), so anyone holding the canonical text
(downloadable for every published document) can recompute the fingerprint with ``sha256sum``.
Each line is NFC with runs of white space collapsed; empty lines are dropped.
"""

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping

from cms.blocks import list_values, table_lines
from cms.text import nfc

_SPACE = re.compile(r"\s+")


def _line(text) -> str:
    return _SPACE.sub(" ", nfc(str(text or ""))).strip()


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _lines(text: str) -> list[str]:
    return [line for line in (_line(part) for part in (text or "").splitlines()) if line]


def _table(table) -> list[str]:
    return [_line(line) for line in table_lines(table)]


def body_lines(blocks: Iterable[Mapping]) -> Iterator[str]:
    """The body's text line by line, from raw StreamField data (``{"type", "value"}`` items).
    A table is a line per row, its cells joined by " | "."""
    for block in blocks:
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "chapter":
            yield _line(f"Chương {value.get('number', '')}. {value.get('heading') or ''}")
        elif kind == "section":
            yield _line(f"Mục {value.get('number', '')}. {value.get('heading') or ''}")
        elif kind == "article":
            yield _line(f"Điều {value.get('number', '')}. {value.get('heading') or ''}")
            yield from _lines(value.get("text") or "")
            for clause in list_values(value.get("clauses")):
                yield _line(f"{clause.get('number') or ''}. {clause.get('text') or ''}")
                for point in list_values(clause.get("points")):
                    yield _line(f"{point.get('letter') or ''}) {point.get('text') or ''}")
            for table in list_values(value.get("tables")):
                yield from _table(table)
        elif kind == "table":
            yield from _table(value)
        elif kind == "note":
            yield from _lines(value if isinstance(value, str) else "")
        elif kind == "attachment":
            yield _line(value.get("title"))
            yield from _lines(value.get("heading") or "")
            yield from _lines(value.get("note") or "")
        elif kind == "appendix":
            yield _line(f"Phụ lục {value.get('number') or ''}")
            yield from _lines(value.get("title") or "")
            for item in value.get("content") or ():
                if item.get("type") == "table":
                    yield from _table(item.get("value"))
                else:
                    yield from _lines(item.get("value") or "")


def canonical_text(page) -> str:
    """The signed content of a ``LegalDocumentPage`` (a row or a revision's object) as text."""
    fields = [
        ("Loại văn bản", page.document_type.name if page.document_type_id else ""),
        ("Số, ký hiệu", page.number),
        ("Cơ quan ban hành", page.issuing_body.name if page.issuing_body_id else ""),
        ("Ngày ban hành", _date(page.issued_on)),
        ("Ngày có hiệu lực", _date(page.effective_on)),
        ("Ngày hết hiệu lực", _date(page.expires_on)),
        ("Tên văn bản", page.title),
        ("Trích yếu", page.summary),
    ]
    lines = [_line(f"{label}: {value}") for label, value in fields]
    lines += [f"Căn cứ: {line}" for line in _lines(page.preamble)]
    lines += [line for line in body_lines(page.body.raw_data) if line]
    lines.append(_line(f"Người ký: {page.signer}"))
    lines += [f"Chức vụ: {line}" for line in _lines(page.signer_title)]
    lines += [f"Nơi nhận: {line}" for line in _lines(page.recipients)]
    return "\n".join(lines) + "\n"


def comparable_text(page) -> str:
    """What a signed PDF of the document carries word for word: its number ("Số: …", as the
    official layout writes it), title, legal bases, body, signer's title and name:
    the canonical text without its labels and dates (a PDF writes "ngày 02 tháng 4
    năm 2015") nor the recipients (laid out in columns)."""
    lines = [
        f"Số: {page.number}" if page.number else "",
        page.title,
        *page.preamble.splitlines(),
        *body_lines(page.body.raw_data),
        *page.signer_title.splitlines(),
        page.signer,
    ]
    return "\n".join(line for line in lines if line.strip())


def fingerprint(text: str) -> str:
    """SHA-256 of a canonical text, as 64 hexadecimal digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
