"""Header and tail faults found on real texts (issue 13), each on a short excerpt of its kind."""

from datetime import date

from documents.parsing import parse_text

# A web export (as the 2025-2026 DOCX of the shared corpus): a title line above the header, and
# the header's two columns joined on one line with "|".
EXPORTED_CIRCULAR = """\
Thông tư 12/2025/TT-BTC hướng dẫn quản lý phí thẩm định hồ sơ
BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Số: 12/2025/TT-BTC | Hà Nội, ngày 14 tháng 3 năm 2025

THÔNG TƯ

HƯỚNG DẪN QUẢN LÝ PHÍ THẨM ĐỊNH HỒ SƠ

Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015;

Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn quản lý phí thẩm định hồ sơ.

Điều 1. Phạm vi điều chỉnh
Thông tư này hướng dẫn quản lý phí thẩm định hồ sơ.
"""


def test_title_line_and_header_row_joined_with_a_bar():
    document = parse_text(EXPORTED_CIRCULAR)
    header = document.header
    assert header.title_line.startswith("Thông tư 12/2025/TT-BTC hướng dẫn")
    assert header.issuer == "BỘ TÀI CHÍNH"
    assert header.number == "12/2025/TT-BTC"
    assert (header.place, header.date) == ("Hà Nội", date(2025, 3, 14))
    assert header.doc_type == "THÔNG TƯ"
    assert header.summary == "HƯỚNG DẪN QUẢN LÝ PHÍ THẨM ĐỊNH HỒ SƠ"
    assert document.preamble[0].startswith("Căn cứ Luật Phí và lệ phí")
    assert not any(w.startswith("Không tìm thấy") for w in document.warnings)


def test_a_bar_outside_a_header_row_is_text():
    text = "Giá trị | Ghi chú\nĐiều 1. Phạm vi\nNội dung.\n"
    document = parse_text(text)
    assert document.header.title_line == ""
    assert document.preamble == ("Giá trị | Ghi chú",)


# The banking texts space the number out: "Số : 65/ 2025/TT-NHNN".
SPACED_NUMBER = """\
NGÂN HÀNG NHÀ NƯỚC VIỆT NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số : 65/ 2025/TT-NHNN
Hà Nội, ngày 31 tháng 12 năm 2025
THÔNG TƯ
QUY ĐỊNH VỀ HỆ THỐNG KIỂM SOÁT NỘI BỘ
Căn cứ Luật Ngân hàng Nhà nước Việt Nam ngày 16 tháng 6 năm 2010;
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về hệ thống kiểm soát nội bộ.
"""


def test_number_with_spaces_around_the_colon_and_after_a_slash():
    header = parse_text(SPACED_NUMBER).header
    assert header.number == "65/2025/TT-NHNN"
    assert header.date == date(2025, 12, 31)
    spaced = parse_text(SPACED_NUMBER.replace("65/ 2025/TT-NHNN", "65/ 2025/ TT-NHNN")).header
    assert spaced.number == "65/2025/TT-NHNN"
    # On one line with the place and date, the date is still read.
    joined = SPACED_NUMBER.replace("TT-NHNN\nHà Nội", "TT-NHNN Hà Nội")
    assert (parse_text(joined).header.number, parse_text(joined).header.date) == (
        "65/2025/TT-NHNN",
        date(2025, 12, 31),
    )


# A law as the national database gives it: no "Hà Nội, ngày ..." in the header.
LAW_WITHOUT_HEADER_DATE = """\
QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 47/2024/QH15
LUẬT
PHÒNG THỦ DÂN SỰ
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Phòng thủ dân sự.
Điều 1. Phạm vi điều chỉnh
Luật này quy định về phòng thủ dân sự.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 8 \
thông qua ngày 30 tháng 11 năm 2024.
CHỦ TỊCH QUỐC HỘI
Trần Thanh Mẫn
"""


def test_law_dated_by_its_passing_line():
    document = parse_text(LAW_WITHOUT_HEADER_DATE)
    assert document.closing[0].startswith("Luật này đã được Quốc hội")
    assert document.header.date == date(2024, 11, 30)
    assert document.header.place == ""
    assert "Không tìm thấy ngày ban hành" not in document.warnings
    # A date in the header wins over the passing line.
    dated = LAW_WITHOUT_HEADER_DATE.replace("QH15\n", "QH15\nHà Nội, ngày 02 tháng 12 năm 2024\n")
    assert parse_text(dated).header.date == date(2024, 12, 2)


# The national database writes who signed as "Đã ký: <name>" under the signer's title.
SIGNED_DECREE_TAIL = """\
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về quản lý phí.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày ký./.
Nơi nhận:
- Các bộ, cơ quan ngang bộ;
- Lưu: VT, KTTH.
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Đã ký: Hồ Đức Phớc
"""


def test_signed_by_line_gives_the_signer_name():
    document = parse_text(SIGNED_DECREE_TAIL)
    signature = document.signature
    assert signature.authority == ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG")
    assert signature.titles == ("PHÓ THỦ TƯỚNG",)
    assert (signature.name, signature.notes) == ("Hồ Đức Phớc", ("Đã ký",))
    assert document.unplaced == ()
    # Right after the closing mark, without recipients, too.
    short = parse_text(
        "Điều 1. Hiệu lực\nQuyết định này có hiệu lực kể từ ngày ký./.\nĐã ký: Lê Văn B\n"
    )
    assert short.signature.name == "Lê Văn B"


# A decision "ban hành Quy định": the regulation follows the signature with its own chapters.
DECISION_WITH_ATTACHED_REGULATION = """\
Điều 1. Ban hành kèm theo Quyết định này Quy định về thu hút chuyên gia.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
QUY ĐỊNH
VỀ THU HÚT CHUYÊN GIA (Ban hành kèm theo Quyết định số 05/2026/QĐ-UBND)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này điều chỉnh việc thu hút chuyên gia.
CHƯƠNG II
TỔ CHỨC THỰC HIỆN
Điều 2. Trách nhiệm thi hành
Sở Nội vụ chủ trì thực hiện Quy định này.
"""


def test_chapters_of_an_attached_regulation_are_no_signer_names():
    document = parse_text(DECISION_WITH_ATTACHED_REGULATION)
    assert [(s.titles, s.name) for s in document.signatures] == [(("CHỦ TỊCH",), "Nguyễn Văn A")]
    assert [a.number for a in document.articles()] == ["1", "2"]
    assert document.appendices == ()
    # The regulation is read as a document of its own: title, chapters, articles.
    (attached,) = document.attachments
    assert (attached.title, attached.heading, attached.note) == (
        "QUY ĐỊNH",
        "VỀ THU HÚT CHUYÊN GIA",
        "(Ban hành kèm theo Quyết định số 05/2026/QĐ-UBND)",
    )
    assert [(item.type, item.number) for item in attached.body] == [
        ("chapter", "I"),
        ("article", "1"),
        ("chapter", "II"),
        ("article", "2"),
    ]
    assert attached.body[0].heading == "QUY ĐỊNH CHUNG"
    assert attached.articles()[-1].text == "Sở Nội vụ chủ trì thực hiện Quy định này."
    assert attached.signatures == () and attached.unplaced == ()
    assert document.unplaced == ()


# A circular as printed in the official gazette: the running head and page number of every page.
GAZETTE_CIRCULAR = """\
CÔNG BÁO/Số 255/Ngày 28-04-2026
3

BỘ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/2026/TT-BTC
Hà Nội, ngày 15 tháng 4 năm 2026
THÔNG TƯ
Hướng dẫn chế độ báo cáo thống kê ngành tài chính
Căn cứ Luật Thống kê ngày 23 tháng 11 năm 2015;
Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn chế độ báo cáo thống kê ngành tài chính.
Điều 1. Phạm vi điều chỉnh
Thông tư này hướng dẫn chế độ báo cáo thống kê ngành tài chính, gồm:
1. Danh mục biểu mẫu báo cáo;
4
CÔNG BÁO/Số 255/Ngày 28-04-2026
2. Thời hạn gửi báo cáo là 15 ngày.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 6 năm 2026./.
CÔNG BÁO/Số 255 + 256/Ngày 28-04-2026 5
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Đức Chi
"""


def test_gazette_running_heads_and_page_numbers_are_dropped():
    document = parse_text(GAZETTE_CIRCULAR)
    header = document.header
    assert header.issuer == "BỘ TÀI CHÍNH"
    assert header.number == "31/2026/TT-BTC"
    assert (header.place, header.date) == ("Hà Nội", date(2026, 4, 15))
    assert header.doc_type == "THÔNG TƯ"
    first, second = document.articles()
    assert [(c.number, c.text) for c in first.clauses] == [
        ("1", "Danh mục biểu mẫu báo cáo;"),
        ("2", "Thời hạn gửi báo cáo là 15 ngày."),
    ]
    assert second.text == "Thông tư này có hiệu lực từ ngày 01 tháng 6 năm 2026./."
    assert (document.signature.titles, document.signature.name) == (
        ("THỨ TRƯỞNG",),
        "Nguyễn Đức Chi",
    )
    # Said, not silent: 3 running heads and 2 page numbers on lines of their own.
    assert "Đã bỏ 5 dòng đầu trang Công báo (tên, số, ngày Công báo, số trang)" in document.warnings


def test_numbers_away_from_a_running_head_are_text():
    text = "Điều 1. Mức thu\nMức thu là:\n15\nđồng mỗi hồ sơ.\n"
    document = parse_text(text)
    assert document.articles()[0].text == "Mức thu là:\n15\nđồng mỗi hồ sơ."
    assert not any("Công báo" in w for w in document.warnings)


def test_signature_row_joined_with_the_recipients_and_flattened():
    document = parse_text(
        EXPORTED_CIRCULAR
        + "Điều 2. Thông tư này có hiệu lực kể từ ngày 01 tháng 5 năm 2025./.\n"
        + "Nơi nhận: - Như Điều 2; - Lưu: VT, CST. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Cao Anh Tuấn\n"
    )
    assert document.recipients == ("Như Điều 2; - Lưu: VT, CST.",)
    signature = document.signature
    assert (signature.authority, signature.titles) == (("KT. BỘ TRƯỞNG",), ("THỨ TRƯỞNG",))
    assert signature.name == "Cao Anh Tuấn"
    # A law's title and signer on one line; a signature line right after the closing mark.
    law = parse_text(LAW_WITHOUT_HEADER_DATE.replace("QUỐC HỘI\nTrần", "QUỐC HỘI Trần"))
    assert (law.signature.titles, law.signature.name) == (("CHỦ TỊCH QUỐC HỘI",), "Trần Thanh Mẫn")
    decision = parse_text(
        "Điều 1. Quyết định này có hiệu lực kể từ ngày ký./.\n"
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Đức Tiến\n"
    )
    assert decision.signature.authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    assert (decision.signature.titles, decision.signature.name) == (
        ("PHÓ CHỦ TỊCH",),
        "Lê Đức Tiến",
    )
    assert decision.articles()[0].text == "Quyết định này có hiệu lực kể từ ngày ký./."


def test_a_note_below_the_signature_is_kept_and_placeholders_dropped():
    text = "\n".join(
        [
            "Điều 1. Phạm vi",
            "Quyết định này quy định về mẫu văn bản.",
            "CHỦ TỊCH",
            "(Đã ký)",
            "Nguyễn Văn A",
            "(5): Tên cơ quan liên quan.",
        ]
    )
    parsed = parse_text(text)
    assert parsed.signatures[0].name == "Nguyễn Văn A"
    assert "(Đã ký)" not in parsed.unplaced
    assert "(5): Tên cơ quan liên quan." in parsed.unplaced
