"""Leadership allows an issued document to be published although its signed original does not
verify (``workflow.signed_copies.allow_publication``)."""

from django.db.models import prefetch_related_objects
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import rights, signed_copies, signed_original
from workflow.forms import AllowPublicationForm

from .base import WorkflowFormView


class AllowPublicationView(WorkflowFormView):
    form_class = AllowPublicationForm
    page_title = gettext_lazy("Cho phép đăng tải bản gốc đã ký chưa xác minh")
    template_name = "workflow/admin/allow_publication.html"

    def right(self) -> rights.Decision:
        return rights.allow_unverified_original(self.request.user, self.workflow)

    def post(self, request, *args, **kwargs):
        # A refused user gets 403 with the reason (Wagtail would turn PermissionDenied into a
        # redirect), not a form the service would refuse.
        decision = self.right()
        if not decision:
            return HttpResponseForbidden(decision.reason, content_type="text/plain; charset=utf-8")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Both read the dossier files: once, here.
        prefetch_related_objects([self.workflow], "dossier_files")
        context.update(
            copy=signed_original.latest_signed_copy(self.workflow),
            problems=signed_original.publish_problems(self.workflow),
        )
        return context

    def act(self, form) -> str:
        signed_copies.allow_publication(
            workflow_id=self.workflow.pk, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Đã cho phép đăng tải bản gốc đã ký chưa xác minh; lý do đã ghi vào nhật ký.")
