from django import template
from django.utils import timezone

from workflow.deadlines import deadlines
from workflow.dossier import REQUIRED_ITEMS, DossierKind, required_items
from workflow.models import DocumentWorkflow
from workflow.official_text import CORRECTORS, RECORD_STEPS, open_correction_of
from workflow.permissions import has_role, user_roles
from workflow.record_rules import CORRECTABLE
from workflow.roles import Role
from workflow.services import may_upload
from workflow.states import AWAITING_SUBMISSION, IMPORTABLE_STATES, State
from workflow.transitions import options_for, transitions_from_state

register = template.Library()


def checklist(workflow: DocumentWorkflow) -> list[dict]:
    """For each step out of the current state that needs dossier items: present or missing."""
    rows = []
    for t in transitions_from_state(workflow):
        if t.name not in REQUIRED_ITEMS or t.custom.get("system"):
            continue
        missing = set(workflow.missing_items(t.name))
        rows.append(
            {
                "step": t.custom.get("label", t.name),
                "items": [
                    {"label": kind.label, "present": kind not in missing}
                    for kind in required_items(t.name, is_normative=workflow.is_normative)
                ],
            }
        )
    return rows


@register.inclusion_tag("workflow/admin/panel.html")
def workflow_panel(page, request, in_editor=False):
    workflow = (
        DocumentWorkflow.objects.with_page().filter(page_id=page.pk).first() if page.pk else None
    )
    if workflow is None:
        return {"workflow": None}
    user = request.user
    files = workflow.dossier_files.select_related("uploaded_by")
    return {
        "workflow": workflow,
        "in_editor": in_editor,
        "states": State,
        "options": options_for(workflow, user),
        "checklist": checklist(workflow),
        "deadlines": deadlines(workflow, today=timezone.localdate()),
        "timeline": workflow.state_logs(),
        "dossier_files": files,
        "can_upload": any(may_upload(user, kind) for kind in DossierKind),
        "can_import": workflow.state in IMPORTABLE_STATES and may_upload(user, DossierKind.DRAFT),
        "comments": workflow.comments.select_related("responded_by"),
        "can_record_comments": workflow.state == State.CONSULTATION
        and has_role(user, Role.DRAFTING_TEAM, Role.LEADERSHIP),
        "can_respond": has_role(user, Role.DRAFTING_TEAM, Role.LEADERSHIP),
        "postponements": workflow.postponements.select_related("requested_by", "decided_by"),
        "can_request_postponement": workflow.state in AWAITING_SUBMISSION
        and has_role(user, Role.DRAFTING_TEAM, Role.LEADERSHIP),
        "can_decide": has_role(user, Role.LEADERSHIP),
        "has_role": bool(user_roles(user)),
        "official_texts": workflow.issued_texts.select_related("recorded_by", "correction"),
        "open_correction": open_correction_of(workflow),
        "can_correct": workflow.state in CORRECTABLE and has_role(user, *CORRECTORS),
        "can_edit_text": workflow.page.permissions_for_user(user).can_edit(),
    }


@register.filter
def record_step(log) -> str:
    """The label of an audit entry that kept the state (corrections, deletion), else ""."""
    return str(RECORD_STEPS.get(log.transition, ""))
