"""The whole text, structured: attached regulations, appendices with tables, tables written as
text, and what laws print above the preamble. Excerpts of real texts of the shared corpus."""

from documents.parsing import Appendix, Article, Attachment, Chapter, Paragraph, Table, parse_text

# Quyết định 20/2026/QĐ-UBND of Hà Nội (shortened): a decision issuing a regulation that has its
# own chapters, articles, signature and appendix, followed by a second attached regulation.
DECISION_WITH_TWO_REGULATIONS = """\
ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 20/2026/QĐ-UBND
Hà Nội, ngày 04 tháng 02 năm 2026
QUYẾT ĐỊNH
Ban hành Quy chế quản lý và sử dụng nguồn vốn ngân sách địa phương ủy thác
Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý và sử dụng nguồn vốn.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 16/02/2026.
Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, KTTH.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hà Minh Hải
QUY CHẾ
QUẢN LÝ VÀ SỬ DỤNG NGUỒN VỐN NGÂN SÁCH ĐỊA PHƯƠNG ỦY THÁC
(Ban hành kèm theo Quyết định số 20/2026/QĐ-UBND ngày 04 tháng 02 năm 2026)
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định về quản lý và sử dụng nguồn vốn ngân sách địa phương ủy thác.
Điều 2. Mức cho vay
1. Mức cho vay tối đa như sau:
| STT | Đối tượng | Mức cho vay |
||||
| 1 | Hộ nghèo | 100 triệu đồng |
| 2 | Hộ cận nghèo | 80 triệu đồng |
2. Thời hạn cho vay tối đa 5 năm.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3. Trách nhiệm thi hành
Sở Tài chính chủ trì thực hiện Quy chế này.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hà Minh Hải
PHỤ LỤC
MẪU BÁO CÁO KẾT QUẢ CHO VAY
| STT | Chỉ tiêu | Số liệu |
||||
| 1 | Dư nợ | |
QUY ĐỊNH
Về kiểm tra nguồn vốn
(Ban hành kèm theo Quyết định số 20/2026/QĐ-UBND)
Điều 1. Kiểm tra
Sở Tài chính kiểm tra hằng năm.
"""


def test_attached_regulations_are_read_as_documents_of_their_own():
    document = parse_text(DECISION_WITH_TWO_REGULATIONS)
    assert [a.number for a in document.articles()] == ["1", "2", "3"]
    assert document.signature.name == "Hà Minh Hải" and document.recipients[-1] == "Lưu: VT, KTTH."
    assert document.appendices == () and document.unplaced == ()
    first, second = document.attachments
    assert first == Attachment(
        title="QUY CHẾ",
        heading="QUẢN LÝ VÀ SỬ DỤNG NGUỒN VỐN NGÂN SÁCH ĐỊA PHƯƠNG ỦY THÁC",
        note="(Ban hành kèm theo Quyết định số 20/2026/QĐ-UBND ngày 04 tháng 02 năm 2026)",
        body=first.body,
        signatures=first.signatures,
        appendices=first.appendices,
    )
    assert [(item.type, item.number) for item in first.body] == [
        ("chapter", "I"),
        ("article", "1"),
        ("article", "2"),
        ("chapter", "II"),
        ("article", "3"),
    ]
    assert first.body[0] == Chapter("I", "NHỮNG QUY ĐỊNH CHUNG")
    loans: Article = first.body[2]
    assert [c.number for c in loans.clauses] == ["1", "2"]
    # The table written as text, under clause 1, is a table of rows and cells.
    assert loans.clauses[0].tables == (
        Table(
            (
                ("STT", "Đối tượng", "Mức cho vay"),
                ("1", "Hộ nghèo", "100 triệu đồng"),
                ("2", "Hộ cận nghèo", "80 triệu đồng"),
            )
        ),
    )
    assert loans.clauses[1].text == "Thời hạn cho vay tối đa 5 năm."
    # The regulation's own ending and appendix stay with it.
    assert [(s.authority, s.titles, s.name) for s in first.signatures] == [
        (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), ("PHÓ CHỦ TỊCH",), "Hà Minh Hải")
    ]
    assert first.appendices == (
        Appendix(
            "",
            "MẪU BÁO CÁO KẾT QUẢ CHO VAY",
            (Table((("STT", "Chỉ tiêu", "Số liệu"), ("1", "Dư nợ", ""))),),
        ),
    )
    assert (second.title, second.heading) == ("QUY ĐỊNH", "Về kiểm tra nguồn vốn")
    assert [a.number for a in second.articles()] == ["1"]
    assert not [w for w in document.warnings if "Điều" in w]


# Luật Quy hoạch 112/2025/QH15: the list issued with the law has sections and tables, no article:
# it is an appendix, not an attached regulation.
LAW_WITH_LIST = """\
Điều 1. Phạm vi điều chỉnh
Luật này quy định về quy hoạch.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 10 thông \
qua ngày 10 tháng 12 năm 2025.
CHỦ TỊCH QUỐC HỘI
Trần Thanh Mẫn
DANH MỤC QUY HOẠCH NGÀNH
(Ban hành kèm theo Luật Quy hoạch số 112/2025/QH15)
Mục 1. QUY HOẠCH NGÀNH
| TT | Tên quy hoạch ngành |
|||
| 1. | Quy hoạch mạng lưới đường bộ |
"""


def test_a_list_without_articles_issued_with_a_law_is_an_appendix():
    document = parse_text(LAW_WITH_LIST)
    assert document.attachments == ()
    assert document.closing[0].startswith("Luật này được Quốc hội")
    (appendix,) = document.appendices
    assert appendix == Appendix(
        "",
        "DANH MỤC QUY HOẠCH NGÀNH",
        (
            Paragraph("(Ban hành kèm theo Luật Quy hoạch số 112/2025/QH15)"),
            Paragraph("Mục 1. QUY HOẠCH NGÀNH"),
            Table((("TT", "Tên quy hoạch ngành"), ("1.", "Quy hoạch mạng lưới đường bộ"))),
        ),
    )


# Nghị quyết 84/NQ-HĐND of Lâm Đồng: a table written as text inside a clause.
RESOLUTION_WITH_TABLE = """\
Điều 1. Thông qua mức tỷ lệ phần trăm (%) cụ thể để xác định đơn giá thuê đất
1. Mức tỷ lệ phần trăm (%) cụ thể xác định đơn giá thuê đất trả tiền hàng năm:

| Khu vực | Tỷ lệ (%/năm) |

|||

| - Đất thuộc các khu công nghiệp trên địa bàn tỉnh | 0,8% |

2. Mức tỷ lệ phần trăm (%) để tính tiền thuê đối với đất xây dựng công trình ngầm.
Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


def test_a_table_written_as_text_is_a_table_of_its_clause():
    first, _ = parse_text(RESOLUTION_WITH_TABLE).articles()
    assert [c.number for c in first.clauses] == ["1", "2"]
    assert first.clauses[0].text.endswith("trả tiền hàng năm:")
    assert first.clauses[0].tables == (
        Table(
            (
                ("Khu vực", "Tỷ lệ (%/năm)"),
                ("- Đất thuộc các khu công nghiệp trên địa bàn tỉnh", "0,8%"),
            )
        ),
    )


# Luật 75/2006/QH11: who enacts and the session, printed between the header and the preamble.
LAW_2006 = """\
QUỐC HỘI
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 75/2006/QH11
Hà Nội, ngày 29 tháng 11 năm 2006
QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Khóa XI, kỳ họp thứ 10
(Từ ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006)
Căn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;
Điều 1. Phạm vi điều chỉnh
Luật này quy định về hiến, lấy, ghép mô.
"""


def test_the_enacting_body_and_session_of_a_law_are_kept():
    header = parse_text(LAW_2006).header
    assert header.authority == (
        "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Khóa XI, kỳ họp thứ 10"
        " (Từ ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006)"
    )
    assert (header.issuer, header.number) == ("QUỐC HỘI", "75/2006/QH11")


def test_a_list_keeps_its_signing_block_and_the_appendix_after_it():
    ending = "CHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn\nPHỤ LỤC II\nDANH MỤC KHÁC\nMột dòng.\n"
    text = LAW_WITH_LIST + ending
    first, second = parse_text(text).appendices
    assert [p.text for p in first.content[-2:]] == ["CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn"]
    assert (second.number, second.title) == ("II", "DANH MỤC KHÁC")
    assert second.content == (Paragraph("Một dòng."),)
