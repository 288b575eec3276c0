"""Say why the record refuses a Wagtail page action, before Wagtail refuses it blindly.

Wagtail's page views refuse when ``permissions_for_user`` says no (the record policy,
``cms.page_rights``), with a generic "no permission" and a redirect to the dashboard. For a
legal document this middleware answers first: the policy's reason in Vietnamese, and back to
the document's workflow page, where the way forward (return for revision, correction,
withdrawal) is offered. It only explains: the refusal itself is Wagtail's and the nets'.
"""

from django.contrib import messages
from django.shortcuts import redirect

from cms.models import LegalDocumentPage
from cms.page_rights import PageAction, refusal

# Wagtail admin page views (URL names in the wagtailadmin_pages namespace) and the action each
# one needs; tests/workflow/test_record_paths.py checks every page view is listed or read-only.
ACTION_OF_VIEW = {
    "edit": PageAction.EDIT,
    "revisions_revert": PageAction.EDIT,
    "convert_alias": PageAction.EDIT,
    "delete": PageAction.DELETE,
    "move": PageAction.MOVE,
    "move_confirm": PageAction.MOVE,
    "copy": PageAction.COPY,
    "unpublish": PageAction.UNPUBLISH,
    "set_privacy": PageAction.PRIVACY,
    "revisions_unschedule": PageAction.PUBLISH,
}


class RecordRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        action = ACTION_OF_VIEW.get(match.url_name)
        page_id = view_kwargs.get("page_id") or view_kwargs.get("page_to_move_id")
        if match.namespace != "wagtailadmin_pages" or action is None or page_id is None:
            return None
        if not request.user.is_authenticated:
            return None
        page = LegalDocumentPage.objects.filter(pk=page_id).first()
        reason = refusal(page, action) if page is not None else None
        if reason is None:
            return None
        messages.error(request, reason)
        return redirect("workflow:document", page_id)
