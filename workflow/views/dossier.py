from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import rights, services
from workflow.dossier import DossierKind
from workflow.forms import DossierUploadForm
from workflow.models import DossierFile, PostponementRequest

from .base import WorkflowFormView


class DossierUploadView(WorkflowFormView):
    form_class = DossierUploadForm
    page_title = gettext_lazy("Bổ sung hồ sơ")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kinds"] = rights.uploadable_kinds(self.request.user, self.workflow)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = _("Tải lên")
        return context

    def act(self, form) -> str:
        dossier_file = services.attach_dossier_file(
            workflow=self.workflow,
            user=self.request.user,
            kind=DossierKind(form.cleaned_data["kind"]),
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        return _("Đã lưu “%(kind)s”, phiên bản %(version)d.") % {
            "kind": dossier_file.get_kind_display(),
            "version": dossier_file.version,
        }


def _private_file_response(user, field_file, filename: str) -> FileResponse:
    # Dossier files are for the people working on documents; never public, whatever the URL.
    rights.see_workflow(user).enforce()
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def download_dossier_file(request, file_id: int):
    dossier_file = get_object_or_404(DossierFile, pk=file_id)
    return _private_file_response(request.user, dossier_file.file, dossier_file.original_name)


def download_postponement_letter(request, request_id: int):
    postponement = get_object_or_404(PostponementRequest, pk=request_id)
    if not postponement.letter:
        raise PermissionDenied
    name = postponement.letter.name.rsplit("/", 1)[-1]
    return _private_file_response(request.user, postponement.letter, name)
