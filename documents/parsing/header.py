"""The header block: issuer, number, place and date, document type and summary (trích yếu)."""

import datetime as dt
import re
from collections.abc import Iterable

from cms.numbers import DASH_CHARS, clean_number, parse_number
from cms.text import strip_tones, toneless_pattern
from documents.parsing.lines import (
    RULE,
    Line,
    is_authority_line,
    is_preamble,
    match_enacting,
)
from documents.parsing.model import Header
from documents.parsing.normalize import is_upper

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
    "KẾT LUẬN",
    "THÔNG TRI",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "THÔNG CÁO",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
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
_TYPE_KEYS = sorted(((strip_tones(t), t) for t in DOC_TYPES), key=lambda pair: -len(pair[0]))
# Quốc hiệu and tiêu ngữ; in text exports they often share a line with the issuer.
_DASH = r"\s*[-\u2013\u2014]\s*"
_MOTTO = toneless_pattern(
    r"cộng hòa xã hội chủ nghĩa việt nam|độc lập" + _DASH + "tự do" + _DASH + "hạnh phúc"
)
# "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" names the State, it is no motto.
_STATE_OF = strip_tones("nước")
# Party documents write the Party's name where others write the motto (in capitals).
_PARTY_MOTTO = toneless_pattern(r"đảng cộng sản việt nam")
_NUMBER = toneless_pattern(
    r"^(?:(?:bộ luật|luật|pháp lệnh|sắc lệnh|lệnh|nghị quyết)\s+)?số\s*[:.]?\s*([^\s,;]*)(.*)$"
)
_NUMBER_TAIL = re.compile(r"^\s(\d{1,2})(?!\S)")  # "28/2004/QH 11": a stray space in the symbol
# "Số 56 - CTr/TU", "Số: 15 /QĐ-UBND", "Số 56 – CTr/TU": spaces around the first separator.
_NUMBER_JOIN = re.compile(rf"^\s*([-/{DASH_CHARS}])\s*([^\s,;]*[^\W\d_][^\s,;]*)")
_SEPARATORS = "-/" + DASH_CHARS
_MAX_NUMBER_PIECES = 3  # "Số : 65/ 2025/ TT-NHNN": the symbol cut by spaces after its slashes
# What drafts fill a blank with: spaces (collapsed), dots, ellipses, underscores.
_BLANK = "._\u2026"
_DATE = toneless_pattern(
    r"^(?:(.*?)\s*,\s*)?(ngày\s*(\S{1,4})\s+tháng\s+(\S{1,4})\s+năm\s+(\d{4}|\S{1,6}))"
)
# A draft's date left blank: "Cao Bằng, ngày      tháng      năm 2026" (or "năm 20..").
_BLANK_DATE = toneless_pattern(
    r"^(?:(.*?)\s*,\s*)?(ngày[\s._\u2026]*tháng[\s._\u2026]*năm(?:\s*\d{4}\b)?)"
)
# "DỰ THẢO", "Dự thảo lần 2", "(Dự thảo 3)", "DỰ THẢO ngày 12/5/2026".
_DRAFT = toneless_pattern(
    r"^[(\[]?\s*dự thảo(?:\s+(?:lần\s+)?(?:thứ\s+)?(?:\d{1,2}|[ivx]+|hai|ba|bốn|năm|cuối))?"
    r"(?:\s*[,-]?\s*ngày\s+[\d/.\s]+)?\s*[)\]]?$"
)
_SUBJECT = toneless_pattern(r"^v/v\.?\s*(.*)$")  # công văn: "V/v ..." is its summary
# Laws name the session after the date: "Khóa XI, kỳ họp thứ 9 (Từ ngày ... đến ngày ...)".
_SESSION = toneless_pattern(r"^(?:khóa\s+[ivxlc\d]+\b|kỳ họp\b|\(từ ngày\b)")
# Laws and National Assembly resolutions are dated by their passing line only: "Luật này đã
# được Quốc hội ... khóa XV, kỳ họp thứ 8 thông qua ngày 30 tháng 11 năm 2024."
_PASSED_ON = toneless_pattern(
    r"\bthông qua\s+(ngày\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)
_MAX_ISSUER_LINES = 3
_MAX_SUMMARY_LINES = 4
_MAX_AUTHORITY_LINES = 2


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
        self.number_template = ""  # a draft's blank number: "/2026/QĐ-UBND"
        self.date_blank = False
        self.draft_mark = False
        self.party = False
        self.authority: list[str] = []
        # Laws: "QUỐC HỘI NƯỚC CỘNG HÒA ..." / "Khóa XI, kỳ họp thứ 10" / "(Từ ngày ...)", who
        # enacts, kept with the authority.
        self.formal: list[str] = []
        self.authority_open = False  # the last line was the authority: it may go on
        self.title_line = ""

    @property
    def is_blank(self) -> bool:
        """Nothing read yet."""
        return not (self.issuer or self.number or self.number_template or self.date_text) and not (
            self.doc_type or self.summary or self.draft_mark or self.title_line
        )

    def feed(self, line: Line) -> bool:
        line = self._without_layout(line)
        authority_open, self.authority_open = self.authority_open, False
        if not line.text:
            self.summary_done = bool(self.summary)
            return True
        if _DRAFT.match(line.key):
            self.draft_mark = True
            return True
        if self.number_pending:
            self.number_pending = False
            if " " not in line.text and any(c.isdigit() for c in line.text):
                self.number = line.text
                return True
            if " " not in line.text and self._take_template(line.text):
                return True
        if not (self.number or self.number_template) and self._take_number(line):
            return True
        # "QUYẾT ĐỊNH:" ends the header; after the summary, so does a bare "QUYẾT ĐỊNH".
        if match_enacting(line, strict=not (self.doc_type and self.summary)):
            return False
        if self.doc_type:
            return self._take_summary(line) or self._take_authority(line, authority_open)
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
            else:
                self.formal.append(line.text)
            return True
        if _SESSION.match(line.key):
            self.formal.append(line.text)
            return True
        return False

    def take_passing_date(self, closing: Iterable[str]) -> None:
        """The issue date from the passing line, when the header has none (laws, resolutions)."""
        if self.date_text:
            return
        for text in closing:
            line = Line.of(text)
            if match := _PASSED_ON.search(line.key):
                self.date_text = line.span(match, 1)
                self.date = _to_date(match.group(2), match.group(3), match.group(4))
                return

    def build(self, warnings: list[str]) -> Header:
        # A draft has no number or date yet: their absence is no error.
        is_draft = self.draft_mark or bool(self.number_template) or self.date_blank
        if not self.number and not is_draft:
            warnings.append("Không tìm thấy số văn bản")
        if not self.date_text:
            if not is_draft:
                warnings.append("Không tìm thấy ngày ban hành")
        elif self.date is None and not self.date_blank:
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
            authority=" ".join((*self.formal, *self.authority)),
            party=self.party,
            is_draft=is_draft,
            number_template=self.number_template,
            title_line=self.title_line,
        )

    def _take_number(self, line: Line) -> bool:
        match = _NUMBER.match(line.key)
        if not match:
            return False
        token, rest_text = line.span(match, 1).rstrip("."), line.text[match.end(1) :]
        if not token.strip(_BLANK) and not rest_text.strip(" " + _BLANK):
            self.number_pending = True
            return True
        if self._take_template(token):
            pass
        elif not any(c.isdigit() or c == "/" for c in token):
            return False
        else:
            if token[-1].isalpha() and (tail := _NUMBER_TAIL.match(rest_text)):
                token, rest_text = token + tail.group(1), rest_text[tail.end() :]
            elif token.isdigit() and (join := _NUMBER_JOIN.match(rest_text)):
                token, rest_text = token + join.group(1) + join.group(2), rest_text[join.end() :]
            elif token[-1] in _SEPARATORS:
                token, rest_text = _join_number(token, rest_text)
            self.number = token
        # A flattened header may carry the place and date on the same line as the number.
        rest = Line.of(rest_text)
        if rest.text and not self.date_text:
            self._take_date(rest)
        return True

    def _take_template(self, token: str) -> bool:
        """A number left blank in a draft: "Số:      /2026/QĐ-UBND", "Số ......-CTr/TU"."""
        template = token.lstrip(_BLANK)
        if template[:1] not in ("/", "-") or not any(c.isalpha() for c in template):
            return False
        self.number_template = template
        return True

    def _take_authority(self, line: Line, going_on: bool) -> bool:
        """The authority line between the summary and the preamble of a decision: a body, or a
        head and a body ("CHỦ TỊCH ỦY BAN NHÂN DÂN"), possibly going on on a second line
        ("TỈNH CAO BẰNG", "KHÓA XVII, KỲ HỌP THỨ 5")."""
        if not self.summary or len(self.authority) >= _MAX_AUTHORITY_LINES:
            return False
        if going_on and self.authority:
            if not is_upper(line.text):
                return False
        elif self.authority or not is_authority_line(line):
            return False
        self.authority.append(line.text)
        self.summary_done = self.authority_open = True
        return True

    def _without_layout(self, line: Line) -> Line:
        """Drop the national motto (or the Party's name) and rules, which carry no data."""
        spans = _motto_spans(line)
        if not self.doc_type:  # later, in a summary in capitals, the Party's name is content
            for match in _PARTY_MOTTO.finditer(line.key):
                if is_upper(line.text[match.start() : match.end()]):
                    spans.append(match.span())
                    self.party = True
        text = line.text
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + " " + text[end:]
        text = RULE.sub(" ", text)
        if not text.replace("*", "").strip():
            text = ""  # the star under a Party body's name
        return Line.of(text) if text != line.text else line

    def _take_date(self, line: Line) -> bool:
        if match := _BLANK_DATE.match(line.key):
            self.place = line.span(match, 1).strip(" ,")
            self.date_text = line.span(match, 2)
            self.date_blank = True
            return True
        match = _DATE.match(line.key)
        if not match:
            return False
        self.place = line.span(match, 1).strip(" ,")
        self.date_text = line.span(match, 2)
        self.date = _to_date(match.group(3), match.group(4), match.group(5))
        return True

    def _take_doc_type(self, line: Line) -> bool:
        if (typed := split_doc_type(line)) is None:
            return False
        self.doc_type, rest = typed
        if rest:
            self.summary.append(rest)
        return True

    def _take_summary(self, line: Line) -> bool:
        if self.summary_done or is_preamble(line):
            return False
        if self.summary and (
            len(self.summary) >= _MAX_SUMMARY_LINES
            # A change of case ends it: "Về việc ..." then "ỦY BAN NHÂN DÂN TỈNH" (the authority).
            or is_upper(line.text) != is_upper(self.summary[0])
            # A summary in capitals ends where the authority line starts.
            or is_authority_line(line)
        ):
            return False
        self.summary.append(line.text)
        return True


def _join_number(token: str, rest: str) -> tuple[str, str]:
    """A symbol cut after a separator ("65/" + " 2025/TT-NHNN"), joined when the pieces make
    a number (cms.numbers); else the token as it was."""
    words = rest.split()
    for count in range(1, min(_MAX_NUMBER_PIECES, len(words)) + 1):
        joined = clean_number(token + "".join(words[:count]))
        if parse_number(joined):
            return joined, " " + " ".join(words[count:])
    return token, rest


def header_cells(line: Line) -> list[Line]:
    """The cells of a header row whose two columns were joined with "|" ("BỘ TÀI CHÍNH |
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/2025/TT-BTC | Hà Nội, ngày ..."), or the line."""
    if "|" not in line.text:
        return [line]
    cells = [Line.of(text) for text in line.text.split("|")]
    header_row = any(
        has_motto(cell) or _NUMBER.match(cell.key) or _DATE.match(cell.key) for cell in cells
    )
    return cells if header_row else [line]


def number_label(line: Line) -> str:
    """The label of a number line as written: "Số", "Luật số", "Nghị quyết số" ("" if none)."""
    match = _NUMBER.match(line.key)
    return line.text[: match.start(1)].rstrip(" :.") if match else ""


def split_doc_type(line: Line) -> tuple[str, str] | None:
    """(type, rest) of a line naming a document's type: "QUY CHẾ XÂY DỰNG ..." (in capitals)."""
    for key, canonical in _TYPE_KEYS:
        if line.key == key or (line.key.startswith(key + " ") and is_upper(line.text)):
            return canonical, line.text[len(key) :].strip()
    return None


def _motto_spans(line: Line) -> list[tuple[int, int]]:
    """Where the national motto's parts are on this line (the State's name excluded)."""
    return [
        match.span()
        for match in _MOTTO.finditer(line.key)
        if not line.key[: match.start()].rstrip().endswith(_STATE_OF)
    ]


def motto_texts(line: Line) -> list[str]:
    """The national motto's parts on this line, as written."""
    return [line.text[start:end] for start, end in _motto_spans(line)]


def has_motto(line: Line) -> bool:
    """The national motto, or the Party's name alone in capitals (the Party documents' motto)."""
    party = is_upper(line.text) and _PARTY_MOTTO.fullmatch(line.key)
    return bool(_MOTTO.search(line.key) or party)


def _to_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year.rstrip(".,")), int(month), int(day))
    except ValueError:
        return None
