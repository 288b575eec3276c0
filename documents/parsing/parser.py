"""One parser for both readers: a stream of lines and tables becomes a ParsedDocument.

The document is read in order through states: header -> preamble -> body -> closing /
signature / recipients -> appendix. A line that ends a state is handed, unchanged, to the next.
A chapter or first article after the signature starts a document attached to this one: its
title is what was gathered since the signature, and its body and tail are read again through
body -> closing / signature / recipients -> appendix, by builders of its own.
"""

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from documents.parsing.body import ArticleLookahead, BodyBuilder, division_line
from documents.parsing.furniture import drop_furniture
from documents.parsing.header import HeaderBuilder, has_motto, header_cells
from documents.parsing.limits import Budget
from documents.parsing.lines import (
    Line,
    is_authority,
    is_preamble,
    match_appendix,
    match_article,
    match_division,
    match_enacting,
    match_recipients,
)
from documents.parsing.model import (
    Appendix,
    Article,
    Attachment,
    Header,
    Paragraph,
    ParsedDocument,
    Table,
)
from documents.parsing.normalize import clean_line, is_upper
from documents.parsing.pipes import read_pipe_tables
from documents.parsing.tail import TailBuilder, attachment_title, tail_parts

Block = str | Table
_CLOCK_EVERY = 256  # lines between two looks at the clock
_Item = Line | Table


def parse_blocks(blocks: Iterable[Block], *, budget: Budget | None = None) -> ParsedDocument:
    """Parse lines (str) and tables in document order; ``budget`` bounds the time taken."""
    items, furniture = drop_furniture([_normalise(block) for block in blocks])
    return _Parser(read_pipe_tables(items), budget, furniture=furniture).run()


def _normalise(block: Block) -> _Item:
    if isinstance(block, str):
        return Line.of(block)
    rows = tuple(tuple(_clean_cell(cell) for cell in row) for row in block.rows)
    return Table(rows)


def _clean_cell(text: str) -> str:
    return "\n".join(line for line in map(clean_line, text.splitlines()) if line)


def _is_layout(table: Table) -> bool:
    """Tables that only place text side by side: the header, the recipients and signature."""
    lines = (Line.of(text) for row in table.rows for cell in row for text in cell.splitlines())
    return any(has_motto(x) or is_authority(x) or match_recipients(x) is not None for x in lines)


def _layout_lines(table: Table) -> list[Line]:
    """Column by column: the left column (issuer, recipients) comes before the right one."""
    width = max((len(row) for row in table.rows), default=0)
    cells = (row[col] for col in range(width) for row in table.rows if col < len(row))
    return [Line.of(text) for cell in cells for text in [*cell.splitlines(), ""]]


def _starts_body(line: Line) -> bool:
    article = match_article(line)
    first_article = article is not None and (article.form == "strong" or article.number == "1")
    return first_article or match_division(line) is not None


def _has_structure(items: list[_Item]) -> bool:
    """Whether chapters or articles follow; if so, all lines before them are preamble."""
    queue = deque(items)
    while queue:
        item = queue.popleft()
        if isinstance(item, Table):
            if _is_layout(item):
                queue.extendleft(reversed(_layout_lines(item)))
            continue
        if _starts_body(item):
            return True
        if match_recipients(item) is not None or match_appendix(item, strict=True):
            return False
    return False


def _motto_follows(items: deque[_Item]) -> bool:
    """Whether the next line (or layout table) carries the national motto: a header row."""
    for item in items:
        if isinstance(item, Table):
            return _is_layout(item)
        if item.text:
            return has_motto(item)
    return False


@dataclass
class _AttachmentDraft:
    title_lines: list[str]
    body: BodyBuilder
    tail: TailBuilder

    def build(self) -> tuple[Attachment | tuple[Appendix, ...], list[str]]:
        """The attached document; without articles it is a list (a "DANH MỤC" in "Mục"s or
        "Phần"s, tables), kept as an unnumbered appendix (with the appendices after it)."""
        title, heading, note = attachment_title(self.title_lines)
        body, warnings = self.body.build()
        signatures, appendices, unplaced = self.tail.build()
        if not any(isinstance(item, Article) for item in body):
            signed = [line for s in signatures for line in (*s.authority, *s.titles, s.name)]
            ending = [*self.tail.closing, *signed, *self.tail.recipients, *unplaced]
            lines = [note, *map(division_line, body), *ending]
            content = [Paragraph(x) if isinstance(x, str) else x for x in lines if x]
            return (Appendix("", f"{title} {heading}".strip(), tuple(content)), *appendices), []
        attachment = Attachment(
            title=title,
            heading=heading,
            note=note,
            body=body,
            closing=tuple(self.tail.closing),
            signatures=signatures,
            recipients=tuple(self.tail.recipients),
            appendices=appendices,
            unplaced=tuple(unplaced),
        )
        name = " ".join(filter(None, (title, heading)))[:60] or "Văn bản kèm theo"
        return attachment, [f"{name}: {warning}" for warning in warnings]


class _Parser:
    def __init__(self, items: list[_Item], budget: Budget | None, *, furniture: int) -> None:
        self.budget = budget
        self.furniture = furniture  # gazette running heads and page numbers dropped
        if budget is not None:
            budget.check_time()
        self.queue = deque(items)
        self.structured = _has_structure(items)
        self.header = HeaderBuilder()
        self.preamble: list[str] = []
        self.enacting = ""
        self.ahead = ArticleLookahead([item for item in items if isinstance(item, Line)])
        self.body = self.main_body = BodyBuilder(self.ahead)
        self.tail = self.main_tail = TailBuilder()
        self.attachments: list[_AttachmentDraft] = []
        self.unsplit: Line | None = None  # what is left of a header row: not split again
        self.handlers: dict[str, Callable[[Line], str | None]] = {
            "header": self._header,
            "preamble": self._preamble,
            "body": self._body,
            "closing": lambda line: self._tail("closing", line, self.tail.feed_closing),
            "signature": lambda line: self._tail("signature", line, self.tail.feed_signature),
            "recipients": lambda line: self._tail("recipients", line, self.tail.feed_recipients),
            "appendix": self._appendix,
            "attached": self._attached,
        }

    def run(self) -> ParsedDocument:
        state = "header"
        count = 0
        while self.queue:
            item = self.queue.popleft()
            count += 1
            if self.budget is not None and not count % _CLOCK_EVERY:
                self.budget.check_time()
            if isinstance(item, Table):
                state = self._table(state, item)
                continue
            self.ahead.take(item)
            # A handler returns the state that should take the line instead of it, or None.
            while (next_state := self.handlers[state](item)) is not None:
                state = next_state
        return self._result()

    def _table(self, state: str, table: Table) -> str:
        if state == "appendix":
            self.tail.add_appendix_table(table)
        elif _is_layout(table) or state not in ("header", "preamble", "body"):
            self.queue.extendleft(reversed(_layout_lines(table)))
        else:
            self.body.add_table(table)
            return "body"
        return state

    def _header(self, line: Line) -> str | None:
        if line.text and match_appendix(line, strict=False):
            return "appendix"
        if line.text and _starts_body(line):
            return "body"
        cells = header_cells(line) if line is not self.unsplit else [line]
        if len(cells) > 1:
            rest = [cell.text for cell in cells if cell.text and not self.header.feed(cell)]
            if rest:  # handed on, unsplit, as any line the header does not take
                self.unsplit = Line.of(" | ".join(rest))
                self.queue.appendleft(self.unsplit)
            return None
        if self.header.feed(line):
            return None
        if self.header.is_blank and not is_upper(line.text) and _motto_follows(self.queue):
            # A title line above the header (web exports): "Thông tư 13/2025/TT-BNG phân cấp ..."
            self.header.title_line = line.text
            return None
        return "preamble"

    def _preamble(self, line: Line) -> str | None:
        if not line.text:
            return None
        if _starts_body(line):
            return "body"
        if not self.enacting and match_enacting(line, strict=False):
            self.enacting = line.text
            return None
        if not self.structured and not is_preamble(line):
            return "body"
        self.preamble.append(line.text)
        return None

    def _body(self, line: Line) -> str | None:
        if next_state := self.body.tail_state(line):
            return next_state
        self.body.feed(line)
        return None

    def _tail(self, state: str, line: Line, feed: Callable[[Line], None]) -> str | None:
        if not line.text:
            return None
        if len(parts := tail_parts(line)) > 1:  # each part is whole: it splits no further
            self.queue.extendleft(reversed(parts))
            return None
        next_state = self.tail.switch(state, line)
        if next_state and next_state != state:
            return next_state
        feed(line)
        return None

    def _appendix(self, line: Line) -> str | None:
        if line.text and self.tail.starts_attachment(line):
            return "attached"
        self.tail.feed_appendix(line)
        return None

    def _attached(self, line: Line) -> str:
        """The line starts the body of an attached document: new builders take the rest."""
        title = self.tail.take_attachment_title()
        self.body, self.tail = BodyBuilder(self.ahead), TailBuilder()
        self.attachments.append(_AttachmentDraft(title, self.body, self.tail))
        return "body"

    def _result(self) -> ParsedDocument:
        warnings: list[str] = []
        self.header.take_passing_date(self.main_tail.closing)
        header = self.header.build(warnings)
        body, body_warnings = self.main_body.build()
        signatures, appendices, unplaced = self.main_tail.build()
        attachments: list[Attachment] = []
        for draft in self.attachments:
            attachment, attachment_warnings = draft.build()
            if isinstance(attachment, tuple):  # appendices, after those before them
                if attachments:
                    attachments[-1] = replace(
                        attachments[-1], appendices=(*attachments[-1].appendices, *attachment)
                    )
                else:
                    appendices = (*appendices, *attachment)
            else:
                attachments.append(attachment)
            body_warnings.extend(attachment_warnings)
        unplaced_count = len(unplaced) + sum(len(a.unplaced) for a in attachments)
        if appendices and not body and header == Header():
            # An appendix saved as its own file (as Decree 30/2020's): no header to miss.
            warnings = ["Tệp chỉ có phụ lục, không có phần đầu và nội dung văn bản"]
        if self.furniture:
            warnings.append(
                f"Đã bỏ {self.furniture} dòng đầu trang Công báo (tên, số, ngày Công báo, số trang)"
            )
        warnings.extend(body_warnings)
        if unplaced_count:
            warnings.append(
                f"{unplaced_count} dòng cuối văn bản không xác định được thuộc phần nào"
            )
        return ParsedDocument(
            header=header,
            preamble=tuple(self.preamble),
            enacting=self.enacting,
            body=body,
            closing=tuple(self.main_tail.closing),
            signatures=signatures,
            recipients=tuple(self.main_tail.recipients),
            appendices=appendices,
            unplaced=tuple(unplaced),
            attachments=tuple(attachments),
            warnings=tuple(warnings),
        )
