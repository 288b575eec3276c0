"""What follows the body: passing formula, signature blocks, recipients (nơi nhận), appendices."""

import re
from dataclasses import dataclass, field

from cms.text import strip_tones, toneless_pattern
from documents.parsing.header import split_doc_type
from documents.parsing.lines import (
    Line,
    is_authority,
    is_name,
    is_signer_title,
    match_appendix,
    match_article,
    match_division,
    match_recipients,
    signature_parts,
    signer_name,
)
from documents.parsing.model import Appendix, Paragraph, Signature, Table
from documents.parsing.normalize import is_upper

# "(5): Tên cơ quan …" explains a numbered blank of a form: a note, kept (unplaced), not dropped.
_NUMBERED_NOTE = re.compile(r"[(\[]\d+[)\]]")
_BULLET = re.compile(r"^[-\u2013\u2014+•*]\s*")
_KEPT_COPY = toneless_pattern(r"^lưu\b")  # "- Lưu: VT, ..." closes the recipients list
# "(Ban hành kèm theo Quyết định số ...)": a document attached after the signature (a quy chế).
_ATTACHED_NOTE = r"\(\s*(?:được\s+)?(?:ban hành\s+)?kèm theo\b"
_ATTACHED = toneless_pattern("^" + _ATTACHED_NOTE)
_ATTACHED_ANYWHERE = toneless_pattern(_ATTACHED_NOTE)
# Only "ban hành kèm theo" names a document issued with this one; forms inside an appendix say
# "(Kèm theo Quyết định số ...)" of the decision they are a model of.
_ISSUED_WITH = toneless_pattern(r"^\(\s*(?:được\s+)?ban hành\s+kèm theo\b")
# An appendix draft still this short when a first chapter or article comes is the title of an
# attached document ("QUY ĐỊNH" / "Về ..." / "(Ban hành kèm theo ...)"), not an appendix.
_MAX_ATTACHED_TITLE_LINES = 4
_MAX_TITLE_LINES = 3
_MIN_TITLE_WORDS = 2  # a flattened table header ("STT", "TT") is not part of the title


@dataclass
class _SignatureDraft:
    authority: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    name: str = ""
    notes: tuple[str, ...] = ()

    def build(self) -> Signature:
        return Signature(tuple(self.authority), tuple(self.titles), self.name, self.notes)


@dataclass
class _AppendixDraft:
    number: str
    title: list[str]
    content: list[Paragraph | Table] = field(default_factory=list)
    title_open: bool = True

    def build(self) -> Appendix:
        return Appendix(self.number, " ".join(self.title), tuple(self.content))

    def take_last_title(self) -> list[str]:
        """The last paragraphs that make a title, taken out of the content: lines in capitals, the
        last one possibly not ("QUY ĐỊNH" / "Về quản lý ...")."""
        title: list[str] = []
        for i, item in enumerate(reversed(self.content[-_MAX_TITLE_LINES:])):
            if not (isinstance(item, Paragraph) and (i == 0 or is_upper(item.text))):
                break
            title.insert(0, item.text)
        while title and not is_upper(title[0]):
            title.pop(0)
        if title:
            self.content = self.content[: -len(title)]
        return title


def tail_parts(line: Line) -> list[Line]:
    """A tail line in its parts: the cells of a row joined with "|" when one holds the signature
    ("Nơi nhận: ...; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn A"), and a signature
    block flattened on one line in its lines (see ``signature_parts``)."""
    cells = [Line.of(text) for text in line.text.split("|")] if "|" in line.text else [line]
    if len(cells) > 1 and not any(_is_signature(cell) for cell in cells[1:]):
        cells = [line]
    return [part for cell in cells if cell.text for part in signature_parts(cell)]


def _is_signature(cell: Line) -> bool:
    return is_authority(cell) or is_signer_title(cell) or len(signature_parts(cell)) > 1


def starts_attached_body(line: Line) -> bool:
    """After the signature, a chapter or a first article starts a document attached to this one
    (a regulation "ban hành kèm theo"): it is no signer's name."""
    article = match_article(line)
    return match_division(line) is not None or (article is not None and article.form == "strong")


def attachment_title(lines: list[str]) -> tuple[str, str, str]:
    """(title, heading, note) of an attached document from its title lines: "QUY CHẾ" /
    "XÂY DỰNG VÀ BAN HÀNH ..." / "(Ban hành kèm theo Quyết định số ...)"."""
    text = " ".join(lines)
    note = ""
    if match := _ATTACHED_ANYWHERE.search(strip_tones(text)):
        text, note = text[: match.start()].strip(), text[match.start() :].strip()
    first = text[: len(lines[0])].strip() if lines else ""  # the first line, before the note
    heading = text[len(first) :].strip()
    typed = split_doc_type(Line.of(first))
    if typed is not None and typed[1]:  # "QUY CHẾ XÂY DỰNG ..." on one line
        return typed[0], f"{typed[1]} {heading}".strip(), note
    return first, heading, note


class TailBuilder:
    def __init__(self) -> None:
        self.closing: list[str] = []
        self.signatures: list[_SignatureDraft] = []
        self.recipients: list[str] = []
        self.appendices: list[_AppendixDraft] = []
        self.unplaced: list[str] = []
        # Lines after a complete signature block: the titles of the next block, or the title of
        # an attached document, decided by what comes next.
        self.pending: list[str] = []

    def switch(self, state: str, line: Line) -> str | None:
        """The state a tail line moves to (from closing, signature or recipients), if any."""
        if match_recipients(line) is not None:
            return "recipients"
        if match_appendix(line, strict=False) or _ATTACHED.match(line.key):
            return "appendix"
        if starts_attached_body(line):
            return "attached"
        if state == "closing" and (is_upper(line.text) or is_name(line)):
            return "signature"
        if state == "recipients" and (is_authority(line) or self._recipients_done(line)):
            return "signature"
        return None

    def feed_closing(self, line: Line) -> None:
        self.closing.append(line.text)

    def feed_recipients(self, line: Line) -> None:
        text = match_recipients(line)
        text = line.text if text is None else text
        if not text:
            return
        if bullet := _BULLET.match(text):
            self.recipients.append(text[bullet.end() :])
        elif self.recipients and not self.recipients[-1].endswith((";", ".")):
            self.recipients[-1] += " " + text  # an item wrapped onto the next line
        else:
            self.recipients.append(text)

    def feed_signature(self, line: Line) -> None:
        block = self.signatures[-1] if self.signatures and not self.signatures[-1].name else None
        if is_authority(line):
            if block is None or block.titles:
                block = _SignatureDraft()
                self.signatures.append(block)
            block.authority.append(line.text)
        elif named := signer_name(line):  # "Nguyễn Văn A", "(Demo) Nguyễn Văn A"
            name, notes = named
            if block is None:
                # A name closes the titles gathered since the last block; old laws give it alone.
                block = _SignatureDraft(titles=self.pending)
                self.signatures.append(block)
                self.pending = []
            block.name, block.notes = name, notes
        elif line.text.startswith(("(", "[")) and not _NUMBERED_NOTE.match(line.text):
            return  # "(Đã ký)", "(Chữ ký, dấu)": placeholders for the signature itself
        elif block is not None and is_upper(line.text):
            block.titles.append(line.text)
        elif is_upper(line.text) or self.pending:
            self.pending.append(line.text)
        else:
            self.unplaced.append(line.text)

    def feed_appendix(self, line: Line) -> None:
        if label := match_appendix(line, strict=False):
            number, title = label
            appendix = _AppendixDraft(number, [title] if title else [])
            previous = self.appendices[-1] if self.appendices else None
            if previous and not (previous.number or previous.title):
                # "PHỤ LỤC" + "(Ban hành kèm theo ...)" above "Phụ lục I", "Phụ lục II"...
                appendix.content = self.appendices.pop().content
            self.appendices.append(appendix)
            return
        if self.pending and _ATTACHED.match(line.key):
            # The lines gathered after the signature are the attached document's title.
            self.appendices.append(_AppendixDraft("", self.pending, title_open=False))
            self.pending = []
        elif (
            _ISSUED_WITH.match(line.key)
            and self.appendices
            and self.appendices[-1].content
            and (title := self.appendices[-1].take_last_title())
        ):
            # After an appendix, the lines in capitals above "(Ban hành kèm theo ...)" are the
            # title of the next attached document or appendix.
            self.appendices.append(_AppendixDraft("", title, title_open=False))
        if not self.appendices:
            self.appendices.append(_AppendixDraft("", [], title_open=False))
        appendix = self.appendices[-1]
        if not line.text:
            appendix.title_open = False
        elif appendix.title_open and self._is_title(appendix, line.text):
            appendix.title.append(line.text)
        else:
            appendix.title_open = False
            appendix.content.append(Paragraph(line.text))

    def starts_attachment(self, line: Line) -> bool:
        """In an appendix, whether a chapter or first article begins an attached document: the
        appendix so far, unnumbered and short, is that document's title."""
        article = match_article(line)
        first = match_division(line) is not None or (
            article is not None and article.form == "strong" and article.number == "1"
        )
        last = self.appendices[-1] if self.appendices else None
        return (
            first
            and last is not None
            and not last.number
            and len(last.title) + len(last.content) <= _MAX_ATTACHED_TITLE_LINES
            and all(isinstance(item, Paragraph) for item in last.content)
        )

    def take_attachment_title(self) -> list[str]:
        """The lines gathered since the signature as an attached document's title."""
        if self.pending:
            lines, self.pending = self.pending, []
            return lines
        if self.appendices and not self.appendices[-1].number:
            last = self.appendices.pop()
            return [
                *last.title,
                *(item.text for item in last.content if isinstance(item, Paragraph)),
            ]
        return []

    def add_appendix_table(self, table: Table) -> None:
        if not self.appendices:
            self.appendices.append(_AppendixDraft("", []))
        self.appendices[-1].title_open = False
        self.appendices[-1].content.append(table)

    def build(self) -> tuple[tuple[Signature, ...], tuple[Appendix, ...], list[str]]:
        if self.pending and all(is_upper(text) for text in self.pending):
            self.signatures.append(_SignatureDraft(titles=self.pending))  # a block without name
        else:
            self.unplaced.extend(self.pending)
        signatures = tuple(s.build() for s in self.signatures)
        return signatures, tuple(a.build() for a in self.appendices), self.unplaced

    @staticmethod
    def _is_title(appendix: _AppendixDraft, text: str) -> bool:
        return (
            is_upper(text)
            and len(appendix.title) < _MAX_TITLE_LINES
            and len(text.split()) >= _MIN_TITLE_WORDS
        )

    def _recipients_done(self, line: Line) -> bool:
        """After "- Lưu: ..." (or at a title in capitals) the recipients list is over."""
        if _BULLET.match(line.text):
            return False
        last = self.recipients[-1] if self.recipients else ""
        return is_upper(line.text) or bool(_KEPT_COPY.match(Line.of(last).key))
