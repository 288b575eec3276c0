"""Print the drafting state machine, read from the code, as a Mermaid diagram or a table.

python manage.py workflow_graph            # Mermaid stateDiagram-v2 (docs/workflow.md)
python manage.py workflow_graph --table    # Markdown table: who takes which step, guards
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from workflow.dossier import NORMATIVE_SUBMIT_ITEMS, required_items
from workflow.models import DocumentWorkflow
from workflow.roles import Role
from workflow.states import State

SYSTEM_NOTE = "chỉ khi nhập dữ liệu"


def mermaid_text(text: str) -> str:
    """Escape what ends a Mermaid statement or a label (``:``, ``;``) as entity codes."""
    return str(text).replace(";", "#59;").replace(":", "#58;").replace('"', "#quot;")


def transitions() -> list:
    """Every (source, transition) of the state machine by source state; imports last."""
    order = {state.value: i for i, state in enumerate(State)}
    found = list(DocumentWorkflow().get_all_state_transitions())
    return sorted(
        found, key=lambda t: (order.get(t.source, len(order)), bool(t.custom.get("system")))
    )


def role_labels(transition) -> list[str]:
    roles = getattr(transition.permission, "roles", ())
    return [str(Role(role).label) for role in roles]


def edge_label(transition) -> str:
    who = ", ".join(role_labels(transition))
    if transition.custom.get("system"):
        who = f"{who}, {SYSTEM_NOTE}" if who else SYSTEM_NOTE
    label = str(transition.custom.get("label", transition.name))
    return f"{label} ({who})" if who else label


def mermaid() -> str:
    lines = ["stateDiagram-v2"]
    for state in State:
        lines.append(f'    state "{mermaid_text(state.label)}" as {state.value}')
    lines.append(f"    [*] --> {State.PLANNED.value}")
    for t in transitions():
        lines.append(f"    {t.source} --> {t.target}: {mermaid_text(edge_label(t))}")
    for state in (State.PUBLISHED, State.WITHDRAWN):
        lines.append(f"    {state.value} --> [*]")
    return "\n".join(lines)


def _guards(transition) -> list[str]:
    return [
        getattr(c, "__name__", repr(c))
        for c in transition.conditions
        if not getattr(c, "__name__", "").startswith("dossier_complete_")
    ]


def _dossier(transition) -> str:
    items = [str(kind.label) for kind in required_items(transition.name, is_normative=False)]
    if transition.name == "submit":
        extra = ", ".join(str(kind.label) for kind in NORMATIVE_SUBMIT_ITEMS)
        items.append(f"QPPL: + {extra}")
    return "; ".join(items)


def table() -> str:
    labels = {state.value: str(state.label) for state in State}
    rows = [
        "| bước (transition) | nhãn | từ | đến | vai trò | hồ sơ bắt buộc | điều kiện khác |",
        "|---|---|---|---|---|---|---|",
    ]
    grouped: dict[str, list] = {}
    for t in transitions():
        grouped.setdefault(t.name, []).append(t)
    for name, group in grouped.items():
        first = group[0]
        sources = ", ".join(f"{labels[t.source]} (`{t.source}`)" for t in group)
        who = ", ".join(role_labels(first))
        if first.custom.get("system"):
            who += f" ({SYSTEM_NOTE})"
        rows.append(
            f"| `{name}` | {first.custom.get('label', name)} | {sources} | "
            f"{labels[first.target]} (`{first.target}`) | {who} | {_dossier(first) or '—'} | "
            f"{', '.join(f'`{g}`' for g in _guards(first)) or '—'} |"
        )
    return "\n".join(rows)


class Command(BaseCommand):
    help = (
        "Print the drafting state machine read from workflow.models.DocumentWorkflow: a Mermaid "
        "stateDiagram-v2 (default) or, with --table, a Markdown table of the transitions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--table", action="store_true", help="Print a Markdown table instead of the diagram."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the labels (default: %(default)s).",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self.stdout.write(table() if options["table"] else mermaid())
