"""Wagtail admin home panels: what awaits me, what is overdue, the programme at a glance.

``home_panels(request)`` returns the panels in display order for the
``construct_homepage_panels`` hook. Users without a workflow role get none.

The overdue helpers here (``overdue_documents``, ``open_overdue_deadlines``) are shared with the
programme report (``workflow.reports``), so the dashboard and the report always agree.
"""

import datetime
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .deadlines import Deadline, deadlines, overdue_submission_q
from .dossier import required_items
from .models import (
    ConsultationRound,
    DocumentWorkflow,
    DossierFile,
    PostponementRequest,
    PostponementStatus,
    issued_here,
)
from .permissions import user_roles
from .rights import decide_postponement, dossier_providers, see_workflow
from .states import State
from .transitions import TransitionOption, options_for

# Rows shown per panel; the rest is reachable through the programme report.
PANEL_LIMIT = 20
REPORT_URL_NAME = "workflow_programme_report"


def report_url(**params) -> str | None:
    """The programme report's URL with filters, or None while the report is not registered."""
    try:
        url = reverse(REPORT_URL_NAME)
    except NoReverseMatch:
        return None
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def edit_url(page_id: int) -> str:
    return reverse("workflow:document", args=[page_id])


# -- overdue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueDeadline:
    label: str
    due: datetime.date
    days_late: int


@dataclass(frozen=True)
class OverdueDocument:
    workflow: DocumentWorkflow
    deadlines: list[OverdueDeadline]

    @property
    def days_late(self) -> int:
        return max(d.days_late for d in self.deadlines)


def open_overdue_deadlines(
    workflow: DocumentWorkflow, *, today: datetime.date
) -> list[OverdueDeadline]:
    """Deadlines of the document that have passed while the step is still not done.

    A step done late (``Deadline.late``) is history, not something to chase: it is left out.
    Withdrawn documents are out of the programme and have no overdue deadline.
    """
    if workflow.state == State.WITHDRAWN:
        return []
    return [
        OverdueDeadline(d.label, d.due, (today - d.due).days)
        for d in deadlines(workflow, today=today)
        if _is_open_and_overdue(d)
    ]


def _is_open_and_overdue(deadline: Deadline) -> bool:
    return deadline.overdue and deadline.done_on is None


def overdue_candidates_q(today: datetime.date) -> Q:
    """A superset (in SQL) of the workflows ``open_overdue_deadlines`` can flag.

    Only these are checked one by one (in Python, from ``overdue_candidates``' annotations).
    """
    open_round_ended = ConsultationRound.objects.filter(
        workflow=OuterRef("pk"), closed_on__isnull=True, ends_on__lt=today
    )
    normative = Q(page__document_type__is_normative=True)
    return (
        overdue_submission_q(today)
        | (Q(state=State.APPRAISAL, appraisal_sent_at__isnull=False) & normative)
        | (
            Q(
                state__in=[State.ISSUED, State.PUBLISHED],
                page__issued_on__isnull=False,
                gazette_sent_on__isnull=True,
            )
            & normative
            # Not the imported archive: issued elsewhere, its gazette is not tracked here.
            & Q(issued_here())
        )
        | Q(Exists(open_round_ended))
    ) & ~Q(state=State.WITHDRAWN)


def overdue_candidates(workflows, *, today: datetime.date):
    """The candidates of ``workflows`` with what their deadlines read (no query per document)."""
    return workflows.filter(overdue_candidates_q(today)).with_page().with_deadline_facts()


def overdue_map(workflows, *, today: datetime.date) -> dict[int, list[OverdueDeadline]]:
    """Open overdue deadlines by workflow pk, for the workflows of ``workflows`` that have any."""
    candidates = overdue_candidates(workflows, today=today)
    result = {}
    for workflow in candidates:
        late = open_overdue_deadlines(workflow, today=today)
        if late:
            result[workflow.pk] = late
    return result


def overdue_documents(*, today: datetime.date, workflows=None) -> list[OverdueDocument]:
    """Documents with at least one open overdue deadline, the most days late first."""
    if workflows is None:
        workflows = DocumentWorkflow.objects.all()
    candidates = overdue_candidates(workflows, today=today).order_by(
        "page__planned_submission", "page__draft_title", "pk"
    )
    items = []
    for workflow in candidates:
        late = open_overdue_deadlines(workflow, today=today)
        if late:
            items.append(OverdueDocument(workflow, late))
    items.sort(key=lambda item: -item.days_late)
    return items


# -- awaiting my action ------------------------------------------------------------------------


@dataclass
class PendingDocument:
    workflow: DocumentWorkflow
    ready: list[TransitionOption] = field(default_factory=list)
    # The user's own step, blocked only by dossier items the user's role provides.
    to_complete: list[TransitionOption] = field(default_factory=list)


def _forward_transitions():
    """Transitions that move a document on: not imports, not returns, withdrawals or removals.

    A leader may withdraw any document and a portal editor unpublish any published one; listing
    those would put every document on their desk, so only forward steps count as "awaiting".
    """
    return [
        t
        for t in DocumentWorkflow().get_all_state_transitions()
        if not t.custom.get("system") and not t.custom.get("danger")
    ]


def _my_forward_transitions(user):
    roles = user_roles(user)
    return [t for t in _forward_transitions() if roles & set(getattr(t.permission, "roles", ()))]


def _has_dossier_guard(transition) -> bool:
    return any(
        getattr(c, "__name__", "") == f"dossier_complete_{transition.name}"
        for c in transition.conditions
    )


def candidates_q(user) -> Q | None:
    """SQL pre-selection of the documents on which the user may have a step to show.

    A necessary condition only (the guards decide): the document is in a state where the user
    holds a forward step and, for a step guarded by its dossier, the items every document needs
    for it exist, unless adding one of them is the user's own job. This keeps the per-document
    guard queries to documents that can actually show up.
    """
    roles = user_roles(user)
    clauses = []
    for t in _my_forward_transitions(user):
        clause = Q(state=t.source)
        needed = required_items(t.name, is_normative=False)
        if _has_dossier_guard(t) and not any(roles & dossier_providers(kind) for kind in needed):
            for kind in needed:
                clause &= Q(Exists(DossierFile.objects.filter(workflow=OuterRef("pk"), kind=kind)))
        clauses.append(clause)
    return reduce(operator.or_, clauses) if clauses else None


def _only_my_items_missing(user, workflow: DocumentWorkflow, option: TransitionOption) -> bool:
    """Whether the step is blocked only by dossier items that are this user's job to add."""
    if len(option.problems) != 1:
        return False
    roles = user_roles(user)
    needed = required_items(option.name, is_normative=workflow.is_normative)
    if not any(roles & dossier_providers(kind) for kind in needed):
        return False
    missing = workflow.missing_items(option.name)
    return bool(missing) and all(roles & dossier_providers(kind) for kind in missing)


def pending_documents(user) -> list[PendingDocument]:
    """Documents on which the user can take a forward step now, or must first add an item."""
    where = candidates_q(user)
    if where is None:
        return []
    forward = {t.name for t in _forward_transitions()}
    workflows = (
        DocumentWorkflow.objects.with_page()
        .with_guard_facts()
        .filter(where)
        .order_by("page__planned_submission", "page__draft_title", "pk")
    )
    items = []
    for workflow in workflows:
        item = PendingDocument(workflow)
        for option in options_for(workflow, user):
            if option.name not in forward:
                continue
            if option.allowed:
                item.ready.append(option)
            elif _only_my_items_missing(user, workflow, option):
                item.to_complete.append(option)
        if item.ready or item.to_complete:
            items.append(item)
    return items


def pending_postponements(user):
    if not decide_postponement(user):
        return PostponementRequest.objects.none()
    return (
        PostponementRequest.objects.filter(status=PostponementStatus.PENDING)
        .select_related("workflow__page", "requested_by")
        .order_by("requested_at", "pk")
    )


# -- programme ---------------------------------------------------------------------------------


@dataclass
class ProgrammeTable:
    year: int | None
    years: list[int]
    states: list[tuple[str, str]]  # (value, label) of the states present, in process order
    rows: list[dict]  # {"month": date, "cells": [count per state], "total": n}
    state_totals: list[int]
    total: int


def programme_years() -> list[int]:
    """Years having documents with a planned submission month, latest first."""
    return sorted(
        DocumentWorkflow.objects.filter(page__planned_submission__isnull=False)
        .annotate(year=ExtractYear("page__planned_submission"))
        .values_list("year", flat=True)
        .distinct(),
        reverse=True,
    )


def programme_table(year: int | None = None) -> ProgrammeTable:
    """Counts of documents by planned submission month and state, for one year (one query).

    Default year: the latest having documents. Withdrawn documents are counted in their own
    column: they stay part of the year's programme record.
    """
    years = programme_years()
    if year is None or year not in years:
        year = years[0] if years else None
    if year is None:
        return ProgrammeTable(None, [], [], [], [], 0)
    pairs = DocumentWorkflow.objects.filter(page__planned_submission__year=year).values_list(
        "page__planned_submission", "state"
    )
    counts: dict[datetime.date, Counter] = defaultdict(Counter)
    for planned, state in pairs:
        counts[planned.replace(day=1)][state] += 1
    present = {state for counter in counts.values() for state in counter}
    states = [(s.value, str(s.label)) for s in State if s.value in present]
    rows = [
        {
            "month": month,
            "cells": [counts[month][value] for value, _label in states],
            "total": sum(counts[month].values()),
        }
        for month in sorted(counts)
    ]
    state_totals = [sum(row["cells"][i] for row in rows) for i in range(len(states))]
    return ProgrammeTable(year, years, states, rows, state_totals, sum(state_totals))


# -- panels ------------------------------------------------------------------------------------


class WorkflowPanel(Component):
    def __init__(self, request, *, today: datetime.date | None = None):
        self.request = request
        self.today = today or timezone.localdate()


class AwaitingMyActionPanel(WorkflowPanel):
    name = "workflow_awaiting_my_action"
    order = 50
    template_name = "workflow/dashboard/awaiting.html"
    heading = _("Việc chờ tôi xử lý")

    def get_context_data(self, parent_context):
        user = self.request.user
        documents = pending_documents(user)
        postponements = list(pending_postponements(user)[: PANEL_LIMIT + 1])
        return {
            "panel": self,
            "documents": documents[:PANEL_LIMIT],
            "documents_more": max(len(documents) - PANEL_LIMIT, 0),
            "postponements": postponements[:PANEL_LIMIT],
            "postponements_more": len(postponements) > PANEL_LIMIT,
            "can_decide": bool(decide_postponement(user)),
        }


class OverduePanel(WorkflowPanel):
    name = "workflow_overdue"
    order = 60
    template_name = "workflow/dashboard/overdue.html"
    heading = _("Văn bản quá hạn")

    def get_context_data(self, parent_context):
        items = overdue_documents(today=self.today)
        return {
            "panel": self,
            "items": items[:PANEL_LIMIT],
            "total": len(items),
            "more": max(len(items) - PANEL_LIMIT, 0),
            "today": self.today,
            "report_url": report_url(overdue="yes"),
        }


class ProgrammePanel(WorkflowPanel):
    name = "workflow_programme"
    order = 70
    template_name = "workflow/dashboard/programme.html"
    heading = _("Chương trình xây dựng văn bản")
    year_param = "programme_year"

    def selected_year(self) -> int | None:
        value = self.request.GET.get(self.year_param, "")
        return int(value) if value.isdigit() else None

    def get_context_data(self, parent_context):
        table = programme_table(self.selected_year())
        return {
            "panel": self,
            "table": table,
            "year_param": self.year_param,
            "report_url": report_url(year=table.year) if table.year else None,
        }


def home_panels(request) -> list:
    """The workflow panels for the admin home, in order; none for users without a role."""
    if not see_workflow(request.user):
        return []
    return [AwaitingMyActionPanel(request), OverduePanel(request), ProgrammePanel(request)]
