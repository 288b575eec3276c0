from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow.models import DocumentWorkflow
from workflow.permissions import user_roles


class DocumentWorkflowView(WagtailAdminTemplateMixin, TemplateView):
    """A document's workflow for every role, including those who never edit the page
    (appraisers, the committee office): state, steps, checklist, deadlines, dossier, history."""

    template_name = "workflow/admin/detail.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not user_roles(request.user):
            raise PermissionDenied
        self.workflow = get_object_or_404(
            DocumentWorkflow.objects.with_page(), page_id=kwargs["page_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.workflow.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.workflow.page
        context.update(
            workflow=self.workflow,
            page=page,
            can_edit=page.permissions_for_user(self.request.user).can_edit(),
        )
        return context
