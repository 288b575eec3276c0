"""The "Văn bản" admin listing: every document a role may see, drafts and issued texts alike,
with its workflow state, filters on the programme's facts and the Vietnamese search.

It lives above the workflow (its state and deadlines) and uses the search's query and folding,
so it belongs to the search app; ``search.wagtail_hooks`` registers it. Every workflow role may
open it (``workflow.rights.see_workflow``): it reads, the actions stay with each page's and each
step's own permissions.
"""

import django_filters
from django.contrib import messages
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector
from search.admin_find import find, visible_documents
from search.query import QueryError
from workflow.admin_menu import RoleMenuItem
from workflow.dashboard import overdue_map
from workflow.models import DocumentWorkflow
from workflow.reports import day_text, month_text
from workflow.rights import see_workflow
from workflow.states import State

YES, NO = "yes", "no"
# Wagtail page permissions that bulk actions need.
EDITING = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
YES_NO = [(YES, _("Có")), (NO, _("Không"))]


def workflow_url(page) -> str:
    return reverse("workflow:document", args=[page.pk])


def state_text(page) -> str:
    """The workflow state's label ("" for a page without a workflow, e.g. loaded raw)."""
    workflow = getattr(page, "workflow", None)
    return workflow.get_state_display() if workflow else ""


def _issued_years():
    years = (
        LegalDocumentPage.objects.filter(issued_on__isnull=False)
        .annotate(year=ExtractYear("issued_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(str(year), str(year)) for year in years]


class DocumentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        field_name="workflow__state",
        choices=State.choices,
        empty_label=_("Tất cả"),
    )
    document_type = django_filters.ModelChoiceFilter(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.order_by("name"),
        empty_label=_("Tất cả"),
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        queryset=IssuingBody.objects.order_by("name"),
        empty_label=_("Tất cả"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"),
        field_name="sectors",
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Tất cả"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Năm ban hành"),
        field_name="issued_on__year",
        choices=_issued_years,
        empty_label=_("Tất cả"),
    )
    planned_submission = django_filters.DateFromToRangeFilter(
        label=_("Tháng đăng ký trình (hạn trình)"), widget=DateRangePickerWidget
    )
    has_deadline = django_filters.ChoiceFilter(
        label=_("Có hạn trình"),
        choices=YES_NO,
        empty_label=_("Tất cả"),
        method="filter_has_deadline",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Quá hạn"), choices=YES_NO, empty_label=_("Tất cả"), method="filter_overdue"
    )

    class Meta:
        model = LegalDocumentPage
        fields: list[str] = []

    def filter_has_deadline(self, queryset, name, value):
        if value not in (YES, NO):
            return queryset
        return queryset.filter(planned_submission__isnull=value == NO)

    def filter_overdue(self, queryset, name, value):
        if value not in (YES, NO):
            return queryset
        workflows = DocumentWorkflow.objects.filter(page__in=queryset.values("pk"))
        late = overdue_map(workflows, today=timezone.localdate())
        late_pages = DocumentWorkflow.objects.filter(pk__in=list(late)).values("page_id")
        if value == YES:
            return queryset.filter(pk__in=late_pages)
        return queryset.exclude(pk__in=late_pages)


class DocumentIndexView(IndexView):
    """Wagtail's flat page listing, opened to every workflow role and searched our way."""

    default_ordering = "-latest_revision_created_at"
    # Seeing is the workflow's right; adding still asks Wagtail's page permissions.
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        see_workflow(request.user).enforce()
        return super().dispatch(request, *args, **kwargs)

    def get_table(self, object_list):
        # Bulk actions (move, delete, publish...) are Wagtail page actions: offered only to
        # roles holding page permissions.
        if self.user_has_any_permission(EDITING):
            return super().get_table(object_list)
        columns = [column for column in self.columns if not isinstance(column, BulkActionsColumn)]
        return self.table_class(columns, object_list, **self.get_table_kwargs())

    def get_base_queryset(self):
        return self.annotate_queryset(visible_documents(self.request.user))

    def annotate_queryset(self, pages):
        # Only what the columns show: no per-row page, site or Wagtail workflow lookups.
        return pages.defer_streamfields().select_related(
            "document_type", "issuing_body", "workflow"
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        try:
            return find(queryset, self.search_query)
        except QueryError as error:
            messages.error(self.request, str(error))
            return queryset.none()

    # Our search does not rank: results keep the listing's order (the default one too).
    is_explicitly_ordered = True

    def order_queryset(self, queryset):
        # "pk" last: a stable order across pages (many rows share a state or a date).
        ordered = super().order_queryset(queryset)
        return ordered.order_by(*ordered.query.order_by, "pk")


class DocumentListingViewSet(PageListingViewSet):
    """Every legal document in one list (the "Văn bản" menu)."""

    model = LegalDocumentPage
    index_view_class = DocumentIndexView
    icon = "doc-full-inverse"
    menu_label = _("Văn bản")
    menu_order = 100
    name = "legal_documents"
    add_to_admin_menu = True
    columns = [
        BulkActionsColumn("bulk_actions"),
        TitleColumn(
            "title",
            label=_("Tên văn bản"),
            sort_key="title",
            get_url=workflow_url,
            classname="title",
        ),
        Column("number", label=_("Số, ký hiệu"), sort_key="number", width="12%"),
        Column("document_type", label=_("Loại văn bản"), sort_key="document_type__name"),
        Column("issuing_body", label=_("Cơ quan ban hành"), sort_key="issuing_body__name"),
        Column(
            "issued_on",
            label=_("Ngày ban hành"),
            accessor=lambda page: day_text(page.issued_on),
            sort_key="issued_on",
            width="10%",
        ),
        Column(
            "planned_submission",
            label=_("Tháng đăng ký trình"),
            accessor=lambda page: month_text(page.planned_submission),
            sort_key="planned_submission",
            width="10%",
        ),
        StatusTagColumn(
            "state",
            label=_("Trạng thái"),
            accessor=state_text,
            sort_key="workflow__state",
            width="12%",
        ),
    ]
    filterset_class = DocumentFilterSet

    menu_item_class = RoleMenuItem
