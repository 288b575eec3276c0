"""Layout of Vietnamese official documents as the exporter applies it, with each rule's source.

Sources (the Word files are in ``shared/corpus/docx/``):

- "PL I" is Decree 30/2020/NĐ-CP, Appendix I (``ND30-2020-ND-CP_Phuluc1.docx``), Part I: section
  I (general rules), section II (each element), section V (the table of type faces and sizes,
  whose last column gives the example size).
- "PL III Mẫu 1.2" is Appendix III of the same decree (``ND30-2020-ND-CP_Phuluc3.docx``), form 1.2
  (a decision): where it fixes a value the Appendix I rule leaves as a range (column widths,
  the size actually used), the exporter follows the form.
- Party documents (issuer ``is_party_body``) follow the Party's own rules (Hướng dẫn
  36-HD/VPTW of the Central Party Office, 2018): "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the national
  motto, a "*" under the issuing body, numbers written "Số 56-CTr/TU". That guidance is not in
  the shared corpus and was not checked against its text here.

Every size stays inside the range the decree allows; where the decree gives a range the value
chosen is noted.
"""

from dataclasses import dataclass

from .docx_builder import TextStyle

# Bumped whenever the exporter's output changes: the stored DOCX of published revisions
# (``stored``) are keyed by it, so a new layout is rebuilt rather than served stale.
LAYOUT_VERSION = 1

FONT_NAME = "Times New Roman"  # PL I, I.4: "Phông chữ tiếng Việt Times New Roman, ... Unicode"
LANGUAGE = "vi-VN"


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high


# -- page -------------------------------------------------------------------------------------

# PL I, I.1: "Khổ A4 (210 mm x 297 mm)"; I.2: portrait, landscape allowed for tables.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297

# PL I, I.3: "Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, cách mép phải
# 15 - 20 mm." The exporter takes the low end of each range: the widest text area.
MARGIN_RANGES_MM = {
    "top": Range(20, 25),
    "bottom": Range(20, 25),
    "left": Range(30, 35),
    "right": Range(15, 20),
}
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm

# PL I, II.6.e: body text "canh đều cả hai lề"; first line indented "1 cm hoặc 1,27 cm";
# "khoảng cách giữa các đoạn văn tối thiểu là 6pt"; line spacing "tối thiểu là dòng đơn, tối đa
# là 1,5 lines".
FIRST_LINE_INDENT_CM = 1.27
PARAGRAPH_SPACING_PT = 6
LINE_SPACING = 1.15
LINE_SPACING_RANGE = Range(1.0, 1.5)

# PL III Mẫu 1.2: the header table is 69.4 mm + 103.1 mm (its right column holds the 13 pt
# national name on one line), the signature table 57.8 mm + 107.1 mm. Scaled to the 165 mm text
# area: the right columns keep their width, the left ones give way.
HEADER_COLUMNS_MM = (62, 103)
SIGNATURE_COLUMNS_MM = (58, 107)
CELL_MARGIN_MM = 1.5  # PL III Mẫu 1.2: 85 twips left and right in the header table

# Rules (short horizontal lines) drawn under the issuing body, the slogan and the summary.
# PL I, II.2.b: under the issuing body "độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ";
# II.1.b: under the slogan "độ dài bằng độ dài của dòng chữ"; II.5.b: under the summary
# "từ 1/3 đến 1/2 độ dài của dòng chữ".
SHORT_RULE_RATIO = 0.4
RULE_WIDTH_PT = 0.75

# Blank lines left for the signature and seal between the signer's title and name
# (PL III Mẫu 1.2 keeps about four lines there).
SIGNATURE_SPACE_LINES = 4


# -- elements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    style: TextStyle
    allowed: Range  # the sizes the decree allows for this element
    source: str


BODY_SIZE = 14  # PL I, II.6.e: "cỡ chữ từ 13 đến 14"; PL I V item 6 example and PL III: 14

ELEMENTS: dict[str, Element] = {
    "national_name": Element(
        TextStyle(13, bold=True, upper=True),
        Range(12, 13),
        "PL I, II.1.a: Quốc hiệu in hoa, cỡ 12-13, đứng, đậm, trên cùng bên phải (PL III: 13)",
    ),
    "slogan": Element(
        TextStyle(14, bold=True),
        Range(13, 14),
        "PL I, II.1.b: Tiêu ngữ in thường, cỡ 13-14, đứng, đậm, canh giữa dưới Quốc hiệu, có "
        "đường kẻ ngang nét liền dài bằng dòng chữ (PL III: 14)",
    ),
    "parent_body": Element(
        TextStyle(13, upper=True),
        Range(12, 13),
        "PL I, II.2.b: tên cơ quan chủ quản in hoa, cỡ 12-13, đứng (PL III: 13)",
    ),
    "issuing_body": Element(
        TextStyle(13, bold=True, upper=True),
        Range(12, 13),
        "PL I, II.2.b: tên cơ quan ban hành in hoa, cỡ 12-13, đứng, đậm, canh giữa dưới cơ quan "
        "chủ quản; đường kẻ ngang dài 1/3-1/2 dòng chữ (PL III: 13)",
    ),
    "number": Element(
        TextStyle(13),
        Range(13, 13),
        "PL I, II.3.c: “Số” in thường cỡ 13, sau có dấu hai chấm; ký hiệu in hoa cỡ 13; canh "
        "giữa dưới tên cơ quan ban hành",
    ),
    "place_date": Element(
        TextStyle(14, italic=True),
        Range(13, 14),
        "PL I, II.4.c: địa danh và ngày tháng in thường, cỡ 13-14, nghiêng, cùng dòng với số, "
        "canh giữa dưới Quốc hiệu và Tiêu ngữ (PL III: 14)",
    ),
    "draft_mark": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "Thực tế soạn thảo (báo cáo 6 tháng 2015 của Sở): chữ “DỰ THẢO” dưới phần đầu văn bản",
    ),
    "doc_type": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "PL I, II.5.b: tên loại in hoa, cỡ 13-14, đứng, đậm, canh giữa",
    ),
    "summary": Element(
        TextStyle(14, bold=True),
        Range(13, 14),
        "PL I, II.5.b: trích yếu in thường, cỡ 13-14, đứng, đậm, ngay dưới tên loại; đường kẻ "
        "ngang dài 1/3-1/2 dòng chữ bên dưới",
    ),
    "authority": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "PL III Mẫu 1.1-1.3: “THẨM QUYỀN BAN HÀNH” in hoa, đậm, canh giữa, trên phần căn cứ",
    ),
    "preamble": Element(
        TextStyle(14, italic=True),
        Range(13, 14),
        "PL I, II.6.a: căn cứ in thường, nghiêng, cỡ 13-14; mỗi căn cứ một dòng, kết thúc bằng "
        "dấu chấm phẩy, căn cứ cuối bằng dấu chấm",
    ),
    "enacting": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "PL III Mẫu 1.2: “QUYẾT ĐỊNH:” (Mẫu 1.1: “QUYẾT NGHỊ:”) in hoa, đậm, canh giữa",
    ),
    "division_number": Element(
        TextStyle(14, bold=True),
        Range(13, 14),
        "PL I, II.6.đ: “Chương”, “Mục” và số thứ tự trên một dòng riêng, canh giữa, in thường, "
        "cỡ 13-14, đứng, đậm; số chương La Mã, số mục Ả Rập",
    ),
    "division_heading": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "PL I, II.6.đ: tiêu đề chương, mục ngay dưới, canh giữa, in hoa, cỡ 13-14, đứng, đậm",
    ),
    "article_heading": Element(
        TextStyle(14, bold=True),
        Range(13, 14),
        "PL I, II.6.đ: “Điều”, số thứ tự (sau có dấu chấm) và tiêu đề in thường, lùi đầu dòng "
        "1-1,27 cm, cỡ chữ bằng lời văn, đứng, đậm",
    ),
    "body": Element(
        TextStyle(BODY_SIZE),
        Range(13, 14),
        "PL I, II.6.e: nội dung in thường, canh đều hai lề, đứng, cỡ 13-14; khoản “1.” và điểm "
        "“a)” cỡ chữ bằng lời văn, đứng (II.6.đ)",
    ),
    "signature_authority": Element(
        TextStyle(14, bold=True, upper=True),
        Range(13, 14),
        "PL I, II.7.đ: quyền hạn (TM., KT., Q., TL., TUQ.) và chức vụ người ký in hoa, cỡ 13-14, "
        "đứng, đậm",
    ),
    "signer_name": Element(
        TextStyle(14, bold=True),
        Range(13, 14),
        "PL I, II.7.đ: họ tên người ký in thường, cỡ 13-14, đứng, đậm, canh giữa so với chức vụ",
    ),
    "recipients_label": Element(
        TextStyle(12, bold=True, italic=True),
        Range(12, 12),
        "PL I, II.9.d (ô 9b): “Nơi nhận:” một dòng riêng, ngang hàng quyền hạn người ký, sát lề "
        "trái, in thường, cỡ 12, nghiêng, đậm",
    ),
    "recipients": Element(
        TextStyle(11),
        Range(11, 11),
        "PL I, II.9.d (ô 9b): mỗi nơi nhận một dòng, gạch đầu dòng sát lề trái, cuối dòng chấm "
        "phẩy, dòng cuối “Lưu: VT, ...” kết thúc bằng dấu chấm; in thường, cỡ 11, đứng",
    ),
    "page_number": Element(
        TextStyle(14),
        Range(13, 14),
        "PL I, I.7: số trang chữ số Ả Rập, cỡ 13-14, đứng, canh giữa trong lề trên, không hiển "
        "thị ở trang thứ nhất",
    ),
    "party_motto": Element(
        TextStyle(15, bold=True, upper=True),
        Range(15, 15),
        "Hướng dẫn 36-HD/VPTW (văn bản của Đảng): “ĐẢNG CỘNG SẢN VIỆT NAM” in hoa, đậm, có "
        "đường kẻ bên dưới, thay Quốc hiệu và Tiêu ngữ",
    ),
    "table_text": Element(
        TextStyle(12),
        Range(12, 14),
        "Bảng trong báo cáo (trình bày theo chiều rộng khổ A4, PL I, I.2): cỡ chữ 12 để bảng "
        "nhiều cột vừa trang",
    ),
}

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"  # PL I, II.1.b: hyphens with spaces between the phrases
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
PARTY_MARK = "*"
DRAFT_MARK = "DỰ THẢO"
RECIPIENTS_LABEL = "Nơi nhận:"
# Types whose name under the type is printed in capitals, as the laws are promulgated ("LUẬT" /
# "DOANH NGHIỆP", Law 59/2020/QH14); other types keep the summary's case (PL I, II.5.b).
NAME_IN_CAPITALS = frozenset({"luat", "bo luat", "phap lenh"})
END_MARK = "/."  # PL III Mẫu 1.2: the last line of the content ends with "./."


def style(name: str) -> TextStyle:
    return ELEMENTS[name].style
