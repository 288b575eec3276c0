"""Correction (đính chính) of an issued text, and the versions of the official text."""

import difflib

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cms.record import canonical_text
from workflow import official_text, rights
from workflow.forms import CorrectionApplyForm, CorrectionCancelForm, CorrectionOpenForm
from workflow.models import IssuedText
from workflow.selectors import workflow_of_page

from .base import DocumentScreenMixin, WorkflowFormView


class CorrectionFormView(WorkflowFormView):
    def right(self) -> rights.Decision:
        return rights.correct(self.request.user, self.workflow)


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Changed lines only, as (sign, line): "-" removed, "+" added."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [
        (line[0], line[1:])
        for line in lines
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


class OpenCorrectionView(CorrectionFormView):
    form_class = CorrectionOpenForm
    page_title = gettext_lazy("Mở đính chính văn bản")

    def act(self, form) -> str:
        official_text.open_correction(
            workflow_id=self.workflow.pk, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _(
            "Đã mở đính chính. Người có quyền sửa nội dung sửa văn bản, rồi Văn phòng UBND tỉnh "
            "hoàn tất đính chính; cổng thông tin vẫn đăng văn bản đã ban hành cho đến khi đó."
        )


class ApplyCorrectionView(CorrectionFormView):
    form_class = CorrectionApplyForm
    page_title = gettext_lazy("Hoàn tất đính chính")
    template_name = "workflow/admin/correction_apply.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.workflow.current_text
        draft = self.workflow.page.get_latest_revision_as_object()
        before = canonical_text(current.revision.as_object()) if current else ""
        context.update(
            correction=official_text.open_correction_of(self.workflow),
            changes=text_diff(before, canonical_text(draft)),
            submit_label=_("Hoàn tất đính chính"),
        )
        return context

    def act(self, form) -> str:
        text = official_text.apply_correction(
            workflow_id=self.workflow.pk,
            user=self.request.user,
            reference=form.cleaned_data["reference"],
        )
        return _("Đã đính chính. Mã kiểm tra mới của văn bản: %(fingerprint)s.") % {
            "fingerprint": text.fingerprint
        }


class CancelCorrectionView(CorrectionFormView):
    form_class = CorrectionCancelForm
    page_title = gettext_lazy("Hủy đính chính")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = _("Hủy đính chính")
        return context

    def act(self, form) -> str:
        official_text.cancel_correction(workflow_id=self.workflow.pk, user=self.request.user)
        return _("Đã hủy đính chính; văn bản chính thức không thay đổi.")


class IssuedTextView(DocumentScreenMixin, TemplateView):
    """One version of the official text as it was pinned, and what changed from the previous."""

    template_name = "workflow/admin/issued_text.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        rights.see_workflow(request.user).enforce()
        self.workflow = workflow_of_page(kwargs["page_id"])
        if self.workflow is None:
            raise Http404
        self.text = get_object_or_404(
            IssuedText.objects.select_related("revision", "recorded_by", "correction"),
            pk=kwargs["text_id"],
            workflow=self.workflow,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Văn bản chính thức: %(kind)s %(date)s") % {
            "kind": self.text.get_kind_display(),
            "date": f"{self.text.recorded_at:%d/%m/%Y}",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = canonical_text(self.text.revision.as_object())
        previous = (
            self.workflow.issued_texts.filter(recorded_at__lte=self.text.recorded_at)
            .exclude(pk=self.text.pk)
            .select_related("revision")
            .order_by("-recorded_at", "-pk")
            .first()
        )
        context.update(
            workflow=self.workflow,
            text=self.text,
            lines=text.splitlines(),
            previous=previous,
            changes=text_diff(canonical_text(previous.revision.as_object()), text)
            if previous
            else None,
        )
        return context
