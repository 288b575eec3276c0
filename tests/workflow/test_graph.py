"""The state diagram in docs/workflow.md is generated from the code: check the generator."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from workflow.management.commands.workflow_graph import mermaid_text
from workflow.models import DocumentWorkflow
from workflow.roles import Role
from workflow.states import State

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"


def run(*args) -> str:
    out = StringIO()
    call_command("workflow_graph", *args, stdout=out)
    return out.getvalue()


def all_transitions():
    return list(DocumentWorkflow().get_all_state_transitions())


def test_diagram_has_every_state_and_transition():
    text = run()
    assert text.startswith("stateDiagram-v2\n")
    for state in State:
        assert f'state "{mermaid_text(state.label)}" as {state.value}' in text
    edges = re.findall(r"^    (\w+) --> (\w+): (.+)$", text, flags=re.MULTILINE)
    assert len(edges) == len(all_transitions())
    for t in all_transitions():
        label = mermaid_text(t.custom["label"])
        matching = [e for e in edges if e[:2] == (t.source, t.target) and e[2].startswith(label)]
        assert matching, f"{t.name}: {t.source} --> {t.target}"
        for role in t.permission.roles:
            assert str(Role(role).label) in matching[0][2]
    assert "[*] --> planned" in text


def test_labels_are_escaped_for_mermaid():
    text = run()
    # "Trả lại: chưa đủ điều kiện trình" keeps its colon as an entity code.
    assert "Trả lại#58; chưa đủ điều kiện trình" in text
    for line in text.splitlines()[1:]:
        if "-->" in line and "[*]" not in line:
            assert line.count(":") == 1, line  # only the separator


def test_table_lists_every_transition_with_roles_and_dossier():
    text = run("--table")
    names = {t.name for t in all_transitions()}
    for name in names:
        assert f"| `{name}` |" in text
    assert "| `send_for_appraisal` | Gửi Sở Tư pháp thẩm định |" in text
    assert "Bản tổng hợp, tiếp thu, giải trình ý kiến" in text
    assert "`consulted_at_least_once`" in text


def test_docs_hold_the_current_diagram():
    """docs/workflow.md must be regenerated when the state machine changes."""
    assert run().strip() in DOCS.read_text(encoding="utf-8")
