from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

# Filled in by the workflow, shown read-only in the editor.
ISSUE_FIELDS = ("number", "issued_on", "effective_on", "signer", "signer_title")


class LegalDocumentPageForm(WagtailAdminPageForm):
    """The planned month is set when registering; later it moves only by an approved
    postponement. Issue data comes from the "Ban hành" step.

    Registering needs the planned month, even on "Lưu bản nháp": a document registered without
    one could never get it (a postponement needs a month to move), would have no submission
    deadline and would be missing from the programme report."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locked = list(ISSUE_FIELDS)
        if self.instance.pk:
            locked.append("planned_submission")
        elif "planned_submission" in self.fields:
            planned = self.fields["planned_submission"]
            planned.required = True
            planned.error_messages["required"] = _(
                "Chọn tháng đăng ký trình: văn bản được đăng ký vào chương trình theo tháng này."
            )
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Cập nhật qua quy trình, không sửa trực tiếp.")


class RecordCopyForm(CopyForm):
    """Copying never creates a live document or an alias of one: a copy of a legal document is
    a new draft that starts its own workflow (aliases would mirror the original outside it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._carries_documents():
            for name in ("alias", "publish_copies"):
                self.fields.pop(name, None)

    def _carries_documents(self) -> bool:
        documents = apps.get_model("cms", "LegalDocumentPage").objects
        return documents.descendant_of(self.page, inclusive=True).exists()
