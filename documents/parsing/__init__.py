"""Structure parser for Vietnamese legal texts, from plain text or DOCX.

``parse_text`` and ``parse_docx`` are two readers in front of one line parser; ``parse_bytes``
picks the reader from the content. No Django here: the parser is plain Python.
"""

from documents.parsing.detect import parse_bytes
from documents.parsing.docx import parse_docx
from documents.parsing.model import (
    Appendix,
    Article,
    Attachment,
    BodyItem,
    Chapter,
    Clause,
    DocumentParseError,
    Header,
    Paragraph,
    ParsedDocument,
    Part,
    Point,
    Section,
    Signature,
    Subsection,
    Table,
)
from documents.parsing.outline import format_json, format_outline
from documents.parsing.text import parse_text

__all__ = [
    "Appendix",
    "Article",
    "Attachment",
    "BodyItem",
    "Chapter",
    "Clause",
    "DocumentParseError",
    "Header",
    "Paragraph",
    "ParsedDocument",
    "Part",
    "Point",
    "Section",
    "Signature",
    "Subsection",
    "Table",
    "format_json",
    "format_outline",
    "parse_bytes",
    "parse_docx",
    "parse_text",
]
