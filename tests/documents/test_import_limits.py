"""Bounded DOCX reading: each limit refuses a file whole with a Vietnamese reason, just past
the limit and not before; the crafted million-paragraph file is refused at the import screen
with nothing stored. (Memory and time are measured in test_import_memory.py.)"""

import io
from itertools import count

import pytest

from documents.parsing import DocumentParseError, parse_docx
from documents.parsing.docx import read_blocks
from documents.parsing.limits import Budget, DocumentTooLarge, ReadLimits
from documents.parsing.package import BoundedStream
from documents.parsing.parser import parse_blocks
from tests.documents import crafted


def lines_docx(count: int, text: str = "Nội dung") -> io.BytesIO:
    return io.BytesIO(crafted.docx(crafted.paragraph(f"{text} {n}") for n in range(count)))


def read(source, **limits) -> list:
    return read_blocks(source, budget=Budget(ReadLimits(**limits)))


def refusal(source, **limits) -> str:
    with pytest.raises(DocumentTooLarge) as caught:
        parse_docx(source, limits=ReadLimits(**limits))
    return str(caught.value)


# -- each limit, at its edge ----------------------------------------------------------------------


def test_paragraph_limit_counts_paragraphs_line_breaks_and_rows():
    assert len(read(lines_docx(100), paragraphs=100)) == 100
    assert "dài hơn 100 đoạn, dòng và hàng của bảng" in refusal(lines_docx(101), paragraphs=100)
    # One paragraph of 150 lines (Word's line breaks) counts as 150.
    broken = "<w:br/>".join(f"<w:t>dòng {n}</w:t>" for n in range(150))
    one_paragraph = crafted.docx([f"<w:p><w:r>{broken}</w:r></w:p>".encode()])
    assert "dài hơn 100 đoạn" in refusal(io.BytesIO(one_paragraph), paragraphs=100)
    # A table of 101 empty rows: each row is a line for the parser.
    rows = crafted.docx([b"<w:tbl>" + b"<w:tr><w:tc/></w:tr>" * 101 + b"</w:tbl>"])
    assert "dài hơn 100 đoạn" in refusal(io.BytesIO(rows), paragraphs=100)


def test_character_limit():
    source = lines_docx(10, "x" * 90)  # 10 lines of 92 characters
    assert sum(map(len, read(source, characters=920))) == 920
    assert "dài hơn 900 ký tự" in refusal(source, characters=900)


def test_uncompressed_size_is_checked_from_the_zip_directory_first():
    source = lines_docx(2000)  # about 80 KB of XML
    message = refusal(source, xml_bytes=50_000)
    assert "word/document.xml có" in message and "khi giải nén, vượt giới hạn" in message
    assert len(read(source, xml_bytes=200_000)) == 2000


def test_uncompressed_size_is_enforced_while_reading():
    # The stream counts what it really unpacks, whatever the directory claimed.
    budget = Budget(ReadLimits(xml_bytes=100_000))
    stream = BoundedStream(io.BytesIO(b"<a>" + b"<b/>" * 50_000), "word/document.xml", budget)
    with pytest.raises(DocumentTooLarge, match="vượt giới hạn"):
        while stream.read(64 * 1024):
            pass
    assert stream.size <= 100_000 + 64 * 1024  # stopped at the first chunk past the limit


def test_a_lying_zip_header_does_not_get_more_read():
    # The directory claims 5 KB for 80 KB of XML: the reader never gets past the claim
    # (zipfile stops there, the stream's own count would too) and the file is refused.
    data = crafted.docx(crafted.paragraph(f"Nội dung {n}") for n in range(2000))
    lying = crafted.claim_size(data, "word/document.xml", 5_000)
    with pytest.raises(DocumentParseError, match="bị hỏng"):
        parse_docx(io.BytesIO(lying))
    # Claiming more than the limit is refused before anything is unpacked.
    big_claim = io.BytesIO(crafted.claim_size(data, "word/document.xml", 150_000))
    assert "có 0,1 MB khi giải nén, vượt giới hạn" in refusal(big_claim, xml_bytes=100_000)


def test_element_limit():
    source = lines_docx(1000)  # 4 tags a paragraph, and the other parts
    assert "hơn 1.000 thành phần XML" in refusal(source, tags=2000)
    assert len(read(source, tags=10_000)) == 1000


def test_one_oversized_paragraph_or_row_is_refused_while_it_is_read():
    runs = b"".join("<w:r><w:t>chữ</w:t></w:r>".encode() for _ in range(20_000))  # ~520 KB
    one_paragraph = io.BytesIO(crafted.docx([b"<w:p>" + runs + b"</w:p>"]))
    assert "một đoạn văn hoặc một hàng của bảng lớn hơn" in refusal(
        one_paragraph, held_bytes=256 * 1024
    )
    cells = b"".join(
        "<w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc>".encode() for _ in range(20_000)
    )
    one_row = io.BytesIO(crafted.docx([b"<w:tbl><w:tr>" + cells + b"</w:tr></w:tbl>"]))
    assert "lớn hơn" in refusal(one_row, held_bytes=256 * 1024)
    # The same text as many paragraphs is read one paragraph at a time.
    many = io.BytesIO(crafted.docx(["<w:p><w:r><w:t>chữ</w:t></w:r></w:p>".encode() * 20_000]))
    assert len(read(many, held_bytes=256 * 1024)) == 20_000


def test_one_oversized_tag_or_text_run_is_refused_before_it_is_parsed():
    attributes = b"".join(b' w:a%d="1"' % n for n in range(20_000))
    tag = io.BytesIO(crafted.docx([b"<w:p" + attributes + b"/>"]))
    assert "một thẻ hoặc một đoạn chữ liền dài hơn" in refusal(tag, token_bytes=100_000)
    text = io.BytesIO(crafted.docx([crafted.paragraph("chữ " * 50_000)]))
    assert "một thẻ hoặc một đoạn chữ liền" in refusal(text, token_bytes=100_000)
    assert len(read(text, token_bytes=400_000)[0]) == len("chữ " * 50_000)


def test_time_budget_while_reading():
    assert "mất quá 0 giây" in refusal(lines_docx(10), seconds=0)


def test_time_budget_while_parsing():
    ticks = count()  # a clock that moves a second each time it is read
    budget = Budget(ReadLimits(seconds=10), clock=lambda: float(next(ticks)))
    lines = [  # 12.800 lines: the clock is read 51 times
        line for n in range(1, 2561) for line in [f"Điều {n}. Nội dung", "1. Khoản", "a) điểm"]
    ] + ["Nơi nhận:"] * 5120
    with pytest.raises(DocumentTooLarge, match="mất quá 10 giây"):
        parse_blocks(lines, budget=budget)
    relaxed = Budget(ReadLimits(seconds=10_000), clock=lambda: float(next(ticks)))
    assert len(parse_blocks(lines, budget=relaxed).articles()) == 2560


def test_entity_declarations_are_refused():
    document = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
        b'<w:document xmlns:w="'
        + crafted.W_NS.encode()
        + b'"><w:body>'
        + b"<w:p><w:r><w:t>&a;&a;&a;</w:t></w:r></w:p>" * 10
        + b"</w:body></w:document>"
    )
    evil = crafted.docx_with_document(document)
    with pytest.raises(DocumentParseError, match="bị hỏng"):
        parse_docx(io.BytesIO(evil))
    # The same in UTF-16, where "<!ENTITY" is not those bytes: read as UTF-8, it is refused.
    utf16 = document.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(DocumentParseError, match="bị hỏng"):
        parse_docx(io.BytesIO(crafted.docx_with_document(utf16.encode("utf-16"))))
