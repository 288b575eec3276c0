"""Admin wiring for DOCX in and out (import into a draft, downloads, a Reports entry) and the
review of relations read from the texts."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.models import LegalDocumentPage
from workflow.admin_menu import RoleMenuItem

from . import import_urls
from .relations.review import LOG_ACTIONS, RelationReviewViewSet
from .urls import admin_urlpatterns
from .views import may_export


@hooks.register("register_admin_urls")
def register_documents_urls():
    return [
        path(
            "documents-export/",
            include((admin_urlpatterns, "documents_admin"), namespace="documents_admin"),
        ),
        path("documents-import/", include(import_urls, namespace="documents_import")),
    ]


def _is_legal_document(page) -> bool:
    page_class = page.specific_class
    return page_class is not None and issubclass(page_class, LegalDocumentPage)


class ExportDocxButton(PageMenuItem):
    label = _("Tải về bản Word (DOCX)")
    icon_name = "download"

    @property
    def url(self):
        return reverse("documents_admin:export", args=[self.page.pk])

    def is_shown(self, user):
        return may_export(user, self.page)


@hooks.register("register_page_header_buttons")
def page_header_export_button(page, user, view_name, next_url=None):
    if _is_legal_document(page):
        yield ExportDocxButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_listing_export_button(page, user, next_url=None):
    if _is_legal_document(page):
        yield ExportDocxButton(page=page, priority=45)


@hooks.register("register_reports_menu_item")
def register_programme_docx_menu_item():
    return RoleMenuItem(
        _("Báo cáo tiến độ chương trình (Word)"),
        reverse("documents_admin:programme_report"),
        name="documents-programme-report",
        icon_name="doc-full",
        order=60,
    )


@hooks.register("register_admin_viewset")
def register_relation_review():
    return RelationReviewViewSet()


@hooks.register("register_log_actions")
def register_relation_review_actions(actions):
    for action, label in LOG_ACTIONS.values():
        actions.register_action(action, label, label)
