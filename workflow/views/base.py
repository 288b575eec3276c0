"""Shared plumbing for the workflow admin screens."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow import rights
from workflow.errors import WorkflowError
from workflow.models import DocumentWorkflow
from workflow.selectors import workflow_of_page


def editor_url(workflow: DocumentWorkflow) -> str:
    """Where a workflow screen returns to: the document's workflow page (every role sees it)."""
    return reverse("workflow:document", args=[workflow.page_id])


class PageWorkflowMixin:
    """``self.workflow``: the workflow of the page in the URL (``page_id``), for every workflow
    role; 404 for a page without one."""

    def dispatch(self, request, *args, **kwargs):
        rights.see_workflow(request.user).enforce()
        self.workflow = workflow_of_page(kwargs["page_id"])
        if self.workflow is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DocumentScreenMixin(WagtailAdminTemplateMixin):
    """A screen about one document (``self.workflow``): its title and the way back to it."""

    def get_page_subtitle(self):
        return self.workflow.page.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": editor_url(self.workflow), "label": self.workflow.page.title[:60]},
            {"url": "", "label": self.get_page_title()},
        ]


class WorkflowFormView(DocumentScreenMixin, FormView):
    """A form about one document's workflow; WorkflowError becomes form errors, nothing saved.

    ``right()`` is the screen's right (``workflow.rights``): a user it refuses is sent back to
    the document with the reason instead of getting a form the service would refuse.
    """

    template_name = "workflow/admin/form.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        rights.see_workflow(request.user).enforce()
        self.workflow = get_object_or_404(
            DocumentWorkflow.objects.with_page(), pk=kwargs["workflow_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def right(self) -> rights.Decision:
        return rights.see_workflow(self.request.user, self.workflow)

    def get(self, request, *args, **kwargs):
        decision = self.right()
        if not decision:
            messages.error(request, decision.reason)
            return redirect(editor_url(self.workflow))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(workflow=self.workflow, cancel_url=editor_url(self.workflow))
        return context

    def form_valid(self, form):
        try:
            message = self.act(form)
        except WorkflowError as exc:
            for text in exc.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(editor_url(self.workflow))

    def form_invalid(self, form):
        messages.error(self.request, _("Chưa lưu được. Vui lòng xem lại các lỗi bên dưới."))
        return super().form_invalid(form)

    def act(self, form) -> str:
        raise NotImplementedError
