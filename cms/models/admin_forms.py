from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# Filled in by the workflow, shown read-only in the editor.
ISSUE_FIELDS = ("number", "issued_on", "effective_on", "signer", "signer_title")


class LegalDocumentPageForm(WagtailAdminPageForm):
    """The planned month is set when registering; later it moves only by an approved
    postponement. Issue data comes from the "Ban hành" step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locked = list(ISSUE_FIELDS)
        if self.instance.pk:
            locked.append("planned_submission")
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Cập nhật qua quy trình, không sửa trực tiếp.")
