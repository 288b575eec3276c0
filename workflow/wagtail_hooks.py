"""Admin wiring for the drafting workflow: screens, editor actions, read-only audit trail."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import include, path, reverse_lazy
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy
from laces.components import Component
from wagtail import hooks
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.models import LegalDocumentPage

from . import urls
from .admin_menu import RoleMenuItem
from .audit_log import AuditLogViewSet, audit_log_policy
from .dashboard import home_panels
from .models import AuditEntry, OutgoingEmail
from .record_rules import publish_refusal
from .registration import autosave_refusal
from .reports import report_menu_item, report_urls

# Wagtail's own publishing actions: for legal documents publication is a workflow step.
BLOCKED_ACTIONS = {"action-publish", "action-unpublish", "action-submit", "action-schedule"}


@hooks.register("register_admin_urls")
def register_workflow_urls():
    return [
        path("workflow/", include(urls, namespace="workflow")),
        *report_urls,
    ]


@hooks.register("construct_homepage_panels")
def add_workflow_home_panels(request, panels):
    panels.extend(home_panels(request))


@hooks.register("register_reports_menu_item")
def register_programme_report_menu_item():
    return report_menu_item()


@hooks.register("construct_page_action_menu")
def hide_publishing_actions(menu_items, request, context):
    page = context.get("page")
    if page is None or not isinstance(page.specific_deferred, LegalDocumentPage):
        return
    menu_items[:] = [item for item in menu_items if item.name not in BLOCKED_ACTIONS]


def _refuse_publish(request):
    if request.method == "POST" and BLOCKED_ACTIONS & set(request.POST):
        messages.error(request, publish_refusal())
        return redirect(request.get_full_path())
    return None


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if isinstance(page.specific_deferred, LegalDocumentPage):
        return _refuse_publish(request)
    return None


@hooks.register("before_create_page")
def refuse_autosave_and_publish_on_create(request, parent_page, page_class):
    if issubclass(page_class, LegalDocumentPage):
        return autosave_refusal(request) or _refuse_publish(request)
    return None


register_permission_policy(AuditEntry, audit_log_policy)
audit_log_viewset = AuditLogViewSet()


@hooks.register("register_admin_viewset")
def register_audit_log():
    return audit_log_viewset


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return RoleMenuItem(
        audit_log_viewset.menu_label,
        reverse_lazy(audit_log_viewset.get_url_name("index")),
        icon_name="history",
        order=900,
    )


class SuperuserReadOnlyPolicy(ModelPermissionPolicy):
    """Outgoing e-mail is read by administrators only (it holds commenters' addresses); nobody
    edits it: ``manage.py send_emails`` resends."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser


class Lines(Component):
    """Text shown with its line breaks (an e-mail body)."""

    def __init__(self, text: str):
        self.text = text

    def render_html(self, parent_context=None):
        return linebreaksbr(self.text, autoescape=True)


class OutgoingEmailInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if field_name == "body":
            return Lines(value)
        if value is None or value == "":
            return "—"
        if hasattr(value, "tzinfo"):
            # Wagtail's inspect template formats datetimes without the local time zone.
            return localtime(value).strftime(settings.WAGTAIL_DATETIME_FORMAT)
        return value


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    inspect_view_class = OutgoingEmailInspectView
    icon = "mail"
    menu_label = gettext_lazy("Thư điện tử gửi đi")
    add_to_settings_menu = True
    menu_order = 900
    name = "outgoing_email"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "subject",
        "recipient_list",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    inspect_view_fields = [
        "kind",
        "workflow",
        "recipient_list",
        "from_email",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    exclude_form_fields = []
    ordering = ["-created_at", "-id"]


register_permission_policy(OutgoingEmail, SuperuserReadOnlyPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email():
    return OutgoingEmailViewSet()
