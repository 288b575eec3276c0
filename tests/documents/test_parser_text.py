"""Plain-text parsing: the laws-vlc corpus, then small synthetic texts for each rule."""

import gzip
import itertools
import json
import os
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from cms.text import strip_tones
from documents.parsing import (
    Article,
    Chapter,
    DocumentParseError,
    Paragraph,
    Section,
    format_json,
    format_outline,
    parse_bytes,
    parse_text,
)

CORPUS = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus")) / "laws-vlc.jsonl.gz"
# Lines that start an article in the source: "Điều 5." / "Điều 5:" / "Điều 5" alone.
ARTICLE_LINE = re.compile(r"^\s*[ĐÐ]iều\s*\d+[a-zđ]?\s*(?:[.:]|$)", re.MULTILINE)

# Records whose source text lost whole "Điều N." lines (checked by hand: the numbers start no
# line at all, and the lost article's text runs on under the previous one). The parser must
# report exactly these gaps; every other record must run 1..N without one.
SOURCE_GAPS: dict[str, set[int]] = {
    "vlc-Luat-Giao-dich-dien-tu-2005-51-2005-QH11-6922": {4, 29},
    "vlc-Luat-Binh-dang-gioi-2006-73-2006-QH11-15866": {12, 13},
    "vlc-Luat-hoat-dong-chu-thap-do-2008-11-2008-QH12-66954": set(range(34, 39)),
    "vlc-Luat-thue-thu-nhap-doanh-nghiep-2008-66935": {14, 17},
    "vlc-Luat-trung-mua-trung-dung-tai-san-2008-15-2008-QH12-66950": {1, 6, 7, 8, 10, 11, 15, 33},
    "vlc-Bo-luat-to-tung-hinh-su-2015-296884": {361},
    # Only 32 of its 155 article lines survive in the source.
    "vlc-Luat-Kinh-doanh-bao-hiem-2022-465916": set(range(31, 66)) | set(range(67, 155)),
}
# Records where the parser finds more or fewer articles than there are "Điều N." lines, and why.
COUNT_DIFFERENCES: dict[str, tuple[int, str]] = {
    "vlc-Luat-cong-nghe-thong-tin-2006-67-2006-QH11-12987": (
        7,
        "seven article lines lack the dot ('Điều 5 Chính sách của Nhà nước ...')",
    ),
    "vlc-Luat-Bau-cu-dai-bieu-Quoc-hoi-va-dai-bieu-Hoi-dong-nhan-dan-2015-282376": (
        1,
        "typo 'Điền 47.' for 'Điều 47.', accepted with a warning",
    ),
    "vlc-Luat-Quan-ly-no-cong-337165": (1, "typo 'Điền 25.', accepted with a warning"),
    "vlc-Luat-Phong-chong-tac-hai-cua-ruou-bia-336620": (1, "typo 'Điền 36.', with a warning"),
    "vlc-Luat-quy-hoach-322935": (
        -1,
        "a bare 'Điều 11' line is a cell of the table in Phụ lục III, after the signature",
    ),
}
TYPOS = {
    "vlc-Luat-Bau-cu-dai-bieu-Quoc-hoi-va-dai-bieu-Hoi-dong-nhan-dan-2015-282376": "47",
    "vlc-Luat-Quan-ly-no-cong-337165": "25",
    "vlc-Luat-Phong-chong-tac-hai-cua-ruou-bia-336620": "36",
}


def _records() -> list[dict]:
    if not CORPUS.exists():
        return []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


RECORDS = _records()


def _base(number: str) -> int:
    return int(re.match(r"\d+", number).group())


def _gap_warnings(missing: set[int]) -> set[str]:
    """The warnings the parser should give: one per run of missing numbers."""
    warnings, numbers = set(), sorted(missing)
    while numbers:
        first = last = numbers.pop(0)
        while numbers and numbers[0] == last + 1:
            last = numbers.pop(0)
        span = f"Điều {first}" if first == last else f"Điều {first} đến Điều {last}"
        warnings.add(f"{span} bị thiếu")
    return warnings


@pytest.mark.skipif(not RECORDS, reason=f"corpus not found: {CORPUS}")
def test_corpus_has_the_irregular_records_named_here():
    ids = {record["id"] for record in RECORDS}
    assert len(RECORDS) == 208
    assert set(SOURCE_GAPS) | set(COUNT_DIFFERENCES) <= ids


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_corpus_record_articles_run_consecutively(record):
    document = parse_text(record["text"])
    numbers = [article.number for article in document.articles()]
    bases = [_base(number) for number in numbers]

    assert numbers, "no article found"
    assert len(set(numbers)) == len(numbers), "repeated article number"
    assert bases == sorted(bases), "article numbers go back"
    # An inserted article ("5a") comes right after the one it extends.
    for previous, number in itertools.pairwise(numbers):
        if not number.isdigit():
            assert _base(previous) == _base(number)
    missing = set(range(1, max(bases) + 1)) - set(bases)
    assert missing == SOURCE_GAPS.get(record["id"], set())
    assert _gap_warnings(missing) <= set(document.warnings)

    delta = COUNT_DIFFERENCES.get(record["id"], (0, ""))[0]
    assert len(numbers) == len(ARTICLE_LINE.findall(record["text"])) + delta
    if record["id"] in TYPOS:
        assert any(f"được hiểu là Điều {TYPOS[record['id']]}" in w for w in document.warnings)


@pytest.mark.skipif(not RECORDS, reason=f"corpus not found: {CORPUS}")
def test_corpus_headers_and_signatures():
    documents = {record["id"]: parse_text(record["text"]) for record in RECORDS}
    wrong_numbers = {r["id"] for r in RECORDS if documents[r["id"]].header.number != r["number"]}
    # The UNCITRAL model law has no number; Luật Biên giới quốc gia's text starts without header.
    assert wrong_numbers == {
        "vlc-Luat-mau-ve-trong-tai-thuong-mai-quoc-te-cua-Uy-ban-lien-hiep-quoc-ve-Luat-thuong-mai-quoc-te-1985-81043",
        "vlc-Luat-Bien-gioi-Quoc-gia-2003-06-2003-QH11-51044",
    }
    # Every date found is the issue date; 7 texts have no "Hà Nội, ngày ..." line at all, 4 of
    # them are dated by their passing line; the model law and the two 1957 laws have neither.
    dates = [(documents[r["id"]].header.date, r["issued_on"]) for r in RECORDS]
    assert all(str(found) == expected for found, expected in dates if found)
    assert sum(1 for found, _ in dates if found) == 205
    # Unsigned: the model law, and the two 1957 laws whose signer follows the last article.
    unsigned = {key for key, d in documents.items() if not (d.signature and d.signature.name)}
    assert len(unsigned) == 3
    law = documents["vlc-Luat-thuc-hanh-tiet-kiem-chong-lang-phi-2013-215837"]
    assert law.header.issuer == "QUỐC HỘI"
    assert law.header.doc_type == "LUẬT"
    assert law.header.summary == "THỰC HÀNH TIẾT KIỆM, CHỐNG LÃNG PHÍ"
    assert law.closing[0].startswith("Luật này đã được Quốc hội")
    assert law.signature.titles == ("CHỦ TỊCH QUỐC HỘI",)
    assert law.signature.name == "Nguyễn Sinh Hùng"


@pytest.mark.skipif(not RECORDS, reason=f"corpus not found: {CORPUS}")
def test_corpus_appendix_after_signature_is_not_body():
    record = next(r for r in RECORDS if r["id"] == "vlc-Luat-quy-hoach-322935")
    document = parse_text(record["text"])
    assert [a.number for a in document.appendices] == ["I", "II", "III"]
    assert document.appendices[0].title.startswith("DANH MỤC CÁC QUY HOẠCH NGÀNH QUỐC GIA")
    # The note above "Phụ lục I" stays with the appendices.
    assert document.appendices[0].content[0].text.startswith("(Ban hành kèm theo")
    assert document.articles()[-1].number == "59"


# --- Synthetic texts -------------------------------------------------------------------------

DECREE = """\
CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 12/2021/NĐ-CP
Hà Nội, ngày 05 tháng 3 năm 2021

NGHỊ ĐỊNH
Quy định về công tác thử nghiệm
_______
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Theo đề nghị của Bộ trưởng Bộ Nội vụ;
Chính phủ ban hành Nghị định quy định về công tác thử nghiệm.
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về công tác thử nghiệm.
Điều 2. Nguyên tắc
Việc thử nghiệm bảo đảm các yêu cầu sau:
1. Yêu cầu chung
Công tác thử nghiệm được thực hiện thống nhất.
2. Yêu cầu cụ thể:
a) Đúng thẩm quyền;
b) Đúng thủ tục;
tiếp tục điểm b.
đ) Điểm thứ năm.
Chương II: TỔ CHỨC THỰC HIỆN
Mục 1. QUY ĐỊNH CHUNG
Điều 3. Hiệu lực thi hành
Nghị định này có hiệu lực kể từ ngày ký.
Điều 4. Trách nhiệm thi hành
Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Các bộ, cơ quan ngang bộ,
cơ quan thuộc Chính phủ;
- Lưu: VT, HC (2).
TM. CHÍNH PHỦ
THỦ TƯỚNG
(Đã ký)
Nguyễn Văn A
"""


def test_decree_header_preamble_and_body():
    document = parse_text(DECREE)
    header = document.header
    assert header.issuer == "CHÍNH PHỦ"
    assert header.number == "12/2021/NĐ-CP"
    assert (header.place, header.date) == ("Hà Nội", date(2021, 3, 5))
    assert header.doc_type == "NGHỊ ĐỊNH"
    assert header.summary == "Quy định về công tác thử nghiệm"
    assert document.preamble[0].startswith("Căn cứ Luật Tổ chức Chính phủ")
    assert document.preamble[-1].startswith("Chính phủ ban hành Nghị định")
    kinds = [type(item) for item in document.body]
    assert kinds == [Chapter, Article, Article, Chapter, Section, Article, Article]
    assert document.body[3] == Chapter("II", "TỔ CHỨC THỰC HIỆN")  # heading on the same line
    assert [(a.number, a.chapter, a.section) for a in document.articles()] == [
        ("1", "I", None),
        ("2", "I", None),
        ("3", "II", "1"),
        ("4", "II", "1"),
    ]
    assert document.warnings == ()


def test_clauses_points_and_continuation_lines():
    article = parse_text(DECREE).articles()[1]
    assert article.heading == "Nguyên tắc"
    assert article.text == "Việc thử nghiệm bảo đảm các yêu cầu sau:"
    first, second = article.clauses
    assert (first.number, first.text) == (
        "1",
        "Yêu cầu chung\nCông tác thử nghiệm được thực hiện thống nhất.",
    )
    assert second.text == "Yêu cầu cụ thể:"
    assert [(p.letter, p.text) for p in second.points] == [
        ("a", "Đúng thẩm quyền;"),
        ("b", "Đúng thủ tục;\ntiếp tục điểm b."),
        ("đ", "Điểm thứ năm."),
    ]


def test_points_directly_under_an_article_sit_in_an_unnumbered_clause():
    article = parse_text("Điều 1. Nội dung\nGồm:\na) Một;\nb) Hai.").articles()[0]
    assert article.text == "Gồm:"
    assert article.clauses[0].number == ""
    assert [p.letter for p in article.clauses[0].points] == ["a", "b"]


def test_recipients_and_signature_block():
    document = parse_text(DECREE)
    assert document.recipients == (
        "Ban Bí thư Trung ương Đảng;",
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
        "Lưu: VT, HC (2).",
    )
    assert document.signature.authority == ("TM. CHÍNH PHỦ",)
    assert document.signature.titles == ("THỦ TƯỚNG",)
    assert document.signature.name == "Nguyễn Văn A"


def test_nfd_input_parses_like_nfc():
    nfd = unicodedata.normalize("NFD", DECREE)
    assert nfd != DECREE
    assert parse_text(nfd) == parse_text(DECREE)


def test_eth_lookalike_for_d_with_stroke():
    text = DECREE.replace("Điều", "Ðiều").replace("NĐ-CP", "NÐ-CP").replace("Chương", "CHƯƠNG")
    document = parse_text(text)
    assert document.header.number == "12/2021/NĐ-CP"
    assert [a.number for a in document.articles()] == ["1", "2", "3", "4"]
    assert document.articles()[0].heading == "Phạm vi điều chỉnh"


def test_old_and_new_tone_placement_are_equal_for_matching():
    assert strip_tones("Hoà") == strip_tones("hòa") and strip_tones("Uỷ ban") == strip_tones(
        "ủy ban"
    )
    assert strip_tones("Khoá") == strip_tones("khóa") and strip_tones("THOẢ THUẬN") == strip_tones(
        "thỏa thuận"
    )
    assert len(strip_tones("Điều 5. Nơi nhận")) == len("Điều 5. Nơi nhận")
    text = (
        "QUỐC HỘI ********\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc ********\n"
        "Luật số: 28/2004/QH 11\n"
        "Hà Nội, ngày03 tháng 12 năm 2004\n"
        "QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Khoá XI, kỳ họp thứ 6\n"
        "LUẬT\n\nĐIỆN LỰC\n"
        "Căn cứ vào Hiến pháp;\n"
        "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về điện lực.\n"
    )
    header = parse_text(text).header
    assert header.issuer == "QUỐC HỘI"
    assert header.number == "28/2004/QH11"
    assert header.date == date(2004, 12, 3)
    assert (header.doc_type, header.summary) == ("LUẬT", "ĐIỆN LỰC")


def test_article_heading_on_the_same_line_as_its_text():
    text = (
        "Điều 1. Phạm vi điều chỉnh\n"
        "Quy chế này quy định về phát ngôn.\n"
        "Điều 2. Hiệu lực thi hành. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 4. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    articles = parse_text(text).articles()
    assert [(a.heading, a.text) for a in articles] == [
        ("Phạm vi điều chỉnh", "Quy chế này quy định về phát ngôn."),
        ("Hiệu lực thi hành", "Quyết định này có hiệu lực kể từ ngày ký."),
        ("", "Quyết định này có hiệu lực kể từ ngày ký."),
        ("", "Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./."),
    ]


def test_article_line_variants():
    text = (
        "Điều 1: Phạm vi\nNội dung một.\n"
        "Điều 2\nNội dung hai, không có tên điều.\n"
        "Điều 3 Đối tượng áp dụng\nNội dung ba.\n"
        "Điều 37 và điểm đ khoản 1 Điều 38 (dòng tham chiếu, không phải điều).\n"
        "Điều4.Giải thích từ ngữ\nNội dung bốn.\n"
        "Điền 5. Hiệu lực\nNội dung năm.\n"
    )
    document = parse_text(text)
    articles = document.articles()
    assert [(a.number, a.heading) for a in articles] == [
        ("1", "Phạm vi"),
        ("2", ""),
        ("3", "Đối tượng áp dụng"),
        ("4", "Giải thích từ ngữ"),
        ("5", "Hiệu lực"),
    ]
    assert articles[2].text.endswith("(dòng tham chiếu, không phải điều).")
    assert document.warnings[-1] == "Dòng “Điền 5. Hiệu lực” được hiểu là Điều 5"


def test_chapter_and_section_heading_forms():
    text = (
        "Chương 1.\nNHỮNG QUY ĐỊNH\nCHUNG\n"
        "Điều 1. A\nNội dung; Chương 5 của Luật này không áp dụng.\n"
        "Chương 5 của Luật này không áp dụng cho trường hợp sau.\n"
        "CHƯƠNG II NHỮNG QUY ĐỊNH KHÁC\n"
        "MỤC 1: PHẠM VI\n"
        "Điều 2. B\nNội dung.\n"
        "Phần thứ hai\nQUY ĐỊNH CUỐI\n"
        "Chương III\nTHI HÀNH\n"
        "Điều 3. C\nNội dung.\n"
    )
    document = parse_text(text)
    divisions = [
        (type(i).__name__, i.number, i.heading) for i in document.body if not isinstance(i, Article)
    ]
    assert divisions == [
        ("Chapter", "1", "NHỮNG QUY ĐỊNH CHUNG"),
        ("Chapter", "II", "NHỮNG QUY ĐỊNH KHÁC"),
        ("Section", "1", "PHẠM VI"),
        ("Part", "thứ hai", "QUY ĐỊNH CUỐI"),
        ("Chapter", "III", "THI HÀNH"),
    ]
    first = document.articles()[0]
    assert first.text.endswith("Chương 5 của Luật này không áp dụng cho trường hợp sau.")
    assert (document.articles()[2].part, document.articles()[2].chapter) == ("thứ hai", "III")


def test_signature_variants():
    body = "Điều 1. A\nNội dung.\n"
    deputy = parse_text(body + "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn B\n")
    assert deputy.signature.authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    assert (deputy.signature.titles, deputy.signature.name) == (("PHÓ CHỦ TỊCH",), "Lê Văn B")
    acting = parse_text(body + "Q. GIÁM ĐỐC\n[ (Đã ký)\nTrần Thị C\n")
    assert acting.signature.authority == ("Q. GIÁM ĐỐC",)
    assert acting.signature.name == "Trần Thị C"
    passed = "Luật này đã được Quốc hội thông qua ngày 1 tháng 1 năm 2020."
    law = parse_text(body + passed + "\n\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Văn D\n")
    assert law.closing == (passed,)
    assert law.signature.titles == ("CHỦ TỊCH QUỐC HỘI",)
    joint = parse_text(
        body
        + "BỘ TRƯỞNG BỘ TÀI CHÍNH\nNguyễn Văn E\nKT. BỘ TRƯỞNG BỘ NỘI VỤ\nTHỨ TRƯỞNG\nPhạm Văn G\n"
    )
    assert [(s.name, s.titles) for s in joint.signatures] == [
        ("Nguyễn Văn E", ("BỘ TRƯỞNG BỘ TÀI CHÍNH",)),
        ("Phạm Văn G", ("THỨ TRƯỞNG",)),
    ]
    assert joint.signatures[1].authority == ("KT. BỘ TRƯỞNG BỘ NỘI VỤ",)


PROVINCIAL_DECISION = """\
ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 05/2015/QĐ-UBND
Quảng Nam, ngày 12 tháng 3 năm 2015
QUYẾT ĐỊNH
Ban hành Quy chế phát ngôn và cung cấp thông tin
cho báo chí của các cơ quan hành chính nhà nước tỉnh
ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế phát ngôn và cung cấp thông tin cho báo chí.
Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở căn cứ Quyết định thi hành./.
Nơi nhận: - Như Điều 3;
- Bộ TT&TT;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Thanh
QUY CHẾ
PHÁT NGÔN VÀ CUNG CẤP THÔNG TIN CHO BÁO CHÍ
(Ban hành kèm theo Quyết định số 05/2015/QĐ-UBND ngày 12/3/2015)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
"""


def test_provincial_decision_with_attached_regulation():
    document = parse_text(PROVINCIAL_DECISION)
    header = document.header
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert (header.number, header.place, header.date) == (
        "05/2015/QĐ-UBND",
        "Quảng Nam",
        date(2015, 3, 12),
    )
    assert header.summary == (
        "Ban hành Quy chế phát ngôn và cung cấp thông tin "
        "cho báo chí của các cơ quan hành chính nhà nước tỉnh"
    )
    assert header.authority == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert document.preamble == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    )
    assert document.enacting == "QUYẾT ĐỊNH:"
    assert [(a.number, a.heading) for a in document.articles()] == [("1", ""), ("2", ""), ("3", "")]
    assert document.recipients == ("Như Điều 3;", "Bộ TT&TT;", "Lưu: VT, KGVX.")
    assert document.signature.name == "Lê Văn Thanh"
    # The regulation issued with the decision is read as an attached document, with its body.
    (attached,) = document.attachments
    assert (attached.title, attached.heading) == (
        "QUY CHẾ",
        "PHÁT NGÔN VÀ CUNG CẤP THÔNG TIN CHO BÁO CHÍ",
    )
    assert attached.note == "(Ban hành kèm theo Quyết định số 05/2015/QĐ-UBND ngày 12/3/2015)"
    assert [a.number for a in attached.articles()] == ["1"]
    assert document.appendices == ()
    assert document.warnings == ()


def test_quoted_amendment_stays_inside_the_amending_article():
    text = (
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật X\n"
        "1. Sửa đổi, bổ sung Điều 58 như sau:\n"
        "“Điều 58. Quy hoạch kho\n"
        "1. Việc lập quy hoạch phải tuân thủ Luật Quy hoạch.\n"
        "2. Quy hoạch bao gồm các nội dung sau.”.\n"
        "2. Bãi bỏ Điều 60.\n"
        "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực từ ngày 01 tháng 01 năm 2019.\n"
    )
    document = parse_text(text)
    first, second = document.articles()
    assert [c.number for c in first.clauses] == ["1", "2"]
    assert first.clauses[0].text.splitlines()[1:] == [
        "“Điều 58. Quy hoạch kho",
        "1. Việc lập quy hoạch phải tuân thủ Luật Quy hoạch.",
        "2. Quy hoạch bao gồm các nội dung sau.”.",
    ]
    assert second.number == "2"
    assert not [w for w in document.warnings if "Điều" in w or "Trích dẫn" in w]


def test_warnings_for_missing_header_fields_and_article_sequence():
    document = parse_text("Điều 1. A\nx\nĐiều 2. B\nx\nĐiều 5. C\nx\nĐiều 5. D\nx\nĐiều 4. E\nx")
    assert document.warnings == (
        "Không tìm thấy số văn bản",
        "Không tìm thấy ngày ban hành",
        "Không tìm thấy tên loại văn bản",
        "Điều 3 đến Điều 4 bị thiếu",
        "Điều 5 bị lặp lại",
        "Điều 4 đứng sau Điều 5",
    )
    assert (
        "Ngày ban hành không hợp lệ: ngày 31 tháng 2 năm 2020"
        in parse_text(
            "Số: 1/2020/QĐ-UBND\nHà Nội, ngày 31 tháng 2 năm 2020\nQUYẾT ĐỊNH\nVề việc X\nĐiều 1. A"
        ).warnings
    )


def test_text_without_articles_is_kept_as_paragraphs():
    text = (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 12/STTTT-VP\nV/v góp ý dự thảo Quy chế\n"
        "Kính gửi: Sở Tư pháp\n1. Nội dung thứ nhất.\n2. Nội dung thứ hai.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn H\n"
    )
    document = parse_text(text)
    assert document.header.summary == "góp ý dự thảo Quy chế"
    assert [p.text for p in document.body if isinstance(p, Paragraph)] == [
        "Kính gửi: Sở Tư pháp",
        "1. Nội dung thứ nhất.",
        "2. Nội dung thứ hai.",
    ]
    assert document.recipients == ("Như trên;", "Lưu: VT.")
    assert document.signature.titles == ("GIÁM ĐỐC",)


def test_to_dict_and_json_output():
    document = parse_text(DECREE)
    data = json.loads(format_json(document))
    assert data == document.to_dict()
    assert data["header"]["date"] == "2021-03-05"
    assert data["body"][0] == {
        "type": "chapter",
        "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"},
    }
    article = data["body"][1]
    assert article["type"] == "article"
    assert set(article["value"]) >= {"number", "heading", "text", "clauses", "chapter", "section"}
    assert data["signatures"][0]["name"] == "Nguyễn Văn A"


def test_outline_and_reader_choice_for_text_bytes():
    document = parse_bytes(("\ufeff" + DECREE).encode())
    assert document == parse_text(DECREE)
    outline = format_outline(document)
    assert outline.splitlines()[0] == "NGHỊ ĐỊNH số 12/2021/NĐ-CP"
    assert "  Điều 2. Nguyên tắc (2 khoản, 3 điểm)" in outline
    assert "Ký: TM. CHÍNH PHỦ / THỦ TƯỚNG / Nguyễn Văn A" in outline
    with pytest.raises(DocumentParseError):
        parse_bytes("Điều 1".encode("utf-16"))
    with pytest.raises(DocumentParseError, match=r"\.doc"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
