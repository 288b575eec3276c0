"""Import previews expire: an old one cannot be accepted, and the task run when a preview is
stored and the cleanup command delete only the expired ones."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from documents import tasks
from tests.documents.test_import_into_draft import draft_docx
from workflow.models import DossierFile

pytestmark = pytest.mark.django_db

HOUR = 3600


def upload_preview(client, draft) -> str:
    response = client.post(
        reverse("documents_import:upload", args=[draft.workflow.pk]),
        {"file": SimpleUploadedFile("du-thao.docx", draft_docx())},
    )
    assert response.status_code == 200
    return response.context["preview"].token


def preview_file(token: str) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports" / f"{token}.docx"


def age(token: str, hours: float) -> None:
    """Make a stored preview ``hours`` old."""
    moment = time.time() - hours * HOUR
    os.utime(preview_file(token), (moment, moment))


def accept(client, draft, token: str):
    return client.post(
        reverse("documents_import:accept", args=[draft.workflow.pk]),
        {"token": token, "filename": "du-thao.docx", "decision": "accept"},
        follow=True,
    )


def test_the_preview_page_says_until_when_it_is_kept(client, drafter, draft):
    response = client.post(
        reverse("documents_import:upload", args=[draft.workflow.pk]),
        {"file": SimpleUploadedFile("du-thao.docx", draft_docx())},
    )
    assert "Bản xem trước được giữ đến" in response.content.decode()
    preview = response.context["preview"]
    stored = os.path.getmtime(preview_file(preview.token))
    assert preview.expires_at.timestamp() == pytest.approx(stored + 24 * HOUR)


def test_an_expired_preview_cannot_be_accepted(client, drafter, draft):
    token = upload_preview(client, draft)
    age(token, 25)
    response = accept(client, draft, token)
    assert "Bản xem trước đã hết hạn hoặc không còn" in response.content.decode()
    assert "chỉ được giữ 24 giờ" in response.content.decode()
    assert not preview_file(token).exists()  # deleted on the way
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()
    assert draft.revisions.count() == 1


def test_a_preview_within_its_lifetime_is_accepted(client, drafter, draft, settings):
    settings.DOCUMENTS_IMPORT_PREVIEW_HOURS = 2
    token = upload_preview(client, draft)
    age(token, 1.5)
    response = accept(client, draft, token)
    assert "Đã thay nội dung văn bản" in response.content.decode()
    assert draft.workflow.dossier_files.get().kind == "draft"


def test_the_command_deletes_only_expired_previews(client, drafter, draft):
    old, fresh = upload_preview(client, draft), upload_preview(client, draft)
    age(old, 24.1)
    age(fresh, 23.9)
    stranger = preview_file(old).parent / "ghi-chu.txt"  # not a preview: never touched
    stranger.write_text("x")
    stranger_time = time.time() - 100 * HOUR
    os.utime(stranger, (stranger_time, stranger_time))
    out = StringIO()
    call_command("cleanup_import_previews", stdout=out)
    assert "Deleted 1 expired import preview(s)." in out.getvalue()
    assert not preview_file(old).exists()
    assert preview_file(fresh).exists() and stranger.exists()
    assert "hết hạn" not in accept(client, draft, fresh).content.decode()
    stranger.unlink()


def test_storing_a_preview_runs_the_cleanup_task(client, drafter, draft):
    old = upload_preview(client, draft)
    age(old, 30)
    new = upload_preview(client, draft)  # the task runs at once on the test task backend
    assert not preview_file(old).exists()
    assert preview_file(new).exists()
    assert tasks.cleanup_import_previews.enqueue().return_value == 0  # nothing left to do


def test_cancelling_an_expired_preview_is_harmless(client, drafter, draft):
    token = upload_preview(client, draft)
    age(token, 48)
    response = client.post(
        reverse("documents_import:accept", args=[draft.workflow.pk]),
        {"token": token, "filename": "du-thao.docx", "decision": "cancel"},
        follow=True,
    )
    assert "Đã hủy" in response.content.decode()
    assert not preview_file(token).exists()
