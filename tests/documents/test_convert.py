"""One converter for the DOCX import and the corpus import: parsed text -> page content."""

from documents.convert import page_content
from documents.parsing import (
    Article,
    Chapter,
    Clause,
    Header,
    Paragraph,
    ParsedDocument,
    Part,
    Point,
    Table,
)


def parsed(*body, preamble=("Căn cứ Luật Tổ chức chính quyền địa phương;",)) -> ParsedDocument:
    return ParsedDocument(
        header=Header(), preamble=preamble, body=body, recipients=("Như Điều 3;",)
    )


def test_stray_text_is_kept_where_it_stands_and_reported():
    content = page_content(
        parsed(
            Paragraph("Đoạn trước mọi điều."),
            Chapter("I", "QUY ĐỊNH CHUNG"),
            Paragraph("Đoạn dưới tên chương."),
            Article("1", "Phạm vi", "", (Clause("1", "Khoản một.", (Point("a", "Điểm a."),)),)),
            Paragraph("Đoạn sau khoản một."),
            Part("thứ hai", "QUY ĐỊNH CỤ THỂ"),
            Article("2", "Hiệu lực", "Có hiệu lực kể từ ngày ký."),
        )
    )
    assert [block["type"] for block in content.blocks] == [
        "chapter",
        "note",
        "article",
        "note",
        "article",
    ]
    assert content.preamble == [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Đoạn trước mọi điều.",
    ]
    assert content.blocks[1]["value"] == "Đoạn dưới tên chương."
    first, second = content.blocks[2]["value"], content.blocks[4]["value"]
    assert first["clauses"] == [
        {
            "number": "1",
            "text": "Khoản một.\nĐoạn sau khoản một.",
            "points": [{"letter": "a", "text": "Điểm a."}],
        }
    ]
    # A part has no block of its own: its heading is a note, not dropped.
    assert content.blocks[3]["value"] == "Phần thứ hai\nQUY ĐỊNH CỤ THỂ"
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
