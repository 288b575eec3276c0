"""Admin wiring of the search app: the document listing ("Văn bản"), the sidebar's search box
leading to it, and the page chooser limited to what the user may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.search import SearchArea

from cms.models import LegalDocumentPage
from search.admin_find import visible_documents
from search.document_listing import DocumentListingViewSet
from workflow.rights import see_workflow

document_listing = DocumentListingViewSet()


@hooks.register("register_admin_viewset")
def register_document_listing():
    return document_listing


class DocumentSearchArea(SearchArea):
    def is_shown(self, request):
        return bool(see_workflow(request.user))


@hooks.register("register_admin_search_area")
def register_document_search_area():
    # Before Wagtail's "Pages" (order 100): the sidebar's search box uses the first area.
    return DocumentSearchArea(
        _("Văn bản"),
        reverse(document_listing.get_url_name("index")),
        name="legal_documents",
        icon_name="doc-full-inverse",
        order=50,
    )


@hooks.register("construct_page_chooser_queryset")
def only_visible_documents(pages, request):
    """Legal documents the user may not see are not offered (other pages are unchanged)."""
    hidden = LegalDocumentPage.objects.exclude(pk__in=visible_documents(request.user).values("pk"))
    return pages.exclude(pk__in=hidden.values("pk"))
