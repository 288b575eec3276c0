"""Choose the reader from the content, not the file name."""

import io

from documents.parsing.docx import parse_docx
from documents.parsing.model import DocumentParseError, ParsedDocument
from documents.parsing.text import parse_text

ZIP_MAGIC = b"PK\x03\x04"
# Old binary .doc files, and DOCX files saved with a password, are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def parse_bytes(data: bytes) -> ParsedDocument:
    """Parse a DOCX (zip) or UTF-8 text file given as bytes. Raises DocumentParseError."""
    if data.startswith(ZIP_MAGIC):
        return parse_docx(io.BytesIO(data))
    if data.startswith(OLE_MAGIC):
        raise DocumentParseError("Tệp Word cũ (.doc) hoặc tệp có mật khẩu: không hỗ trợ")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentParseError("Tệp không phải DOCX hoặc văn bản UTF-8") from error
    return parse_text(text)
