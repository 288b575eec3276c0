"""Admin screens for the cms app: reference-data snippets and a flat listing of documents."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    menu_label = _("Loại văn bản")
    list_display = ["name", "code", "is_normative"]
    list_filter = ["is_normative"]
    search_fields = ["name", "code"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Cơ quan")
    list_display = ["name", "code", "is_party_body"]
    list_filter = ["is_party_body"]
    search_fields = ["name", "code"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Lĩnh vực")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (DocumentTypeViewSet, IssuingBodyViewSet, SectorViewSet)
    menu_icon = "list-ul"
    menu_label = _("Danh mục")
    menu_name = "reference-data"
    menu_order = 300


register_snippet(ReferenceDataGroup)


class LegalDocumentListingViewSet(PageListingViewSet):
    """Every legal document in one list, filterable by type and issuing body."""

    model = LegalDocumentPage
    icon = "doc-full-inverse"
    menu_label = _("Văn bản")
    menu_order = 100
    name = "legal_documents"
    add_to_admin_menu = True
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Tên văn bản"), sort_key="title", classname="title"),
        Column("number", label=_("Số, ký hiệu"), sort_key="number", width="12%"),
        Column("document_type", label=_("Loại văn bản"), sort_key="document_type__name"),
        Column("issuing_body", label=_("Cơ quan ban hành"), sort_key="issuing_body__name"),
        DateColumn("issued_on", label=_("Ngày ban hành"), sort_key="issued_on", width="10%"),
        PageStatusColumn("status", label=_("Trạng thái"), sort_key="live", width="10%"),
    ]
    list_filter = ["document_type", "issuing_body", "sectors", "issued_on"]


@hooks.register("register_admin_viewset")
def register_legal_document_listing():
    return LegalDocumentListingViewSet()
