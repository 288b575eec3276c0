from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import rights, services
from workflow.forms import DecisionForm, PostponementForm
from workflow.models import PostponementRequest

from .base import WorkflowFormView


class PostponementRequestView(WorkflowFormView):
    form_class = PostponementForm
    page_title = gettext_lazy("Đề nghị lùi thời hạn trình")

    def right(self) -> rights.Decision:
        return rights.request_postponement(self.request.user, self.workflow)

    def act(self, form) -> str:
        request = services.request_postponement(
            workflow=self.workflow,
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            new_planned=form.cleaned_data["new_planned"],
            letter=form.cleaned_data["letter"],
        )
        return _("Đã gửi đề nghị lùi thời hạn sang tháng %(month)s; chờ lãnh đạo quyết định.") % {
            "month": f"{request.new_planned:%m/%Y}"
        }


class PostponementDecisionView(WorkflowFormView):
    form_class = DecisionForm
    page_title = gettext_lazy("Quyết định đề nghị lùi thời hạn")
    template_name = "workflow/admin/postponement_decision.html"

    def dispatch(self, request, *args, **kwargs):
        self.postponement = get_object_or_404(
            PostponementRequest, pk=kwargs["request_id"], workflow_id=kwargs["workflow_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def right(self) -> rights.Decision:
        return rights.decide_postponement(self.request.user, self.workflow)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["postponement"] = self.postponement
        return context

    def act(self, form) -> str:
        decided = services.decide_postponement(
            request_id=self.postponement.pk,
            user=self.request.user,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
        return _("Đã ghi quyết định: %(status)s.") % {"status": decided.get_status_display()}
