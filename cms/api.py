"""Wagtail's API v2, limited to published legal documents and their metadata (docs/api.md).

``?search=`` goes through Wagtail's search backend, which the settings name
(``WAGTAILSEARCH_BACKENDS``: ``search.admin_backend``), so legal documents are matched by the
project's Vietnamese search without cms importing the search app (docs/api.md, "Search").
"""

from django.urls import reverse
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.models import LegalDocumentPage
from cms.public_url import absolute_url


class AknUrlField(Field):
    """The document's Akoma Ntoso XML (served by the documents app: reversed by URL name)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return absolute_url(reverse("documents:akn", args=[page.pk]))


class LegalDocumentsAPIViewSet(PagesAPIViewSet):
    model = LegalDocumentPage  # so the metadata fields are available without ?type=
    meta_fields = [*PagesAPIViewSet.meta_fields, APIField("akn_url", serializer=AknUrlField())]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "akn_url"]

    def get_base_queryset(self):
        # Live, public pages only (PagesAPIViewSet's own rule), and only legal documents.
        return super().get_base_queryset().type(LegalDocumentPage)

    def get_queryset(self):
        """Everything the fields read, fetched for the whole page of results at once (the
        list's query count does not grow with its length), and nothing else."""
        queryset = super().get_queryset()
        if not issubclass(queryset.model, LegalDocumentPage):  # ?type= a more general model
            return queryset
        return (
            # No field shows the texts: their columns are most of a row.
            queryset.defer_streamfields()
            .defer("preamble", "recipients", "signer_title")
            # Prefetched rather than joined: with the joins SQLite reads every matching row (and
            # its text) before sorting, instead of the page's 20 by the tree's index.
            .prefetch_related("document_type", "issuing_body", "locale", "sectors")
            # Validity from the prefetched terminations, for this page of results only (an SQL
            # annotation would be evaluated for every matching row before the page is cut).
            .with_terminations()
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("van-ban", LegalDocumentsAPIViewSet)
