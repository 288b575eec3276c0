from django.urls import path

from .views import (
    consultation,
    corrections,
    detail,
    dossier,
    postponements,
    signed_original,
    steps,
)

app_name = "workflow"
urlpatterns = [
    path("document/<int:page_id>/", detail.DocumentWorkflowView.as_view(), name="document"),
    path("<int:workflow_id>/step/<str:name>/", steps.TransitionView.as_view(), name="step"),
    path("<int:workflow_id>/dossier/", dossier.DossierUploadView.as_view(), name="upload"),
    path(
        "<int:workflow_id>/signed-original/allow/",
        signed_original.AllowPublicationView.as_view(),
        name="allow_unverified_original",
    ),
    path("dossier/<int:file_id>/", dossier.download_dossier_file, name="dossier_file"),
    path(
        "<int:workflow_id>/correction/open/",
        corrections.OpenCorrectionView.as_view(),
        name="correction_open",
    ),
    path(
        "<int:workflow_id>/correction/apply/",
        corrections.ApplyCorrectionView.as_view(),
        name="correction_apply",
    ),
    path(
        "<int:workflow_id>/correction/cancel/",
        corrections.CancelCorrectionView.as_view(),
        name="correction_cancel",
    ),
    path(
        "document/<int:page_id>/texts/<int:text_id>/",
        corrections.IssuedTextView.as_view(),
        name="issued_text",
    ),
    path(
        "<int:workflow_id>/comments/add/",
        consultation.CommentCreateView.as_view(),
        name="comment_add",
    ),
    path(
        "<int:workflow_id>/comments/<int:comment_id>/",
        consultation.CommentResponseView.as_view(),
        name="comment_respond",
    ),
    path(
        "<int:workflow_id>/postponements/add/",
        postponements.PostponementRequestView.as_view(),
        name="postponement_add",
    ),
    path(
        "<int:workflow_id>/postponements/<int:request_id>/",
        postponements.PostponementDecisionView.as_view(),
        name="postponement_decide",
    ),
    path(
        "postponements/<int:request_id>/letter/",
        dossier.download_postponement_letter,
        name="postponement_letter",
    ),
]
