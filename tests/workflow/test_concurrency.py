"""Two people acting at the same moment, on real parallel PostgreSQL connections.

Each thread opens its own connection (Django connections are per thread), waits at a barrier so
that both steps start together, and closes its connection at the end. SQLite serialises every
writer, so these tests only mean something on PostgreSQL.
"""

import dataclasses
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_fsm_log.models import StateLog

from cms.models import LegalDocumentPage
from workflow import services
from workflow.errors import WorkflowError
from workflow.models import NumberSequence
from workflow.roles import Role
from workflow.states import State

from .conftest import default_step_data, workflow_of

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs real parallel transactions and row locks: run with a PostgreSQL "
        "DATABASE_URL (SQLite serialises all writers)",
    ),
    # Committed data visible to the other connections; the migrations' data (role groups,
    # root page) is restored for each test after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(*calls, timeout=30):
    """Run each callable in its own thread, all released at once; results or exceptions."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = call()
        except Exception as exc:  # reported to the test
            outcomes[index] = exc
        finally:
            connections.close_all()  # this thread's connections only

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a step never finished"
    return outcomes


def transition(workflow, name, user, **data):
    def call():
        return services.perform_transition(
            workflow_id=workflow.pk,
            name=name,
            user=user,
            **{**default_step_data(workflow, name), **data},
        )

    return call


def split(outcomes):
    errors = [o for o in outcomes if isinstance(o, Exception)]
    return [o for o in outcomes if not isinstance(o, Exception)], errors


@pytest.mark.parametrize(
    ("expected_state", "message"),
    [
        (
            State.PLANNED,
            "Văn bản vừa được người khác chuyển sang trạng thái “Đang soạn thảo”. "
            "Vui lòng xem lại trước khi thao tác.",
        ),
        (None, "Không thể “Bắt đầu soạn thảo” khi văn bản đang ở trạng thái “Đang soạn thảo”."),
    ],
)
def test_two_people_taking_the_same_step_at_once(
    expected_state, message, normative_draft, make_user
):
    workflow = workflow_of(normative_draft)
    first, second = make_user(Role.DRAFTING_TEAM), make_user(Role.DRAFTING_TEAM)

    outcomes = run_together(
        transition(workflow, "start_drafting", first, expected_state=expected_state),
        transition(workflow, "start_drafting", second, expected_state=expected_state),
    )

    done, errors = split(outcomes)
    assert len(done) == 1 and len(errors) == 1, outcomes
    assert isinstance(errors[0], WorkflowError)
    assert errors[0].messages == [message]
    workflow = workflow_of(workflow)
    assert workflow.state == State.DRAFTING
    (log,) = StateLog.objects.all()
    assert log.transition == "start_drafting"
    assert log.by in (first, second) and log.by == done[0].state_logs().get().by


def test_two_different_steps_on_what_both_saw_as_planned(normative_draft, drafter, leader):
    workflow = workflow_of(normative_draft)

    outcomes = run_together(
        transition(workflow, "start_drafting", drafter, expected_state=State.PLANNED),
        transition(
            workflow, "withdraw", leader, expected_state=State.PLANNED, note="Không cần nữa."
        ),
    )

    done, errors = split(outcomes)
    assert len(done) == 1 and len(errors) == 1, outcomes
    assert isinstance(errors[0], WorkflowError)
    assert errors[0].messages[0].startswith("Văn bản vừa được người khác chuyển sang trạng thái")
    assert workflow_of(workflow).state == done[0].state
    assert StateLog.objects.count() == 1


def test_two_clerks_issuing_two_documents_of_one_register_at_once(
    make_draft, walk, users, make_user
):
    documents = [walk(make_draft(normative=False), State.SUBMITTED) for _ in range(2)]
    clerks = [users[Role.COMMITTEE_OFFICE], make_user(Role.COMMITTEE_OFFICE)]
    assert not NumberSequence.objects.exists()  # both race to create the sequence too

    outcomes = run_together(
        *(transition(doc, "issue", clerk) for doc, clerk in zip(documents, clerks, strict=True))
    )

    _done, errors = split(outcomes)
    assert errors == []
    numbers = sorted(
        LegalDocumentPage.objects.filter(pk__in=[d.page_id for d in documents]).values_list(
            "number", flat=True
        )
    )
    assert numbers == ["1/QĐ-UBND", "2/QĐ-UBND"]
    (sequence,) = NumberSequence.objects.all()
    assert (sequence.issuer.code, sequence.register, sequence.last) == ("UBND", "administrative", 2)
    assert all(workflow_of(d).state == State.ISSUED for d in documents)


def test_two_clerks_typing_the_same_number_at_once(make_draft, walk, users, make_user):
    documents = [walk(make_draft(normative=False), State.SUBMITTED) for _ in range(2)]
    clerks = [users[Role.COMMITTEE_OFFICE], make_user(Role.COMMITTEE_OFFICE)]
    typed = ["629/QĐ-UBND", "629/QD-UBND"]

    def issue(doc, clerk, number):
        data = default_step_data(doc, "issue")["issue"]
        return transition(doc, "issue", clerk, issue=dataclasses.replace(data, number=number))

    outcomes = run_together(
        *(issue(d, c, n) for d, c, n in zip(documents, clerks, typed, strict=True))
    )

    done, errors = split(outcomes)
    assert len(done) == 1 and len(errors) == 1, outcomes
    assert isinstance(errors[0], WorkflowError)
    year = timezone.localdate().year
    assert errors[0].messages[0] in {
        f"Số “{number}” đã được dùng cho văn bản khác trong năm {year}." for number in typed
    }
    assert LegalDocumentPage.objects.filter(number_key="629/qd-ubnd").count() == 1
    states = sorted(workflow_of(d).state for d in documents)
    assert states == [State.ISSUED, State.SUBMITTED]
