from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow import rights, signed_original
from workflow.deadlines import deadlines
from workflow.dossier import REQUIRED_ITEMS, DossierKind, required_items
from workflow.models import DocumentWorkflow
from workflow.official_text import RECORD_STEPS, open_correction_of
from workflow.selectors import workflow_of_page
from workflow.states import State
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
                    {
                        "label": kind.label,
                        "present": kind not in missing,
                        "missing_note": _missing_note(workflow, kind) if kind in missing else "",
                    }
                    for kind in required_items(t.name, is_normative=workflow.is_normative)
                ],
            }
        )
    return rows


def _missing_note(workflow: DocumentWorkflow, kind: DossierKind) -> str:
    """A round item missing from a later round: say that a new one is needed, since the
    earlier round's file is listed in the dossier below."""
    if workflow.round_start(kind) is None:
        return ""
    number = workflow.appraisal_round()
    if number < 2:
        return ""
    return _("còn thiếu báo cáo của lần thẩm định này (lần %(round)s)") % {"round": number}


def earlier_round_files(workflow: DocumentWorkflow, files) -> set[int]:
    """The dossier files that belong to an earlier round of a per-round item."""
    return {
        f.pk
        for f in files
        if (start := workflow.round_start(f.kind)) is not None and f.uploaded_at < start
    }


@register.inclusion_tag("workflow/admin/panel.html")
def workflow_panel(page, request, in_editor=False):
    workflow = workflow_of_page(page.pk) if page.pk else None
    if workflow is None:
        return {"workflow": None}
    user = request.user
    files = list(workflow.dossier_files.select_related("uploaded_by"))
    return {
        "workflow": workflow,
        "in_editor": in_editor,
        "states": State,
        "options": options_for(workflow, user),
        "checklist": checklist(workflow),
        "deadlines": deadlines(workflow, today=timezone.localdate()),
        "timeline": workflow.state_logs(),
        "dossier_files": files,
        "earlier_round_files": earlier_round_files(workflow, files),
        # The latest signed copy (files are ordered by kind, latest version first).
        "signed_copy": next((f for f in files if f.kind == DossierKind.SIGNED_COPY), None),
        # Before publication: what the publish rule says of it, and who may override it.
        "publish_blockers": (
            signed_original.publish_problems(workflow) if workflow.state == State.ISSUED else []
        ),
        "can_allow_publication": bool(rights.allow_unverified_original(user, workflow)),
        "can_upload": bool(rights.uploadable_kinds(user, workflow)),
        "can_import": bool(rights.import_docx(user, workflow)),
        "comments": workflow.comments.select_related("responded_by"),
        "can_record_comments": bool(rights.record_comment(user, workflow)),
        "can_respond": bool(rights.respond_to_comments(user, workflow)),
        "postponements": workflow.postponements.select_related("requested_by", "decided_by"),
        "can_request_postponement": bool(rights.request_postponement(user, workflow)),
        "can_decide": bool(rights.decide_postponement(user, workflow)),
        "official_texts": workflow.issued_texts.select_related("recorded_by", "correction"),
        "open_correction": open_correction_of(workflow),
        "can_correct": bool(rights.correct(user, workflow)),
        "can_edit_text": bool(rights.edit_text(user, workflow)),
    }


@register.filter
def record_step(log) -> str:
    """The label of an audit entry that kept the state (corrections, deletion), else ""."""
    return str(RECORD_STEPS.get(log.transition, ""))
