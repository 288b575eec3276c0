"""One converter for the DOCX import and the corpus import: parsed text -> page content."""

import copy

import pytest
from wagtail.contrib.table_block.blocks import TableBlock

from documents.convert import page_content
from documents.parsing import (
    Appendix,
    Article,
    Attachment,
    Chapter,
    Clause,
    Header,
    Paragraph,
    ParsedDocument,
    Part,
    Point,
    Signature,
    Subsection,
    Table,
    parse_docx,
)
from documents.retention import CORPUS


def parsed(*body, preamble=("Căn cứ Luật Tổ chức chính quyền địa phương;",)) -> ParsedDocument:
    return ParsedDocument(
        header=Header(), preamble=preamble, body=body, recipients=("Như Điều 3;",)
    )


def test_stray_text_is_kept_where_it_stands_and_reported():
    content = page_content(
        parsed(
            Chapter("I", "QUY ĐỊNH CHUNG"),
            Paragraph("Đoạn trước mọi điều."),
            Article("1", "Phạm vi", "", (Clause("1", "Khoản một.", (Point("a", "Điểm a."),)),)),
            Paragraph("Đoạn sau khoản một."),
            Part("thứ hai", "QUY ĐỊNH CỤ THỂ"),
            Article("2", "Hiệu lực", "Có hiệu lực kể từ ngày ký."),
        )
    )
    assert [block["type"] for block in content.blocks] == ["chapter", "article", "note", "article"]
    assert content.preamble == [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Đoạn trước mọi điều.",
    ]
    first, second = content.blocks[1]["value"], content.blocks[3]["value"]
    assert first["clauses"] == [
        {
            "number": "1",
            "text": "Khoản một.\nĐoạn sau khoản một.",
            "points": [{"letter": "a", "text": "Điểm a."}],
        }
    ]
    # A part has no block of its own: its heading is a note, not dropped.
    assert content.blocks[2]["value"] == "Phần thứ hai\nQUY ĐỊNH CỤ THỂ"
    assert second["text"] == "Có hiệu lực kể từ ngày ký." and second["tables"] == []
    assert content.recipients == ["Như Điều 3;"]
    doubts = "\n".join(content.doubts)
    assert "Đoạn trước mọi điều." in doubts and "nối vào Điều 1" in doubts
    assert "thứ hai" not in doubts  # kept, nothing to report


def test_a_text_without_articles_keeps_it_as_a_note_and_says_so():
    content = page_content(
        parsed(Paragraph("Một đoạn văn bản không có điều nào."), Paragraph("Đoạn thứ hai."))
    )
    assert content.blocks == [
        {"type": "note", "value": "Một đoạn văn bản không có điều nào.\nĐoạn thứ hai."}
    ]
    assert content.preamble == ["Căn cứ Luật Tổ chức chính quyền địa phương;"]
    assert any("Không tìm thấy Điều nào" in doubt for doubt in content.doubts)


TABLE = Table((("STT", "Tên ĐVHC cấp xã", "Mức"), ("1", "Phường Tô Hiệu", "2,0%")))
TABLE_VALUE = {
    "data": [["STT", "Tên ĐVHC cấp xã", "Mức"], ["1", "Phường Tô Hiệu", "2,0%"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_caption": "",
}


def test_tables_stay_tables_in_articles_and_in_the_body():
    merged = Table((("Mã số", "Tên thủ tục"), ("Thủ tục cấp tỉnh",)))  # a row of merged cells
    content = page_content(
        parsed(
            Chapter("I", "QUY ĐỊNH CHUNG"),
            TABLE,
            Article(
                "1",
                "Mức thu",
                "Mức thu như sau:",
                (Clause("1", "Cấp xã:", tables=(merged,)),),
                tables=(TABLE,),
            ),
        )
    )
    assert [block["type"] for block in content.blocks] == ["chapter", "table", "article"]
    assert content.blocks[1]["value"] == TABLE_VALUE
    article = content.blocks[2]["value"]
    assert article["text"] == "Mức thu như sau:" and article["clauses"][0]["text"] == "Cấp xã:"
    # The article's own tables, then its clauses', after the clauses.
    assert article["tables"][0] == TABLE_VALUE
    assert article["tables"][1]["data"] == [["Mã số", "Tên thủ tục"], ["Thủ tục cấp tỉnh", ""]]
    assert any("Điều 1 có bảng với ô gộp" in doubt for doubt in content.doubts)


def test_table_values_are_wagtail_table_block_values():
    value = page_content(parsed(TABLE)).blocks[0]["value"]
    block = TableBlock()
    # Wagtail only adds which header it shows ("table_header_choice"), from the flags given.
    stored = block.get_prep_value(block.to_python(copy.deepcopy(value)))
    assert stored == {**value, "table_header_choice": "row"}


def test_closing_other_signatures_and_unplaced_lines_become_notes():
    document = ParsedDocument(
        header=Header(authority="QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Khóa XI"),
        preamble=("Căn cứ Hiến pháp;",),
        body=(Article("1", "Hiệu lực", "Luật này có hiệu lực từ ngày 01/7/2007."),),
        closing=("Luật này đã được Quốc hội khóa XI, kỳ họp thứ 10 thông qua ngày 29/11/2006.",),
        signatures=(
            Signature(("TM. CHÍNH PHỦ",), ("THỦ TƯỚNG",), "Nguyễn Văn A"),
            Signature(("TM. ĐOÀN CHỦ TỊCH",), ("CHỦ TỊCH",), "Trần Văn B"),
        ),
        unplaced=("(1) Tên cơ quan ban hành.",),
    )
    content = page_content(document)
    assert content.preamble == [
        "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Khóa XI",  # who enacts, first
        "Căn cứ Hiến pháp;",
    ]
    assert (content.signer, content.signer_title) == ("Nguyễn Văn A", "TM. CHÍNH PHỦ\nTHỦ TƯỚNG")
    assert content.blocks[1:] == [
        {
            "type": "note",
            "value": "Luật này đã được Quốc hội khóa XI, kỳ họp thứ 10 thông qua ngày 29/11/2006.",
        },
        {"type": "note", "value": "TM. ĐOÀN CHỦ TỊCH\nCHỦ TỊCH\nTrần Văn B"},
        {"type": "note", "value": "(1) Tên cơ quan ban hành."},
    ]


def test_appendices_keep_their_title_paragraphs_and_tables():
    document = ParsedDocument(
        header=Header(),
        body=(Article("1", "", "Ban hành kèm theo Nghị quyết này Phụ lục."),),
        appendices=(
            Appendix(
                "I",
                "MỨC TỶ LỆ PHẦN TRĂM",
                (Paragraph("(Ban hành kèm theo Nghị quyết số 607/NQ-HĐND)"), TABLE),
            ),
        ),
    )
    assert page_content(document).blocks[1] == {
        "type": "appendix",
        "value": {
            "number": "I",
            "title": "MỨC TỶ LỆ PHẦN TRĂM",
            "content": [
                {"type": "paragraph", "value": "(Ban hành kèm theo Nghị quyết số 607/NQ-HĐND)"},
                {"type": "table", "value": TABLE_VALUE},
            ],
        },
    }


def test_an_attached_regulation_opens_with_an_attachment_block_then_its_own_blocks():
    regulation = Attachment(
        title="QUY CHẾ",
        heading="Xây dựng văn bản",
        note="(Ban hành kèm theo Quyết định số 06/2026/QĐ-UBND)",
        body=(
            Paragraph("Văn bản này hướng dẫn chung."),
            Chapter("I", "NHỮNG QUY ĐỊNH CHUNG"),
            Article("1", "Phạm vi điều chỉnh", "Quy chế này quy định trình tự."),
            Subsection("1", "LẤY Ý KIẾN"),
            Article("2", "Lấy ý kiến", "", tables=(TABLE,)),
        ),
        signatures=(Signature(("TM. ỦY BAN NHÂN DÂN",), ("CHỦ TỊCH",), "Lê Văn Lương"),),
        appendices=(Appendix("", "MẪU BÁO CÁO", (Paragraph("Mẫu số 01"),)),),
    )
    document = ParsedDocument(
        header=Header(),
        body=(Article("1", "", "Ban hành kèm theo Quyết định này Quy chế."),),
        signatures=(Signature(("TM. ỦY BAN NHÂN DÂN",), ("CHỦ TỊCH",), "Lê Văn Lương"),),
        attachments=(regulation,),
    )
    content = page_content(document)
    assert [block["type"] for block in content.blocks] == [
        "article",
        "attachment",
        "note",
        "chapter",
        "article",
        "note",
        "article",
        "note",
        "appendix",
    ]
    assert content.blocks[1]["value"] == {
        "title": "QUY CHẾ",
        "heading": "Xây dựng văn bản",
        "note": "(Ban hành kèm theo Quyết định số 06/2026/QĐ-UBND)",
    }
    # Text before the attached document's first article is a note, not the page's preamble.
    assert content.blocks[2]["value"] == "Văn bản này hướng dẫn chung."
    assert content.preamble == []
    assert content.blocks[5]["value"] == "Tiểu mục 1\nLẤY Ý KIẾN"
    assert content.blocks[6]["value"]["tables"] == [TABLE_VALUE]
    assert content.blocks[7]["value"] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Lương"
    assert content.blocks[8]["value"]["title"] == "MẪU BÁO CÁO"
    assert any("“QUY CHẾ” được đọc thành 2 Điều" in doubt for doubt in content.doubts)


DIEN_BIEN = CORPUS / "docx-2025-2026" / "Quyet-dinh-06-2026-QD-UBND-Tinh-Dien-Bien.docx"


@pytest.mark.skipif(not DIEN_BIEN.exists(), reason=f"corpus not found: {CORPUS}")
def test_a_real_decision_stores_its_regulation_as_an_attachment():
    blocks = page_content(parse_docx(DIEN_BIEN)).blocks
    kinds = [block["type"] for block in blocks]
    assert kinds[:4] == ["article", "article", "article", "attachment"]
    assert blocks[3]["value"] == {
        "title": "QUY CHẾ",
        "heading": "XÂY DỰNG VÀ BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT CỦA ỦY BAN NHÂN DÂN VÀ CHỦ "
        "TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN",
        "note": "(Ban hành kèm theo Quyết định số: 06/2026/QĐ-UBND)",
    }
    assert kinds[4] == "chapter" and kinds.count("article") == 3 + 20
