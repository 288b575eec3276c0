"""The structure of a parsed Vietnamese legal text.

Immutable values (tuples, frozen dataclasses) so a result can be cached and shared. ``to_dict``
gives plain JSON-ready data; body items are tagged ``{"type": ..., "value": {...}}`` like a Wagtail
StreamField, with the article fields named as in ``cms.blocks.ArticleBlock``.
"""

import datetime as dt
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, ClassVar


class DocumentParseError(ValueError):
    """The input cannot be read as a legal text (not a DOCX, corrupt, too large)."""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    type: ClassVar[str] = "table"


@dataclass(frozen=True)
class Paragraph:
    """Text outside any article: a document without articles, or stray lines between them."""

    text: str
    type: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Part:
    """Phần (used by codes: "Phần thứ nhất")."""

    number: str
    heading: str
    type: ClassVar[str] = "part"


@dataclass(frozen=True)
class Chapter:
    number: str
    heading: str
    type: ClassVar[str] = "chapter"


@dataclass(frozen=True)
class Section:
    """Mục."""

    number: str
    heading: str
    type: ClassVar[str] = "section"


@dataclass(frozen=True)
class Subsection:
    """Tiểu mục."""

    number: str
    heading: str
    type: ClassVar[str] = "subsection"


@dataclass(frozen=True)
class Point:
    """Điểm: "a)", "b)", "đ)"."""

    letter: str
    text: str


@dataclass(frozen=True)
class Clause:
    """Khoản. Points written directly under an article sit in a clause with an empty number."""

    number: str
    text: str
    points: tuple[Point, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Article:
    """Điều. ``text`` is the intro before the first clause; part...subsection are numbers."""

    number: str
    heading: str
    text: str
    clauses: tuple[Clause, ...] = ()
    tables: tuple[Table, ...] = ()
    part: str | None = None
    chapter: str | None = None
    section: str | None = None
    subsection: str | None = None
    type: ClassVar[str] = "article"


BodyItem = Part | Chapter | Section | Subsection | Article | Paragraph | Table


@dataclass(frozen=True)
class Header:
    """The header block.

    ``authority`` is the line naming who enacts, between the summary and the preamble of a
    decision or resolution ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"). ``party``: a Party
    document ("ĐẢNG CỘNG SẢN VIỆT NAM" instead of the national motto). A draft ("DỰ THẢO", or a
    number or date left blank) has ``is_draft``; its blank number ("Số:      /2026/QĐ-UBND")
    leaves ``number`` empty and keeps what was filled in as ``number_template``
    ("/2026/QĐ-UBND"), and its blank date leaves ``date`` None. ``title_line`` is a line that
    web exports put above the header, the document's name as the site lists it ("Thông tư
    13/2025/TT-BNG phân cấp thẩm quyền ..."): not part of the official text, but kept.
    """

    issuer: str = ""
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    doc_type: str = ""
    summary: str = ""
    authority: str = ""
    party: bool = False
    is_draft: bool = False
    number_template: str = ""
    title_line: str = ""


@dataclass(frozen=True)
class Signature:
    """One signing block: "TM. CHÍNH PHỦ" / "THỦ TƯỚNG" / "Nguyễn Xuân Phúc".

    ``notes`` are the parenthesised remarks written with the name, without their parentheses:
    "(Demo) Nguyễn Văn A" and "Nguyễn Văn A (đã ký)" give the name "Nguyễn Văn A" and the notes
    ("Demo",) and ("đã ký",).
    """

    authority: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    name: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Appendix:
    number: str
    title: str
    content: tuple[Paragraph | Table, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A document attached after the signature, "ban hành kèm theo" this one: in a decision that
    issues a regulation, the regulation is the law. ``title`` is its name ("QUY CHẾ"),
    ``heading`` what follows it ("Xây dựng và ban hành văn bản ..."), ``note`` the line
    "(Ban hành kèm theo Quyết định số ...)". Its body is read as the main one; what follows it
    (a signature, notes, its own appendices) is kept as the main document's tail is.
    """

    title: str
    heading: str = ""
    note: str = ""
    body: tuple[BodyItem, ...] = ()
    closing: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    unplaced: tuple[str, ...] = ()

    def articles(self) -> tuple[Article, ...]:
        return tuple(item for item in self.body if isinstance(item, Article))


@dataclass(frozen=True)
class ParsedDocument:
    header: Header
    preamble: tuple[str, ...] = ()  # "Căn cứ ...", "Theo đề nghị ...", "Xét ..."
    enacting: str = ""  # the enacting formula after the preamble: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"
    body: tuple[BodyItem, ...] = ()
    closing: tuple[str, ...] = ()  # passing formula: "Luật này đã được Quốc hội ... thông qua ..."
    signatures: tuple[Signature, ...] = ()  # joint documents have several
    recipients: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    unplaced: tuple[str, ...] = ()  # lines after the body the parser could not place, kept
    attachments: tuple[Attachment, ...] = ()  # after the signature, recipients and appendices
    warnings: tuple[str, ...] = ()

    @property
    def signature(self) -> Signature | None:
        return self.signatures[0] if self.signatures else None

    def articles(self) -> tuple[Article, ...]:
        return tuple(item for item in self.body if isinstance(item, Article))

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        kind = getattr(value, "type", None)
        return {"type": kind, "value": data} if isinstance(kind, str) else data
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
