"""The read-only audit trail of workflow steps in the admin (``/admin/audit_log/``).

Each row is labelled from its own codes (its source and target state, its step), never from
the document's current state, and every time is local (Asia/Ho_Chi_Minh) as dd/mm/yyyy HH:MM
in the listing and the inspect view alike.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import AuditEntry, DocumentWorkflow
from .official_text import RECORD_STEPS
from .rights import see_workflow
from .states import State
from .transitions import all_transitions

LABELS = {
    "timestamp": gettext_lazy("Thời gian"),
    "document": gettext_lazy("Văn bản"),
    "source_state": gettext_lazy("Trạng thái trước"),
    "state": gettext_lazy("Trạng thái sau"),
    "transition": gettext_lazy("Bước xử lý"),
    "by": gettext_lazy("Người thực hiện"),
    "description": gettext_lazy("Ghi chú"),
}


class AuditLogPermissionPolicy(ModelPermissionPolicy):
    """The audit trail is readable by every workflow role and writable by nobody."""

    def user_has_permission(self, user, action):
        return action == "view" and bool(see_workflow(user))


def state_label(code: str | None) -> str:
    if not code:
        return "—"
    return str(State(code).label) if code in State.values else code


def step_label(name: str) -> str:
    """A logged step by its Vietnamese label: a transition's, or a record step's (corrections,
    deletion) that keeps the state."""
    transition = all_transitions().get(name)
    if transition is not None:
        return str(transition.custom.get("label", name))
    return str(RECORD_STEPS.get(name, name))


def step_choices() -> list[tuple[str, str]]:
    names = [*all_transitions(), *RECORD_STEPS]
    return [(name, step_label(name)) for name in names]


def actor(entry: AuditEntry) -> str:
    if entry.by is None:
        return _("Hệ thống")
    return entry.by.get_full_name() or entry.by.get_username()


# What each column shows, shared by the listing and the inspect view.
DISPLAY = {
    "timestamp": AuditEntry.local_time,
    "document": AuditEntry.document_title,
    "source_state": lambda entry: state_label(entry.source_state),
    "state": lambda entry: state_label(entry.state),
    "transition": lambda entry: step_label(entry.transition),
    "by": actor,
    "description": lambda entry: entry.description or "—",
}


class AuditLogFilterSet(WagtailFilterSet):
    transition = django_filters.ChoiceFilter(label=LABELS["transition"], choices=step_choices)
    state = django_filters.ChoiceFilter(label=LABELS["state"], choices=State.choices)
    timestamp = django_filters.DateFromToRangeFilter(
        label=LABELS["timestamp"], widget=DateRangePickerWidget
    )

    class Meta:
        model = AuditEntry
        fields = []


class AuditLogInspectView(InspectView):
    def get_field_label(self, field_name, field):
        return capfirst(LABELS[field_name])

    def get_field_display_value(self, field_name, field):
        return DISPLAY[field_name](self.object)


class AuditLogViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = gettext_lazy("Nhật ký quy trình")
    menu_order = 900
    add_to_admin_menu = False
    name = "audit_log"
    inspect_view_enabled = True
    inspect_view_class = AuditLogInspectView
    inspect_view_fields = list(LABELS)
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "timestamp",
            label=LABELS["timestamp"],
            accessor=AuditEntry.local_time,
            sort_key="timestamp",
            get_url=lambda entry: reverse("audit_log:inspect", args=[entry.pk]),
        ),
        *(
            Column(name, label=LABELS[name], accessor=DISPLAY[name])
            for name in ("document", "source_state", "state", "transition", "by")
        ),
    ]
    filterset_class = AuditLogFilterSet
    exclude_form_fields = []
    ordering = ["-timestamp"]

    def get_queryset(self, request):
        workflows = ContentType.objects.get_for_model(DocumentWorkflow)
        return (
            AuditEntry.objects.filter(content_type=workflows)
            .select_related("by")
            .prefetch_related("content_object__page")
        )


audit_log_policy = AuditLogPermissionPolicy(AuditEntry)
