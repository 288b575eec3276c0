"""A draft open for public comment under the portal's consultation page."""

import pytest

from tests import factories


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
    factories.open_consultation(page)
    return page
