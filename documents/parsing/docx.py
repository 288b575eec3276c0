"""DOCX reader: paragraphs and tables in document order, fed to the same parser as plain text."""

import os
import zipfile
import zlib
from collections.abc import Iterator
from os import PathLike
from typing import IO

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from documents.parsing.model import DocumentParseError, ParsedDocument, Table
from documents.parsing.numbering import Numbering
from documents.parsing.parser import Block, parse_blocks

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_W = f"{{{_NS['w']}}}"
# Runs of the paragraph itself, not of text boxes drawn inside it (Word stores those twice).
_TEXT_NODES = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent)]/*[self::w:t or self::w:tab or self::w:br or self::w:cr"
    " or self::w:noBreakHyphen]",
    namespaces=_NS,
)
_SPECIAL = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# python-docx has no protection against zip bombs (a 535 KB file took 1 GB): check the archive.
MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small members may compress very well without being a threat

Source = str | PathLike[str] | IO[bytes]
# What a damaged archive or part makes zipfile, python-docx and lxml raise.
_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    NotImplementedError,
    PackageNotFoundError,
    etree.LxmlError,
)


def parse_docx(source: Source) -> ParsedDocument:
    """Parse a DOCX file (path or binary file object). Raises DocumentParseError."""
    if isinstance(source, PathLike):
        source = os.fspath(source)
    _check_archive(source)
    try:
        document = docx.Document(source)
        numbering = Numbering(_numbering_element(document), document.styles.element)
        blocks = list(_walk(document.element.body, numbering))
    except _CORRUPT as error:
        raise DocumentParseError("Tệp DOCX bị hỏng, không đọc được nội dung") from error
    return parse_blocks(blocks)


def _check_archive(source: Source) -> None:
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as error:
        # Password-protected Word files are not zip archives either (OLE containers).
        raise DocumentParseError("Tệp không phải DOCX (hoặc bị hỏng, hoặc có mật khẩu)") from error
    finally:
        if position is not None:
            source.seek(position)  # type: ignore[union-attr]
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * member.compress_size
        for member in members
    )
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or bomb:
        raise DocumentParseError("Tệp DOCX quá lớn hoặc nén bất thường, không xử lý")


def _numbering_element(document: Document) -> etree._Element | None:
    # Not ``document.part.numbering_part``: it fails on files without numbering definitions.
    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element  # type: ignore[attr-defined]
    except KeyError:
        return None


def _walk(container: etree._Element, numbering: Numbering) -> Iterator[Block]:
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph_lines(child, numbering)
        elif child.tag == f"{_W}tbl":
            yield _table(child, numbering)
        elif child.tag == f"{_W}sdt":  # content control wrapping paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _walk(content, numbering)


def _paragraph_lines(paragraph: etree._Element, numbering: Numbering) -> list[str]:
    text = "".join(_SPECIAL.get(node.tag, node.text or "") for node in _TEXT_NODES(paragraph))
    # Line breaks inside a paragraph are lines too, as in the plain-text reader.
    return (numbering.label(paragraph) + text).split("\n")


def _table(table: etree._Element, numbering: Numbering) -> Table:
    rows = []
    for row in table.iterfind(f"{_W}tr"):
        # One w:tc per cell, however many grid columns it spans (python-docx repeats merged cells).
        cells = [el for el in _unwrap(row) if el.tag == f"{_W}tc"]
        rows.append(tuple("\n".join(_cell_lines(cell, numbering)) for cell in cells))
    return Table(tuple(rows))


def _cell_lines(cell: etree._Element, numbering: Numbering) -> list[str]:
    lines: list[str] = []
    for block in _walk(cell, numbering):
        if isinstance(block, Table):  # a nested table is flattened into the cell
            lines.extend(text for row in block.rows for text in row)
        else:
            lines.append(block)
    return lines


def _unwrap(row: etree._Element) -> Iterator[etree._Element]:
    for child in row.iterchildren():
        content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else None
        yield from (content.iterchildren() if content is not None else [child])
