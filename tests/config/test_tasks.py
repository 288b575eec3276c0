"""The task queue as deployed: tasks are rows in the database, run by ``manage.py db_worker``.

Tests run tasks inline (``config/settings/test.py``); here the database backend is switched on
and the worker's loop runs in batch mode, for our tasks and for Wagtail's own.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from tests import factories
from tests.config.test_settings import PRODUCTION_ENV, run_manage
from workflow import mail
from workflow.models import OutgoingEmail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PRINT_TASKS = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"


def run_worker(monkeypatch) -> None:
    """What ``manage.py db_worker --batch`` does: run every task that is due, then stop."""
    # The test's transaction holds everything: the worker must not recycle the connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_development_and_production_queue_tasks_in_the_database():
    for env in ({"DJANGO_SETTINGS_MODULE": "config.settings.dev"}, PRODUCTION_ENV):
        result = run_manage("shell", "--no-imports", "-c", PRINT_TASKS, env=env)
        assert result.stdout.strip() == "django_tasks_db.DatabaseBackend", result.stderr


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_sends_queued_email(monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(
            kind=OutgoingEmail.Kind.STEP,
            recipients=["lanhdao@example.vn"],
            subject="Thử",
            body="Nội dung.",
        )
    job = DBTaskResult.objects.get(task_path="workflow.mail.send_email")
    assert job.args_kwargs["args"] == [email.pk]
    assert mailoutbox == []  # the request only queued it

    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL" and job.return_value == OutgoingEmail.Status.SENT
    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.SENT


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_wagtail_keeps_its_reference_index_through_the_worker(monkeypatch):
    _home, index = factories.site_tree()
    body = factories.issuing_body()
    page = factories.legal_document(index, slug="du-thao", live=False, issuing_body=body)
    assert DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
    assert not ReferenceIndex.get_references_to(body).filter(object_id=str(page.pk)).exists()

    run_worker(monkeypatch)
    assert ReferenceIndex.get_references_to(body).filter(object_id=str(page.pk)).exists()
    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()


@pytest.mark.django_db
def test_the_worker_command_exists_and_refuses_a_backend_that_is_not_a_database():
    # Tests run the immediate backend: the worker has nothing to run there and says so.
    with pytest.raises(Exception, match="not a database backend"):
        call_command("db_worker", "--batch", "--no-reload", stdout=io.StringIO())
