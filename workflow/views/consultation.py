from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import rights, services
from workflow.forms import CommentForm, ResponseForm
from workflow.models import Comment

from .base import WorkflowFormView


class CommentCreateView(WorkflowFormView):
    """Record a comment received by letter or at a meeting during consultation."""

    form_class = CommentForm
    page_title = gettext_lazy("Ghi nhận ý kiến góp ý")

    def right(self) -> rights.Decision:
        return rights.record_comment(self.request.user, self.workflow)

    def act(self, form) -> str:
        services.record_comment(workflow=self.workflow, user=self.request.user, **form.cleaned_data)
        return _("Đã ghi nhận ý kiến góp ý.")


class CommentResponseView(WorkflowFormView):
    form_class = ResponseForm
    page_title = gettext_lazy("Giải trình, tiếp thu ý kiến")
    template_name = "workflow/admin/comment_response.html"

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment, pk=kwargs["comment_id"], workflow_id=kwargs["workflow_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def right(self) -> rights.Decision:
        return rights.respond_to_comments(self.request.user, self.workflow)

    def get_initial(self):
        return {
            "response_kind": self.comment.response_kind,
            "response_text": self.comment.response_text,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comment"] = self.comment
        return context

    def act(self, form) -> str:
        services.respond_to_comment(
            comment_id=self.comment.pk,
            user=self.request.user,
            kind=form.cleaned_data["response_kind"],
            text=form.cleaned_data["response_text"],
        )
        return _("Đã lưu nội dung giải trình, tiếp thu.")
