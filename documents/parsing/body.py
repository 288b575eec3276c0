"""The body: parts, chapters, sections, articles, clauses and points, as a line state machine."""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from cms.text import strip_tones, toneless_pattern
from documents.parsing.lines import (
    ArticleStart,
    DivisionStart,
    Line,
    ends_content,
    is_authority,
    is_closing,
    is_end_mark,
    is_name,
    is_signer_title,
    match_appendix,
    match_article,
    match_clause,
    match_division,
    match_point,
    match_recipients,
)
from documents.parsing.model import (
    Article,
    BodyItem,
    Chapter,
    Clause,
    Paragraph,
    Part,
    Point,
    Section,
    Subsection,
    Table,
)
from documents.parsing.normalize import is_upper

_DIVISION_TYPES = {"part": Part, "chapter": Chapter, "section": Section, "subsection": Subsection}
_DIVISION_LEVELS = tuple(_DIVISION_TYPES)
_MAX_HEADING_LINES = 3
# Non-strong article lines ("Điều 5" alone, "Điều 5 Xxx", "Điền 5.") are only trusted when their
# number follows the previous article closely, so references that happen to start a line are not.
_WEAK_ARTICLE_REACH = 2
_SENTENCE_BREAK = re.compile(r"[.:]\s+(?=[^\W\d_])")
_SELF_REFERENCE = re.compile(r"\bnay\b")  # folded "này": "Quyết định này có hiệu lực ..."
_MAX_INLINE_HEADING_WORDS = 15
# A line ending with a comma, a word that cannot end a sentence or a heading, or "khoản 2" runs on
# into the next one: "… theo quy định tại" / "Điều 28 Nghị định này, …" is a reference, not an
# article, unless that article is the next one.
_RUNS_ON_WORDS = frozenset((
    "tại", "theo", "của", "và", "hoặc", "với", "các", "những", "cho", "từ", "đến", "về", "trong",
    "bởi", "là", "được", "thuộc", "gồm", "hay", "vào", "nêu", "như",
))  # fmt: skip
_REFERENCE_WORDS = frozenset(("khoản", "điểm", "mục", "chương"))
# What follows the number of a reference, never a heading: "Điều 3 Thông tư này", "Điều 5 Luật
# số 12/2017/QH14", "Điều 28 Nghị định này, …" (the heading "Điều 5 Luật áp dụng" is not one).
_REFERENCE_REST = toneless_pattern(
    r"^(?:[,;)]|(?:bộ luật|luật|pháp lệnh|nghị định|nghị quyết|thông tư|quyết định|chỉ thị"
    r"|hiến pháp|quy chế|quy định|điều lệ|văn bản)(?:\s+liên tịch)?"
    r"(?:\s*(?:này|số|của|năm|\d)\b|\s*[,;.)]|$))"
)


@dataclass
class _PointDraft:
    letter: str
    lines: list[str]

    def build(self) -> Point:
        return Point(self.letter, "\n".join(self.lines))


@dataclass
class _ClauseDraft:
    number: str
    lines: list[str]
    points: list[_PointDraft] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def build(self) -> Clause:
        points = tuple(p.build() for p in self.points)
        return Clause(self.number, "\n".join(self.lines), points, tuple(self.tables))


@dataclass
class _ArticleDraft:
    start: ArticleStart
    divisions: dict[str, str | None]
    lines: list[str] = field(default_factory=list)
    clauses: list[_ClauseDraft] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def build(self) -> Article:
        has_more = bool(self.lines or self.clauses or self.tables)
        heading, first_text = split_heading(self.start.rest, has_more)
        text = "\n".join([first_text, *self.lines] if first_text else self.lines)
        return Article(
            number=self.start.number,
            heading=heading,
            text=text,
            clauses=tuple(c.build() for c in self.clauses),
            tables=tuple(self.tables),
            **self.divisions,
        )


@dataclass
class _DivisionDraft:
    start: DivisionStart
    lines: list[str]

    def build(self) -> Part | Chapter | Section | Subsection:
        return _DIVISION_TYPES[self.start.kind](self.start.number, " ".join(self.lines))


Draft = _ArticleDraft | _DivisionDraft | Paragraph | Table
# The label of each division as written: "Phần thứ nhất", "Chương II", "Mục 1", "Tiểu mục 2".
DIVISION_LABELS = {"part": "Phần", "chapter": "Chương", "section": "Mục", "subsection": "Tiểu mục"}


def division_line(item: BodyItem) -> str | Paragraph | Table:
    """A heading as a line of text ("Mục 1. QUY HOẠCH NGÀNH"); paragraphs and tables as they are.
    For a body without articles, kept as a list."""
    if isinstance(item, Part | Chapter | Section | Subsection):
        label = f"{DIVISION_LABELS[item.type]} {item.number}"
        return f"{label}. {item.heading}" if item.heading else label
    return item


def split_heading(rest: str, has_more: bool) -> tuple[str, str]:
    """Split what follows "Điều 5." into (heading, text).

    Laws give every article a heading; decisions often write the article's whole text on that
    line ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."); some put both ("Điều 3. Hiệu lực
    thi hành. Quyết định này ...").
    """
    if not rest or rest.endswith(":"):
        return "", rest
    if match := _SENTENCE_BREAK.search(rest):
        head = rest[: match.start()]
        short = len(head.split()) <= _MAX_INLINE_HEADING_WORDS
        if short and not _SELF_REFERENCE.search(strip_tones(head)):
            return head, rest[match.end() :]
    if not has_more or (rest.endswith(".") and _SELF_REFERENCE.search(strip_tones(rest))):
        return "", rest
    return rest.removesuffix("."), ""


class ArticleLookahead:
    """The numbers of the article lines still to come, so a line can be read in its sequence.

    Read once over the whole text; the parser hands over each line as it takes it.
    """

    def __init__(self, lines: list[Line]) -> None:
        self.order = [n for n in map(self._number, lines) if n is not None]
        self.position = 0  # of the next article line in ``order``
        self.counts: Counter[int] = Counter(self.order)
        # highest[i]: the highest number from the i-th article line on
        self.highest = [*reversed(list(itertools.accumulate(reversed(self.order), max))), 0]

    def take(self, line: Line) -> None:
        number = self._number(line)
        if number is not None and self.upcoming() == number:
            self.position += 1
            self.counts[number] -= 1

    @staticmethod
    def _number(line: Line) -> int | None:
        start = match_article(line)
        return _base(start.number) if start and start.form != "weak" else None

    def upcoming(self) -> int | None:
        """The number of the next article line."""
        return self.order[self.position] if self.position < len(self.order) else None

    def highest_to_come(self) -> int:
        return self.highest[self.position]

    def follows(self, number: int) -> bool:
        """Whether an article line with this number is still to come."""
        return self.counts[number] > 0


class BodyBuilder:
    def __init__(self, ahead: ArticleLookahead) -> None:
        self.ahead = ahead
        self.items: list[Draft] = []
        self.warnings: list[str] = []
        # The numbers of the divisions the next article sits in.
        self.divisions: dict[str, str | None] = dict.fromkeys(_DIVISION_LEVELS)
        self.article: _ArticleDraft | None = None
        self.heading: _DivisionDraft | None = None  # still taking heading lines
        self.quote: str = ""  # first line of a quotation still open (amending laws quote blocks)
        self.ended = False  # the last line closed the content with "./."
        self.runs_on = False  # the last line of text breaks off mid-sentence (see _runs_on)
        self.last_number: int | None = None  # of the last article

    def tail_state(self, line: Line) -> str | None:
        """The part of the document this line starts if it ends the body, else None."""
        if self._next_article_follows():
            # A form inside an article ("Nơi nhận:", "THỦ TRƯỞNG CƠ QUAN", "PHỤ LỤC I")
            # before the next article's own line does not end the body.
            return None
        if match_recipients(line) is not None:
            return "recipients"
        if is_authority(line):
            return "signature"
        if self.quote:
            return None
        if is_closing(line):
            return "closing"
        if self.items and not self.heading and is_signer_title(line):
            return "signature"
        if match_appendix(line, strict=True) and self._appendix_starts(line):
            return "appendix"
        if self.ended and self._after_end(line):
            return "signature"
        return None

    def feed(self, line: Line) -> None:
        if not line.text:
            return
        self._feed(line)
        self.ended = not self.quote and ends_content(line.text)

    def _appendix_starts(self, line: Line) -> bool:
        """A "Phụ lục I" line ends the body only as a heading after the last article: not as an
        item of a list ("Phụ lục I: DANH MỤC …;"), nor with more articles still to come."""
        more = self.last_number is not None and self.ahead.highest_to_come() >= self._expected()
        return not more and not line.text.endswith((";", ","))

    def _next_article_follows(self) -> bool:
        upcoming, expected = self.ahead.upcoming(), self._expected()
        if upcoming is None or self.last_number is None:
            return False
        return expected <= upcoming <= expected + _WEAK_ARTICLE_REACH

    def _after_end(self, line: Line) -> bool:
        """After "./.", a title in capitals, a name or "(Đã ký)" starts the signature block."""
        if match_article(line) or match_division(line):
            return False
        return is_upper(line.text) or is_name(line) or line.text.startswith(("(", "["))

    def _feed(self, line: Line) -> None:
        if is_end_mark(line.text) and self._attach(line.text):
            return
        if self.quote and not self._quote_broken(line):
            self.runs_on = False
            self._append(line.text)
            if _closes_quote(line.text):
                self.quote = ""
            return
        if self.heading and self._take_heading(self.heading, line):
            return
        runs_on, self.runs_on = self.runs_on, False
        if division := match_division(line):
            self._start_division(division)
            return
        article = match_article(line)
        if article and (start := self._article_start(article, runs_on)):
            self._start_article(start, line)
        else:
            self.runs_on = _runs_on(line.text)
            if self.article and (clause := match_clause(line)):
                draft = _ClauseDraft(clause[0], [clause[1]] if clause[1] else [])
                self.article.clauses.append(draft)
            elif self.article and (point := match_point(line)):
                self._add_point(self.article, *point)
            else:
                self._append(line.text)
        if _opens_quote(line.text):
            self.quote = line.text

    def add_table(self, table: Table) -> None:
        self.heading = None
        if self.article is None:
            self.items.append(table)
        elif self.article.clauses:
            self.article.clauses[-1].tables.append(table)
        else:
            self.article.tables.append(table)

    def build(self) -> tuple[tuple[BodyItem, ...], list[str]]:
        if self.quote:
            self.warnings.append(f"Trích dẫn không có dấu đóng: “{self.quote[:60]}”")
        items = tuple(
            item.build() if isinstance(item, _ArticleDraft | _DivisionDraft) else item
            for item in self.items
        )
        numbers = [item.number for item in items if isinstance(item, Article)]
        return items, self.warnings + sequence_warnings(numbers)

    def _quote_broken(self, line: Line) -> bool:
        """A chapter or the next article ends a quotation whose closing mark is missing."""
        article = match_article(line)
        expected = article is not None and article.form == "strong" and self._accepts(article, 0)
        if expected or match_division(line):
            self.warnings.append(f"Trích dẫn không có dấu đóng: “{self.quote[:60]}”")
            self.quote = ""
            return True
        return False

    def _take_heading(self, heading: _DivisionDraft, line: Line) -> bool:
        lines = heading.lines
        structural = match_article(line) or match_division(line)
        if not structural and not lines and not (match_clause(line) or match_point(line)):
            lines.append(line.text)
            return True
        upper = is_upper(line.text) and lines and is_upper(lines[0])
        if not structural and upper and len(lines) < _MAX_HEADING_LINES:
            lines.append(line.text)
            return True
        self.heading = None
        return False

    def _start_division(self, start: DivisionStart) -> None:
        level = _DIVISION_LEVELS.index(start.kind)
        for kind in _DIVISION_LEVELS[level:]:
            self.divisions[kind] = None  # a new chapter ends the current section, and so on
        self.divisions[start.kind] = start.number
        self.article = None
        self.heading = _DivisionDraft(start, [start.heading] if start.heading else [])
        self.items.append(self.heading)

    def _accepts(self, start: ArticleStart, reach: int = _WEAK_ARTICLE_REACH) -> bool:
        if start.form == "strong" and reach:
            return True
        expected = self._expected()
        return expected <= _base(start.number) <= expected + reach

    def _expected(self) -> int:
        """The number of the next article."""
        return self.last_number + 1 if self.last_number is not None else 1

    def _article_start(self, start: ArticleStart, runs_on: bool) -> ArticleStart | None:
        """The article an article line starts, or None for a reference that begins a line."""
        base, expected = _base(start.number), self._expected()
        if runs_on:
            # "… theo quy định tại" / "Điều 28 …": only the next article, with a heading, and
            # not one whose own line is still to come.
            later = self.ahead.follows(base)
            next_one = base == expected or (base == expected - 1 and not start.number.isdigit())
            reference = later or _REFERENCE_REST.match(strip_tones(start.rest))
            return start if next_one and not reference else None
        if start.form != "strong" and _REFERENCE_REST.match(strip_tones(start.rest)):
            return None
        if start.form == "strong":
            return self._footnoted(start, expected) or start
        return start if self._accepts(start) else None

    def _footnoted(self, start: ArticleStart, expected: int) -> ArticleStart | None:
        """ "Điều 74." after "Điều 6" and before "Điều 8": Điều 7 with footnote marker 4."""
        number, prefix = start.number, str(expected)
        marker, upcoming = number.removeprefix(prefix), self.ahead.upcoming()
        if (
            not number.isdigit()
            or _base(number) <= expected + _WEAK_ARTICLE_REACH
            or not (number.startswith(prefix) and 1 <= len(marker) <= 2)
            or upcoming is None
            or not expected < upcoming <= expected + 1 + _WEAK_ARTICLE_REACH
        ):
            return None
        return ArticleStart(prefix, start.rest, "note", marker)

    def _start_article(self, start: ArticleStart, line: Line) -> None:
        if start.form == "typo":
            self.warnings.append(f"Dòng “{line.text[:40]}” được hiểu là Điều {start.number}")
        if start.form == "note":
            self.warnings.append(
                f"Dòng “{line.text[:40]}” được hiểu là Điều {start.number}"
                f" với số chú thích {start.note}"
            )
        self.heading = None
        self.last_number = _base(start.number)
        self.article = _ArticleDraft(start, dict(self.divisions))
        self.items.append(self.article)

    def _add_point(self, article: _ArticleDraft, letter: str, text: str) -> None:
        if not article.clauses:
            article.clauses.append(_ClauseDraft("", []))
        article.clauses[-1].points.append(_PointDraft(letter, [text] if text else []))

    def _attach(self, mark: str) -> bool:
        """ "./." written on a line of its own ends the line before it."""
        lines: list[str] | None = None
        if self.article is None:
            if self.items and isinstance(self.items[-1], Paragraph):
                self.items[-1] = Paragraph(_end_with(self.items[-1].text, mark))
                return True
        elif not self.article.clauses:
            lines = self.article.lines
        elif points := self.article.clauses[-1].points:
            lines = points[-1].lines
        else:
            lines = self.article.clauses[-1].lines
        if not lines:
            return False
        lines[-1] = _end_with(lines[-1], mark)
        return True

    def _append(self, text: str) -> None:
        """Continuation text goes to the innermost open element."""
        if self.article is None:
            self.items.append(Paragraph(text))
        elif not self.article.clauses:
            self.article.lines.append(text)
        elif points := self.article.clauses[-1].points:
            points[-1].lines.append(text)
        else:
            self.article.clauses[-1].lines.append(text)


def _end_with(text: str, mark: str) -> str:
    """ "ký." and "./." make "ký./.", not "ký../."."""
    return text + (mark.lstrip(". ") if text.endswith(".") else mark)


def _base(number: str) -> int:
    return int(number.rstrip("abcdefghijklmnopqrstuvwxyzđ"))


def _runs_on(text: str) -> bool:
    if text.endswith(","):
        return True
    words = text[-40:].lower().split()  # the end of the line is enough
    if len(words) > 1 and words[-2] in _REFERENCE_WORDS and words[-1].isalnum():
        return True
    return bool(words) and words[-1] in _RUNS_ON_WORDS


def _opens_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _closes_quote(text: str) -> bool:
    return text.count("”") > text.count("“") or text.count('"') % 2 == 1


def sequence_warnings(numbers: list[str]) -> list[str]:
    """Gaps, repeats and reversals in article numbers ("5a" after "5" is fine)."""
    warnings: list[str] = []
    seen: set[str] = set()
    previous, previous_key = "", (0, "")
    for number in numbers:
        if number in seen:
            warnings.append(f"Điều {number} bị lặp lại")
            continue
        seen.add(number)
        key = (_base(number), number.lstrip("0123456789"))
        if key[0] > previous_key[0] + 1:
            first, last = previous_key[0] + 1, key[0] - 1
            missing = f"Điều {first}" if first == last else f"Điều {first} đến Điều {last}"
            warnings.append(f"{missing} bị thiếu")
        elif key <= previous_key:
            warnings.append(f"Điều {number} đứng sau Điều {previous}")
        previous, previous_key = number, key
    return warnings
