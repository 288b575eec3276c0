"""Due dates of a document and whether each is met, late or overdue (rule set of its workflow)."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DocumentWorkflow
from .rules import is_overdue
from .states import AWAITING_SUBMISSION, State


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime.date
    done_on: datetime.date | None
    overdue: bool

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.overdue


def end_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


# What ``DocumentWorkflowQuerySet.with_deadline_facts`` annotates.
FACTS = ("open_round_ends_on", "appraisal_ended_at", "issued_here")


def _facts(workflow: DocumentWorkflow) -> dict:
    """The workflow's deadline facts: as annotated by the list it came from, else read now
    (one query; not kept, so a workflow that moves on is never judged on old facts)."""
    if all(hasattr(workflow, name) for name in FACTS):
        return {name: getattr(workflow, name) for name in FACTS}
    return DocumentWorkflow.objects.with_deadline_facts().values(*FACTS).get(pk=workflow.pk)


def deadlines(workflow: DocumentWorkflow, *, today: datetime.date) -> list[Deadline]:
    """The document's deadlines. No query for a workflow from a list annotated by
    ``with_deadline_facts()`` (with its page), one otherwise."""
    page, rules = workflow.page, workflow.rules
    items: list[Deadline] = []
    if workflow.state == State.WITHDRAWN:
        return items  # out of the programme: nothing is due any more
    facts = _facts(workflow)

    def add(label, due, done_on):
        items.append(
            Deadline(str(label), due, done_on, is_overdue(due=due, today=today, done=done_on))
        )

    if page.planned_submission:
        add(
            _("Trình UBND tỉnh (tháng đăng ký)"),
            end_of_month(page.planned_submission),
            workflow.submitted_on or _issued_without_submission(workflow),
        )
    if facts["open_round_ends_on"] is not None:
        add(_("Kết thúc lấy ý kiến"), facts["open_round_ends_on"], None)
    if workflow.appraisal_sent_at is not None and workflow.is_normative:
        # Calendar days in Vietnam, not in UTC (07:00 local is 00:00 UTC).
        sent = timezone.localdate(workflow.appraisal_sent_at)
        add(
            _("Sở Tư pháp gửi báo cáo thẩm định"),
            rules.appraisal_due(sent),
            _appraised_on(workflow, facts["appraisal_ended_at"]),
        )
    if (
        page.issued_on
        and workflow.is_normative
        and workflow.state in (State.ISSUED, State.PUBLISHED)
        # Imported documents were issued elsewhere; their gazette sending is not tracked here.
        and facts["issued_here"]
    ):
        add(_("Gửi Công báo"), rules.gazette_due(page.issued_on), workflow.gazette_sent_on)
    return items


def _issued_without_submission(workflow) -> datetime.date | None:
    # Imported documents were issued without going through "submit".
    return workflow.page.issued_on


def _appraised_on(workflow, ended_at) -> datetime.date | None:
    # The day the last appraisal ended (report or return); none while one is under way.
    if workflow.state == State.APPRAISAL or ended_at is None:
        return None
    return timezone.localdate(ended_at)


def overdue_submission_q(today: datetime.date) -> Q:
    """Documents still awaiting submission after their planned month (for querysets)."""
    return Q(state__in=AWAITING_SUBMISSION, page__planned_submission__lt=today.replace(day=1))
