from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import LegalDocumentPage
from .record import canonical_text


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /lay-y-kien/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def canonical_text_view(request, page_id: int):
    """The canonical text of a published document: its SHA-256 is the fingerprint the
    document's page shows, so anyone can check the text with ``sha256sum``."""
    page = get_object_or_404(LegalDocumentPage.objects.live().public(), pk=page_id)
    response = HttpResponse(canonical_text(page), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="van-ban-{page.pk}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
