"""The header block: issuer, number, place and date, document type and summary (trích yếu)."""

import datetime as dt
import re

from documents.parsing.lines import RULE, Line, is_preamble
from documents.parsing.model import Header
from documents.parsing.normalize import fold, fold_pattern, is_upper

DOC_TYPES = (
    "HIẾN PHÁP",
    "BỘ LUẬT",
    "LUẬT MẪU",
    "LUẬT",
    "PHÁP LỆNH",
    "SẮC LỆNH",
    "LỆNH",
    "NGHỊ QUYẾT LIÊN TỊCH",
    "NGHỊ QUYẾT",
    "NGHỊ ĐỊNH",
    "QUYẾT ĐỊNH",
    "THÔNG TƯ LIÊN TỊCH",
    "THÔNG TƯ",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "THÔNG CÁO",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "PHƯƠNG ÁN",
    "ĐỀ ÁN",
    "DỰ ÁN",
    "BÁO CÁO",
    "BIÊN BẢN",
    "TỜ TRÌNH",
    "HỢP ĐỒNG",
    "CÔNG ĐIỆN",
    "BẢN GHI NHỚ",
    "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN",
    "GIẤY MỜI",
    "GIẤY GIỚI THIỆU",
)
# Longest first, so "THÔNG TƯ LIÊN TỊCH" wins over "THÔNG TƯ".
_TYPE_KEYS = sorted(((fold(t), t) for t in DOC_TYPES), key=lambda pair: -len(pair[0]))
# Quốc hiệu and tiêu ngữ; in text exports they often share a line with the issuer.
_DASH = r"\s*[-\u2013\u2014]\s*"
_MOTTO = fold_pattern(
    r"cộng hòa xã hội chủ nghĩa việt nam|độc lập" + _DASH + "tự do" + _DASH + "hạnh phúc"
)
_NUMBER = fold_pattern(
    r"^(?:(?:bộ luật|luật|pháp lệnh|sắc lệnh|lệnh|nghị quyết)\s+)?số\s*[:.]?\s*([^\s,;]*)(.*)$"
)
_NUMBER_TAIL = re.compile(r"^\s(\d{1,2})(?!\S)")  # "28/2004/QH 11": a stray space in the symbol
_DATE = fold_pattern(
    r"^(?:(.*?)\s*,\s*)?(ngày\s*(\S{1,4})\s+tháng\s+(\S{1,4})\s+năm\s+(\d{4}|\S{1,6}))"
)
_SUBJECT = fold_pattern(r"^v/v\.?\s*(.*)$")  # công văn: "V/v ..." is its summary
# Laws name the session after the date: "Khóa XI, kỳ họp thứ 9 (Từ ngày ... đến ngày ...)".
_SESSION = fold_pattern(r"^(?:khóa\s+[ivxlc\d]+\b|kỳ họp\b|\(từ ngày\b)")
_MAX_ISSUER_LINES = 3
_MAX_SUMMARY_LINES = 4


class HeaderBuilder:
    """Fed the lines before the preamble; ``feed`` says whether the line belonged to the header."""

    def __init__(self) -> None:
        self.issuer: list[str] = []
        self.number = ""
        self.place = ""
        self.date: dt.date | None = None
        self.date_text = ""
        self.doc_type = ""
        self.summary: list[str] = []
        self.summary_done = False
        self.number_pending = False  # "Số:" alone, the symbol on the next line

    def feed(self, line: Line) -> bool:
        line = _without_layout(line)
        if not line.text:
            self.summary_done = bool(self.summary)
            return True
        if self.number_pending:
            self.number_pending = False
            if " " not in line.text and any(c.isdigit() for c in line.text):
                self.number = line.text
                return True
        if not self.number and self._take_number(line):
            return True
        if self.doc_type:
            return self._take_summary(line)
        if not self.date_text and self._take_date(line):
            return True
        if self._take_doc_type(line):
            return True
        if match := _SUBJECT.match(line.key):
            self.summary.append(line.span(match, 1))
            return True
        if is_upper(line.text):
            # After the number and date, a line in capitals is the formal authority
            # ("QUỐC HỘI NƯỚC CỘNG HÒA ..."), not the issuer block.
            if not (self.number or self.date_text) and len(self.issuer) < _MAX_ISSUER_LINES:
                self.issuer.append(line.text)
            return True
        return bool(_SESSION.match(line.key))

    def build(self, warnings: list[str]) -> Header:
        if not self.number:
            warnings.append("Không tìm thấy số văn bản")
        if not self.date_text:
            warnings.append("Không tìm thấy ngày ban hành")
        elif self.date is None:
            warnings.append(f"Ngày ban hành không hợp lệ: {self.date_text}")
        if not self.doc_type:
            warnings.append("Không tìm thấy tên loại văn bản")
        return Header(
            issuer=" ".join(self.issuer),
            number=self.number,
            place=self.place,
            date=self.date,
            doc_type=self.doc_type,
            summary=" ".join(self.summary),
        )

    def _take_number(self, line: Line) -> bool:
        match = _NUMBER.match(line.key)
        if not match:
            return False
        token, rest_text = line.span(match, 1).rstrip("."), line.text[match.end(1) :]
        if not token and not rest_text.strip():
            self.number_pending = True
            return True
        if not any(c.isdigit() or c == "/" for c in token):
            return False
        if token[-1].isalpha() and (tail := _NUMBER_TAIL.match(rest_text)):
            token, rest_text = token + tail.group(1), rest_text[tail.end() :]
        self.number = token
        # A flattened header may carry the place and date on the same line as the number.
        rest = Line.of(rest_text)
        if rest.text and not self.date_text:
            self._take_date(rest)
        return True

    def _take_date(self, line: Line) -> bool:
        match = _DATE.match(line.key)
        if not match:
            return False
        self.place = line.span(match, 1).strip(" ,")
        self.date_text = line.span(match, 2)
        self.date = _to_date(match.group(3), match.group(4), match.group(5))
        return True

    def _take_doc_type(self, line: Line) -> bool:
        for key, canonical in _TYPE_KEYS:
            if line.key == key or (line.key.startswith(key + " ") and is_upper(line.text)):
                self.doc_type = canonical
                rest = line.text[len(key) :].strip()
                if rest:
                    self.summary.append(rest)
                return True
        return False

    def _take_summary(self, line: Line) -> bool:
        if self.summary_done or is_preamble(line):
            return False
        if self.summary and (
            len(self.summary) >= _MAX_SUMMARY_LINES
            # A change of case ends it: "Về việc ..." then "ỦY BAN NHÂN DÂN TỈNH" (the authority).
            or is_upper(line.text) != is_upper(self.summary[0])
        ):
            return False
        self.summary.append(line.text)
        return True


def has_motto(line: Line) -> bool:
    return bool(_MOTTO.search(line.key))


def _without_layout(line: Line) -> Line:
    """Drop the national motto and horizontal rules, which carry no data."""
    text = line.text
    for match in reversed(list(_MOTTO.finditer(line.key))):
        text = text[: match.start()] + " " + text[match.end() :]
    return Line.of(RULE.sub(" ", text)) if text != line.text or RULE.search(text) else line


def _to_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year.rstrip(".,")), int(month), int(day))
    except ValueError:
        return None
