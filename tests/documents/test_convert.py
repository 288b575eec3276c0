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
            Chapter("I", "QUY ĐỊNH CHUNG"),
            Paragraph("Đoạn trước mọi điều."),
            Article("1", "Phạm vi", "", (Clause("1", "Khoản một.", (Point("a", "Điểm a."),)),)),
            Paragraph("Đoạn sau khoản một."),
            Part("thứ hai", ""),
            Article("2", "Hiệu lực", "Có hiệu lực kể từ ngày ký."),
            Table((("Cột 1", "", "Cột 3"),)),
        )
    )
    assert [block["type"] for block in content.blocks] == ["chapter", "article", "article"]
    assert content.preamble == [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Đoạn trước mọi điều.",
    ]
    first, second = content.blocks[1]["value"], content.blocks[2]["value"]
    assert first["clauses"] == [
        {
            "number": "1",
            "text": "Khoản một.\nĐoạn sau khoản một.",
            "points": [{"letter": "a", "text": "Điểm a."}],
        }
    ]
    assert second["text"] == "Có hiệu lực kể từ ngày ký.\nCột 1 |  | Cột 3"
    assert content.recipients == ["Như Điều 3;"]
    doubts = "\n".join(content.doubts)
    assert "Đoạn trước mọi điều." in doubts and "nối vào Điều 1" in doubts
    assert "thứ hai" in doubts  # parts have no block: the heading is dropped


def test_a_text_without_articles_says_so():
    content = page_content(parsed(Paragraph("Một đoạn văn bản không có điều nào.")))
    assert content.blocks == []
    assert any("Không tìm thấy Điều nào" in doubt for doubt in content.doubts)
