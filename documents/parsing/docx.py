"""DOCX reader: paragraphs and tables in document order, fed to the same parser as plain text.

The main document is streamed (``package.py``): each paragraph, table row or other block is read
whole, turned into lines, then dropped. Whatever exceeds ``limits.ReadLimits`` is refused whole.
"""

import os
import zipfile
import zlib
from collections.abc import Iterator
from os import PathLike
from typing import IO

from docx.parts.styles import StylesPart
from lxml import etree

from documents.parsing.limits import DEFAULT_LIMITS, Budget, ReadLimits
from documents.parsing.model import DocumentParseError, ParsedDocument, Table
from documents.parsing.numbering import Numbering
from documents.parsing.package import CORRUPT, NUMBERING, STYLES, Package
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

Source = str | PathLike[str] | IO[bytes]
# What a damaged archive or part makes zipfile and lxml raise.
_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # an encrypted zip member
    etree.LxmlError,
)


def parse_docx(source: Source, *, limits: ReadLimits = DEFAULT_LIMITS) -> ParsedDocument:
    """Parse a DOCX file (path or binary file object). Raises DocumentParseError, and its
    subclass DocumentTooLarge past ``limits``."""
    budget = Budget(limits)
    return parse_blocks(read_blocks(source, budget=budget), budget=budget)


def read_blocks(source: Source, *, budget: Budget) -> list[Block]:
    """The document's lines and tables, in order, as the parser takes them."""
    if isinstance(source, PathLike):
        source = os.fspath(source)
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with Package(source, budget) as package:
            main = package.main_document()
            numbering = Numbering(
                _numbering(package, package.related(main, NUMBERING)),
                _styles(package, package.related(main, STYLES)),
            )
            return list(_body(package, main, numbering, budget))
    except DocumentParseError:
        raise
    except _CORRUPT as error:
        raise DocumentParseError(CORRUPT) from error
    finally:
        if position is not None:
            source.seek(position)  # type: ignore[union-attr]


def _numbering(package: Package, name: str | None) -> Iterator[etree._Element]:
    tags = [f"{_W}abstractNum", f"{_W}num"]
    return package.children(name, tags) if name is not None else iter(())


def _styles(package: Package, name: str | None) -> Iterator[etree._Element]:
    if name is not None:
        return package.children(name, [f"{_W}style"])
    # python-docx gives a document without styles its default ones (which number lists).
    return iter(etree.fromstring(StylesPart._default_styles_xml()))


_BODY, _P, _TBL, _TR, _SDT = (f"{_W}{tag}" for tag in ("body", "p", "tbl", "tr", "sdt"))
# Each becomes a line for the parser (a table row: a line of cells), so each is counted.
_LINES = {_P, f"{_W}br", f"{_W}cr", _TR}
# The elements the walk looks at as they end; anything else is read as part of one of them.
_TAGS = [*_LINES, _BODY, _TBL, _SDT]


def _body(package: Package, main: str, numbering: Numbering, budget: Budget) -> Iterator[Block]:
    """Blocks of w:body in order, each read whole and then dropped.

    The same walk as on python-docx's whole tree: paragraphs and tables of the body and of
    content controls (w:sdt, first w:sdtContent only) wrapping them; a table's direct rows.
    """
    rows: list[tuple[str, ...]] = []  # of the body-level table being read
    seen_body = False
    known: set[etree._Element] = set()  # containers met so far (w:body above all)

    def is_container(element: etree._Element | None) -> bool:
        if element in known:
            return True
        if _is_container(element):
            known.add(element)  # type: ignore[arg-type]
            return True
        return False

    for element in package.events(main, _TAGS):
        tag = element.tag
        if tag in _LINES:
            budget.line()
        parent = element.getparent()
        if tag == _BODY:
            seen_body = seen_body or is_container(element)
        elif tag == _TR and parent.tag == _TBL and is_container(parent.getparent()):
            rows.append(_row(element, numbering))
            package.release(element)
        elif is_container(parent):
            if tag == _P:
                lines = _paragraph_lines(element, numbering)
                budget.text(sum(map(len, lines)))
                yield from lines
            elif tag == _TBL:
                table, rows = Table(tuple(rows)), []
                budget.text(sum(len(cell) for row in table.rows for cell in row))
                yield table
            package.release(element)
        elif tag == _SDT and parent.tag == _TBL and is_container(parent.getparent()):
            package.release(element)  # rows wrapped in a content control: not read, as before
    if not seen_body:
        raise DocumentParseError(CORRUPT)


def _is_container(element: etree._Element | None) -> bool:
    """w:body, or the content of a content control that is itself in a container."""
    if element is None:
        return False
    if element.tag == f"{_W}sdtContent":
        sdt = element.getparent()
        return (
            sdt is not None
            and sdt.tag == _SDT
            and sdt.find(f"{_W}sdtContent") is element
            and _is_container(sdt.getparent())
        )
    parent = element.getparent()
    return (
        element.tag == _BODY
        and parent is not None
        and parent.getparent() is None
        and parent.find(f"{_W}body") is element
    )


def _walk(container: etree._Element, numbering: Numbering) -> Iterator[Block]:
    """The blocks inside a table cell (already in memory: the cell's row is read whole)."""
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph_lines(child, numbering)
        elif child.tag == f"{_W}tbl":
            yield Table(tuple(_row(row, numbering) for row in child.iterfind(f"{_W}tr")))
        elif child.tag == f"{_W}sdt":  # content control wrapping paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _walk(content, numbering)


def _paragraph_lines(paragraph: etree._Element, numbering: Numbering) -> list[str]:
    text = "".join(_SPECIAL.get(node.tag, node.text or "") for node in _TEXT_NODES(paragraph))
    # Line breaks inside a paragraph are lines too, as in the plain-text reader.
    return (numbering.label(paragraph) + text).split("\n")


def _row(row: etree._Element, numbering: Numbering) -> tuple[str, ...]:
    # One w:tc per cell, however many grid columns it spans (python-docx repeats merged cells).
    cells = [el for el in _unwrap(row) if el.tag == f"{_W}tc"]
    return tuple("\n".join(_cell_lines(cell, numbering)) for cell in cells)


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
