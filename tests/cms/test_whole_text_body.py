"""The body holds the whole text: tables, notes, attached texts and appendices, on the
portal page, in the page's articles and table of contents, and in the canonical text."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from cms.blocks import article_anchor, placed_articles, placed_blocks
from cms.record import body_lines, canonical_text
from tests import factories
from tests.whole_text import WHOLE_BODY, whole_text_decision

pytestmark = pytest.mark.django_db

OLD_BODY = [
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    {"type": "section", "value": {"number": "1", "heading": ""}},
    {
        "type": "article",
        "value": {
            "number": "5a",
            "heading": "Người  phát ngôn",
            "text": "Mở đầu.\n\nDòng hai.",
            "clauses": [
                {
                    "number": "1",
                    "text": "Chủ tịch là người phát ngôn.",
                    "points": [{"letter": "đ", "text": "trường hợp đột xuất;"}],
                }
            ],
        },
    },
]


@pytest.fixture
def page():
    return whole_text_decision(factories.site_tree()[1])


def test_attachment_membership_and_anchors():
    placed = list(placed_blocks(WHOLE_BODY))
    assert [(p.kind, p.attachment, p.anchor) for p in placed] == [
        ("article", 0, "dieu-1"),
        ("article", 0, "dieu-2"),
        ("table", 0, ""),
        ("note", 0, ""),
        ("attachment", 1, "kt"),
        ("chapter", 1, ""),
        ("article", 1, "kt-dieu-1"),
        ("section", 1, ""),
        ("article", 1, "kt-dieu-5"),
        ("attachment", 2, "kt2"),
        ("article", 2, "kt2-dieu-1"),
        ("appendix", 0, "phu-luc-1"),
    ]
    assert article_anchor("5a") == "dieu-5a"  # the main text's anchors are unchanged


def test_articles_of_attached_texts_are_cited_as_such():
    articles = list(placed_articles(WHOLE_BODY))
    assert [a.citation for a in articles] == [
        "Điều 1",
        "Điều 2",
        "Điều 1 của Quy định ban hành kèm theo",
        "Điều 5 của Quy định ban hành kèm theo",
        "Điều 1 của Quy chế ban hành kèm theo",
    ]
    # The attached regulation's chapter is not the main text's.
    assert [a.chapter and a.chapter["number"] for a in articles] == [None, None, "I", "I", None]
    assert [a.section and a.section["number"] for a in articles] == [None, None, None, "1", None]


def test_page_shows_every_block_with_anchors_and_real_tables(client, page):
    html = client.get(page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    text = soup.select_one(".doc-text")
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert not [anchor for anchor, count in ids.items() if count > 1]  # ids are unique
    for anchor in ("dieu-1", "dieu-2", "kt", "kt-dieu-1", "kt-dieu-5", "kt2", "kt2-dieu-1"):
        assert text.find(id=anchor) is not None, anchor
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == [
        "#dieu-1",
        "#dieu-2",
        "#kt",
        "#kt-dieu-1",
        "#kt-dieu-5",
        "#kt2",
        "#kt2-dieu-1",
        "#phu-luc-1",
    ]
    assert soup.select_one('nav.toc a[href="#kt"]').get_text() == (
        "Quy định: Về quản lý cụm công nghiệp"
    )
    # The article's table: caption and a header row with column scopes.
    table = text.find(id="dieu-2").find("table")
    assert table.caption.get_text(strip=True) == "Chỉ tiêu giao năm 2026"
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")] == [
        "STT",
        "Đơn vị",
        "Chỉ tiêu",
    ]
    assert [td.get_text(strip=True) for td in table.select("tbody td")] == [
        "1",
        "Sở Tài chính",
        "120 hồ sơ",
    ]
    # The body's table has no header row: cells only.
    tables = text.find_all("table")
    assert len(tables) == 3  # the article's, the body's, the appendix's
    assert not tables[1].find("th") and tables[1].td.get_text() == "Mức phí"
    note = text.select_one("p.note")
    assert "Ghi chú: số liệu tạm tính." in note.get_text() and note.find("br")
    # Attached texts and appendices come after the main text's signature.
    order = [el.get("id") or el["class"][0] for el in text.select(".signature, [id]")]
    assert order.index("signature") < order.index("kt") < order.index("phu-luc-1")
    attachment = text.find(id="kt")
    assert "QUY ĐỊNH" in attachment.get_text() and "Ban hành kèm theo" in attachment.get_text()
    appendix = text.find(id="phu-luc-1")
    assert "Phụ lục I" in appendix.h2.get_text() and "DANH MỤC CỤM" in appendix.h2.get_text()
    assert "Danh mục gồm các cụm sau:" in appendix.get_text() and appendix.find("table")


def test_page_articles_include_attached_texts(page):
    assert [a.anchor for a in page.articles()] == [
        "dieu-1",
        "dieu-2",
        "kt-dieu-1",
        "kt-dieu-5",
        "kt2-dieu-1",
    ]


def test_canonical_text_of_an_old_body_is_unchanged():
    # As the canonical text wrote a body before tables, notes and attached texts existed.
    assert list(body_lines(OLD_BODY)) == [
        "Chương I. QUY ĐỊNH CHUNG",
        "Mục 1.",
        "Điều 5a. Người phát ngôn",
        "Mở đầu.",
        "Dòng hai.",
        "1. Chủ tịch là người phát ngôn.",
        "đ) trường hợp đột xuất;",
    ]


def test_canonical_text_holds_every_new_block(page):
    lines = canonical_text(page).splitlines()
    start = lines.index("Điều 1. Ban hành Quy định")
    assert lines[start : lines.index("Người ký: Nguyễn Văn A")] == [
        "Điều 1. Ban hành Quy định",
        "Ban hành kèm theo Quyết định này Quy định về quản lý.",
        "Điều 2. Chỉ tiêu",
        "Giao chỉ tiêu như sau:",
        "Chỉ tiêu giao năm 2026",
        "STT | Đơn vị | Chỉ tiêu",
        "1 | Sở Tài chính | 120 hồ sơ",
        "Mức phí | 50.000 đồng",
        "Lệ phí |",
        "Ghi chú: số liệu tạm tính.",
        "Nguồn: Sở Tài chính.",
        "QUY ĐỊNH",
        "Về quản lý cụm công nghiệp",
        "(Ban hành kèm theo Quyết định số 12/2026/QĐ-UBND ngày 05/3/2026)",
        "Chương I. QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy định này quy định việc quản lý cụm công nghiệp.",
        "Mục 1. Hồ sơ",
        "Điều 5. Hồ sơ",
        "Hồ sơ gồm các giấy tờ sau.",
        "QUY CHẾ",
        "Phối hợp",
        "Điều 1. Nguyên tắc phối hợp",
        "Phối hợp thường xuyên.",
        "Phụ lục I",
        "DANH MỤC CỤM CÔNG NGHIỆP",
        "Danh mục gồm các cụm sau:",
        "Chỉ tiêu giao năm 2026",
        "STT | Đơn vị | Chỉ tiêu",
        "1 | Sở Tài chính | 120 hồ sơ",
    ]
