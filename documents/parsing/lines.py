"""Line classifier: what a single line of a legal text can be.

Patterns run on the line's ``strip_tones`` form (lower case, no tone marks, same length), so
"ĐIỀU", "Điều" and "Ðiều" all match, and the matched spans are cut from the original text.
"""

import itertools
import re
from dataclasses import dataclass

from cms.text import strip_tones, toneless_pattern
from documents.parsing.normalize import clean_line, is_upper


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    key: str  # strip_tones(text), for matching

    @classmethod
    def of(cls, raw: str) -> "Line":
        text = clean_line(raw)
        if RULE.fullmatch(text):
            text = ""
        return cls(text, strip_tones(text))

    def span(self, match: re.Match[str], group: int) -> str:
        start, end = match.span(group)
        return self.text[start:end].strip() if start >= 0 else ""


@dataclass(frozen=True, slots=True)
class ArticleStart:
    number: str
    rest: str  # what follows "Điều 5." on the same line
    form: str  # "strong" ("Điều 5." / "Điều 5:"), "bare" ("Điều 5"), "weak" ("Điều 5 Xxx"), "typo"
    # or "note" ("Điều 7.4 Xxx": consolidated texts stick a footnote marker to the number)
    note: str = ""  # that footnote marker


@dataclass(frozen=True, slots=True)
class DivisionStart:
    kind: str  # "part", "chapter", "section" or "subsection"
    number: str
    heading: str


# Horizontal rules drawn with characters under the issuer and the motto: "-------", "____".
RULE = re.compile(r"[-_=~*\u2013\u2014\u2500]{3,}")
_NUMBER_TOKEN = r"(\d{1,4}[a-zđ]?)(?![\w])"
_ARTICLE = toneless_pattern(r"^điều\s*" + _NUMBER_TOKEN + r"(?:\s*[.:](?!\d)\s*(.*)|\s*$|\s+(.+))")
_ARTICLE_TYPO = toneless_pattern(r"^điền\s*(\d{1,4})\s*[.:](?!\d)\s*(.*)$")
_ARTICLE_NOTE = toneless_pattern(r"^điều\s*(\d{1,4})\.(\d{1,3})\s*[.:]?\s+(\S.*)$")
_DIVISION_TAIL = r"(?![\w])(?:\s*[.:\-\u2013\u2014]\s*(.*)|\s*$|\s+(.+))"
_ORDINALS = (
    r"thứ\s+(?:mười(?:\s+(?:một|hai|ba|bốn|năm|lăm|sáu|bảy|tám|chín))?"
    r"|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín)"
)
_DIVISIONS = (
    ("part", toneless_pattern(r"^phần\s+(" + _ORDINALS + r"|[ivxlc]+|\d{1,2})" + _DIVISION_TAIL)),
    ("chapter", toneless_pattern(r"^chương\s+([ivxlc]+|\d{1,3})" + _DIVISION_TAIL)),
    ("section", toneless_pattern(r"^mục\s+([ivxl]+|\d{1,2})" + _DIVISION_TAIL)),
    ("subsection", toneless_pattern(r"^tiểu mục\s+([ivxl]+|\d{1,2})" + _DIVISION_TAIL)),
)
_ROMAN = re.compile(r"[ivxlc]+")
_CLAUSE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s*(.*)$")
_APPENDIX = toneless_pattern(
    r"^phụ lục(?:\s+số)?(?:\s+([ivxlc]+|\d{1,3}[a-z]?))?(?![\w])\s*(?:[.:\-\u2013\u2014]\s*(.*))?$"
)
_RECIPIENTS = toneless_pattern(r"^nơi nhận\s*(?::\s*(.*)|$)")
# Signing for someone: TM. (thay mặt), KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa
# ủy quyền); Party documents write them with a slash: "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ".
_AUTHORITY = re.compile(r"^(?:(?:TM|KT|Q|TL|TUQ)\s?\.|(?:T/M|K/T|T/L|T/UQ)\.?\s)\s*\S")
_TITLES = (
    r"(?:phó\s+)?(?:chủ tịch|thủ tướng|bộ trưởng|thứ trưởng|giám đốc|tổng giám đốc|chánh án"
    r"|viện trưởng|tổng kiểm toán|chánh văn phòng|trưởng ban|tổng cục trưởng|cục trưởng|thống đốc"
    r"|chánh thanh tra|trưởng phòng|tổng thư ký|chủ nhiệm|hiệu trưởng|bí thư)"
)
_SIGNER_TITLE = toneless_pattern(r"^" + _TITLES + r"\b")
# Where signing marks start inside a signature block flattened on one line.
_AUTHORITY_MARK = re.compile(r"(?<!\S)(?:(?:TM|KT|Q|TL|TUQ)\s?\.|(?:T/M|K/T|T/L|T/UQ)\.?\s)")
# The authority line of a decision names a body, or a head and the body: "ỦY BAN NHÂN DÂN TỈNH
# CAO BẰNG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "BỘ TRƯỞNG BỘ NỘI VỤ", "CHÍNH PHỦ".
_AUTHORITY_LINE = toneless_pattern(
    r"^(?:" + _TITLES + r"\s+)?(?:ủy ban|hội đồng|ubnd|hđnd|quốc hội|chính phủ|bộ|sở|ban(?!\s+hành)"
    r"|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|thường trực|kiểm toán nhà nước|tòa án|viện kiểm sát"
    r"|ngân hàng nhà nước)\b"
)
# The enacting formula between the preamble and the body.
_ENACTING = toneless_pattern(r"^(?:nay\s+)?(?:quyết định|quyết nghị|nghị quyết)\s*(:)?$")
# What closes the content of a document: "./." after its last sentence (PL III Mẫu 1.2).
_END_MARK = re.compile(r"\.?\s*/\.$")
# Remarks written in parentheses with the signer's name: "(Demo)", "(đã ký)", "[đã ký]".
_NAME_NOTE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_MAX_TITLE_WORDS = 10
_CLOSING = toneless_pattern(
    r"^(?:bộ luật|luật|pháp lệnh|nghị quyết)\s+(?:mẫu\s+)?này\s+(?:đã\s+)?được\b.*\bthông qua\b"
)
_PREAMBLE = toneless_pattern(
    r"^(?:căn cứ|theo đề nghị|theo tờ trình|theo yêu cầu|xét đề nghị|xét tờ trình)\b"
)
# "Xét Báo cáo thẩm định ...", "Xét thấy ...": with its capital, not "xét tuyển" in a summary.
_CONSIDERING = re.compile(r"^Xét\s")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'-]*(?:-[^\W\d_]+)*\.?$")
# National database exports write the signer as "Đã ký: Nguyễn Văn A" (or "(Đã ký) Nguyễn Văn A").
_SIGNED = toneless_pattern(r"^[(\[]?\s*(đã ký)\s*[)\]]?\s*[:.]?\s*")


def match_article(line: Line) -> ArticleStart | None:
    if match := _ARTICLE.match(line.key):
        number = match.group(1)
        if match.group(2) is not None:
            return ArticleStart(number, line.span(match, 2), "strong")
        if match.group(3) is None:
            return ArticleStart(number, "", "bare")
        rest = line.span(match, 3)
        # "Điều 10 Thanh tra ..." (dot forgotten) but not "Điều 37 và điểm đ ..." (a reference).
        return ArticleStart(number, rest, "weak") if rest[:1].isupper() else None
    if match := _ARTICLE_TYPO.match(line.key):
        return ArticleStart(match.group(1), line.span(match, 2), "typo")
    if (match := _ARTICLE_NOTE.match(line.key)) and (rest := line.span(match, 3))[:1].isupper():
        return ArticleStart(match.group(1), rest, "note", match.group(2))
    return None


def match_division(line: Line) -> DivisionStart | None:
    for kind, pattern in _DIVISIONS:
        if match := pattern.match(line.key):
            number = line.span(match, 1)
            # Roman numerals in capitals ("IV"), ordinals in lower case ("thứ nhất").
            number = number.upper() if _ROMAN.fullmatch(match.group(1)) else number.lower()
            if match.group(3) is not None:
                # A heading without separator must be in capitals ("Chương I NHỮNG QUY ĐỊNH
                # CHUNG"), otherwise the line is a sentence ("Chương 5 của Luật này ...").
                heading = line.span(match, 3)
                return DivisionStart(kind, number, heading) if is_upper(heading) else None
            return DivisionStart(kind, number, line.span(match, 2))
    return None


def match_clause(line: Line) -> tuple[str, str] | None:
    match = _CLAUSE.match(line.text)
    return (match.group(1), match.group(2)) if match else None


def match_point(line: Line) -> tuple[str, str] | None:
    match = _POINT.match(line.text)
    return (match.group(1), match.group(2)) if match else None


def match_appendix(line: Line, strict: bool) -> tuple[str, str] | None:
    """(number, inline title) of a "Phụ lục II" line.

    ``strict`` (inside the body): only a bare label or one with a title in capitals, so a
    sentence such as "Phụ lục I: Danh mục ..." inside an article is not taken for an appendix.
    """
    match = _APPENDIX.match(line.key)
    if not match:
        return None
    title = line.span(match, 2)
    if strict and title and not is_upper(title):
        return None
    return line.span(match, 1).upper(), title


def match_recipients(line: Line) -> str | None:
    match = _RECIPIENTS.match(line.key)
    return line.span(match, 1) if match else None


def is_authority(line: Line) -> bool:
    """ "TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG", also with the rest of the block on its line."""
    if not _AUTHORITY.match(line.text):
        return False
    return is_upper(line.text) or len(signature_parts(line)) > 1


def is_signer_title(line: Line) -> bool:
    short = len(line.text.split()) <= _MAX_TITLE_WORDS
    return short and is_upper(line.text) and bool(_SIGNER_TITLE.match(line.key))


def is_closing(line: Line) -> bool:
    return bool(_CLOSING.match(line.key))


def is_preamble(line: Line) -> bool:
    return bool(_PREAMBLE.match(line.key) or _CONSIDERING.match(line.text))


def is_authority_line(line: Line) -> bool:
    return is_upper(line.text) and bool(_AUTHORITY_LINE.match(line.key))


def match_enacting(line: Line, strict: bool = True) -> bool:
    """ "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"; without ``strict`` also the bare "QUYẾT ĐỊNH" in capitals
    (which in the header is the document type instead)."""
    match = _ENACTING.match(line.key)
    if not match:
        return False
    return match.group(1) is not None or (not strict and is_upper(line.text))


def ends_content(text: str) -> bool:
    """Whether the line ends with the closing mark "./."."""
    return bool(_END_MARK.search(text))


def is_end_mark(text: str) -> bool:
    """A line holding nothing but the closing mark."""
    return bool(_END_MARK.fullmatch(text))


def signer_name(line: Line) -> tuple[str, tuple[str, ...]] | None:
    """(name, notes) of a signer's name line, the remarks in parentheses set apart, or None.

    A name is 2 to 7 capitalised words, not all in capitals ("Nguyễn Xuân Phúc"); "(Demo)
    Nguyễn Văn A", "Nguyễn Văn A (đã ký)" and "Đã ký: Nguyễn Văn A" are names with a note. The
    heading of an attached document's chapter ("Chương I", "Mục 2") is no name.
    """
    signed = _SIGNED.match(line.key)
    if signed and line.text[signed.end() :]:
        named = signer_name(Line.of(line.text[signed.end() :]))
        return (named[0], (line.span(signed, 1), *named[1])) if named else None
    if match_division(line) or match_article(line) or match_appendix(line, strict=False):
        return None
    matches = list(_NAME_NOTE.finditer(line.text))
    notes = tuple(
        note for match in matches if (note := (match.group(1) or match.group(2) or "").strip())
    )
    text = " ".join(_NAME_NOTE.sub(" ", line.text).split()) if matches else line.text
    words = text.split()
    if (
        2 <= len(words) <= 7
        and not is_upper(text)
        and all(w[0].isupper() and _NAME_WORD.match(w) for w in words)
    ):
        return text, notes
    return None


def signature_parts(line: Line) -> list[Line]:
    """A signature block flattened on one line, in its lines: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH Nguyễn Văn A" -> "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A"; "CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn" -> the title and the name. Any other
    line is returned alone."""
    words = line.text.split()
    start = next((i for i, word in enumerate(words) if not is_upper(word)), len(words))
    name = Line.of(" ".join(words[start:]))
    if not start or (start < len(words) and signer_name(name) is None):
        return [line]
    head = " ".join(words[:start])
    marks = [m.start() for m in _AUTHORITY_MARK.finditer(head)] or [0]
    pieces = [head[a:b] for a, b in itertools.pairwise([0, *marks, len(head)]) if head[a:b].strip()]
    parts: list[str] = []
    for piece in pieces:
        # After "KT." the authority runs until the signer's own title: "KT. THỦ TƯỚNG" /
        # "PHÓ THỦ TƯỚNG", "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH".
        tokens = piece.split()
        cut = _AUTHORITY_MARK.match(piece) and next(
            (i for i in range(2, len(tokens)) if is_signer_title(Line.of(" ".join(tokens[i:])))),
            None,
        )
        parts += [" ".join(tokens[:cut]), " ".join(tokens[cut:])] if cut else [piece.strip()]
    parts += [name.text] if name.text else []
    return [Line.of(part) for part in parts] if len(parts) > 1 else [line]


def is_name(line: Line) -> bool:
    """A person's name, possibly with remarks in parentheses (see ``signer_name``)."""
    return signer_name(line) is not None
