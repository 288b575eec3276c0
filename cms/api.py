"""Wagtail's API v2, limited to published legal documents and their metadata."""

from django.urls import reverse
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.models import LegalDocumentPage


class AknUrlField(Field):
    """The document's Akoma Ntoso XML (served by the documents app: reversed by URL name)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.context["request"].build_absolute_uri(reverse("documents:akn", args=[page.pk]))


class LegalDocumentsAPIViewSet(PagesAPIViewSet):
    model = LegalDocumentPage  # so the metadata fields are available without ?type=
    meta_fields = [*PagesAPIViewSet.meta_fields, APIField("akn_url", serializer=AknUrlField())]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "akn_url"]

    def get_base_queryset(self):
        # Live, public pages only (PagesAPIViewSet's own rule), and only legal documents.
        return super().get_base_queryset().type(LegalDocumentPage)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("van-ban", LegalDocumentsAPIViewSet)
