"""DOCX parsing: Decree 30/2020/NĐ-CP and its appendices, and a generated file with numbering."""

import io
import json
import os
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from documents.parsing import (
    Article,
    Chapter,
    DocumentParseError,
    Section,
    Table,
    format_json,
    format_outline,
    parse_bytes,
    parse_docx,
)

DOCX_DIR = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus")) / "docx"
DECREE = DOCX_DIR / "ND30-2020-ND-CP_30_2020_ND_CP.docx"
needs_corpus = pytest.mark.skipif(not DECREE.exists(), reason=f"corpus not found: {DOCX_DIR}")


@pytest.fixture(scope="module")
def decree():
    return parse_docx(DECREE)


@needs_corpus
def test_decree_header_and_preamble(decree):
    header = decree.header
    assert header.issuer == "CHÍNH PHỦ"
    assert header.number == "30/2020/NĐ-CP"
    assert (header.place, header.date) == ("Hà Nội", date(2020, 3, 5))
    assert (header.doc_type, header.summary) == ("NGHỊ ĐỊNH", "Về công tác văn thư")
    assert decree.preamble == (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Bộ trưởng Bộ Nội vụ;",
        "Chính phủ ban hành Nghị định về công tác văn thư.",
    )
    assert decree.warnings == ()


@needs_corpus
def test_decree_chapters_sections_and_articles(decree):
    chapters = [item for item in decree.body if isinstance(item, Chapter)]
    assert [c.number for c in chapters] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert chapters[0].heading == "QUY ĐỊNH CHUNG"
    # A heading split by a line break inside the paragraph is joined again.
    assert chapters[4].heading == (
        "QUẢN LÝ, SỬ DỤNG CON DẤU VÀ THIẾT BỊ LƯU KHÓA BÍ MẬT TRONG CÔNG TÁC VĂN THƯ"
    )
    sections = [(s.number, s.heading) for s in decree.body if isinstance(s, Section)]
    assert sections == [
        ("1", "THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH"),
        ("2", "SOẠN THẢO VÀ KÝ BAN HÀNH VĂN BẢN HÀNH CHÍNH"),
        ("1", "QUẢN LÝ VĂN BẢN ĐI"),
        ("2", "QUẢN LÝ VĂN BẢN ĐẾN"),
        ("3", "SAO VĂN BẢN"),
    ]
    articles = decree.articles()
    assert [a.number for a in articles] == [str(n) for n in range(1, 39)]
    assert (articles[6].chapter, articles[6].section) == ("II", "1")
    assert (articles[27].chapter, articles[27].section) == ("IV", None)
    assert articles[37].heading == "Trách nhiệm thi hành"


@needs_corpus
def test_decree_clauses_and_points(decree):
    article = decree.articles()[3]
    assert article.heading == "Nguyên tắc, yêu cầu quản lý công tác văn thư"
    principle, requirements = article.clauses
    assert principle.text == (
        "Nguyên tắc\nCông tác văn thư được thực hiện thống nhất theo quy định của pháp luật."
    )
    assert [p.letter for p in requirements.points] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert len(decree.articles()[2].clauses) == 17


@needs_corpus
def test_decree_signature_and_recipients(decree):
    assert len(decree.signatures) == 1
    assert decree.signature.authority == ("TM. CHÍNH PHỦ",)
    assert decree.signature.titles == ("THỦ TƯỚNG",)
    assert decree.signature.name == "Nguyễn Xuân Phúc"
    recipients = decree.recipients
    assert len(recipients) == 21
    assert recipients[0] == "Ban Bí thư Trung ương Đảng;"
    assert recipients[2] == "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;"
    assert recipients[-1] == "Lưu: VT, HC (2)."
    assert decree.appendices == () and decree.unplaced == ()


APPENDICES = [
    ("Phuluc1", "I", "THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO VĂN BẢN", 4),
    ("Phuluc2", "II", "VIẾT HOA TRONG VĂN BẢN HÀNH CHÍNH", 0),
    (
        "Phuluc3",
        "III",
        "BẢNG CHỮ VIẾT TẮT TÊN LOẠI, MẪU TRÌNH BÀY VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO VĂN BẢN",
        48,
    ),
    ("Phuluc4", "IV", "MẪU VỀ QUẢN LÝ VĂN BẢN", 7),
    ("Phuluc5", "V", "LẬP HỒ SƠ VÀ GIAO NỘP HỒ SƠ, TÀI LIỆU VÀO LƯU TRỮ CƠ QUAN", 9),
    ("Phuluc6", "VI", "HỆ THỐNG QUẢN LÝ TÀI LIỆU ĐIỆN TỬ", 3),
]


@needs_corpus
@pytest.mark.parametrize(("name", "number", "title", "tables"), APPENDICES)
def test_decree_appendix_files(name, number, title, tables):
    document = parse_docx(DOCX_DIR / f"ND30-2020-ND-CP_{name}.docx")
    assert document.body == () and document.signatures == ()
    (appendix,) = document.appendices
    assert (appendix.number, appendix.title) == (number, title)
    assert appendix.content[0].text == "(Kèm theo Nghị định số 30/2020/NĐ-CP"
    assert sum(isinstance(item, Table) for item in appendix.content) == tables
    assert document.warnings == ("Tệp chỉ có phụ lục, không có phần đầu và nội dung văn bản",)


@needs_corpus
def test_appendix_tables_keep_cells_and_automatic_numbers():
    document = parse_docx(DOCX_DIR / "ND30-2020-ND-CP_Phuluc3.docx")
    abbreviations = next(c for c in document.appendices[0].content if isinstance(c, Table))
    assert abbreviations.rows[0] == ("STT", "Tên loại văn bản hành chính", "Chữ viết tắt")
    assert abbreviations.rows[1] == ("1.", "Nghị quyết (cá biệt)", "NQ")
    # The STT column is Word numbering: 27 administrative types, then a new list of 3 copies.
    numbers = [row[0] for row in abbreviations.rows[1:]]
    assert numbers == [f"{n}." for n in range(1, 28)] + [""] + [f"{n}." for n in range(1, 4)]
    layout = parse_docx(DOCX_DIR / "ND30-2020-ND-CP_Phuluc1.docx").appendices[0].content
    specimen = [c for c in layout if isinstance(c, Table)][2]
    # A cell merged across four grid columns is one cell, not four copies.
    assert specimen.rows[0][-1] == "Ví dụ minh hoạ" and len(specimen.rows[0]) == 6


@needs_corpus
def test_reader_chosen_by_content_and_json_output():
    data = DECREE.read_bytes()
    document = parse_bytes(data)
    assert document == parse_docx(DECREE)
    as_json = json.loads(format_json(document))
    assert as_json["header"]["number"] == "30/2020/NĐ-CP"
    assert sum(item["type"] == "article" for item in as_json["body"]) == 38
    assert "Chương VII. ĐIỀU KHOẢN THI HÀNH" in format_outline(document)


# --- A generated DOCX: automatic numbering, merged cells, layout tables ----------------------

_LISTS = {
    # numId: levels as (numFmt, lvlText, suffix)
    "90": [
        ("decimal", "Điều %1.", "space"),
        ("decimal", "%2.", "space"),
        ("lowerLetter", "%3)", "space"),
    ],
    "91": [("upperRoman", "Chương %1.", "space")],
    "92": [("bullet", "\uf0b7", "tab")],
}


def _add_lists(document):
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for num_id, levels in _LISTS.items():
        levels_xml = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/></w:lvl>'
            for i, (fmt, text, suffix) in enumerate(levels)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{levels_xml}</w:abstractNum>'
        )
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
        num = (
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
        )
        numbering.append(parse_xml(num))


def _numbered(container, text, num_id, level=0):
    paragraph = container.add_paragraph(text)
    num_pr = (
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))
    return paragraph


def _cell_lines(cell, lines, bullets=()):
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    for line in bullets:
        _numbered(cell, line, "92")


def _generated_decision() -> bytes:
    document = docx.Document()
    _add_lists(document)
    header = document.add_table(rows=1, cols=2)
    issuer = header.cell(0, 0).paragraphs[0].add_run("ỦY BAN NHÂN DÂN")
    issuer.add_break()  # two lines in one paragraph
    issuer.add_text("TỈNH QUẢNG NAM")
    header.cell(0, 0).add_paragraph("Số: 629/QĐ-UBND")
    _cell_lines(
        header.cell(0, 1),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Quảng Nam, ngày 20 tháng 10 năm 2015",
        ],
    )
    for line in ["QUYẾT ĐỊNH", "Về việc thành lập Ban chỉ đạo", "________"]:
        document.add_paragraph(line)
    document.add_paragraph("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    document.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương;")
    document.add_paragraph("QUYẾT ĐỊNH:")
    _numbered(document, "QUY ĐỊNH CHUNG", "91")
    _numbered(document, "Thành lập Ban chỉ đạo", "90")
    _numbered(document, "Thành phần:", "90", 1)
    _numbered(document, "Trưởng ban;", "90", 2)
    _numbered(document, "Thành viên.", "90", 2)
    members = document.add_table(rows=2, cols=3)
    members.cell(0, 0).merge(members.cell(0, 1)).text = "Thành viên"
    members.cell(0, 2).text = "Ghi chú"
    for col, text in enumerate(["1", "Nguyễn Văn A", "Trưởng ban"]):
        members.cell(1, col).text = text
    _numbered(document, "Nhiệm vụ: tham mưu.", "90", 1)
    _numbered(document, "Quyết định này có hiệu lực kể từ ngày ký./.", "90")
    signature = document.add_table(rows=1, cols=2)
    _cell_lines(signature.cell(0, 0), ["Nơi nhận:"], bullets=["Như Điều 2;", "Lưu: VT."])
    _cell_lines(signature.cell(0, 1), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Văn B"])
    document.add_paragraph("Phụ lục I")
    document.add_paragraph("DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO")
    document.add_table(rows=2, cols=2).cell(1, 1).text = "Nguyễn Văn A"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_generated_docx_with_word_numbering():
    document = parse_docx(io.BytesIO(_generated_decision()))
    header = document.header
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert (header.number, header.date) == ("629/QĐ-UBND", date(2015, 10, 20))
    assert (header.doc_type, header.summary) == ("QUYẾT ĐỊNH", "Về việc thành lập Ban chỉ đạo")
    # The authority line and the enacting formula frame the preamble; they are not part of it.
    assert header.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert document.preamble == ("Căn cứ Luật Tổ chức chính quyền địa phương;",)
    assert document.enacting == "QUYẾT ĐỊNH:"
    assert document.body[0] == Chapter("I", "QUY ĐỊNH CHUNG")
    first, second = (item for item in document.body if isinstance(item, Article))
    assert (first.number, first.heading, first.chapter) == ("1", "Thành lập Ban chỉ đạo", "I")
    assert [(c.number, c.text) for c in first.clauses] == [
        ("1", "Thành phần:"),
        ("2", "Nhiệm vụ: tham mưu."),
    ]
    assert [(p.letter, p.text) for p in first.clauses[0].points] == [
        ("a", "Trưởng ban;"),
        ("b", "Thành viên."),
    ]
    # The data table stays where it is, in clause 1; merged cells are not repeated.
    assert first.clauses[0].tables == (
        Table((("Thành viên", "Ghi chú"), ("1", "Nguyễn Văn A", "Trưởng ban"))),
    )
    assert (second.number, second.heading) == ("2", "")
    assert second.text == "Quyết định này có hiệu lực kể từ ngày ký./."
    assert document.recipients == ("Như Điều 2;", "Lưu: VT.")
    assert document.signature.authority == ("KT. CHỦ TỊCH",)
    assert (document.signature.titles, document.signature.name) == (("PHÓ CHỦ TỊCH",), "Trần Văn B")
    (appendix,) = document.appendices
    assert (appendix.number, appendix.title) == ("I", "DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO")
    assert appendix.content == (Table((("", ""), ("", "Nguyễn Văn A"))),)
    assert document.warnings == ()


def test_generated_docx_is_recognised_by_content():
    data = _generated_decision()
    assert parse_bytes(data) == parse_docx(io.BytesIO(data))


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def test_bad_files_raise_a_clear_error():
    with pytest.raises(DocumentParseError, match="không phải DOCX"):
        parse_docx(io.BytesIO(b"plain text, not a zip"))
    with pytest.raises(DocumentParseError, match="bị hỏng"):
        parse_docx(_zip({"word/document.xml": b"<w:document/>"}))  # no [Content_Types].xml
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (3 << 20)})
    with pytest.raises(DocumentParseError, match="nén bất thường"):
        parse_docx(bomb)
    with pytest.raises(DocumentParseError):
        parse_bytes(b"PK\x03\x04 truncated")
