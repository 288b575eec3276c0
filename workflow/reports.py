"""The drafting programme report: every registered document, its stage, dates, postponements.

A Wagtail ``ReportView`` (HTML listing with filters, CSV and XLSX export through ``?export=``).
The programme is the set of documents with a planned submission month; documents imported as
already issued have none and are not part of it. Only users holding a workflow role may see it.
"""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm_log.models import StateLog
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.models import IssuingBody, Sector

from .dashboard import edit_url, overdue_map, programme_years
from .models import DocumentWorkflow, PostponementRequest
from .rights import see_workflow
from .states import State

YES, NO = "yes", "no"


def _yes_no(value: bool) -> str:
    return gettext("Có") if value else gettext("Không")


def day_text(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def month_text(day: datetime.date | None) -> str:
    return f"{day:%m/%Y}" if day else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def postponement_text(request: PostponementRequest) -> str:
    """ "06/2015 → 09/2015 (đã chấp thuận)"."""
    status = _lower_first(str(request.get_status_display()))
    return f"{month_text(request.previous_planned)} → {month_text(request.new_planned)} ({status})"


def _year_choices():
    return [(str(year), str(year)) for year in programme_years()]


class ProgrammeReportFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Năm đăng ký trình"),
        choices=_year_choices,
        empty_label=_("Tất cả"),
        method="filter_year",
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=State.choices, empty_label=_("Tất cả")
    )
    lead_agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan chủ trì soạn thảo"),
        field_name="page__lead_agency",
        queryset=IssuingBody.objects.order_by("name"),
        empty_label=_("Tất cả"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"),
        field_name="page__sectors",
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Tất cả"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Quá hạn"),
        choices=[(YES, _("Có")), (NO, _("Không"))],
        empty_label=_("Tất cả"),
        method="filter_overdue",
    )

    class Meta:
        model = DocumentWorkflow
        fields: list[str] = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(page__planned_submission__year=int(value)) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value not in (YES, NO):
            return queryset
        late = overdue_map(queryset, today=timezone.localdate())
        if value == YES:
            return queryset.filter(pk__in=list(late))
        return queryset.exclude(pk__in=list(late))


class ProgrammeReportView(ReportView):
    page_title = _("Chương trình xây dựng văn bản")
    header_icon = "table"
    filterset_class = ProgrammeReportFilterSet
    index_url_name = "workflow_programme_report"
    index_results_url_name = "workflow_programme_report_results"
    default_ordering = "page__planned_submission"
    paginate_by = 50
    verbose_name = _("văn bản")
    verbose_name_plural = _("văn bản")

    columns = [
        TitleColumn(
            "title",
            label=_("Tên văn bản"),
            accessor="report_title",
            get_url=lambda workflow: edit_url(workflow.page_id),
            sort_key="page__draft_title",
        ),
        Column("type", label=_("Loại văn bản"), accessor="report_type"),
        Column("normative", label=_("Văn bản QPPL"), accessor="report_normative"),
        Column("lead_agency", label=_("Cơ quan chủ trì"), accessor="report_lead_agency"),
        Column("sectors", label=_("Lĩnh vực"), accessor="report_sectors"),
        Column(
            "planned",
            label=_("Tháng đăng ký trình"),
            accessor="report_planned",
            sort_key="page__planned_submission",
        ),
        StatusTagColumn(
            "state", label=_("Trạng thái"), accessor="report_state", sort_key="state_order"
        ),
        Column(
            "last_transition",
            label=_("Chuyển bước gần nhất"),
            accessor=lambda workflow: day_text(workflow.report_last_transition),
            sort_key="last_transition_at",
        ),
        Column("postponements", label=_("Lùi thời hạn"), accessor="report_postponements"),
        Column("overdue", label=_("Quá hạn"), accessor="report_overdue_display"),
    ]

    list_export = [
        "report_title",
        "report_type",
        "report_normative",
        "report_lead_agency",
        "report_sectors",
        "report_planned",
        "report_state",
        "report_last_transition",
        "report_postponements",
        "report_overdue",
        "report_overdue_detail",
    ]
    export_headings = {
        "report_title": _("Tên văn bản"),
        "report_type": _("Loại văn bản"),
        "report_normative": _("Văn bản QPPL"),
        "report_lead_agency": _("Cơ quan chủ trì soạn thảo"),
        "report_sectors": _("Lĩnh vực"),
        "report_planned": _("Tháng đăng ký trình"),
        "report_state": _("Trạng thái"),
        "report_last_transition": _("Ngày chuyển bước gần nhất"),
        "report_postponements": _("Lùi thời hạn"),
        "report_overdue": _("Quá hạn"),
        "report_overdue_detail": _("Thời hạn bị trễ"),
    }
    custom_field_preprocess = {
        "report_last_transition": {
            ReportView.FORMAT_CSV: day_text,
            # Kept as a date: the spreadsheet can sort and filter it (shown dd/mm/yyyy).
            ReportView.FORMAT_XLSX: None,
        }
    }
    XLSX_DATE_FORMAT = "DD/MM/YYYY"

    def dispatch(self, request, *args, **kwargs):
        see_workflow(request.user).enforce()
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"chuong-trinh-xay-dung-van-ban-{timezone.localdate():%Y-%m-%d}"

    def get_base_queryset(self):
        content_type = ContentType.objects.get_for_model(DocumentWorkflow)
        last_log = StateLog.objects.filter(
            content_type=content_type, object_id=OuterRef("pk")
        ).order_by("-timestamp", "-pk")
        return (
            DocumentWorkflow.objects.with_page()
            .filter(page__planned_submission__isnull=False)
            .annotate(
                last_transition_at=Subquery(last_log.values("timestamp")[:1]),
                # Sorting by state follows the process, not the alphabet.
                state_order=Case(
                    *(When(state=state, then=Value(i)) for i, state in enumerate(State)),
                    output_field=IntegerField(),
                ),
            )
            .prefetch_related(
                "page__sectors",
                Prefetch(
                    "postponements",
                    queryset=PostponementRequest.objects.order_by("requested_at", "pk"),
                ),
            )
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order within equal sort keys (pagination must not repeat or skip rows).
        return queryset.order_by(*queryset.query.order_by, "page__draft_title", "pk")

    def get_filtered_queryset(self):
        # BaseListingView.get_queryset() has already applied the filters once.
        return self.get_queryset()

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        shown = DocumentWorkflow.objects.filter(pk__in=[w.pk for w in rows])
        late = overdue_map(shown, today=timezone.localdate())
        for workflow in rows:
            page = workflow.page
            workflow.report_title = page.get_admin_display_title()
            workflow.report_type = page.document_type.name
            workflow.report_normative = _yes_no(page.document_type.is_normative)
            workflow.report_lead_agency = page.lead_agency.name if page.lead_agency else ""
            workflow.report_sectors = ", ".join(
                sector.name for sector in sorted(page.sectors.all(), key=lambda s: s.name)
            )
            workflow.report_planned = month_text(page.planned_submission)
            workflow.report_state = workflow.get_state_display()
            workflow.report_last_transition = (
                timezone.localdate(workflow.last_transition_at)
                if workflow.last_transition_at
                else None
            )
            workflow.report_postponements = "; ".join(
                postponement_text(request) for request in workflow.postponements.all()
            )
            deadlines = late.get(workflow.pk, [])
            workflow.report_overdue = _yes_no(bool(deadlines))
            workflow.report_overdue_detail = "; ".join(
                gettext("%(label)s: quá %(days)d ngày (hạn %(due)s)")
                % {"label": d.label, "days": d.days_late, "due": day_text(d.due)}
                for d in deadlines
            )
            workflow.report_overdue_display = workflow.report_overdue_detail or gettext("Không")
        return rows

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, datetime.date):
                cell.number_format = self.XLSX_DATE_FORMAT
            yield cell


report_urls = [
    path(
        "reports/programme/",
        ProgrammeReportView.as_view(),
        name="workflow_programme_report",
    ),
    path(
        "reports/programme/results/",
        ProgrammeReportView.as_view(results_only=True),
        name="workflow_programme_report_results",
    ),
]


class ProgrammeReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(see_workflow(request.user))


def report_menu_item() -> MenuItem:
    """The Reports menu entry; shown to users holding a workflow role (and superusers)."""
    return ProgrammeReportMenuItem(
        _("Chương trình xây dựng văn bản"),
        reverse("workflow_programme_report"),
        name="workflow-programme-report",
        icon_name="table",
        order=50,
    )
