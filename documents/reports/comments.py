"""The comment-synthesis table of a draft (bản tổng hợp, tiếp thu, giải trình ý kiến góp ý).

One row per comment: who made it, on which article, what it says, and how the drafting team
handled it (tiếp thu / giải trình / ghi nhận) with its response. Landscape A4 (Decree
30/2020/NĐ-CP Appendix I, I.2 allows it for tables), the lead agency's header, a count line.
"""

import datetime
from collections import Counter

from django.utils import timezone

from cms.models import DeploymentIdentity
from documents.export import layout
from documents.export.docx_builder import CENTER, LEFT, TextStyle, cell_flow, repeat_as_header
from documents.export.official import draft_table_document
from workflow.models import Comment, ResponseKind, SourceKind

TITLE = "Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý"
COLUMNS = (
    ("STT", 12),
    ("Nội dung góp ý", 78),
    ("Cơ quan, tổ chức, cá nhân góp ý", 40),
    ("Điều, khoản", 20),
    ("Hình thức xử lý", 24),
    ("Nội dung tiếp thu, giải trình", 78),
)
NOT_ANSWERED = "Chưa xử lý"
GENERAL = "Chung"


def comment_source(comment: Comment) -> str:
    """ "Sở Nội vụ"; a person with their organisation; how it came when not by letter."""
    parts = [comment.author.strip()]
    if comment.organisation.strip() and comment.organisation.strip() != parts[0]:
        parts.append(comment.organisation.strip())
    text = ", ".join(p for p in parts if p)
    if comment.source_kind and comment.source_kind != SourceKind.AGENCY:
        text += f" ({str(SourceKind(comment.source_kind).label).lower()})"
    return text


def comment_article(comment: Comment) -> str:
    article = comment.article.strip()
    if not article:
        return GENERAL
    return article if article.lower().startswith(("điều", "khoản", "điểm")) else f"Điều {article}"


def response_kind_label(comment: Comment) -> str:
    if not comment.response_kind:
        return NOT_ANSWERED
    return str(ResponseKind(comment.response_kind).label)


def synthesis_rows(workflow) -> list[list[str]]:
    """The table's rows, one per comment in the order received."""
    return [
        [
            str(number),
            comment.text.strip(),
            comment_source(comment),
            comment_article(comment),
            response_kind_label(comment),
            comment.response_text.strip(),
        ]
        for number, comment in enumerate(_comments(workflow), start=1)
    ]


def _comments(workflow) -> list[Comment]:
    return list(workflow.comments.select_related("round").order_by("received_at", "pk"))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _rounds_text(workflow) -> str:
    rounds = list(workflow.consultation_rounds.order_by("opened_on"))
    if not rounds:
        return ""
    spans = [f"từ ngày {r.opened_on:%d/%m/%Y} đến ngày {r.ends_on:%d/%m/%Y}" for r in rounds]
    return " và ".join(spans)


def comment_synthesis_docx(
    workflow, *, today: datetime.date | None = None, identity: DeploymentIdentity | None = None
) -> bytes:
    """The lead agency's synthesis, dated at its place (``identity``: the deployment's, default:
    the default site's)."""
    page = workflow.page
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    today = today or timezone.localdate()
    identity = identity or DeploymentIdentity.current()
    agency = page.lead_agency or page.issuing_body
    comments = _comments(workflow)
    rows = synthesis_rows(workflow)

    builder = draft_table_document(
        title=TITLE, draft_title=latest.title, agency=agency, identity=identity, today=today
    )

    rounds = _rounds_text(workflow)
    intro = f"{agency.name} đã lấy ý kiến góp ý đối với dự thảo"
    intro += f" {rounds}" if rounds else ""
    builder.body_paragraph(f"{intro}; kết quả tổng hợp, tiếp thu, giải trình như sau:")
    counts = Counter(response_kind_label(c) for c in comments)
    tally = [f"tổng số {len(comments)} ý kiến"]
    for label in [str(kind.label) for kind in ResponseKind] + [NOT_ANSWERED]:
        if counts[label]:
            tally.append(f"{_lower_first(label)} {counts[label]}")
    builder.body_paragraph(tally[0][:1].upper() + "; ".join(tally)[1:] + ".")

    table = builder.table([width for _label, width in COLUMNS], rows=1, borders=True)
    cell_style = layout.style("table_text")
    head_style = TextStyle(cell_style.size, bold=True)
    for cell, (label, _width) in zip(table.rows[0].cells, COLUMNS, strict=True):
        builder.paragraph(label, head_style, flow=cell_flow(cell), align=CENTER)
    repeat_as_header(table.rows[0])
    if not rows:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        builder.paragraph("Chưa có ý kiến góp ý.", cell_style, flow=cell_flow(merged), align=CENTER)
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            align = CENTER if i in (0, 3, 4) else LEFT
            flow = cell_flow(cell)
            for line in text.splitlines() or [""]:
                builder.paragraph(line, cell_style, flow=flow, align=align)

    builder.spacer(12)
    builder.signature(
        recipients=[],
        authority=["Cơ quan chủ trì soạn thảo", agency.name],
        name="",
    )
    return builder.to_bytes()
