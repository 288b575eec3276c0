"""Admin wiring of the search app: the document listing ("Văn bản") and admin search."""

from wagtail import hooks

from search.document_listing import DocumentListingViewSet


@hooks.register("register_admin_viewset")
def register_document_listing():
    return DocumentListingViewSet()
