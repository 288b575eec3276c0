from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .crawling import disallowed_paths
from .models import LegalDocumentPage
from .public_url import absolute_url
from .record import canonical_text


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon itself is a static file
    (a temporary redirect: its hashed name changes with its content)."""
    return HttpResponseRedirect(static("favicon.ico"))


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
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


@require_GET
@never_cache
def choose_language(request, language: str):
    """The language switch: a plain link, so cached pages need no CSRF token for it.

    Choosing a language is a preference, not an action worth forging, so GET is enough; ``next``
    must stay on this site (no open redirect)."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
