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
