"""The comparison table of two drafts, as appraisal dossiers carry it: three columns, the
earlier draft, the new draft and an explanation, one row per changed article or clause.

Landscape A4 in Times New Roman (Decree 30/2020/NĐ-CP Appendix I, I.2 allows landscape for
tables), the lead agency's header as on the comment synthesis. In the cells, words taken out are
struck through in the first column and words put in are bold and underlined in the second.
"""

import datetime

from django.utils import timezone

from cms.models import DeploymentIdentity
from documents.export import layout
from documents.export.docx_builder import CENTER, LEFT, TextStyle, cell_flow, repeat_as_header
from documents.export.official import draft_table_document

from .diff import Comparison
from .words import Op

TITLE = "Bảng so sánh dự thảo"
# Text width of landscape A4 with the decree's margins: 297 - 30 - 15 = 252 mm.
COLUMNS = (("STT", 12), ("Dự thảo trước", 95), ("Dự thảo mới", 95), ("Giải thích", 50))
NO_CHANGE = "Hai bản dự thảo không khác nhau."


def _cell_lines(ops, side: Op) -> list[list[tuple[str, bool]]]:
    """The lines of one column's text as (text, marked) runs: ``side`` is the operation shown
    marked (DELETE in the earlier draft, INSERT in the new one); the other side's is left out."""
    hidden = Op.INSERT if side == Op.DELETE else Op.DELETE
    lines: list[list[tuple[str, bool]]] = [[]]
    for op, text in ops:
        if op == hidden:
            continue
        for index, piece in enumerate(text.split("\n")):
            if index:
                lines.append([])
            if piece:
                lines[-1].append((piece, op == side))
    return [line for line in lines if "".join(text for text, _marked in line).strip()]


def _fill(builder, cell, ops, side: Op) -> None:
    plain = layout.style("table_text")
    marked = TextStyle(plain.size, bold=side == Op.INSERT, underline=side == Op.INSERT)
    flow = cell_flow(cell)
    lines = _cell_lines(ops, side)
    for line in lines:
        runs = [(text, marked if is_marked else plain) for text, is_marked in line]
        paragraph = builder.paragraph(runs, flow=flow, align=LEFT)
        if side == Op.DELETE:
            for run, (_text, is_marked) in zip(paragraph.runs, line, strict=True):
                run.font.strike = is_marked or None
    if not lines:
        builder.paragraph("", plain, flow=flow)


def comparison_docx(
    page,
    comparison: Comparison,
    *,
    old_label: str,
    new_label: str,
    today: datetime.date | None = None,
    identity: DeploymentIdentity | None = None,
) -> bytes:
    """The table comparing the draft ``old_label`` with ``new_label`` of ``page``."""
    today = today or timezone.localdate()
    identity = identity or DeploymentIdentity.current()
    builder = draft_table_document(
        title=TITLE,
        draft_title=page.title,
        agency=page.lead_agency or page.issuing_body,
        identity=identity,
        today=today,
    )
    builder.body_paragraph(f"Dự thảo trước: {old_label}. Dự thảo mới: {new_label}.")

    table = builder.table([width for _label, width in COLUMNS], rows=1, borders=True)
    cell_style = layout.style("table_text")
    head_style = TextStyle(cell_style.size, bold=True)
    for cell, (label, _width) in zip(table.rows[0].cells, COLUMNS, strict=True):
        builder.paragraph(label, head_style, flow=cell_flow(cell), align=CENTER)
    repeat_as_header(table.rows[0])
    if not comparison.rows:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        builder.paragraph(NO_CHANGE, cell_style, flow=cell_flow(merged), align=CENTER)
    for number, row in enumerate(comparison.rows, start=1):
        cells = table.add_row().cells
        builder.paragraph(str(number), cell_style, flow=cell_flow(cells[0]), align=CENTER)
        _fill(builder, cells[1], row.ops, Op.DELETE)
        _fill(builder, cells[2], row.ops, Op.INSERT)
        builder.paragraph(row.explanation, cell_style, flow=cell_flow(cells[3]), align=LEFT)
    return builder.to_bytes()
