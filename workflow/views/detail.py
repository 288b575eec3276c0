from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow import rights

from .base import PageWorkflowMixin


class DocumentWorkflowView(PageWorkflowMixin, WagtailAdminTemplateMixin, TemplateView):
    """A document's workflow for every role, including those who never edit the page
    (appraisers, the committee office): state, steps, checklist, deadlines, dossier, history."""

    template_name = "workflow/admin/detail.html"
    header_icon = "tasks"

    def get_page_title(self):
        return self.workflow.page.get_admin_display_title()

    def get_page_subtitle(self):
        page = self.workflow.page
        return " · ".join(str(part) for part in (page.document_type, page.number) if part)

    def get_breadcrumbs_items(self):
        # Without breadcrumbs Wagtail shows the title as the visible heading; with them the
        # only visible heading is "Home" and the title is for screen readers alone.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.workflow.page
        context.update(
            workflow=self.workflow,
            page=page,
            can_edit=bool(rights.edit_text(self.request.user, self.workflow)),
        )
        return context
