"""A draft open for public comment under the portal's consultation page."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from tests import factories
from workflow import services
from workflow.dossier import DossierKind


def docx_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Dự thảo Quy chế phát ngôn.")
    document.save(buffer)
    return SimpleUploadedFile("du-thao.docx", buffer.getvalue())


@pytest.fixture
def open_draft(db):
    """A normative draft in consultation; its public comment form is at ``/lay-y-kien/<pk>/``."""
    from cms.models import ConsultationIndexPage

    home, index = factories.site_tree()
    home.add_child(instance=ConsultationIndexPage(title="Lấy ý kiến", slug="lay-y-kien"))
    page = factories.legal_document(
        index,
        slug="quy-che-phat-ngon",
        title="Quy chế phát ngôn",
        live=False,
        document_type=factories.document_type(is_normative=True),
    )
    admin = get_user_model().objects.create_superuser("root", password="x")
    services.attach_dossier_file(
        workflow=page.workflow, user=admin, kind=DossierKind.DRAFT, upload=docx_upload()
    )
    ends = datetime.date.today() + datetime.timedelta(days=60)
    for name, data in (
        ("start_drafting", {}),
        ("open_consultation", {"consultation_ends_on": ends}),
    ):
        services.perform_transition(
            workflow_id=page.workflow.pk, name=name, user=None, system=True, **data
        )
    return page
