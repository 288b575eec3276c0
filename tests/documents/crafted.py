"""Hostile and extreme DOCX files, written as streams so building them stays cheap."""

import io
import os
import random
import struct
import zipfile
from collections.abc import Callable, Iterable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body>'
)
DOCUMENT_END = b"<w:sectPr/></w:body></w:document>"


def docx(body: Iterable[bytes], *, padding: int = 0) -> bytes:
    """A DOCX whose body is the given XML pieces; ``padding`` bytes of random data in a media
    part make the upload that much larger (it is never decompressed by the reader)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        with archive.open("word/document.xml", "w") as member:
            member.write(DOCUMENT_START)
            for piece in body:
                member.write(piece)
            member.write(DOCUMENT_END)
        if padding:
            archive.writestr("word/media/image1.png", os.urandom(padding), zipfile.ZIP_STORED)
    return buffer.getvalue()


def docx_with_document(document: bytes) -> bytes:
    """A DOCX whose word/document.xml is exactly ``document``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def tiny_paragraphs(count: int) -> Iterable[bytes]:
    """Paragraphs of a few characters, with the revision ids Word writes (they vary, so the
    file compresses like a real one: about 14 to 1)."""
    rnd = random.Random(1)
    for start in range(0, count, 10_000):
        yield b"".join(
            b'<w:p w:rsidR="%08X" w:rsidRDefault="%08X"><w:r><w:t>%d</w:t></w:r></w:p>'
            % (rnd.getrandbits(6), rnd.getrandbits(4), number)
            for number in range(start, min(start + 10_000, count))
        )


def tiny_runs() -> Iterable[bytes]:
    """Runs of a few characters, without end, varied like tiny_paragraphs."""
    rnd = random.Random(3)
    while True:
        yield b"".join(
            b'<w:r w:rsidR="%08X"><w:t>%d</w:t></w:r>' % (rnd.getrandbits(6), rnd.getrandbits(12))
            for _ in range(10_000)
        )


def until(size: int, pieces: Callable[[], Iterable[bytes]]) -> Iterable[bytes]:
    """Pieces from ``pieces()`` until ``size`` bytes of XML have been written."""
    written = len(DOCUMENT_START) + len(DOCUMENT_END)
    for piece in pieces():
        if written + len(piece) > size:
            return
        written += len(piece)
        yield piece


def claim_size(data: bytes, member: str, claimed: int) -> bytes:
    """The same zip, but its central directory says ``member`` unpacks to ``claimed`` bytes
    (a lying header: the data itself is unchanged)."""
    name = member.encode()
    position = 0
    while True:  # this member's central directory record
        position = data.index(b"PK\x01\x02", position)
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name:
            break
        position += 4
    patched = bytearray(data)
    struct.pack_into("<I", patched, position + 24, claimed)  # uncompressed size
    return bytes(patched)


_WORD_PARAGRAPH = (
    '<w:p w:rsidR="{a:08X}" w:rsidRDefault="{b:08X}" w:rsidP="{a:08X}"><w:pPr>'
    '<w:spacing w:before="120" w:after="120" w:line="288" w:lineRule="auto"/>'
    '<w:ind w:firstLine="567"/><w:jc w:val="both"/><w:rPr><w:sz w:val="28"/></w:rPr></w:pPr>'
    '<w:r w:rsidR="{b:08X}"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"'
    ' w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/>'
    '</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
)
_FILLER = "quy định về trình tự, thủ tục xây dựng và ban hành văn bản quy phạm pháp luật "


def legal_paragraphs(lines: int, width: int) -> Iterable[bytes]:
    """A decision as Word writes it (one formatted run per paragraph): a header, then an
    article every ten lines, each with clauses and points, every line ``width`` characters."""
    rnd = random.Random(2)
    header = ["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "Số: 01/2026/QĐ-UBND", "QUYẾT ĐỊNH"]
    article = 0
    for index in range(lines):
        if index < len(header):
            text = header[index]
        elif index % 10 == 3:
            article += 1
            text = f"Điều {article}. Nội dung {article} "
        elif index % 10 in (5, 6):
            text = "a) " if index % 10 == 5 else "b) "
        else:
            text = f"{index % 10}. "
        text = (text + _FILLER * (width // len(_FILLER) + 1))[:width].rstrip() + "."
        yield _WORD_PARAGRAPH.format(
            a=rnd.getrandbits(32), b=rnd.getrandbits(32), text=text
        ).encode()
