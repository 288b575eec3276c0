"""The drafting programme's progress report for a period, as a DOCX in the style of the
department's 6-month review (shared/reference/bao-cao-so-ket-6-thang-2015.txt, section I.1.a).

Section I lists each registered document: its stage at the end of the period, key dates,
postponements and what remains; section II the documents issued in the period. States are read
back from the audit trail, so a report on a past period shows the stages as they were then.
"""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_fsm_log.models import StateLog

from cms.models import DeploymentIdentity, IssuingBody, LegalDocumentPage
from documents.export import layout
from documents.export.docx_builder import Properties
from documents.export.official import (
    HeaderSpec,
    OfficialDocument,
    issuer_header_lines,
    place_date_line,
)
from workflow.models import DocumentWorkflow, PostponementStatus
from workflow.states import AWAITING_SUBMISSION, State

TITLE = "Tình hình thực hiện chương trình xây dựng văn bản quy phạm pháp luật"

# What each step is called in the report ("bắt đầu soạn thảo ngày 12/01/2015").
MILESTONES = {
    "start_drafting": "bắt đầu soạn thảo",
    "send_for_appraisal": "gửi Sở Tư pháp thẩm định",
    "return_for_revision": "Sở Tư pháp trả lại để hoàn thiện",
    "complete_appraisal": "Sở Tư pháp hoàn thành thẩm định",
    "submit": "trình UBND tỉnh",
    "return_to_drafting": "Văn phòng UBND tỉnh trả lại cơ quan soạn thảo",
    "issue": "ban hành",
    "publish": "đăng tải trên Cổng thông tin điện tử",
    "unpublish": "gỡ khỏi Cổng thông tin điện tử",
    "withdraw": "rút khỏi chương trình",
    "import_published": "nhập văn bản đã ban hành",
}
# The steps left from each stage, normative documents (consultation and appraisal) first.
_NORMATIVE_AFTER_CONSULTATION = ["gửi Sở Tư pháp thẩm định", "trình UBND tỉnh ban hành"]
NEXT_STEPS_NORMATIVE = {
    State.PLANNED: ["soạn thảo dự thảo", "lấy ý kiến góp ý", *_NORMATIVE_AFTER_CONSULTATION],
    State.DRAFTING: ["lấy ý kiến góp ý", *_NORMATIVE_AFTER_CONSULTATION],
    State.CONSULTATION: [
        "tổng hợp, tiếp thu, giải trình ý kiến góp ý",
        *_NORMATIVE_AFTER_CONSULTATION,
    ],
    State.APPRAISAL: ["nhận báo cáo thẩm định của Sở Tư pháp", "trình UBND tỉnh ban hành"],
    State.APPRAISED: ["hoàn thiện hồ sơ, trình UBND tỉnh ban hành"],
    State.SUBMITTED: ["UBND tỉnh xem xét, ban hành"],
    State.ISSUED: ["gửi Công báo", "đăng tải trên Cổng thông tin điện tử"],
}
NEXT_STEPS_ADMINISTRATIVE = {
    State.PLANNED: ["soạn thảo dự thảo", "trình UBND tỉnh ban hành"],
    State.DRAFTING: ["hoàn thiện dự thảo, trình UBND tỉnh ban hành"],
    State.CONSULTATION: ["tổng hợp, tiếp thu, giải trình ý kiến góp ý", "trình UBND tỉnh"],
    State.SUBMITTED: ["UBND tỉnh xem xét, ban hành"],
    State.ISSUED: ["đăng tải trên Cổng thông tin điện tử"],
}
DONE = (State.ISSUED, State.PUBLISHED)


def _dmy(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _month(day: datetime.date) -> str:
    """ "9/2015", as the review writes months."""
    return f"{day.month}/{day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _end_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def period_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """ "6 tháng đầu năm 2015", "năm 2015", "quý II năm 2015"; else "từ ngày ... đến ngày ..."."""
    year = date_from.year
    starts_month = date_from.day == 1
    ends_month = date_to == _end_of_month(date_to)
    if date_to.year == year and starts_month and ends_month:
        months = (date_from.month, date_to.month)
        if months == (1, 12):
            return f"năm {year}"
        if months == (1, 6):
            return f"6 tháng đầu năm {year}"
        if months == (7, 12):
            return f"6 tháng cuối năm {year}"
        quarters = {(1, 3): "I", (4, 6): "II", (7, 9): "III", (10, 12): "IV"}
        if months in quarters:
            return f"quý {quarters[months]} năm {year}"
        if months[0] == months[1]:
            return f"tháng {months[0]}/{year}"
    return f"từ ngày {_dmy(date_from)} đến ngày {_dmy(date_to)}"


@dataclass
class ProgrammeEntry:
    """One registered document as the report shows it."""

    page: LegalDocumentPage
    workflow: DocumentWorkflow
    state: State
    registered: datetime.date
    planned: datetime.date
    milestones: list[str] = field(default_factory=list)
    postponements: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)

    @property
    def lead(self) -> str:
        """ "Quyết định ban hành Quy chế phát ngôn ..." (type and summary, as the review says)."""
        summary = " ".join(self.page.summary.split())
        return f"{self.page.document_type.name} {_lower_first(summary)}".strip()


def _state_at(logs: list[StateLog], day: datetime.date, current: str) -> str:
    """The workflow's state at the end of ``day``, read from its audit trail."""
    state = None
    for log in logs:
        if _local(log.timestamp) <= day:
            state = log.state
        elif state is None:
            return log.source_state or State.PLANNED
    return state if state is not None else (current if not logs else logs[-1].state)


def _logs_by_workflow(workflows) -> dict[int, list[StateLog]]:
    content_type = ContentType.objects.get_for_model(DocumentWorkflow)
    logs: dict[int, list[StateLog]] = {}
    for log in StateLog.objects.filter(
        content_type=content_type, object_id__in=[w.pk for w in workflows]
    ).order_by("timestamp", "pk"):
        logs.setdefault(log.object_id, []).append(log)
    return logs


def programme_entries(
    *, date_from: datetime.date, date_to: datetime.date, today: datetime.date | None = None
) -> list[ProgrammeEntry]:
    """The registered documents the period's report covers, with their stage at its end.

    A document is covered unless it was withdrawn or issued before the period, when it was due
    in or before the period, is registered for a year the period covers, or moved (a step or a
    postponement request) during it.
    """
    today = today or timezone.localdate()
    as_of = min(date_to, today)
    workflows = list(
        DocumentWorkflow.objects.with_page()
        .filter(page__planned_submission__isnull=False)
        .with_guard_facts()
        .prefetch_related("postponements", "consultation_rounds__comments")
    )
    logs = _logs_by_workflow(workflows)
    years = range(date_from.year, date_to.year + 1)
    entries = []
    for workflow in workflows:
        page = workflow.page
        history = logs.get(workflow.pk, [])
        before = _state_at(history, date_from - datetime.timedelta(days=1), workflow.state)
        if before in (State.WITHDRAWN, *DONE):
            continue
        if page.issued_on and page.issued_on < date_from:
            continue
        requests = sorted(workflow.postponements.all(), key=lambda r: (r.requested_at, r.pk))
        registered = min([r.previous_planned for r in requests] + [page.planned_submission])
        moved = any(date_from <= _local(log.timestamp) <= date_to for log in history) or any(
            date_from <= _local(r.requested_at) <= date_to for r in requests
        )
        due = min(registered, page.planned_submission) <= date_to
        in_programme_year = registered.year in years or page.planned_submission.year in years
        if not (due or in_programme_year or moved):
            continue
        state = State(_state_at(history, as_of, workflow.state))
        entries.append(_entry(workflow, state, history, requests, registered, as_of))
    entries.sort(key=lambda e: (e.registered, e.page.title))
    return entries


def _entry(workflow, state, history, requests, registered, as_of) -> ProgrammeEntry:
    page = workflow.page
    shown = [r for r in requests if _local(r.requested_at) <= as_of]
    planned = registered
    for request in shown:
        decided = request.decided_at and _local(request.decided_at) <= as_of
        if request.status == PostponementStatus.APPROVED and decided:
            planned = request.new_planned
    if not requests:
        planned = page.planned_submission
    entry = ProgrammeEntry(
        page=page, workflow=workflow, state=state, registered=registered, planned=planned
    )
    entry.milestones = _milestones(workflow, history, as_of)
    entry.postponements = [_postponement_text(request, as_of) for request in shown]
    _remaining(entry, as_of)
    return entry


def _milestones(workflow, history, as_of) -> list[str]:
    items: list[tuple[datetime.date, str]] = []
    for log in history:
        day = _local(log.timestamp)
        if day > as_of or log.transition not in MILESTONES:
            continue
        text = f"{MILESTONES[log.transition]} ngày {_dmy(day)}"
        if log.transition in ("issue", "import_published") and workflow.page.number:
            text += f" (số {workflow.page.number})"
        explained = log.transition in ("withdraw", "return_for_revision", "return_to_drafting")
        if explained and log.description:
            text += f" ({_lower_first(log.description.strip().rstrip('.'))})"
        items.append((day, text))
    for round_ in workflow.consultation_rounds.all():
        if round_.opened_on > as_of:
            continue
        comments = [c for c in round_.comments.all() if _local(c.received_at) <= as_of]
        text = f"lấy ý kiến góp ý từ ngày {_dmy(round_.opened_on)} đến ngày {_dmy(round_.ends_on)}"
        text += f", nhận {len(comments)} ý kiến" if comments else ", chưa nhận ý kiến"
        items.append((round_.opened_on, text))
    items.sort(key=lambda item: item[0])
    return [text for _day, text in items]


def _postponement_text(request, as_of) -> str:
    """ "ngày 29/05/2015 xin lùi thời gian ban hành vào tháng 9/2015 (đã chấp thuận)"."""
    decided = request.decided_at is not None and _local(request.decided_at) <= as_of
    status = request.status if decided else PostponementStatus.PENDING
    label = _lower_first(str(PostponementStatus(status).label))
    text = (
        f"ngày {_dmy(_local(request.requested_at))} xin lùi thời gian ban hành vào tháng "
        f"{_month(request.new_planned)} ({label})"
    )
    reason = " ".join(request.reason.split()).rstrip(".")
    return f"{text}; lý do: {_lower_first(reason)}" if reason else text


def _remaining(entry: ProgrammeEntry, as_of: datetime.date) -> None:
    workflow, state = entry.workflow, entry.state
    normative = workflow.is_normative
    steps = (NEXT_STEPS_NORMATIVE if normative else NEXT_STEPS_ADMINISTRATIVE).get(state, [])
    consulted = any(
        r.closed_on is not None and r.closed_on <= as_of for r in workflow.consultation_rounds.all()
    )
    if normative and state == State.DRAFTING and consulted:
        steps = _NORMATIVE_AFTER_CONSULTATION
    if not normative and state == State.ISSUED:
        steps = NEXT_STEPS_ADMINISTRATIVE[State.ISSUED]
    entry.remaining = list(steps)
    if state in AWAITING_SUBMISSION and _end_of_month(entry.planned) < as_of:
        entry.notes.append(f"chậm so với thời hạn trình (tháng {_month(entry.planned)})")
    # The dossier as it stood at the end of the period: files uploaded later do not count.
    next_step = _next_transition(state, normative, consulted)
    if next_step:
        end = timezone.make_aware(
            datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
        )
        missing = workflow.missing_items(next_step, before=end)
        entry.missing = [str(kind.label) for kind in missing]
    # Answers to comments are only known as they are now.
    if state == State.CONSULTATION and state == workflow.state:
        unanswered = workflow.comments.unanswered().count()
        if unanswered:
            entry.notes.append(f"{unanswered} ý kiến góp ý chưa được tiếp thu, giải trình")


def _next_transition(state: State, normative: bool, consulted: bool) -> str | None:
    if state == State.DRAFTING:
        if not normative:
            return "submit"
        return "send_for_appraisal" if consulted else "open_consultation"
    return {
        State.APPRAISAL: "complete_appraisal",
        State.APPRAISED: "submit",
        State.ISSUED: "publish",
    }.get(state)


def issued_in_period(date_from: datetime.date, date_to: datetime.date) -> list[LegalDocumentPage]:
    """Documents issued in the period (drafts never carry an issue date until issued)."""
    pages = (
        LegalDocumentPage.objects.filter(issued_on__range=(date_from, date_to))
        .exclude(number="")
        .select_related("document_type", "issuing_body", "workflow")
        .order_by("issued_on", "number")
    )
    return [page for page in pages if not hasattr(page, "workflow") or page.workflow.state in DONE]


_VERB_SUMMARIES = ("ban hành", "phê duyệt", "thành lập", "sửa đổi", "bãi bỏ", "quy định", "giao")


def issued_text(page: LegalDocumentPage) -> str:
    """ "Quyết định số 629/QĐ-UBND ngày 25/05/2015 của Ủy ban nhân dân tỉnh Cao Bằng về việc
    thành lập ...", as the review lists issued documents."""
    summary = " ".join(page.summary.split()).rstrip(".;")
    lowered = _lower_first(summary)
    if lowered.startswith("về"):
        about = lowered
    elif lowered.startswith(_VERB_SUMMARIES):
        about = f"về việc {lowered}"
    else:
        about = f"về {lowered}"
    return (
        f"{page.document_type.name} số {page.number} ngày {_dmy(page.issued_on)} của "
        f"{page.issuing_body.name} {about}"
    )


def _summary_sentence(entries: list[ProgrammeEntry], as_of: datetime.date, issuer: str) -> str:
    if not entries:
        return (
            f"Tính đến ngày {_dmy(as_of)}, {issuer} không có văn bản nào trong chương trình "
            "xây dựng văn bản quy phạm pháp luật cần báo cáo."
        )
    counts = Counter(entry.state for entry in entries)
    stages = ", ".join(
        f"{counts[state]} văn bản {_lower_first(str(state.label))}"
        for state in State
        if counts[state]
    )
    text = (
        f"Tính đến ngày {_dmy(as_of)}, {issuer} theo dõi {len(entries)} văn bản đã đăng ký "
        f"trong chương trình: {stages}"
    )
    postponed = sum(1 for entry in entries if entry.postponements)
    if postponed:
        text += f"; {postponed} văn bản đã xin lùi thời gian ban hành"
    return text + "."


def programme_report_docx(
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date | None = None,
    identity: DeploymentIdentity | None = None,
    signer: str = "",
) -> bytes:
    """The report of the deployment's department (``identity``, default: the default site's),
    headed, dated and addressed as its settings say."""
    if date_to < date_from:
        raise ValueError("date_to is before date_from")
    today = today or timezone.localdate()
    as_of = min(date_to, today)
    identity = identity or DeploymentIdentity.current()
    issuer, code = identity.department_name, identity.department_code
    period = period_label(date_from, date_to)
    entries = programme_entries(date_from=date_from, date_to=date_to, today=today)
    issued = issued_in_period(date_from, date_to)

    builder = OfficialDocument()
    builder.properties = Properties(title=f"Báo cáo {_lower_first(TITLE)} {period}", author=issuer)
    parent, lines = issuer_header_lines(IssuingBody(name=issuer, code=code), identity)
    builder.header(
        HeaderSpec(
            parent_lines=parent,
            issuer_lines=lines,
            number_line=f"Số:{chr(0xA0) * 8}/BC-{code}",
            place_date_line=place_date_line(identity.place, today),
        )
    )
    builder.title("Báo cáo", [TITLE, period[:1].upper() + period[1:]], rule_under=TITLE)
    builder.spacer(12)
    builder.body_paragraph(
        f"{issuer} báo cáo tình hình thực hiện chương trình xây dựng văn bản quy phạm pháp luật "
        f"{period} như sau:"
    )

    heading = layout.style("article_heading")
    body = layout.style("body")
    builder.body_paragraph(
        "I. Tình hình thực hiện chương trình".upper(), heading, keep_with_next=True
    )
    builder.body_paragraph(_summary_sentence(entries, as_of, issuer))
    for number, entry in enumerate(entries, start=1):
        builder.body_paragraph(f"{number}. {entry.lead}", heading, keep_with_next=True)
        for label, text in _entry_lines(entry):
            builder.body_paragraph([(f"- {label}: ", body), (text, body)])

    builder.body_paragraph(
        "II. Các văn bản đã được ban hành trong kỳ".upper(),
        heading,
        keep_with_next=True,
        space_before=6,
    )
    if issued:
        for i, page in enumerate(issued):
            end = "." if i == len(issued) - 1 else ";"
            builder.body_paragraph(f"- {issued_text(page)}{end}")
    else:
        builder.body_paragraph("Trong kỳ không có văn bản nào được ban hành.")

    builder.body_paragraph(
        f"Trên đây là báo cáo tình hình thực hiện chương trình xây dựng văn bản quy phạm pháp "
        f"luật {period} của {issuer}.{layout.END_MARK}"
    )
    builder.spacer(6)
    builder.signature(
        recipients=identity.recipient_lines(),
        authority=[identity.department_head_title.upper()],
        name=signer,
    )
    return builder.to_bytes()


def _entry_lines(entry: ProgrammeEntry) -> list[tuple[str, str]]:
    lines = [("Giai đoạn", f"{entry.state_label}.")]
    planned = f"tháng {_month(entry.registered)}"
    if entry.planned != entry.registered:
        planned += f"; nay lùi sang tháng {_month(entry.planned)}"
    lines.append(("Đăng ký trình UBND tỉnh", f"{planned}."))
    if entry.milestones:
        lines.append(("Các mốc đã thực hiện", "; ".join(entry.milestones) + "."))
    if entry.postponements:
        lines.append(("Lùi thời hạn", "; ".join(entry.postponements) + "."))
    remaining = list(entry.remaining)
    if entry.missing:
        remaining.append("hồ sơ còn thiếu: " + ", ".join(entry.missing))
    remaining.extend(entry.notes)
    if remaining:
        text = "; ".join(remaining)
        lines.append(("Việc còn lại", text[:1].upper() + text[1:] + "."))
    return lines
