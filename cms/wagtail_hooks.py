"""Admin screens for the cms app: reference-data snippets (the document listing is
``search.document_listing``: it shows workflow states)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import DocumentType, IssuingBody, Sector


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


@hooks.register("insert_editor_js")
def table_editor_in_vietnamese():
    return format_html('<script src="{}"></script>', static("js/table-editor-vi.js"))
