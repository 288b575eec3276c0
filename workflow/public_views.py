from django.http import FileResponse, Http404

from .public import published_signed_copy


def signed_copy(request, page_id: int):
    """The signed original of a published document; 404 for anything not published."""
    dossier_file = published_signed_copy(page_id)
    if dossier_file is None:
        raise Http404
    response = FileResponse(
        dossier_file.file.open("rb"), as_attachment=True, filename=dossier_file.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
