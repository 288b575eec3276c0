"""A legal document is registered (page and workflow created) only by an explicit save.

Wagtail's editor autosaves an add form as soon as its required fields are valid, with a JSON
POST to the add view. For a legal document that POST would register it in the programme
before the drafting team has finished the registration (the planned month, locked once the
page exists), and an abandoned form would leave a registered document behind. So the add view
refuses JSON POSTs for legal documents; the editor then shows the refusal as its "autosave
paused" note and keeps warning about unsaved edits until "Lưu bản nháp" is pressed. Editing an
existing document autosaves as usual (the process fields are the workflow's: see
``LegalDocumentPage.save_revision``).
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

# One of the codes Wagtail's autosave script shows with the server's message (not as a
# "server error"); the form keeps its edits and its warning before leaving.
REFUSAL_CODE = "validation_error"


def is_autosave(request: HttpRequest) -> bool:
    """A POST from the editor's script (it asks for JSON), not a press of a save button."""
    return request.method == "POST" and not request.accepts("text/html")


def autosave_refusal(request: HttpRequest) -> JsonResponse | None:
    if not is_autosave(request):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": REFUSAL_CODE,
            "error_message": _(
                "Văn bản mới chỉ được đăng ký khi bấm “Lưu bản nháp”; sau đó nội dung được "
                "tự động lưu."
            ),
        },
        status=400,
    )
