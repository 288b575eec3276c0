"""The index outbox: changes written with the page change, applied after commit, retried.

The backend is the in-memory fake (``tests.search.fakes``), told to fail as Elasticsearch does
when it is unreachable (``ConnectionError``).
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django_tasks import task_backends

from cms.models import DocumentRelation, IssuingBody, LegalDocumentPage
from cms.relation_kinds import RelationKind
from search import outbox
from search.models import IndexChange
from tests import factories
from tests.search import fakes
from workflow import official_text
from workflow.services import IssueData, perform_transition
from workflow.states import State

pytestmark = pytest.mark.django_db
Action = IndexChange.Action
# Tasks are stored, not run: what a worker would find in the queue.
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def backend(monkeypatch):
    return fakes.install(monkeypatch)


@pytest.fixture
def index():
    return factories.site_tree()[1]


def publish(index, slug="05-2015-qd-ubnd", number="05/2015/QĐ-UBND", **fields):
    return factories.legal_document(
        index,
        slug=slug,
        number=number,
        issued_on=datetime.date(2015, 3, 2),
        effective_on=datetime.date(2015, 3, 20),
        document_type=factories.document_type(is_normative=True),
        **fields,
    )


def queued_applies() -> list:
    return [
        job
        for job in task_backends["default"].results
        if job.task.func is outbox.apply_changes.func
    ]


def changes(page) -> list[tuple[str, bool]]:
    rows = IndexChange.objects.filter(page_id=page.pk).order_by("id")
    return [(row.action, row.applied_at is not None) for row in rows]


def correct(page, **changes):
    """A correction (đính chính) of a published document's text, through the workflow."""
    clerk = get_user_model().objects.get_or_create(username="vanphong", is_superuser=True)[0]
    workflow_id = page.workflow.pk
    official_text.open_correction(workflow_id=workflow_id, user=clerk, reason="Sai trích yếu.")
    draft = LegalDocumentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=clerk)
    official_text.apply_correction(workflow_id=workflow_id, user=clerk, reference="01/QĐ-ĐC")


def unpublish(page, note="Gỡ để đính chính."):
    perform_transition(
        workflow_id=page.workflow.pk, name="unpublish", user=None, system=True, note=note
    )


def test_publishing_writes_the_change_in_the_same_transaction(index, backend):
    with transaction.atomic():
        page = publish(index)
        assert changes(page) == [(Action.UPSERT, False)]
        transaction.set_rollback(True)
    # Rolled back with the publication: neither the page nor its index change exist.
    assert not LegalDocumentPage.objects.filter(pk=page.pk).exists()
    assert not IndexChange.objects.exists()
    assert backend.calls == []


def test_change_is_applied_after_commit(index, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(index)
    assert backend.indexed() == [page.pk]
    record = backend.records[page.pk]
    assert record.number == "05/2015/QĐ-UBND" and record.url == page.url
    assert changes(page) == [(Action.UPSERT, True)]


def test_changes_are_applied_by_a_background_task_after_commit(
    index, backend, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(index)
    # The request only queued the work: nothing applied yet.
    (job,) = queued_applies()
    assert list(job.args) == [[page.pk]]
    assert backend.calls == [] and changes(page) == [(Action.UPSERT, False)]
    # The worker runs it.
    assert job.task.call(*job.args) == {"indexed": 1, "deleted": 0, "failed": 0}
    assert backend.indexed() == [page.pk] and changes(page) == [(Action.UPSERT, True)]


class RefusingQueue:
    """A task whose queue cannot take it (database trouble, a broken broker)."""

    def enqueue(self, *args):
        raise ConnectionError("task queue unavailable")


def test_a_queue_that_cannot_take_the_task_never_reaches_the_request(
    index, backend, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(outbox, "apply_changes", RefusingQueue())
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(index)  # succeeds: the change waits in the outbox
    assert page.workflow.state == State.PUBLISHED
    assert changes(page) == [(Action.UPSERT, False)]
    call_command("search_sync", stdout=io.StringIO())
    assert backend.indexed() == [page.pk] and changes(page) == [(Action.UPSERT, True)]


def test_unreachable_backend_loses_nothing(index, backend, django_capture_on_commit_callbacks):
    backend.fail = ConnectionError("Elasticsearch unreachable at http://es:9200")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(index)  # succeeds although the index cannot be written
    page.refresh_from_db()
    assert page.live and page.workflow.state == State.PUBLISHED
    row = IndexChange.objects.get(page_id=page.pk)
    assert row.applied_at is None and row.attempts == 1
    assert "ConnectionError" in row.last_error and "unreachable" in row.last_error

    # Still down: the next run fails again, keeps the change and counts the attempt.
    report = outbox.apply_pending()
    assert report.failed == 1 and report.stopped
    assert IndexChange.objects.get(page_id=page.pk).attempts == 2

    # Back up: applied once, then nothing is left to apply.
    backend.fail = None
    backend.calls.clear()
    report = outbox.apply_pending()
    assert (report.indexed, report.failed) == (1, 0)
    assert backend.indexed() == [page.pk]
    assert outbox.apply_pending().applied == 0
    assert backend.indexed() == [page.pk]
    assert changes(page) == [(Action.UPSERT, True)]


def test_unpublish_produces_a_delete(index, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(index)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(page)
    assert backend.deleted() == [page.pk]
    assert page.pk not in backend.records
    assert [action for action, _ in changes(page)][-1] == Action.DELETE
    assert all(applied for _, applied in changes(page))


def test_withdraw_produces_a_delete(index, backend):
    page = factories.legal_document(index, slug="du-thao", live=False)
    perform_transition(
        workflow_id=page.workflow.pk, name="withdraw", user=None, system=True, note="Không cần."
    )
    assert changes(page) == [(Action.DELETE, False)]
    outbox.apply_pending()
    assert backend.deleted() == [page.pk]


def test_a_published_document_is_never_deleted_from_the_index_by_a_delete(index, backend):
    page = publish(index)
    outbox.apply_pending()
    with pytest.raises((PermissionDenied, ProtectedError)):
        LegalDocumentPage.objects.get(pk=page.pk).delete()
    assert not IndexChange.objects.pending().filter(page_id=page.pk).exists()
    assert page.pk in backend.records


def test_deleting_a_document_produces_a_delete(index, backend):
    page = factories.legal_document(index, slug="du-thao", live=False)
    page_id = page.pk
    LegalDocumentPage.objects.get(pk=page_id).delete()
    assert IndexChange.objects.pending().filter(page_id=page_id, action=Action.DELETE).exists()
    outbox.apply_pending()
    assert page_id in backend.deleted() and page_id not in backend.records


def test_editing_a_published_document_reindexes_it(index, backend):
    page = publish(index)
    outbox.apply_pending()
    correct(page, summary="Trích yếu đã đính chính")
    assert changes(page)[-1] == (Action.UPSERT, False)
    outbox.apply_pending()
    assert backend.records[page.pk].summary == "Trích yếu đã đính chính"


def test_changes_are_collapsed_and_the_last_one_wins(index, backend):
    page = publish(index)
    correct(page, summary="Trích yếu đã đính chính")
    unpublish(page)
    assert len(changes(page)) >= 3
    report = outbox.apply_pending()
    # One call for the page: its last change (a delete), every row marked applied.
    assert backend.calls == [("delete", (page.pk,))]
    assert report.deleted == 1 and report.rows == len(changes(page))
    assert all(applied for _, applied in changes(page))


def test_apply_pending_with_a_limit(index, backend):
    pages = [publish(index, slug=f"0{n}-2015", number=f"0{n}/2015/QĐ-UBND") for n in (1, 2, 3)]
    report = outbox.apply_pending(limit=2)
    assert report.indexed == 2 and outbox.pending_count() == 1
    assert backend.indexed() == [pages[0].pk, pages[1].pk]  # oldest first
    assert outbox.apply_pending(limit=5).indexed == 1


def test_upsert_of_a_page_no_longer_live_deletes_it(index, backend):
    page = publish(index)
    outbox.apply_pending()
    # Taken offline behind the outbox's back (a raw update sends no signal).
    LegalDocumentPage.objects.filter(pk=page.pk).update(live=False)
    outbox.record_upserts([page.pk])
    report = outbox.apply_pending()
    assert report.deleted == 1 and page.pk in backend.deleted()


def test_one_bad_document_does_not_hold_back_the_others(index, backend):
    first = publish(index)
    second = publish(index, slug="06-2015-qd-ubnd", number="06/2015/QĐ-UBND")
    backend.fail_for = {first.pk}
    report = outbox.apply_pending()
    assert (report.indexed, report.failed) == (1, 1)
    assert second.pk in backend.records and first.pk not in backend.records
    failed = IndexChange.objects.pending().get(page_id=first.pk)
    # Two failed calls: the batch, then the page alone.
    assert failed.attempts == 2 and "cannot index" in failed.last_error
    # Pages that keep failing go to the back of the queue; once fixed they are applied.
    backend.fail_for = set()
    assert outbox.apply_pending().indexed == 1


def test_a_down_backend_costs_few_calls_per_run(index, backend):
    pages = [
        publish(index, slug=f"0{n}-2015-qd-ubnd", number=f"0{n}/2015/QĐ-UBND") for n in (1, 2, 3)
    ]
    backend.fail = ConnectionError("unreachable")
    report = outbox.apply_pending()
    # The batch, then two pages alone: the backend is down, the run stops.
    assert [kind for kind, _ in backend.calls] == ["index", "index", "index"]
    assert report.stopped and report.failed == 3 and report.applied == 0
    assert outbox.pending_count() == 3
    # The two tried alone go last next time.
    backend.calls.clear()
    outbox.apply_pending(batch_size=1)
    assert backend.calls[0] == ("index", (pages[2].pk,))


def test_publishing_a_replacement_reindexes_the_replaced_document(index, backend):
    old = publish(index)
    outbox.apply_pending()
    new = factories.legal_document(
        index,
        slug="10-2016-qd-ubnd",
        number="10/2016/QĐ-UBND",
        issued_on=datetime.date(2016, 1, 4),
        effective_on=datetime.date(2016, 1, 20),
        document_type=factories.document_type(is_normative=True),
        live=False,
    )
    DocumentRelation.objects.create(source=new, kind=RelationKind.REPLACES, target=old)
    new.save_revision()
    backend.calls.clear()
    perform_transition(
        workflow_id=new.workflow.pk,
        name="import_published",
        user=None,
        system=True,
        issue=IssueData(
            number="10/2016/QĐ-UBND",
            issued_on=datetime.date(2016, 1, 4),
            effective_on=datetime.date(2016, 1, 20),
            signer="Nguyễn Văn A",
            signer_title="CHỦ TỊCH",
        ),
    )
    outbox.apply_pending()
    assert set(backend.indexed()) == {old.pk, new.pk}
    assert backend.records[old.pk].terminated_on == datetime.date(2016, 1, 20)


def test_renaming_an_issuing_body_reindexes_its_documents(index, backend):
    page = publish(index)
    outbox.apply_pending()
    body = IssuingBody.objects.get(pk=page.issuing_body_id)
    body.save()  # unchanged name: nothing to do
    assert outbox.pending_count() == 0
    body.name = "Ủy ban nhân dân tỉnh Cao Bằng (đổi tên)"
    body.save()
    outbox.apply_pending()
    assert backend.records[page.pk].issuer_name == "Ủy ban nhân dân tỉnh Cao Bằng (đổi tên)"


def test_deferred_writes_changes_but_queues_and_applies_nothing(
    index, backend, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True), outbox.deferred():
        page = publish(index)
    assert backend.calls == [] and queued_applies() == []
    assert changes(page) == [(Action.UPSERT, False)]


def test_search_sync_applies_reports_and_fails_while_pending(index, backend, capsys):
    page = publish(index)
    backend.fail = ConnectionError("unreachable")
    with pytest.raises(CommandError, match="still pending"):
        call_command("search_sync")
    call_command("search_sync", "--status")
    assert "1 pending changes for 1 documents" in capsys.readouterr().out
    backend.fail = None
    call_command("search_sync")
    out = capsys.readouterr().out
    assert "1 documents indexed" in out and "0 pending" in out
    assert page.pk in backend.records
    # Applied rows are pruned after --keep-days.
    call_command("search_sync", "--keep-days", "0")
    assert not IndexChange.objects.exists()


def test_search_reindex_rebuilds_everything_and_covers_pending_changes(index, backend, capsys):
    published = publish(index)
    factories.legal_document(index, slug="du-thao", live=False)
    call_command("search_reindex", "--batch-size", "1")
    assert ("clear", ()) in backend.calls
    assert set(backend.records) == {published.pk}
    assert outbox.pending_count() == 0
    assert "Indexed 1 documents" in capsys.readouterr().out
