"""URLs of the documents app.

``urlpatterns`` (namespace ``documents``) are the portal's: include them in ``config/urls.py``
before Wagtail's catch-all. ``admin_urlpatterns`` (namespace ``documents_admin``) are mounted
under ``/admin/documents-export/`` by the ``register_admin_urls`` hook in ``wagtail_hooks``.
"""

from django.urls import path

from . import open_data, views
from .comparison.views import CompareDraftsView

app_name = "documents"
urlpatterns = [
    path("van-ban/<int:page_id>/tai-ve.docx", views.portal_download, name="download"),
    path("van-ban/<int:page_id>/akoma-ntoso.xml", open_data.akn_document, name="akn"),
    path("akn/<path:name>", open_data.akn_resolver, name="akn_resolver"),
    path("du-lieu-mo/van-ban.jsonl", open_data.bulk_documents, name="bulk_jsonl"),
    path(
        "du-lieu-mo/van-ban.jsonl.gz",
        open_data.bulk_documents,
        {"compressed": True},
        name="bulk_jsonl_gz",
    ),
]

admin_urlpatterns = [
    path("<int:page_id>.docx", views.admin_export, name="export"),
    path("comments/<int:workflow_id>.docx", views.comment_synthesis, name="comment_synthesis"),
    path("programme/", views.ProgrammeReportView.as_view(), name="programme_report"),
    path("compare/<int:page_id>/", CompareDraftsView.as_view(), name="compare"),
    path(
        "compare/<int:page_id>.docx",
        CompareDraftsView.as_view(),
        {"docx": True},
        name="compare_docx",
    ),
]
