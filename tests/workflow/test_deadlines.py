"""Due dates of a document (``workflow.deadlines.deadlines``) and their overdue/late flags."""

import dataclasses
import datetime

import pytest
from django.utils import timezone
from django_fsm_log.models import StateLog

from tests import factories
from workflow import services
from workflow.deadlines import Deadline, deadlines
from workflow.dossier import DossierKind
from workflow.models import DocumentWorkflow
from workflow.models import workflow as workflow_models
from workflow.rules import LAW64_2025
from workflow.services import IssueData
from workflow.states import State

from .conftest import PLANNED_MONTH, workflow_of

pytestmark = pytest.mark.django_db

D = datetime.date
SUBMISSION = "Trình UBND tỉnh (tháng đăng ký)"
CONSULTATION_END = "Kết thúc lấy ý kiến"
APPRAISAL_REPORT = "Sở Tư pháp gửi báo cáo thẩm định"
GAZETTE = "Gửi Công báo"
END_OF_PLANNED_MONTH = D(2026, 10, 31)
# Tết 2025: 25/01 (Saturday) to 02/02 (Sunday) are days off; 03/02 is the first working day.
SIGNED_BEFORE_TET = D(2025, 1, 24)
AFTER_TET = D(2025, 2, 3)


def due_dates(target, today) -> dict[str, Deadline]:
    return {d.label: d for d in deadlines(workflow_of(target), today=today)}


# -- planned submission month ------------------------------------------------------------------


def test_the_planned_month_is_due_at_its_end(normative_draft):
    on_last_day = due_dates(normative_draft, END_OF_PLANNED_MONTH)
    assert list(on_last_day) == [SUBMISSION]
    assert on_last_day[SUBMISSION] == Deadline(SUBMISSION, END_OF_PLANNED_MONTH, None, False)

    next_day = due_dates(normative_draft, END_OF_PLANNED_MONTH + datetime.timedelta(days=1))
    assert next_day[SUBMISSION].overdue and not next_day[SUBMISSION].late


@pytest.mark.parametrize(
    ("submitted_on", "late"), [(D(2026, 10, 31), False), (D(2026, 11, 2), True)]
)
def test_submission_is_the_planned_months_completion(
    submitted_on, late, administrative_draft, walk, step, prepare
):
    workflow = prepare(walk(administrative_draft, State.DRAFTING), "submit")
    step(workflow, "submit", on=submitted_on)

    deadline = due_dates(administrative_draft, D(2026, 12, 15))[SUBMISSION]
    assert (deadline.done_on, deadline.overdue, deadline.late) == (submitted_on, late, late)


def test_a_postponement_moves_the_due_date(normative_draft, drafter, leader):
    made = services.request_postponement(
        workflow=workflow_of(normative_draft),
        user=drafter,
        reason="Chờ ý kiến Bộ.",
        new_planned=D(2027, 2, 1),
    )
    services.decide_postponement(request_id=made.pk, user=leader, approve=True)

    deadline = due_dates(normative_draft, D(2026, 12, 1))[SUBMISSION]
    assert (deadline.due, deadline.overdue) == (D(2027, 2, 28), False)


def test_nothing_is_due_once_withdrawn(normative_draft, walk, step):
    workflow = walk(normative_draft, State.CONSULTATION)
    assert set(due_dates(workflow, D(2027, 1, 1))) == {SUBMISSION, CONSULTATION_END}
    step(workflow, "withdraw", note="Không còn phù hợp.")
    assert due_dates(workflow, D(2027, 1, 1)) == {}


def test_no_submission_deadline_without_a_planned_month(make_draft):
    assert due_dates(make_draft(planned_submission=None), D(2027, 1, 1)) == {}


def test_an_imported_document_counts_as_submitted_when_issued(index, normative_type):
    page = factories.legal_document(
        index,
        slug="da-ban-hanh",
        number="05/2026/QĐ-UBND",
        issued_on=D(2026, 10, 5),
        effective_on=D(2026, 10, 20),
        document_type=normative_type,
        planned_submission=PLANNED_MONTH,
    )
    deadline = due_dates(page, D(2026, 12, 1))[SUBMISSION]
    assert (deadline.done_on, deadline.overdue, deadline.late) == (D(2026, 10, 5), False, False)


# -- consultation ------------------------------------------------------------------------------


def test_an_open_consultation_is_due_on_its_end_date(normative_draft, walk, step, prepare):
    workflow = prepare(walk(normative_draft, State.DRAFTING), "open_consultation")
    step(workflow, "open_consultation", on=D(2026, 3, 2), consultation_ends_on=D(2026, 4, 1))

    assert due_dates(normative_draft, D(2026, 4, 1))[CONSULTATION_END] == Deadline(
        CONSULTATION_END, D(2026, 4, 1), None, False
    )
    assert due_dates(normative_draft, D(2026, 4, 2))[CONSULTATION_END].overdue

    step(workflow, "close_consultation")
    assert CONSULTATION_END not in due_dates(normative_draft, D(2026, 4, 2))


# -- appraisal report --------------------------------------------------------------------------


@pytest.fixture
def consulted(normative_draft, walk, step, prepare):
    """A normative draft ready to be sent for appraisal."""
    workflow = step(walk(normative_draft, State.CONSULTATION), "close_consultation")
    return prepare(workflow, "send_for_appraisal")


def test_the_appraisal_report_is_due_after_the_rule_sets_limit(consulted, step):
    # Sent 20/01/2025: 10 days later is 30/01, inside Tết, so the report is due on 03/02.
    step(consulted, "send_for_appraisal", on=D(2025, 1, 20))

    assert due_dates(consulted, AFTER_TET)[APPRAISAL_REPORT] == Deadline(
        APPRAISAL_REPORT, AFTER_TET, None, False
    )
    assert due_dates(consulted, D(2025, 2, 4))[APPRAISAL_REPORT].overdue


def test_the_appraisal_limit_comes_from_the_documents_rule_set(consulted, step, monkeypatch):
    slower = dataclasses.replace(
        LAW64_2025, code="slower", appraisal_limit_days=15, appraisal_in_working_days=True
    )
    monkeypatch.setattr(workflow_models, "get_rule_set", lambda code: slower)
    step(consulted, "send_for_appraisal", on=D(2025, 3, 3))  # a Monday, no holiday after

    # 15 working days after Monday 03/03/2025 is Monday 24/03/2025.
    assert due_dates(consulted, D(2025, 3, 3))[APPRAISAL_REPORT].due == D(2025, 3, 24)


def test_the_appraisal_is_done_when_the_appraiser_decides(consulted, step, attach):
    today = timezone.localdate()
    step(consulted, "send_for_appraisal")
    attach(consulted, *workflow_of(consulted).missing_items("complete_appraisal"))
    step(consulted, "complete_appraisal")

    deadline = due_dates(consulted, today)[APPRAISAL_REPORT]
    assert deadline.due == LAW64_2025.appraisal_due(today)
    assert (deadline.done_on, deadline.overdue, deadline.late) == (today, False, False)


def test_a_late_appraisal_is_flagged(consulted, step, attach):
    step(consulted, "send_for_appraisal", on=D(2025, 1, 20))
    attach(consulted, *workflow_of(consulted).missing_items("return_for_revision"))
    step(consulted, "return_for_revision", note="Chưa đủ điều kiện.")

    deadline = due_dates(consulted, timezone.localdate())[APPRAISAL_REPORT]
    assert deadline.due == AFTER_TET
    assert deadline.done_on == timezone.localdate() and deadline.late


def test_administrative_documents_have_no_appraisal_or_gazette_deadline(administrative_draft, walk):
    walk(administrative_draft, State.PUBLISHED)
    assert set(due_dates(administrative_draft, D(2027, 1, 1))) == {SUBMISSION}


# -- official gazette --------------------------------------------------------------------------


@pytest.fixture
def issued_before_tet(normative_draft, walk, step):
    """A normative document signed on the last working day before Tết 2025."""
    issue = IssueData(
        issued_on=SIGNED_BEFORE_TET,
        effective_on=D(2025, 2, 10),
        signer="Hoàng Xuân Ánh",
        signer_title="CHỦ TỊCH",
    )
    return step(walk(normative_draft, State.SUBMITTED), "issue", issue=issue)


def test_gazette_sending_is_due_three_days_after_signing_moved_past_tet(issued_before_tet):
    # 24/01 + 3 days = 27/01, inside Tết: the deadline moves to the first working day, 03/02.
    gazette = due_dates(issued_before_tet, AFTER_TET)[GAZETTE]
    assert gazette == Deadline(GAZETTE, AFTER_TET, None, False)
    assert due_dates(issued_before_tet, D(2025, 2, 4))[GAZETTE].overdue


@pytest.mark.parametrize(("sent_on", "late"), [(AFTER_TET, False), (D(2025, 2, 5), True)])
def test_the_gazette_date_recorded_at_publication(sent_on, late, issued_before_tet, step, prepare):
    step(prepare(issued_before_tet, "publish"), "publish", gazette_sent_on=sent_on)

    deadline = due_dates(issued_before_tet, D(2025, 3, 1))[GAZETTE]
    assert (deadline.due, deadline.done_on, deadline.late) == (AFTER_TET, sent_on, late)


def test_imported_documents_have_no_gazette_deadline(index, normative_type):
    # Issued before the system existed: their gazette sending is not tracked here.
    page = factories.legal_document(
        index,
        slug="quyet-dinh-qppl",
        number="02/2025/QĐ-UBND",
        issued_on=SIGNED_BEFORE_TET,
        effective_on=D(2025, 2, 10),
        document_type=normative_type,
    )
    assert due_dates(page, D(2025, 2, 4)) == {}


def test_days_are_counted_in_vietnam_time(consulted, step, attach):
    # 06:30 in Hà Nội is 23:30 UTC the day before: the local day is the one that counts.
    def early_morning(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(6, 30)))

    step(consulted, "send_for_appraisal")
    DocumentWorkflow.objects.filter(pk=consulted.pk).update(
        appraisal_sent_at=early_morning(D(2025, 3, 4))
    )
    attach(consulted, DossierKind.APPRAISAL_REPORT)
    workflow = step(consulted, "complete_appraisal")
    # Test data only: date the log entry back (the demo loader does the same).
    StateLog.objects.filter(pk=workflow.state_logs().last().pk).update(
        timestamp=early_morning(D(2025, 3, 14))
    )

    deadline = due_dates(workflow, D(2025, 4, 1))[APPRAISAL_REPORT]
    # Sent Tuesday 04/03, ten days later is Friday 14/03; decided that same morning.
    assert (deadline.due, deadline.done_on, deadline.late) == (
        D(2025, 3, 14),
        D(2025, 3, 14),
        False,
    )
