"""The index outbox: record index changes with the page change, apply them after commit.

``record_changes`` inserts ``IndexChange`` rows on the current connection, so they commit or
roll back with the publish/unpublish/delete that caused them, and once that transaction commits
enqueues the ``apply_changes`` background task for those pages (django-tasks: the worker in
development and production, inline in tests). A backend that fails, or a queue that cannot take
the task, never reaches the request: the rows stay pending. ``apply_pending`` applies what is
pending through the configured backend (``search.backends.get_backend``):

- changes are collapsed per page: the last change wins, earlier ones are marked applied with it;
- an upsert indexes the page as it is *now* (``search.index_records.records_for``); a page that is
  no longer live and public by then leaves the index instead;
- a failure keeps the rows pending with ``attempts`` and ``last_error``; they are retried by the
  next ``apply_pending`` (after the next change, or ``manage.py search_sync``). When a batch
  fails, its pages are tried one by one; when the first two fail too, the backend is taken to
  be down and the run stops (three failed calls per run while Elasticsearch is unreachable).
  Otherwise one bad document cannot hold back the others: it fails alone, and pages with more
  failed attempts come last in the next run.

Bulk work (imports) runs under ``deferred()``: rows are still written, but nothing is applied
per transaction; ``catch_up`` applies everything at the end in batches. Both are registered
with ``workflow.bulk`` (the importer does not import this app).
"""

import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from asgiref.local import Local
from django.db import connection, transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django_tasks import task

from cms.management.progress import Progress

from .models import IndexChange

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ERROR_LENGTH = 2000
# Any fixed 64-bit number: serialises appliers on PostgreSQL (see _applier_lock).
_ADVISORY_LOCK_KEY = 0x5EA2C4_0001

_local = Local()

Action = IndexChange.Action


@dataclass
class ApplyReport:
    indexed: int = 0  # pages (re)indexed
    deleted: int = 0  # pages removed from the index
    failed: int = 0  # pages whose changes stay pending
    rows: int = 0  # outbox rows marked applied (collapsed duplicates included)
    errors: list[str] = field(default_factory=list)
    stopped: bool = False  # the backend looked unreachable: the run stopped early

    @property
    def applied(self) -> int:
        return self.indexed + self.deleted


# -- recording -------------------------------------------------------------------------------


def is_deferred() -> bool:
    return getattr(_local, "deferred", 0) > 0


@contextmanager
def deferred():
    """Write index changes but do not apply them after each commit (bulk imports).

    The caller applies them at the end (``apply_pending``) or leaves them to ``search_sync``.
    """
    _local.deferred = getattr(_local, "deferred", 0) + 1
    try:
        yield
    finally:
        _local.deferred -= 1


def record_changes(page_ids: Iterable[int], action: str) -> list[int]:
    """Write one outbox row per page in the current transaction; apply them after commit."""
    ids = list(dict.fromkeys(int(pk) for pk in page_ids if pk is not None))
    if not ids:
        return ids
    IndexChange.objects.bulk_create(IndexChange(page_id=pk, action=action) for pk in ids)
    if not is_deferred():
        transaction.on_commit(partial(_enqueue, tuple(ids)), robust=True)
    return ids


def record_upserts(page_ids: Iterable[int]) -> list[int]:
    return record_changes(page_ids, Action.UPSERT)


def record_deletes(page_ids: Iterable[int]) -> list[int]:
    return record_changes(page_ids, Action.DELETE)


def _enqueue(page_ids: tuple[int, ...]) -> None:
    try:
        apply_changes.enqueue(list(page_ids))
    except Exception:  # never let indexing break the request that published
        logger.exception(
            "Search index: could not queue the changes of pages %s; search_sync will apply them",
            page_ids,
        )


@task()
def apply_changes(page_ids: list[int]) -> dict[str, int]:
    """The background task: apply the pending changes of these pages (after their commit)."""
    report = apply_pending(page_ids=page_ids)
    if report.failed:
        logger.warning(
            "Search index: %d page(s) left pending (%s); search_sync will retry",
            report.failed,
            "; ".join(report.errors[:3]),
        )
    return {"indexed": report.indexed, "deleted": report.deleted, "failed": report.failed}


# -- applying --------------------------------------------------------------------------------


def pending_count() -> int:
    return IndexChange.objects.pending().count()


def apply_pending(
    *,
    limit: int | None = None,
    page_ids: Iterable[int] | None = None,
    batch_size: int = BATCH_SIZE,
    backend=None,
    progress: Callable[[int], None] | None = None,
) -> ApplyReport:
    """Apply pending changes, oldest first; at most ``limit`` pages (all when None).

    Pages that already failed come after the others (fewest attempts first), so a document the
    backend keeps refusing cannot hold back the queue.

    ``page_ids`` restricts the run to those pages (the after-commit hook); ``progress`` is
    called with the number of pages handled after each batch.
    """
    report = ApplyReport()
    pending = IndexChange.objects.pending()
    if page_ids is not None:
        pending = pending.filter(page_id__in=list(page_ids))
    with _applier_lock():
        pages = list(
            pending.values("page_id")
            .annotate(first=Min("id"), tries=Max("attempts"))
            .order_by("tries", "first")
            .values_list("page_id", flat=True)
        )
        if limit is not None:
            pages = pages[: max(limit, 0)]
        if not pages:
            return report
        if backend is None:
            try:
                from search.backends import get_backend

                backend = get_backend()
            except Exception as exc:
                _fail(pending.filter(page_id__in=pages).values_list("id", flat=True), exc)
                report.failed = len(pages)
                report.errors.append(_describe(exc))
                report.stopped = True
                return report
        for start in range(0, len(pages), batch_size):
            chunk = pages[start : start + batch_size]
            rows = list(
                pending.filter(page_id__in=chunk)
                .order_by("id")
                .values_list("id", "page_id", "action")
            )
            _apply_batch(backend, rows, report)
            if progress is not None:
                progress(len(chunk))
            if report.stopped:
                report.failed += len(pages) - start - len(chunk)
                break
    return report


def catch_up(*, batch_size: int | None, stream) -> str:
    """After a bulk import (``workflow.bulk``): apply everything pending, with a progress bar
    on ``stream``; the line reported."""
    progress = Progress("Indexing", pending_count(), stream=stream)
    report = apply_pending(batch_size=batch_size or BATCH_SIZE, progress=progress.advance)
    progress.finish()
    return (
        f"Search index: {report.indexed} indexed, {report.deleted} removed, "
        f"{report.failed} left pending in {progress.elapsed:.1f} s"
        + (f" ({report.errors[0]})" if report.errors else "")
    )


PROBES = 2  # pages tried alone after a failed batch before the backend is taken to be down


def _apply_batch(backend, rows: list[tuple[int, int, str]], report: ApplyReport) -> None:
    last: dict[int, str] = {}
    row_ids: dict[int, list[int]] = {}
    for row_id, page_id, action in rows:
        last[page_id] = action  # rows come oldest first: the last change wins
        row_ids.setdefault(page_id, []).append(row_id)
    try:
        indexed, deleted = _send(backend, last)
    except Exception as exc:
        _fail([row for ids in row_ids.values() for row in ids], exc)
        report.errors.append(_describe(exc))
        if len(last) == 1:
            report.failed += 1
            report.stopped = True
            return
        _apply_one_by_one(backend, last, row_ids, report)
        return
    _done(row_ids, last, report, indexed, deleted)


def _apply_one_by_one(backend, last, row_ids, report: ApplyReport) -> None:
    """After a failed batch: each page alone. When the first ``PROBES`` pages all fail, the
    backend is down rather than one document bad: stop (the pages tried alone now have more
    attempts than the others, so the next run starts with other pages)."""
    succeeded = False
    for position, (page_id, action) in enumerate(last.items()):
        try:
            indexed, deleted = _send(backend, {page_id: action})
        except Exception as exc:
            _fail(row_ids[page_id], exc)
            report.failed += 1
            report.errors.append(f"page {page_id}: {_describe(exc)}")
            if not succeeded and position + 1 >= PROBES:
                report.failed += len(last) - position - 1
                report.stopped = True
                return
            continue
        succeeded = True
        _done({page_id: row_ids[page_id]}, {page_id: action}, report, indexed, deleted)


def _send(backend, actions: dict[int, str]) -> tuple[set[int], set[int]]:
    """Index the upserted pages as they are now; delete the rest. Returns (indexed, deleted)."""
    from search.index_records import indexable_documents, records_for

    upserts = [pk for pk, action in actions.items() if action == Action.UPSERT]
    records = list(records_for(indexable_documents().filter(pk__in=upserts))) if upserts else []
    indexed = {record.page_id for record in records}
    deleted = {pk for pk in actions if pk not in indexed}
    if records:
        backend.index(records)
    if deleted:
        backend.delete(sorted(deleted))
    return indexed, deleted


def _done(row_ids, actions, report: ApplyReport, indexed: set[int], deleted: set[int]) -> None:
    ids = [row for pk in actions for row in row_ids[pk]]
    IndexChange.objects.filter(id__in=ids).update(
        applied_at=timezone.now(), attempts=F("attempts") + 1
    )
    report.rows += len(ids)
    report.indexed += len(indexed)
    report.deleted += len(deleted)


def _fail(row_ids: Iterable[int], exc: BaseException) -> None:
    IndexChange.objects.filter(id__in=list(row_ids)).update(
        attempts=F("attempts") + 1, last_error=_describe(exc)[:MAX_ERROR_LENGTH]
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


@contextmanager
def _applier_lock():
    """One applier at a time on PostgreSQL, so an older page state never overwrites a newer one.

    (Two appliers could otherwise read a page before and after a change and write in the wrong
    order.) SQLite serialises writers itself; the embedded deployment runs one process anyway.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_ADVISORY_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_LOCK_KEY])


def prune_applied(*, older_than) -> int:
    """Delete applied rows older than ``older_than`` (a timedelta); returns how many."""
    cutoff = timezone.now() - older_than
    deleted, _ = IndexChange.objects.applied().filter(applied_at__lt=cutoff).delete()
    return deleted
