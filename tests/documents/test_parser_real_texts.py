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
