"""The official layout read back: Party headers, authority line and enacting formula, drafts,
signer names with notes, the closing "./." and the recipients and signature table.

The DOCX inputs are built here with python-docx the way ``documents.export.official`` lays them out
(borderless two-column header and signature tables) and the way real files vary from it.
"""

import io
from datetime import date

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from documents.parsing import Article, Header, Paragraph, Signature, parse_docx, parse_text
from documents.parsing.outline import format_outline

BLANK = "\u00a0" * 8  # what the exporter leaves for a number or date still to be filled in


def _borderless(table) -> None:
    sides = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{sides}</w:tblBorders>"))


def _fill(cell, lines) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _layout_table(document, *rows) -> None:
    """A borderless table, one list of lines per cell: rows of (left, right)."""
    table = document.add_table(rows=len(rows), cols=2)
    _borderless(table)
    for index, (left, right) in enumerate(rows):
        _fill(table.cell(index, 0), left)
        _fill(table.cell(index, 1), right)


def _docx(*parts) -> io.BytesIO:
    """Lines (str) become paragraphs; tuples of rows become borderless layout tables."""
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            _layout_table(document, *part)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def _state_header(number: str, place_date: str) -> tuple:
    """The exporter's header: issuer and motto in the first row, number and date in the second."""
    return (
        (["ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG", ""], [*MOTTO, ""]),
        ([number], [place_date]),
    )


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
SIGNATURE_TABLE = (
    (
        ["Nơi nhận:", "- Như Điều 3;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC."],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "(Demo) Trần Văn B"],
    ),
)
ARTICLES = [
    "Điều 1. Phạm vi điều chỉnh",
    "Quyết định này quy định việc phát ngôn.",
    "Điều 2. Hiệu lực thi hành",
    "1. Quyết định này có hiệu lực kể từ ngày ký.",
    "2. Bãi bỏ các quy định trước đây trái với Quyết định này.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.",
]


# --- 1. Party documents -----------------------------------------------------------------------

PARTY_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Cao Bằng, ngày 06 tháng 5 năm 2015"]
PARTY_HEADERS = {
    # As the exporter's author reported it: one row, everything of a side in one cell.
    "one row": ((["ĐẢNG BỘ TỈNH CAO BẰNG", "TỈNH ỦY", "*", "Số 56-CTr/TU"], PARTY_RIGHT),),
    # As the exporter writes it: number and date in a second row, level with each other.
    "two rows": (
        (["ĐẢNG BỘ TỈNH CAO BẰNG", "TỈNH ỦY", "*"], ["ĐẢNG CỘNG SẢN VIỆT NAM", "_______"]),
        (["Số 56-CTr/TU"], ["Cao Bằng, ngày 06 tháng 5 năm 2015"]),
    ),
}


def _party_programme(header) -> io.BytesIO:
    return _docx(
        header,
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "thực hiện Nghị quyết số 36-NQ/TW về đẩy mạnh ứng dụng công nghệ thông tin",
        "-----",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Nâng cao nhận thức của cấp ủy, tổ chức đảng về ứng dụng công nghệ thông tin.",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "Các cấp ủy, tổ chức đảng tổ chức quán triệt Nghị quyết./.",
        (
            (
                ["Nơi nhận:", "- Ban Bí thư (để báo cáo),", "- Lưu Văn phòng Tỉnh ủy."],
                ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "(Demo) Nguyễn Văn A"],
            ),
        ),
    )


@pytest.mark.parametrize("layout", PARTY_HEADERS)
def test_party_header_table_gives_number_date_and_type(layout):
    document = parse_docx(_party_programme(PARTY_HEADERS[layout]))
    assert document.header == Header(
        issuer="ĐẢNG BỘ TỈNH CAO BẰNG TỈNH ỦY",
        number="56-CTr/TU",
        place="Cao Bằng",
        date=date(2015, 5, 6),
        doc_type="CHƯƠNG TRÌNH HÀNH ĐỘNG",
        summary="thực hiện Nghị quyết số 36-NQ/TW về đẩy mạnh ứng dụng công nghệ thông tin",
        party=True,
    )
    # The header table is layout, not content: the body starts with the programme's text.
    assert document.body[0] == Paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    assert document.body[-1] == Paragraph(
        "Các cấp ủy, tổ chức đảng tổ chức quán triệt Nghị quyết./."
    )
    assert document.recipients == ("Ban Bí thư (để báo cáo),", "Lưu Văn phòng Tỉnh ủy.")
    assert document.signatures == (
        Signature(("T/M BAN THƯỜNG VỤ",), ("BÍ THƯ",), "Nguyễn Văn A", ("Demo",)),
    )
    assert document.warnings == () and document.unplaced == ()


def test_party_header_in_plain_text():
    text = (
        "ĐẢNG BỘ TỈNH CAO BẰNG\nTỈNH ỦY ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
        "Số 56 - CTr/TU Cao Bằng, ngày 06 tháng 5 năm 2015\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 36-NQ/TW\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức./.\n"
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn A\n"
    )
    document = parse_text(text)
    header = document.header
    assert (header.issuer, header.number, header.date) == (
        "ĐẢNG BỘ TỈNH CAO BẰNG TỈNH ỦY",
        "56-CTr/TU",
        date(2015, 5, 6),
    )
    assert header.party and header.doc_type == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert document.signature == Signature(("T/M BAN THƯỜNG VỤ",), ("PHÓ BÍ THƯ",), "Nguyễn Văn A")
    assert document.warnings == ()


def test_party_name_inside_a_summary_in_capitals_is_content():
    text = "TỈNH ỦY CAO BẰNG\nSố 12-NQ/TU\nNGHỊ QUYẾT\nVỀ XÂY DỰNG ĐẢNG CỘNG SẢN VIỆT NAM\n"
    header = parse_text(text).header
    assert header.summary == "VỀ XÂY DỰNG ĐẢNG CỘNG SẢN VIỆT NAM"
    assert not header.party


# --- 2. Authority line and enacting formula ---------------------------------------------------

PREAMBLE = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 12/TTr-STTTT;",
    "Xét Báo cáo thẩm định số 30/BC-STP ngày 02 tháng 3 năm 2026 của Sở Tư pháp.",
)


@pytest.mark.parametrize(
    ("authority_lines", "enacting"),
    [
        (["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"], "QUYẾT ĐỊNH:"),
        (["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"], "QUYẾT ĐỊNH:"),
        (["CHỦ TỊCH ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG"], "QUYẾT ĐỊNH :"),
        (["HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG", "KHÓA XVII, KỲ HỌP THỨ 5"], "QUYẾT NGHỊ:"),
    ],
)
def test_authority_and_enacting_formula_are_not_preamble(authority_lines, enacting):
    source = _docx(
        _state_header("Số: 15/2026/QĐ-UBND", "Cao Bằng, ngày 10 tháng 3 năm 2026"),
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí",
        "",  # the exporter's short rule under the summary: an empty paragraph with a border
        *authority_lines,
        *PREAMBLE,
        enacting,
        *ARTICLES,
        SIGNATURE_TABLE,
    )
    document = parse_docx(source)
    assert document.header.authority == " ".join(authority_lines)
    assert document.header.summary == "Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí"
    assert document.preamble == PREAMBLE
    assert document.enacting == enacting
    assert [a.number for a in document.articles()] == ["1", "2", "3"]
    assert document.warnings == ()


def test_authority_and_enacting_in_plain_text_without_blank_lines():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 7/QĐ-UBND\nCao Bằng, ngày 05 tháng 01 năm 2026\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nxét tuyển viên chức năm 2026\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
        "Xét đề nghị của Giám đốc Sở Nội vụ,\n"
        "QUYẾT ĐỊNH\n"  # written without its colon
        "Điều 1. Thành lập Tổ công tác.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
    )
    document = parse_text(text)
    assert document.header.summary == "Về việc thành lập Tổ công tác xét tuyển viên chức năm 2026"
    assert document.header.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
    assert document.preamble == (
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Xét đề nghị của Giám đốc Sở Nội vụ,",
    )
    assert document.enacting == "QUYẾT ĐỊNH"
    assert "Công thức ban hành: QUYẾT ĐỊNH" in format_outline(document)


def test_summary_in_capitals_ends_at_the_authority_line():
    text = (
        "QUỐC HỘI\nSố: 01/2026/QH15\nHà Nội, ngày 05 tháng 01 năm 2026\n"
        "NGHỊ QUYẾT\nVỀ CHƯƠNG TRÌNH GIÁM SÁT\nCỦA QUỐC HỘI NĂM 2027\n"
        "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "QUYẾT NGHỊ:\nĐiều 1. Thông qua Chương trình giám sát.\n"
    )
    document = parse_text(text)
    assert document.header.summary == "VỀ CHƯƠNG TRÌNH GIÁM SÁT CỦA QUỐC HỘI NĂM 2027"
    # "NƯỚC CỘNG HÒA ..." names the State here: it is not the motto, and stays.
    assert document.header.authority == "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert document.preamble == ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",)
    assert document.enacting == "QUYẾT NGHỊ:"


def test_decree_keeps_its_enacting_sentence_in_the_preamble():
    text = (
        "CHÍNH PHỦ\nSố: 1/2026/NĐ-CP\nHà Nội, ngày 05 tháng 01 năm 2026\nNGHỊ ĐỊNH\nQuy định X\n"
        "Căn cứ Luật Tổ chức Chính phủ;\nChính phủ ban hành Nghị định quy định X.\n"
        "Điều 1. Phạm vi\nNội dung.\n"
    )
    document = parse_text(text)
    assert document.preamble[-1] == "Chính phủ ban hành Nghị định quy định X."
    assert (document.enacting, document.header.authority) == ("", "")


# --- 3. Drafts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number_line", "template"),
    [
        (f"Số:{BLANK}/2026/QĐ-UBND", "/2026/QĐ-UBND"),
        ("Số: /QĐ-UBND", "/QĐ-UBND"),
        ("Số: ......../QĐ-UBND", "/QĐ-UBND"),
        ("Số: ____/2026/QĐ-UBND", "/2026/QĐ-UBND"),
    ],
)
@pytest.mark.parametrize(
    "date_line",
    [
        f"Cao Bằng, ngày{BLANK}tháng{BLANK}năm 2026",
        f"Cao Bằng, ngày{BLANK}tháng{BLANK}năm",
        "Cao Bằng, ngày ... tháng ... năm 20...",
        "Cao Bằng, ngày …… tháng …… năm 2026",
    ],
)
def test_draft_header_with_blank_number_and_date(number_line, template, date_line):
    source = _docx(
        _state_header(number_line, date_line),
        "DỰ THẢO",
        "QUYẾT ĐỊNH",
        "Ban hành Quy định về quản lý, ứng dụng chữ ký số",
        "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        "Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;",
        "QUYẾT ĐỊNH:",
        *ARTICLES,
        SIGNATURE_TABLE,
    )
    document = parse_docx(source)
    header = document.header
    assert (header.number, header.number_template, header.is_draft) == ("", template, True)
    assert (header.place, header.date) == ("Cao Bằng", None)
    assert (header.doc_type, header.authority) == ("QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG")
    assert header.summary == "Ban hành Quy định về quản lý, ứng dụng chữ ký số"
    assert document.preamble == ("Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;",)
    # No number and no date are expected in a draft: nothing to warn about.
    assert document.warnings == ()
    assert format_outline(document).splitlines()[0] == f"QUYẾT ĐỊNH số {template} (dự thảo)"


def test_party_draft_and_draft_mark_variants():
    text = (
        "TỈNH ỦY CAO BẰNG\n*\nSố" + BLANK + "-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Cao Bằng, ngày tháng năm 2026\n(Dự thảo lần 2)\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 36-NQ/TW\nI. MỤC ĐÍCH\n"
    )
    header = parse_text(text).header
    # The summary mentions a number ("số 36-NQ/TW"): it is not taken for the blank one.
    assert (header.number, header.number_template) == ("", "-CTr/TU")
    assert header.is_draft and header.party and header.date is None
    assert header.summary == "thực hiện Nghị quyết số 36-NQ/TW"
    for mark in ("DỰ THẢO", "Dự thảo lần 3", "DỰ THẢO 2", "[Dự thảo]"):
        marked = parse_text(f"{mark}\nSố: 5/2026/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc X\nĐiều 1. A\n")
        assert marked.header.is_draft, mark
        assert marked.header.number == "5/2026/QĐ-UBND"
        assert marked.header.issuer == ""
    issued = parse_text("Số: 5/2026/QĐ-UBND\nHà Nội, ngày 05 tháng 01 năm 2026\nQUYẾT ĐỊNH\nX\n")
    assert not issued.header.is_draft


def test_draft_mark_in_the_header_table_and_a_dated_draft_mark():
    source = _docx(
        (
            (["ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG"], ["Dự thảo ngày 12/5/2026", *MOTTO]),
            (["Số: /QĐ-UBND"], ["Cao Bằng, ngày tháng năm 2026"]),
        ),
        "QUYẾT ĐỊNH",
        "Về việc X",
        *ARTICLES,
    )
    header = parse_docx(source).header
    assert header.is_draft and header.issuer == "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"


# --- 4. Signer names with notes ---------------------------------------------------------------

BODY = "Điều 1. A\nNội dung./.\n"


@pytest.mark.parametrize(
    ("line", "name", "notes"),
    [
        ("(Demo) Nguyễn Văn A", "Nguyễn Văn A", ("Demo",)),
        ("Nguyễn Văn A (đã ký)", "Nguyễn Văn A", ("đã ký",)),
        ("(Đã ký) Lê Thị Bích Ngọc", "Lê Thị Bích Ngọc", ("Đã ký",)),
        ("[đã ký] Trần Văn B", "Trần Văn B", ("đã ký",)),
        ("Nguyễn Văn A", "Nguyễn Văn A", ()),
    ],
)
def test_signer_name_with_a_note_in_parentheses(line, name, notes):
    document = parse_text(BODY + f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{line}\n")
    assert document.signature == Signature(("TM. ỦY BAN NHÂN DÂN",), ("CHỦ TỊCH",), name, notes)
    law = parse_text(
        BODY.replace("./.", ".") + "Luật này đã được Quốc hội thông qua ngày 1 tháng 1 năm 2020.\n"
        f"CHỦ TỊCH QUỐC HỘI\n{line}\n"
    )
    assert (law.signature.titles, law.signature.name, law.signature.notes) == (
        ("CHỦ TỊCH QUỐC HỘI",),
        name,
        notes,
    )
    assert law.unplaced == ()


def test_placeholders_alone_are_still_skipped():
    document = parse_text(BODY + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n(Chữ ký, dấu)\nLê Văn C\n")
    assert document.signature == Signature(("KT. CHỦ TỊCH",), ("PHÓ CHỦ TỊCH",), "Lê Văn C")
    assert "Ký: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Lê Văn C" in format_outline(document)
    demo = parse_text(BODY + "GIÁM ĐỐC\n(Demo) Lê Văn C\n")
    assert "Ký: GIÁM ĐỐC / Lê Văn C (Demo)" in format_outline(demo)


# --- 5. The closing "./." and the recipients and signature table ------------------------------


def test_closing_mark_then_recipients_and_signature_table():
    document = parse_docx(
        _docx(
            _state_header("Số: 15/2026/QĐ-UBND", "Cao Bằng, ngày 10 tháng 3 năm 2026"),
            "QUYẾT ĐỊNH",
            "Về việc X",
            "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
            *PREAMBLE,
            "QUYẾT ĐỊNH:",
            *ARTICLES,
            SIGNATURE_TABLE,
        )
    )
    last = document.articles()[-1]
    assert (
        last.text
        == "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./."
    )
    assert document.recipients == ("Như Điều 3;", "Thường trực Tỉnh ủy;", "Lưu: VT, NC.")
    assert document.signature == Signature(
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), ("PHÓ CHỦ TỊCH",), "Trần Văn B", ("Demo",)
    )
    assert document.unplaced == () and document.warnings == ()


def test_signature_table_in_other_arrangements():
    """Recipients in a second row under the signature, and items without dashes."""
    document = parse_docx(
        _docx(
            "Điều 1. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 2. Các cơ quan chịu trách nhiệm thi hành Quyết định này./.",
            (
                ([""], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
                (["Nơi nhận:", "Như Điều 2;", "Lưu: VT."], ["", "Nguyễn Văn A (đã ký)"]),
            ),
        )
    )
    assert [a.number for a in document.articles()] == ["1", "2"]
    assert document.recipients == ("Như Điều 2;", "Lưu: VT.")
    assert document.signature == Signature(
        ("KT. CHỦ TỊCH",), ("PHÓ CHỦ TỊCH",), "Nguyễn Văn A", ("đã ký",)
    )
    assert document.unplaced == ()


def test_closing_mark_ends_the_body_before_a_signature_without_authority():
    text = (
        "Điều 1. Phạm vi\nNội dung.\n"
        "Điều 2. Trách nhiệm thi hành\nCác thành viên Đoàn chịu trách nhiệm thi hành./.\n"
        "TRƯỞNG ĐOÀN KIỂM TRA\n(Đã ký)\nNguyễn Văn A\n"
    )
    document = parse_text(text)
    assert document.articles()[-1].text == "Các thành viên Đoàn chịu trách nhiệm thi hành./."
    assert document.signature == Signature((), ("TRƯỞNG ĐOÀN KIỂM TRA",), "Nguyễn Văn A")
    # A name alone after "./." (old laws give no title) is a signature too.
    bare = parse_text("Điều 1. A\nNội dung./.\nTrần Văn B\n")
    assert bare.articles()[0].text == "Nội dung./."
    assert bare.signature.name == "Trần Văn B"


def test_closing_mark_on_a_line_of_its_own_ends_the_line_before():
    text = (
        "Điều 1. A\nNội dung.\nĐiều 2. B\n1. Khoản một.\na) điểm a;\nb) điểm b.\n./.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n"
    )
    document = parse_text(text)
    point = document.articles()[-1].clauses[0].points[-1]
    assert point.text == "điểm b./."
    assert document.recipients == ("Như Điều 2;", "Lưu: VT.")
    assert document.signature.name == "Nguyễn Văn A"
    paragraphs = parse_text("Kính gửi: Sở Tư pháp\nNội dung góp ý\n/.\nGIÁM ĐỐC\nNguyễn Văn A")
    assert paragraphs.body[-1] == Paragraph("Nội dung góp ý/.")


def test_closing_mark_inside_the_body_does_not_end_it():
    """An article that ends with "./." by mistake: the next article and chapter still follow."""
    text = (
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. A\nNội dung một./.\nĐiều 2. B\nNội dung hai./.\n"
        "Chương II\nTHI HÀNH\nĐiều 3. C\nNội dung ba./.\nNơi nhận:\n- Lưu: VT.\n"
    )
    document = parse_text(text)
    assert [a.number for a in document.articles()] == ["1", "2", "3"]
    assert isinstance(document.body[-1], Article) and document.body[-1].chapter == "II"
    assert document.recipients == ("Lưu: VT.",)
