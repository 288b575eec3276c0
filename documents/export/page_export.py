"""Official DOCX export of a legal document page (Decree 30/2020/NĐ-CP Appendix I).

``export_document(page)`` lays out whatever page object it is given: the views choose the
version (the latest revision in the admin, the live row on the portal). The body is the page's
StreamField (``cms.blocks``): chapters and sections, articles with their clauses, points and
tables, tables and notes, then after the signature the attached texts and the appendices.
"""

import datetime
import re

from django.utils import timezone
from django.utils.text import slugify
from docx.text.paragraph import Paragraph

from cms.blocks import list_values, main_and_attached, table_rows
from cms.models import DeploymentIdentity
from cms.text import fold
from workflow.selectors import state_of_page
from workflow.states import State

from . import layout
from .docx_builder import (
    CENTER,
    LEFT,
    Properties,
    TextStyle,
    add_run,
    cell_flow,
    repeat_as_header,
)
from .official import (
    HeaderSpec,
    OfficialDocument,
    document_place,
    end_mark,
    issuer_header_lines,
    place_date_line,
)


def is_issued(page) -> bool:
    """Issued (or published) in the workflow; a document without a workflow: has a number."""
    state = state_of_page(page.pk) if page.pk else None
    if state is not None:
        return state in (State.ISSUED, State.PUBLISHED)
    return bool(page.number and page.issued_on)


def number_line(page, *, issued: bool) -> str:
    party = page.issuing_body.is_party_body
    prefix = "Số " if party else "Số: "
    if issued and page.number:
        return prefix + page.number
    blank = "\u00a0" * 8
    type_code, issuer_code = page.document_type.code, page.issuing_body.code
    if party:
        return f"Số{blank}-{type_code}/{issuer_code}"
    if page.document_type.is_normative:
        year = page.planned_submission.year if page.planned_submission else blank
        return f"Số:{blank}/{year}/{type_code}-{issuer_code}"
    return f"Số:{blank}/{type_code}-{issuer_code}"


_ENACTING = {"quyet dinh": "QUYẾT ĐỊNH:", "nghi quyet": "QUYẾT NGHỊ:"}
_AUTHORITY_PREFIX = re.compile(r"^(tm|kt|q|tl|tuq|t/m)\.?\s+", re.I)


def enacting_formula(page) -> str:
    if page.issuing_body.is_party_body:
        return ""
    return _ENACTING.get(fold(page.document_type.name).strip(), "")


def authority_line(page) -> str:
    """ "THẨM QUYỀN BAN HÀNH" of a decision (PL III Mẫu 1.2).

    Signed for the collective ("TM. ỦY BAN NHÂN DÂN"), or not yet signed: the issuing body.
    Signed by the head in person ("CHỦ TỊCH", or "KT. CHỦ TỊCH" for a deputy): the head's title
    and the body, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG".
    """
    body = " ".join(page.issuing_body.name.split()).upper()
    lines = page.signer_title_lines()
    if not lines or fold(lines[0]).startswith(("tm", "t/m")):
        return body
    head = _AUTHORITY_PREFIX.sub("", lines[0]).strip().upper()
    return f"{head} {body}"


def signature_authority(page) -> list[str]:
    lines = page.signer_title_lines()
    if lines:
        return [line.upper() for line in lines]
    name = fold(page.issuing_body.name)
    for prefix in ("uy ban nhan dan", "hoi dong nhan dan"):
        if name.startswith(prefix):
            head = page.issuing_body.name.split()[:4]
            return [f"TM. {' '.join(head).upper()}", "CHỦ TỊCH"]
    return ["QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"]


def name_lines(page) -> list[str]:
    """The lines under the type: the summary without the type's name at its start ("Luật Doanh
    nghiệp" under "LUẬT" is "DOANH NGHIỆP"); a law's name in capitals
    (``layout.NAME_IN_CAPITALS``)."""
    lines = [line.strip() for line in page.summary.splitlines() if line.strip()]
    type_name = page.document_type.name
    if lines:
        words = lines[0].split()
        size = len(type_name.split())
        if len(words) > size and fold(" ".join(words[:size])) == fold(type_name):
            rest = " ".join(words[size:])
            lines[0] = rest[:1].upper() + rest[1:]
    if fold(type_name).strip() in layout.NAME_IN_CAPITALS:
        return [line.upper() for line in lines]
    return lines


def issue_time(day: datetime.date) -> datetime.datetime:
    """The issue date as the start of that day where the project keeps time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def export_filename(page) -> str:
    base = page.number if page.number else page.slug
    return (slugify(fold(base).replace("/", "-")) or f"van-ban-{page.pk}") + ".docx"


def export_document(
    page, *, identity: DeploymentIdentity | None = None, place: str | None = None
) -> bytes:
    """The page as a DOCX in the official layout. A document not yet issued is a draft:
    "DỰ THẢO" under the header, number and date left blank.

    ``identity``: the deployment's (default: the default site's); ``place``: the date line's
    place instead of the issuing body's."""
    identity = identity or DeploymentIdentity.current()
    place = place or document_place(page.issuing_body, identity)
    issued = is_issued(page)
    builder = OfficialDocument()
    builder.properties = Properties(
        title=page.display_title if issued else page.title,
        subject=page.summary,
        author=page.issuing_body.name,
        created=issue_time(page.issued_on) if issued and page.issued_on else None,
    )

    parent, issuer = issuer_header_lines(page.issuing_body, identity)
    year = page.planned_submission.year if page.planned_submission else None
    builder.header(
        HeaderSpec(
            parent_lines=parent,
            issuer_lines=issuer,
            number_line=number_line(page, issued=issued),
            place_date_line=place_date_line(place, page.issued_on if issued else None, year=year),
            party=page.issuing_body.is_party_body,
        )
    )
    if not issued:
        builder.centred(layout.DRAFT_MARK, "draft_mark", space_before=12)

    summary_lines = name_lines(page)
    builder.title(page.document_type.name, summary_lines, rule_under=" ".join(summary_lines))

    enacting = enacting_formula(page)
    if enacting:
        builder.centred(authority_line(page), "authority", space_before=12, space_after=6)
    else:
        builder.spacer(12)
    preamble_style = layout.style("preamble")
    for line in page.preamble_lines():
        italic = bool(enacting) or fold(line).startswith("can cu")
        builder.body_paragraph(line, preamble_style if italic else layout.style("body"))
    if enacting:
        builder.centred(enacting, "enacting", space_before=6, space_after=6, keep_with_next=True)

    main, attached = main_and_attached(page.body)
    last = write_body(builder, main)
    if last is not None:
        text = last.text.rstrip()
        if not text.endswith(layout.END_MARK):
            add_run(last, end_mark(text), layout.style("body"))

    builder.spacer(6)
    builder.signature(
        recipients=page.recipient_lines(),
        authority=signature_authority(page),
        name=page.signer if issued else "",
    )
    write_body(builder, attached)
    return builder.to_bytes()


DIVISION_WORDS = {"chapter": "Chương", "section": "Mục"}


def write_body(builder: OfficialDocument, placed) -> Paragraph | None:
    """The blocks (``cms.blocks.Placed``) in order; returns the last text paragraph."""
    last = None
    for item in placed:
        last = _WRITERS[item.kind](builder, item.value) or last
    return last


def _write_division(kind: str):
    def write(builder: OfficialDocument, value) -> None:
        builder.centred(
            f"{DIVISION_WORDS[kind]} {value['number']}",
            "division_number",
            space_before=12,
            keep_with_next=True,
        )
        if value.get("heading"):
            builder.centred(
                value["heading"], "division_heading", space_after=6, keep_with_next=True
            )

    return write


def _write_note(builder: OfficialDocument, value) -> Paragraph | None:
    last = None
    for line in _lines(value or ""):
        last = builder.body_paragraph(line)
    return last


def _write_attachment(builder: OfficialDocument, value) -> None:
    """An attached text starts on a new page: its title, heading and note centred."""
    title = builder.centred(value.get("title") or "", "doc_type", keep_with_next=True)
    title.paragraph_format.page_break_before = True
    for line in _lines(value.get("heading") or ""):
        builder.centred(line, "summary", keep_with_next=True)
    for line in _lines(value.get("note") or ""):
        builder.centred(line, "preamble", keep_with_next=True)
    builder.spacer(12)


def _write_appendix(builder: OfficialDocument, value) -> Paragraph | None:
    """An appendix starts on a new page: "PHỤ LỤC I" and its title centred, then its content."""
    label = f"Phụ lục {value.get('number') or ''}".strip()
    first = builder.centred(label, "doc_type", keep_with_next=True)
    first.paragraph_format.page_break_before = True
    for line in _lines(value.get("title") or ""):
        builder.centred(line, "summary", keep_with_next=True)
    builder.spacer(12)
    last = None
    for block in value.get("content") or ():
        if block.block_type == "table":
            _write_table(builder, block.value)
        else:
            last = _write_note(builder, block.value) or last
    return last


def _write_table(builder: OfficialDocument, value) -> None:
    """A bordered table over the text width, columns of equal width; the header row bold and
    repeated on each page, the first column bold when it holds headers."""
    rows = table_rows(value)
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return
    cell_style = layout.style("table_text")
    bold = TextStyle(cell_style.size, bold=True)
    caption = str(value.get("table_caption") or "").strip()
    if caption:
        builder.centred(caption, "article_heading", space_before=6, keep_with_next=True)
    table = builder.table([builder.text_width_mm / columns] * columns, rows=len(rows), borders=True)
    header_row = bool(value.get("first_row_is_table_header"))
    header_col = bool(value.get("first_col_is_header"))
    for r, (row, cells) in enumerate(zip(rows, table.rows, strict=True)):
        for c, cell in enumerate(cells.cells):
            text = row[c] if c < len(row) else ""
            heading = (header_row and r == 0) or (header_col and c == 0)
            flow = cell_flow(cell)
            for line in text.splitlines() or [""]:
                builder.paragraph(
                    line.strip(),
                    bold if heading else cell_style,
                    flow=flow,
                    align=CENTER if header_row and r == 0 else LEFT,
                )
    if header_row:
        repeat_as_header(table.rows[0])
    builder.spacer(6)


def _write_article(
    builder: OfficialDocument, value, body_style: TextStyle, heading_style: TextStyle
) -> Paragraph | None:
    label = f"Điều {value['number']}."
    heading = (value.get("heading") or "").strip()
    text_lines = _lines(value.get("text") or "")
    if heading:
        last = builder.body_paragraph(f"{label} {heading}", heading_style, keep_with_next=True)
    elif text_lines:
        # An article without a heading runs on with its text (PL III Mẫu 1.2: "Điều 1. ...").
        first = text_lines.pop(0)
        last = builder.body_paragraph([(label, heading_style), (" " + first, body_style)])
    else:
        last = builder.body_paragraph(label, heading_style)
    for line in text_lines:
        last = builder.body_paragraph(line)
    for clause in value.get("clauses") or []:
        number = str(clause.get("number") or "").strip()
        clause_lines = _lines(clause.get("text") or "")
        if number:
            first = clause_lines.pop(0) if clause_lines else ""
            last = builder.body_paragraph(f"{number}. {first}".rstrip())
        for line in clause_lines:
            last = builder.body_paragraph(line)
        for point in clause.get("points") or []:
            last = builder.body_paragraph(f"{point['letter']}) {point['text']}")
    for table in list_values(value.get("tables")):
        _write_table(builder, table)
    return last


def _write_article_block(builder: OfficialDocument, value) -> Paragraph | None:
    return _write_article(builder, value, layout.style("body"), layout.style("article_heading"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


_WRITERS = {
    "chapter": _write_division("chapter"),
    "section": _write_division("section"),
    "article": _write_article_block,
    "table": _write_table,
    "note": _write_note,
    "attachment": _write_attachment,
    "appendix": _write_appendix,
}
