"""What a user can do next on a document, and why a step is not available."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django_fsm import Transition

from .models import DocumentWorkflow


@dataclass(frozen=True)
class TransitionOption:
    name: str
    label: str
    form: str = ""
    danger: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.problems


def transitions_from_state(workflow: DocumentWorkflow) -> list[Transition]:
    return [t for t in workflow.get_all_state_transitions() if t.source == workflow.state]


def all_transitions() -> dict[str, Transition]:
    """Every transition of the state machine by name (one entry per method)."""
    return {t.name: t for t in DocumentWorkflow().get_all_state_transitions()}


def step_refusal(workflow: DocumentWorkflow, name: str, user, *, system: bool = False) -> str:
    """Why step ``name`` cannot be taken now, saying which of the two refuses it: the
    document's state or the user's role ("" when both allow it; conditions are separate)."""
    transition = all_transitions().get(name)
    if transition is None:
        return _("Bước xử lý không tồn tại.")
    label = transition.custom.get("label", name)
    match = next((t for t in transitions_from_state(workflow) if t.name == name), None)
    if match is None:
        return _("Không thể “%(step)s” khi văn bản đang ở trạng thái “%(state)s”.") % {
            "step": label,
            "state": workflow.get_state_display(),
        }
    if not system and not match.has_perm(workflow, user):
        return _("Vai trò của bạn không được thực hiện bước “%(step)s”.") % {"step": label}
    return ""


def transition_problems(workflow: DocumentWorkflow, transition: Transition) -> list[str]:
    problems: list[str] = []
    for condition in transition.conditions:
        if hasattr(condition, "problems"):
            problems.extend(condition.problems(workflow))
        elif not condition(workflow):
            problems.append(str(condition.__doc__ or condition.__name__))
    return problems


def options_for(workflow: DocumentWorkflow, user) -> list[TransitionOption]:
    """The steps from the current state this user's roles may take, each with its blockers."""
    options = []
    for t in transitions_from_state(workflow):
        if t.custom.get("system") or not t.has_perm(workflow, user):
            continue
        options.append(
            TransitionOption(
                name=t.name,
                label=str(t.custom.get("label", t.name)),
                form=t.custom.get("form", ""),
                danger=bool(t.custom.get("danger")),
                problems=transition_problems(workflow, t),
            )
        )
    return options
