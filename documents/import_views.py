"""Admin screens: upload a DOCX to a draft, check the parsed structure, accept or cancel."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import importing
from workflow import rights
from workflow.errors import WorkflowError
from workflow.views.base import WorkflowFormView, editor_url


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Word (.docx)"),
        help_text=gettext_lazy("Dự thảo soạn bằng Word; tối đa 20 MB."),
    )


class AcceptForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    filename = forms.CharField(max_length=255, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("cancel", "cancel")])


class ImportDocxView(WorkflowFormView):
    form_class = ImportForm
    page_title = gettext_lazy("Nhập nội dung từ tệp Word")

    def right(self) -> rights.Decision:
        return rights.import_docx(self.request.user, self.workflow)

    def form_valid(self, form):
        try:
            preview = importing.preview_upload(
                workflow=self.workflow, user=self.request.user, upload=form.cleaned_data["file"]
            )
        except WorkflowError as exc:
            for text in exc.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        self.template_name = "documents/import_preview.html"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                accept_form=AcceptForm(
                    initial={"token": preview.token, "filename": preview.filename}
                ),
            )
        )

    def form_invalid(self, form):
        # A refused file is a bad request: say so in the status too, not only on the page.
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class AcceptImportView(WorkflowFormView):
    form_class = AcceptForm
    page_title = gettext_lazy("Nhập nội dung từ tệp Word")
    http_method_names = ["post"]

    def act(self, form) -> str:
        data = form.cleaned_data
        if data["decision"] == "cancel":
            importing.discard(data["token"])
            return _("Đã hủy, nội dung văn bản không thay đổi.")
        importing.accept_import(
            workflow=self.workflow,
            user=self.request.user,
            token=data["token"],
            filename=data["filename"],
        )
        return _(
            "Đã thay nội dung văn bản bằng nội dung từ tệp Word và lưu tệp vào hồ sơ. "
            "Nội dung cũ vẫn còn trong lịch sử phiên bản."
        )

    def form_invalid(self, form):
        # No form to show again here: report what went wrong on the document's page.
        errors = form.non_field_errors() or [_("Yêu cầu không hợp lệ. Vui lòng tải tệp lên lại.")]
        for error in errors:
            messages.error(self.request, error)
        return redirect(editor_url(self.workflow))
