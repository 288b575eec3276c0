"""Work that spans models, each function one transaction (HackSoft style).

Views and commands call these; transition side effects happen here, after the state change and
in the same ``transaction.atomic()``, so a failure leaves nothing half-written.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from cms.cache import invalidate_portal
from cms.models import LegalDocumentPage
from cms.numbers import Register, format_number, number_key, parse_number

from . import rights
from .dossier import DossierKind
from .errors import WorkflowError
from .models import (
    Comment,
    ConsultationRound,
    DocumentWorkflow,
    DossierFile,
    IssuedTextKind,
    NumberSequence,
    PostponementRequest,
    PostponementStatus,
)
from .numbering import validate_number
from .official_text import pin_text, publish_official_text, take_offline
from .rules import check_effective_date
from .signed_copies import check_signed_copy
from .transitions import step_refusal, transition_problems, transitions_from_state
from .uploads import UploadRejected, inspect_upload

REASON_REQUIRED = {"return_for_revision", "return_to_drafting", "withdraw", "unpublish"}


@dataclass(frozen=True, kw_only=True)
class IssueData:
    issued_on: datetime.date
    effective_on: datetime.date | None
    signer: str
    signer_title: str
    number: str = ""  # blank: the register allocates the next number


def ensure_workflow(page: LegalDocumentPage) -> DocumentWorkflow:
    workflow, _created = DocumentWorkflow.objects.get_or_create(page=page)
    return workflow


def register_of(page: LegalDocumentPage) -> Register:
    if page.issuing_body.is_party_body:
        return Register.PARTY
    return Register.NORMATIVE if page.document_type.is_normative else Register.ADMINISTRATIVE


@transaction.atomic
def perform_transition(
    *,
    workflow_id: int,
    name: str,
    user,
    note: str = "",
    expected_state: str | None = None,
    consultation_ends_on: datetime.date | None = None,
    issue: IssueData | None = None,
    gazette_sent_on: datetime.date | None = None,
    gazette_reference: str = "",
    system: bool = False,
    on: datetime.date | None = None,
) -> DocumentWorkflow:
    """Take one step of the state machine, with its side effects, atomically.

    ``expected_state`` is the state the user saw: if someone acted in between, the step is
    refused with a clear message instead of applying to a document the user has not seen.
    ``system`` skips the role check (imports and demo data only); ``on`` records a step that
    happened on an earlier day (demo history), defaulting to today.
    """
    # Lock the workflow row only: PostgreSQL refuses FOR UPDATE on the outer join to the
    # (nullable) lead agency that with_page() brings in.
    workflow = (
        DocumentWorkflow.objects.select_for_update(of=("self",)).with_page().get(pk=workflow_id)
    )
    if expected_state and workflow.state != expected_state:
        raise WorkflowError(
            _(
                "Văn bản vừa được người khác chuyển sang trạng thái “%(state)s”. "
                "Vui lòng xem lại trước khi thao tác."
            )
            % {"state": workflow.get_state_display()}
        )
    transition = _check_allowed(workflow, name, user, system=system)
    note = note.strip()
    if name in REASON_REQUIRED and not note:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    today = on or timezone.localdate()
    if name == "open_consultation":
        _check_consultation_end(workflow, consultation_ends_on, today)
    if name in ("issue", "import_published"):
        if issue is None:
            raise WorkflowError(_("Thiếu thông tin ban hành."))
        issue = _checked_issue_data(workflow, issue, today)

    getattr(workflow, transition.name)(by=None if system else user, description=note or None)
    if name == "send_for_appraisal":
        workflow.appraisal_sent_at = timezone.now() if on is None else _start_of(on)
    elif name == "submit":
        workflow.submitted_on = today
    elif name == "return_to_drafting":
        workflow.submitted_on = None
    elif name == "publish":
        workflow.gazette_sent_on = gazette_sent_on
        workflow.gazette_reference = gazette_reference.strip()
    try:
        workflow.save()
    except ConcurrentTransition as exc:
        raise WorkflowError(
            _("Văn bản vừa được người khác xử lý. Vui lòng tải lại trang và thử lại.")
        ) from exc

    page = workflow.page
    if name == "open_consultation":
        ConsultationRound.objects.create(
            workflow=workflow, opened_on=today, ends_on=consultation_ends_on
        )
    elif name == "close_consultation":
        workflow.consultation_rounds.filter(closed_on__isnull=True).update(closed_on=today)
    elif name in ("issue", "import_published"):
        _record_issue(page, issue)
        kind = IssuedTextKind.ISSUE if name == "issue" else IssuedTextKind.IMPORT
        at = None if on is None else _start_of(on)
        pin_text(workflow=workflow, user=None if system else user, kind=kind, at=at)
    if name in ("publish", "import_published"):
        publish_official_text(workflow, None if system else user)
    elif page.live:
        # Only a published document may be live: unpublish and withdraw take it off the portal.
        take_offline(page, None if system else user)
    return workflow


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def _check_allowed(workflow: DocumentWorkflow, name: str, user, *, system: bool):
    refusal = step_refusal(workflow, name, user, system=system)
    if refusal:
        raise WorkflowError(refusal)
    match = next(t for t in transitions_from_state(workflow) if t.name == name)
    problems = transition_problems(workflow, match)
    if problems:
        raise WorkflowError(*problems)
    return match


def _check_consultation_end(workflow, ends_on, today) -> None:
    if ends_on is None:
        raise WorkflowError(_("Vui lòng chọn ngày kết thúc lấy ý kiến."))
    earliest = workflow.rules.consultation_end_min(today)
    if ends_on < earliest:
        raise WorkflowError(
            _(
                "Thời gian lấy ý kiến phải ít nhất %(days)d ngày: ngày kết thúc sớm nhất là "
                "%(date)s."
            )
            % {"days": workflow.rules.min_consultation_days, "date": f"{earliest:%d/%m/%Y}"}
        )


def _checked_issue_data(workflow, data: IssueData, today) -> IssueData:
    page = workflow.page
    problems = []
    if data.issued_on > today:
        problems.append(_("Ngày ban hành không được sau ngày hôm nay."))
    if not data.signer.strip() or not data.signer_title.strip():
        problems.append(_("Vui lòng ghi người ký và chức vụ người ký."))
    if data.effective_on and data.effective_on < data.issued_on:
        problems.append(_("Ngày có hiệu lực không được trước ngày ban hành."))
    if workflow.is_normative:
        if data.effective_on is None:
            problems.append(_("Văn bản quy phạm pháp luật phải có ngày có hiệu lực."))
        else:
            message = check_effective_date(
                signed_on=data.issued_on, effective_on=data.effective_on, rules=workflow.rules
            )
            if message:
                problems.append(message)
    number = data.number.strip()
    if number:
        problems.extend(
            validate_number(
                text=number,
                register=register_of(page),
                type_code=page.document_type.code,
                issuer_code=page.issuing_body.code,
                year=data.issued_on.year,
            )
        )
        if not problems and number_taken(number, year=data.issued_on.year, exclude=page.pk):
            problems.append(
                _("Số “%(number)s” đã được dùng cho văn bản khác trong năm %(year)d.")
                % {"number": number, "year": data.issued_on.year}
            )
    if problems:
        raise WorkflowError(*problems)
    if not number:
        number = allocate_number(page=page, year=data.issued_on.year)
    else:
        _advance_sequence(page, number, data.issued_on.year)
    return IssueData(
        issued_on=data.issued_on,
        effective_on=data.effective_on,
        signer=data.signer.strip(),
        signer_title=data.signer_title.strip(),
        number=number,
    )


def number_taken(number: str, *, year: int, exclude: int | None = None) -> bool:
    """Whether the number is used that year; normative numbers carry their year anyway."""
    return (
        LegalDocumentPage.objects.filter(number_key=number_key(number), issued_on__year=year)
        .exclude(pk=exclude)
        .exists()
    )


def _locked_sequence(page: LegalDocumentPage, year: int) -> NumberSequence:
    fields = {"issuer": page.issuing_body, "register": register_of(page).value, "year": year}
    try:
        with transaction.atomic():
            return NumberSequence.objects.select_for_update().get_or_create(**fields)[0]
    except IntegrityError:
        # Another clerk created the sequence at the same moment: lock theirs.
        return NumberSequence.objects.select_for_update().get(**fields)


def allocate_number(*, page: LegalDocumentPage, year: int) -> str:
    """The next free number of the page's register, allocated under a row lock.

    Numbers typed by hand may already use some sequence values: those are skipped.
    """
    sequence = _locked_sequence(page, year)
    register = register_of(page)
    while True:
        sequence.last += 1
        number = format_number(
            register=register,
            sequence=sequence.last,
            year=year,
            type_code=page.document_type.code,
            issuer_code=page.issuing_body.code,
        )
        if not number_taken(number, year=year, exclude=page.pk):
            break
    sequence.save(update_fields=["last"])
    return number


def next_number_proposal(*, page: LegalDocumentPage, year: int) -> str:
    """The number ``allocate_number`` would hand out now (not reserved)."""
    sequence = NumberSequence.objects.filter(
        issuer=page.issuing_body, register=register_of(page).value, year=year
    ).first()
    candidate = (sequence.last if sequence else 0) + 1
    while True:
        number = format_number(
            register=register_of(page),
            sequence=candidate,
            year=year,
            type_code=page.document_type.code,
            issuer_code=page.issuing_body.code,
        )
        if not number_taken(number, year=year, exclude=page.pk):
            return number
        candidate += 1


def _advance_sequence(page: LegalDocumentPage, number: str, year: int) -> None:
    """A number typed by hand moves the register on, so the next allocation follows it."""
    parsed = parse_number(number)
    if parsed is None:
        return
    sequence = _locked_sequence(page, year)
    if parsed.sequence > sequence.last:
        sequence.last = parsed.sequence
        sequence.save(update_fields=["last"])


def _record_issue(page: LegalDocumentPage, data: IssueData) -> None:
    # Written to the page row (and kept there across revisions, see LegalDocumentPage),
    # never through the editor form.
    page.number = data.number
    page.issued_on = data.issued_on
    page.effective_on = data.effective_on
    page.signer = data.signer
    page.signer_title = data.signer_title
    page.normalize_text_fields()
    try:
        # A savepoint, so that a clash leaves the transaction usable for the rollback.
        with transaction.atomic():
            LegalDocumentPage.objects.filter(pk=page.pk).update(
                number=page.number,
                number_key=page.number_key,
                # Part of the per-year uniqueness constraint: without it the database would
                # not refuse a duplicate number.
                number_year=page.number_year,
                issued_on=page.issued_on,
                effective_on=page.effective_on,
                signer=page.signer,
                signer_title=page.signer_title,
            )
    except IntegrityError as exc:
        # Another clerk recorded the same number (typed by hand) at the same moment.
        raise WorkflowError(
            _("Số “%(number)s” đã được dùng cho văn bản khác trong năm %(year)d.")
            % {"number": page.number, "year": page.number_year}
        ) from exc


# -- dossier -----------------------------------------------------------------------------------


@transaction.atomic
def attach_dossier_file(
    *, workflow: DocumentWorkflow, user, kind: DossierKind, upload, note: str = ""
) -> DossierFile:
    rights.upload_dossier(user, workflow, kind).check()
    _check_upload(upload)
    # Verified before the row is locked and written: it reads the file and parses it, and
    # whatever it finds, the upload goes ahead (docs/documents.md).
    check = check_signed_copy(workflow=workflow, kind=kind, upload=upload)
    current = DocumentWorkflow.objects.select_for_update().get(pk=workflow.pk)
    last = current.dossier_files.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    if kind == DossierKind.SIGNED_COPY:
        # A published document's page offers its latest signed copy and says who signed it.
        invalidate_portal()
    return DossierFile.objects.create(
        workflow=current,
        kind=kind,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        version=last + 1,
        note=note.strip(),
        uploaded_by=user,
        signature_report=check.to_json() if check else None,
        verified_at=timezone.now() if check else None,
    )


# -- comments ----------------------------------------------------------------------------------


@transaction.atomic
def record_comment(*, workflow: DocumentWorkflow, user=None, **fields) -> Comment:
    """A comment received during consultation: from the portal (no ``user``), or by letter or
    at a meeting, recorded by ``user``."""
    current = DocumentWorkflow.objects.select_for_update().get(pk=workflow.pk)
    if user is None:
        rights.comment_on_draft(None, current).check()
    else:
        rights.record_comment(user, current).check()
    round_ = current.consultation_rounds.filter(closed_on__isnull=True).last()
    comment = Comment(workflow=current, round=round_, **fields)
    _full_clean(comment)
    comment.save()
    return comment


def _full_clean(instance) -> None:
    """``full_clean()``, with its errors as a WorkflowError whose messages name the field."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = []
        for name, texts in exc.message_dict.items():
            if name == NON_FIELD_ERRORS:
                messages.extend(texts)
            else:
                label = capfirst(instance._meta.get_field(name).verbose_name)
                messages.extend(f"{label}: {text}" for text in texts)
        raise WorkflowError(*messages) from None


@transaction.atomic
def respond_to_comment(*, comment_id: int, user, kind: str, text: str) -> Comment:
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("workflow")
        .get(pk=comment_id)
    )
    rights.respond_to_comments(user, comment.workflow).check()
    if not text.strip():
        raise WorkflowError(_("Vui lòng ghi nội dung tiếp thu, giải trình."))
    comment.response_kind = kind
    comment.response_text = text.strip()
    comment.responded_by = user
    comment.responded_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


# -- postponements -----------------------------------------------------------------------------


@transaction.atomic
def request_postponement(
    *, workflow: DocumentWorkflow, user, reason: str, new_planned: datetime.date, letter=None
) -> PostponementRequest:
    current = (
        DocumentWorkflow.objects.select_for_update(of=("self",)).with_page().get(pk=workflow.pk)
    )
    rights.request_postponement(user, current).check()
    planned = current.page.planned_submission
    problems = []
    if planned is None:
        problems.append(_("Văn bản chưa có tháng đăng ký trình."))
    elif new_planned.replace(day=1) <= planned:
        problems.append(
            _("Thời hạn mới phải sau tháng đăng ký hiện tại (%(month)s).")
            % {"month": f"{planned:%m/%Y}"}
        )
    if current.postponements.filter(status=PostponementStatus.PENDING).exists():
        problems.append(_("Đã có một đề nghị lùi thời hạn đang chờ quyết định."))
    if not reason.strip():
        problems.append(_("Vui lòng ghi rõ lý do."))
    if letter:
        problems.extend(_upload_problems(letter))
    if problems:
        raise WorkflowError(*problems)
    return PostponementRequest.objects.create(
        workflow=current,
        reason=reason.strip(),
        previous_planned=planned,
        new_planned=new_planned.replace(day=1),
        letter=letter or "",
        requested_by=user,
    )


def _upload_problems(upload) -> list[str]:
    try:
        inspect_upload(upload)
    except UploadRejected as exc:
        return [exc.message]
    return []


def _check_upload(upload) -> None:
    problems = _upload_problems(upload)
    if problems:
        raise WorkflowError(*problems)


@transaction.atomic
def decide_postponement(
    *, request_id: int, user, approve: bool, note: str = ""
) -> PostponementRequest:
    request = PostponementRequest.objects.select_for_update().get(pk=request_id)
    rights.decide_postponement(user, request.workflow).check()
    if request.status != PostponementStatus.PENDING:
        raise WorkflowError(_("Đề nghị này đã được quyết định."))
    request.status = PostponementStatus.APPROVED if approve else PostponementStatus.REJECTED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    if approve:
        # Process data: written to the row, kept across revisions (see LegalDocumentPage).
        LegalDocumentPage.objects.filter(pk=request.workflow.page_id).update(
            planned_submission=request.new_planned
        )
    return request
