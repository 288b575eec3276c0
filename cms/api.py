"""Wagtail's API v2, limited to published legal documents and their metadata."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.models import LegalDocumentPage


class LegalDocumentsAPIViewSet(PagesAPIViewSet):
    model = LegalDocumentPage  # so the metadata fields are available without ?type=

    def get_base_queryset(self):
        # Live, public pages only (PagesAPIViewSet's own rule), and only legal documents.
        return super().get_base_queryset().type(LegalDocumentPage)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("van-ban", LegalDocumentsAPIViewSet)
