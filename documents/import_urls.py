from django.urls import path

from .import_views import AcceptImportView, ImportDocxView

app_name = "documents_import"
urlpatterns = [
    path("<int:workflow_id>/", ImportDocxView.as_view(), name="upload"),
    path("<int:workflow_id>/accept/", AcceptImportView.as_view(), name="accept"),
]
