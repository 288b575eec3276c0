from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from .public import published_signed_copy


def signed_copy(request, page_id: int):
    """The signed original of a published document; 404 for anything not published.

    It follows the page's privacy (Wagtail view restrictions on the page or an ancestor): a
    visitor who has not passed them is sent to the document page, which asks for the password
    or the login and is where the download link is."""
    dossier_file = published_signed_copy(page_id)
    if dossier_file is None:
        raise Http404
    page = dossier_file.workflow.page
    restrictions = list(page.get_view_restrictions())
    if not all(restriction.accept_request(request) for restriction in restrictions):
        page_url = page.get_url(request)
        if page_url is None:
            raise Http404
        return redirect(page_url)
    response = FileResponse(
        dossier_file.file.open("rb"), as_attachment=True, filename=dossier_file.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    if restrictions:
        add_never_cache_headers(response)  # as Wagtail does for the restricted page itself
    return response
